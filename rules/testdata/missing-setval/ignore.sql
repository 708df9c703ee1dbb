-- Findings silenced by ignore comments, which say why.
CREATE TABLE a (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: the loader calls setval after the import
INSERT INTO a VALUES (1, 'x');

-- At the end of the statement's first line.
CREATE TABLE b (id serial PRIMARY KEY, v text);
INSERT INTO b VALUES -- pgseqlint-ignore missing-setval: seeded again by the app
	(1, 'x'),
	(2, 'y');
CREATE TABLE c (id serial PRIMARY KEY, v text);
INSERT INTO c VALUES (7, 'x'); -- pgseqlint-ignore missing-setval: c is read-only

-- After a COPY's semicolon, on its line: psql reads it after the rows.
CREATE TABLE d (id bigserial PRIMARY KEY, v text);
COPY d (id, v) FROM stdin; -- pgseqlint-ignore missing-setval: d is an archive
1	x
\.

-- Several comments stacked above one statement, and a list of rules.
CREATE TABLE e (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: e is dropped next release
-- pgseqlint-ignore sequence-near-limit, syntax-error: e is dropped next release -- want "ignore comment silences nothing: this statement has no syntax-error finding"
INSERT INTO e VALUES (2000000000, 'x');

-- The finding is at the load of the largest key: a comment on another
-- load silences nothing.
CREATE TABLE f (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: not this one -- want "ignore comment silences nothing: this statement has no missing-setval finding"
INSERT INTO f VALUES (1, 'y');
INSERT INTO f VALUES (3, 'z'); -- want "keys up to 3 were loaded into public.f.id"

-- A blank line between the comment and the statement parts them.
CREATE TABLE g (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: too far away -- want "ignore comment silences nothing: it is neither on the line before a statement"

INSERT INTO g VALUES (4, 'w'); -- want "keys up to 4 were loaded into public.g.id"
