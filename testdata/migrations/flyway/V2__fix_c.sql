-- Runs before the repeatable migrations, while c is still empty: the
-- keys that come later are not counted.
SELECT setval('c_id_seq', coalesce(max(id), 0) + 1, false) FROM c;
