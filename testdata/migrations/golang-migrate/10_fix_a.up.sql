-- Version 10 runs after version 2 (a name order would run it first).
SELECT setval('a_id_seq', (SELECT max(id) FROM a));
