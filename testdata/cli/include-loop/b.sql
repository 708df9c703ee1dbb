INSERT INTO t VALUES (1);
\ir a.sql
