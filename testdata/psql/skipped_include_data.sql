INSERT INTO t VALUES (42, 'from the included file');
\set dummy 1
\if off
SELECT setval('t_id_seq', 100);
\endif
