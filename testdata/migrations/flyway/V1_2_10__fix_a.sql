-- Version 1.2.10 runs after 1.2.9 (a name order would run it first).
SELECT setval('a_id_seq', (SELECT max(id) FROM a));
