-- Rows the target already holds, with keys the source's do not take: some
-- above them, taken from sequences moved on; some where the sequence is
-- behind; a table the source leaves empty.
SELECT setval('users_id_seq', 100);
INSERT INTO users (name) VALUES ('linus'), ('ken');
INSERT INTO orders (id, user_id) VALUES (500, 1);
ALTER TABLE events ALTER COLUMN id RESTART WITH 50;
INSERT INTO events (kind) VALUES ('migrated');
INSERT INTO published (id, title) VALUES (40, 'p40');
INSERT INTO ledger (id, amount) VALUES (-9, 1);
INSERT INTO measures (id, region) VALUES (20, 'eu');
