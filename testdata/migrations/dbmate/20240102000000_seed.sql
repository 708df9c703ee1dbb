-- Seed data.

-- migrate:up transaction:false
INSERT INTO a (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO b (id, name) VALUES (1, 'one'), (2, 'two');

-- migrate:down
-- Not run on the way up: were it run, it would repair b.
SELECT setval('b_id_seq', 100)
