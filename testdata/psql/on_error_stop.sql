-- With ON_ERROR_STOP psql stops at the first failing statement.
CREATE TABLE t (id serial PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one');
SELECT setval('t_id_seq', 1);
\set ON_ERROR_STOP on
SELEC 1;
INSERT INTO t VALUES (2, 'never runs');
