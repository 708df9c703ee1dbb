-- migrate:up
INSERT INTO account (id, email) VALUES (1, 'ada@example.com'), (2, 'bob@example.com');

-- migrate:down
DELETE FROM account;
