-- The server rejects the whole COPY at its first bad row; the finding is
-- at that row.
CREATE TABLE users (id bigserial PRIMARY KEY, name text);
COPY users (id, name) FROM stdin;
1	ada
2	grace	hopper -- want "extra data after last expected column: row has 3 fields, the column list 2"
3
\.

CREATE TABLE posts (id bigserial PRIMARY KEY, title text, body text);
COPY posts FROM stdin;
1	hello	world
2	short -- want "missing data for a column: row has 2 fields, the column list 3"
\.

-- CSV: a quoted field may hold the delimiter and newlines.
CREATE TABLE notes (id serial PRIMARY KEY, body text);
COPY notes (id, body) FROM stdin WITH (FORMAT csv);
1,"one, two
three"
2,fine,extra -- want "extra data after last expected column"
\.

-- A key that is no integer.
CREATE TABLE tags (id serial PRIMARY KEY, label text);
COPY tags (id, label) FROM stdin;
1	red -- want "invalid input syntax for type integer in column public.tags.id: a value that is not a 64-bit integer"
x7	green
\.

-- A NULL key in a NOT NULL column, or a NOT NULL column left out.
CREATE TABLE keyed (id bigserial PRIMARY KEY, name text);
COPY keyed (id, name) FROM stdin;
1	ada -- want "null value in column \"id\" of relation \"keyed\" violates not-null constraint"
\N	nobody
\.
CREATE TABLE named (id serial PRIMARY KEY, name text NOT NULL, note text);
COPY named (id, note) FROM stdin;
1	x -- want "null value in column \"name\" of relation \"named\" violates not-null constraint"
\.

-- Clean: rows that fit, a header, NULLs, escapes.
CREATE TABLE ok (id bigserial PRIMARY KEY, name text, note text);
COPY ok (id, name, note) FROM stdin;
1	ada	\N
2	grace	a\tb
\.
COPY ok (id, name, note) FROM stdin WITH (FORMAT csv, HEADER);
id,name,note
3,"x,y",
\.
SELECT setval('ok_id_seq', 3);

-- A table the script does not know, without a column list: the number of
-- fields cannot be checked.
COPY elsewhere FROM stdin;
1	2	3
\.
