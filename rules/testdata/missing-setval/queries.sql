-- INSERT ... SELECT whose rows pgseqlint follows: the keys are known.
CREATE TABLE series (id serial PRIMARY KEY, v text);
INSERT INTO series SELECT g, 'row ' || g FROM generate_series(1, 10) AS g; -- want "keys up to 10 were loaded into public.series.id"

CREATE TABLE stepped (id bigserial PRIMARY KEY);
INSERT INTO stepped SELECT * FROM generate_series(100, 1, -7) AS s(k); -- want "keys up to 100 were loaded into public.stepped.id"

-- A series in the target list, scaled: every value doubles.
CREATE TABLE doubled (id serial PRIMARY KEY);
INSERT INTO doubled SELECT generate_series(1, 10) * 2; -- want "keys up to 20 were loaded into public.doubled.id"

-- A VALUES list in FROM, and constants.
CREATE TABLE listed (id serial PRIMARY KEY, v text);
INSERT INTO listed (id, v) SELECT k, t FROM (VALUES (9, 'a'), (12, 'b')) AS v(k, t); -- want "keys up to 12 were loaded into public.listed.id"
CREATE TABLE constant (id serial PRIMARY KEY, v text);
INSERT INTO constant SELECT 7, 'seven'; -- want "keys up to 7 were loaded into public.constant.id"

-- From a table whose keys are known: the keys move with the rows.
CREATE TABLE copied (id serial PRIMARY KEY, v text);
INSERT INTO copied SELECT id + 100, v FROM series; -- want "keys up to 110 were loaded into public.copied.id"

-- Rows that take the default move the sequence by one per row: clean.
CREATE TABLE numbered (id serial PRIMARY KEY, n int);
INSERT INTO numbered (n) SELECT g FROM generate_series(1, 5) AS g;
INSERT INTO numbered (n) VALUES (6);
CREATE TABLE renumbered (id serial PRIMARY KEY, n int);
INSERT INTO renumbered (n) SELECT id FROM series;
INSERT INTO renumbered (id, n) VALUES (11, 0); -- want "keys up to 11 were loaded into public.renumbered.id"

-- An empty series loads nothing: clean.
CREATE TABLE none_loaded (id serial PRIMARY KEY);
INSERT INTO none_loaded SELECT g FROM generate_series(5, 1) AS g;

-- A subset of known keys (WHERE): which ones is not known, but none is
-- past the source's largest. Past the sequence's next value, that is
-- reported as unseen; short of it, it is clean.
CREATE TABLE evens (id serial PRIMARY KEY, v text);
INSERT INTO evens SELECT id, v FROM series WHERE id % 2 = 0; -- want "INSERT ... SELECT loads keys into public.evens.id that pgseqlint cannot see"
CREATE TABLE ahead (id serial PRIMARY KEY, v text);
SELECT setval('ahead_id_seq', 50);
INSERT INTO ahead SELECT id, v FROM series WHERE id > 5 LIMIT 2;

-- UPDATE writes keys: a constant, or the key shifted.
CREATE TABLE moved (id serial PRIMARY KEY, v text);
INSERT INTO moved (v) VALUES ('a'), ('b');
UPDATE moved SET id = id + 10; -- want "keys up to 12 were loaded into public.moved.id"
CREATE TABLE single (id serial PRIMARY KEY, v text);
INSERT INTO single (v) VALUES ('a');
UPDATE single SET id = 40; -- want "keys up to 40 were loaded into public.single.id"
-- An empty table changes nothing: clean.
CREATE TABLE empty (id serial PRIMARY KEY);
UPDATE empty SET id = 40;
-- Keys moved down: clean.
CREATE TABLE lowered (id serial PRIMARY KEY, v text);
INSERT INTO lowered (v) VALUES ('a'), ('b'), ('c');
UPDATE lowered SET id = id - 1;
-- WHERE: some rows may change, to keys that are not known exactly.
CREATE TABLE picked (id serial PRIMARY KEY, v text);
INSERT INTO picked (v) VALUES ('a'), ('b');
UPDATE picked SET id = 30 WHERE v = 'b'; -- want "UPDATE loads keys into public.picked.id that pgseqlint cannot see"

-- A data-modifying WITH runs its INSERT whether the outer query reads it
-- or not; one that takes the default moves the sequence.
CREATE TABLE logged (id serial PRIMARY KEY, v text);
WITH added AS (INSERT INTO logged VALUES (20, 'x') RETURNING id) SELECT count(*) FROM added; -- want "keys up to 20 were loaded into public.logged.id"
CREATE TABLE drawn (id serial PRIMARY KEY, v text);
WITH added AS (INSERT INTO drawn (v) VALUES ('a'), ('b') RETURNING id) SELECT 1;
INSERT INTO drawn VALUES (2, 'c');
CREATE TABLE chained (id serial PRIMARY KEY, v text);
WITH a AS (INSERT INTO chained (v) VALUES ('a') RETURNING id) -- want "INSERT ... SELECT loads keys into public.chained.id that pgseqlint cannot see"
INSERT INTO chained SELECT id + 5, 'b' FROM a;
-- The outer statement fails: neither part loads anything. The executor
-- runs the outer INSERT first, so the WITH's default never takes a value.
CREATE TABLE undone (id serial PRIMARY KEY, v text NOT NULL);
WITH a AS (INSERT INTO undone (v) VALUES ('a') RETURNING id)
INSERT INTO undone VALUES (100, NULL);
INSERT INTO undone VALUES (1, 'b'); -- want "keys up to 1 were loaded into public.undone.id"

-- DELETE ... WHERE may or may not remove the largest key: the collision
-- is reported, but not as proven.
CREATE TABLE thinned (id serial PRIMARY KEY);
INSERT INTO thinned VALUES (5), (6); -- want "keys up to 6 were loaded into public.thinned.id at .*, and the DELETE at .*:83 may not have removed them"
DELETE FROM thinned WHERE id = 5;

-- SELECT * from a table copies every column, keys included.
CREATE TABLE mirror (id serial PRIMARY KEY, v text);
INSERT INTO mirror SELECT * FROM series; -- want "keys up to 10 were loaded into public.mirror.id"

-- ON CONFLICT may skip rows: the keys are some of the query's.
CREATE TABLE conflicted (id serial PRIMARY KEY, v text);
INSERT INTO conflicted SELECT g, 'x' FROM generate_series(1, 3) AS g ON CONFLICT DO NOTHING; -- want "INSERT ... SELECT loads keys into public.conflicted.id that pgseqlint cannot see"

-- A WITH that updates, and one that deletes every row.
CREATE TABLE shifted (id serial PRIMARY KEY, v text);
INSERT INTO shifted (v) VALUES ('a');
WITH s AS (UPDATE shifted SET id = id + 40 RETURNING id) SELECT * FROM s; -- want "keys up to 41 were loaded into public.shifted.id"
CREATE TABLE emptied (id serial PRIMARY KEY, v text);
INSERT INTO emptied VALUES (70, 'a');
WITH d AS (DELETE FROM emptied RETURNING id) SELECT count(*) FROM d;
