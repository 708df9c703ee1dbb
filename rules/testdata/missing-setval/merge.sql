-- MERGE into a table known to be empty: no source row matches, so the
-- first NOT MATCHED action takes them all, as INSERT ... SELECT would.
CREATE TABLE merged (id serial PRIMARY KEY, v text);
MERGE INTO merged USING (VALUES (10, 'a'), (12, 'b')) AS v(k, t) ON merged.id = v.k -- want "keys up to 12 were loaded into public.merged.id"
WHEN NOT MATCHED THEN INSERT VALUES (v.k, v.t);

CREATE TABLE source (id int, v text);
INSERT INTO source VALUES (3, 'a'), (4, 'b');
CREATE TABLE from_table (id serial PRIMARY KEY, v text);
MERGE INTO from_table AS f USING source AS s ON f.id = s.id -- want "keys up to 4 were loaded into public.from_table.id"
WHEN MATCHED THEN UPDATE SET v = s.v
WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v);

-- Rows that take the default move the sequence once per row: clean.
CREATE TABLE defaulted (id serial PRIMARY KEY, v text);
MERGE INTO defaulted USING generate_series(1, 5) AS g ON defaulted.id = g
WHEN NOT MATCHED THEN INSERT (v) VALUES ('x');
INSERT INTO defaulted VALUES (6, 'y'); -- want "keys up to 6 were loaded into public.defaulted.id"

-- A table with rows: which source rows match is not known. The keys given
-- are some of the source's: reported unless the sequence is past them.
CREATE TABLE partly (id serial PRIMARY KEY, v text);
INSERT INTO partly (v) VALUES ('a');
MERGE INTO partly USING (VALUES (1), (30)) AS v(k) ON partly.id = v.k -- want "MERGE loads keys into public.partly.id that pgseqlint cannot see"
WHEN NOT MATCHED THEN INSERT VALUES (v.k, 'merged');
CREATE TABLE behind (id serial PRIMARY KEY, v text);
INSERT INTO behind (v) VALUES ('a'), ('b'), ('c');
MERGE INTO behind USING (VALUES (1), (2)) AS v(k) ON behind.id = v.k
WHEN NOT MATCHED THEN INSERT VALUES (v.k, 'merged');

-- WHEN MATCHED THEN UPDATE SET key = constant on some rows.
CREATE TABLE rekeyed (id serial PRIMARY KEY, v text);
INSERT INTO rekeyed (v) VALUES ('a');
MERGE INTO rekeyed USING (VALUES (1)) AS v(k) ON rekeyed.id = v.k -- want "MERGE loads keys into public.rekeyed.id that pgseqlint cannot see"
WHEN MATCHED THEN UPDATE SET id = 50;
-- On an empty table nothing matches: clean.
CREATE TABLE unmatched (id serial PRIMARY KEY, v text);
MERGE INTO unmatched USING (VALUES (1)) AS v(k) ON unmatched.id = v.k
WHEN MATCHED THEN UPDATE SET id = 50;
