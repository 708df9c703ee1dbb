-- A MERGE whose NOT MATCHED rows take the default, when which source rows
-- match is not known: the sequence moves by a number pgseqlint cannot
-- know, and the finding names it.
CREATE TABLE counted (id serial PRIMARY KEY, v text);
INSERT INTO counted (v) VALUES ('a');
MERGE INTO counted USING (VALUES (1), (2)) AS v(k) ON counted.id = v.k -- want "a MERGE that inserts an unknown number of rows may move sequence public.counted_id_seq"
WHEN NOT MATCHED THEN INSERT (v) VALUES ('merged');

-- Into an empty table the count is known: clean.
CREATE TABLE fresh (id serial PRIMARY KEY, v text);
MERGE INTO fresh USING (VALUES (1), (2)) AS v(k) ON fresh.id = v.k
WHEN NOT MATCHED THEN INSERT (v) VALUES ('merged');
