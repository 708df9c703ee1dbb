SELECT setval('a_id_seq', (SELECT max(id) FROM a));
