-- ON_ERROR_ROLLBACK on: a failing statement in a block rolls back alone.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\set ON_ERROR_ROLLBACK on
BEGIN;
INSERT INTO t VALUES (10, 'kept');
SELEC 1;
INSERT INTO t VALUES (20, 'kept');
COMMIT;
