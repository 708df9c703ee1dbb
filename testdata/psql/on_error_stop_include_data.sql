INSERT INTO t VALUES (1, 'one');
SELECT setval('t_id_seq', 1);
SELECT setval('t_id_seq', 0);
INSERT INTO t VALUES (2, 'never runs');
