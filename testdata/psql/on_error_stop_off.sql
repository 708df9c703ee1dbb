-- ON_ERROR_STOP set and unset: psql goes on after the failure.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\set ON_ERROR_STOP
\unset ON_ERROR_STOP
SELEC 1;
INSERT INTO t VALUES (2, 'runs');
