-- The whole schema at this version: not a step.
SELECT setval('b_id_seq', 100);
