-- The rows of the source database, dumped with --data-only and loaded
-- into the target.
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace'), (3, 'barbara');
INSERT INTO orders (id, user_id) VALUES (1, 1), (2, 2);
INSERT INTO events (kind) VALUES ('signup'), ('login');
INSERT INTO drafts (id, title) VALUES (1, 'd1'), (2, 'd2');
INSERT INTO published (id, title) VALUES (10, 'p10');
INSERT INTO ledger (id, amount) VALUES (-1, 5), (-2, 7);
INSERT INTO measures (id, region) VALUES (1, 'eu'), (2, 'us'), (3, 'us');
INSERT INTO "Audit"."Log" ("Id", note) VALUES (1, 'a'), (2, 'b');
