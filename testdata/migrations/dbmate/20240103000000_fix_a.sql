-- migrate:up
SELECT setval('a_id_seq', (SELECT max(id) FROM a))
-- migrate:down
SELECT setval('b_id_seq', 200);
-- migrate:up
CREATE INDEX a_name ON a (name);
-- migrate:down
DROP INDEX a_name;
