-- Runs only when migrate fails. Were it run, it would repair c.
SELECT setval('c_id_seq', 200);
