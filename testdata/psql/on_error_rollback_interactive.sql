-- ON_ERROR_ROLLBACK interactive is off for a script: the block aborts.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\set ON_ERROR_ROLLBACK interactive
BEGIN;
INSERT INTO t VALUES (10, 'rolled back');
SELEC 1;
INSERT INTO t VALUES (20, 'ignored');
COMMIT;
