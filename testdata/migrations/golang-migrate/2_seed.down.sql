-- Not run on the way up: were it run, it would repair b.
SELECT setval('b_id_seq', 100);
