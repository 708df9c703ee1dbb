-- Included by include.sql: clean.
INSERT INTO t VALUES (1), (2);
