-- The whole schema at this version: not a step. Were it run, it would
-- repair b.
SELECT setval('b_id_seq', 100);
