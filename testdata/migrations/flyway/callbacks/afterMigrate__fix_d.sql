-- A callback: runs after the repeatable migrations.
SELECT setval('d_id_seq', (SELECT max(id) FROM d));
