CREATE TABLE a (id serial PRIMARY KEY, v text);

-- Without a reason the comment still silences, and is reported.
-- pgseqlint-ignore missing-setval -- want "ignore comment gives no reason: write the reason after a colon"
INSERT INTO a VALUES (1, 'x');

-- A rule that does not exist.
CREATE TABLE c (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval,missing-setvals: typo -- want "ignore comment names unknown rule \"missing-setvals\" \(did you mean missing-setval\?\)"
INSERT INTO c VALUES (1, 'x');

-- Nothing to silence.
CREATE TABLE d (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: fixed since -- want "ignore comment silences nothing: this statement has no missing-setval finding"
INSERT INTO d (v) VALUES ('x');

-- Neither before a statement nor at the end of its first line.
INSERT INTO d (v)
	VALUES ('y'); -- pgseqlint-ignore missing-setval: on the last line -- want "ignore comment silences nothing: it is neither on the line before a statement nor at the end of a statement's first line"

-- Directives pgseqlint does not know.
-- pgseqlint-ignore -- want "pgseqlint-ignore names no rule"
-- pgseqlint-disable missing-setval -- want "unknown directive pgseqlint-disable \(want pgseqlint-ignore or pgseqlint-ignore-file\)"
SELECT 1;

-- A whole-file comment that silences nothing in this file.
-- pgseqlint-ignore-file stale-setval: none here -- want "ignore comment silences nothing: this file has no stale-setval finding"

-- Clean: a reason, a rule that fires, next to its statement.
CREATE TABLE e (id serial PRIMARY KEY, v text);
-- pgseqlint-ignore missing-setval: the application moves it
INSERT INTO e VALUES (1, 'x');

-- At the end of the script, after the last statement's semicolon.
CREATE TABLE f (id serial PRIMARY KEY, v text);
INSERT INTO f VALUES (1, 'x'); -- pgseqlint-ignore missing-setval: last line
