-- An undo migration: not run by migrate. Were it run, it would repair b.
SELECT setval('b_id_seq', 100);
