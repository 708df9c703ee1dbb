-- psql variables in COPY, INSERT and setval.
\set tbl items
\set key_col id
\set seq items_id_seq
\set first 7
\set label 'it''s ' 'a value'
\set big 9 9
CREATE TABLE :tbl (:"key_col" serial PRIMARY KEY, v text);
CREATE TABLE other (id serial PRIMARY KEY, v text);
INSERT INTO :tbl VALUES (:first, :'label');
INSERT INTO :"tbl" (id, v) VALUES (:big, 'x'), (3, ':first stays in a string');
-- A :: cast is no variable; an undefined one stays as written in a comment :nope.
SELECT :first::int + 1;
COPY :tbl (id, v) FROM stdin;
150	copied
\.
SELECT setval(:'seq', :first);
-- A variable's value is read again as SQL, semicolons and all.
\set two_loads 'INSERT INTO other VALUES (5, $$a$$); INSERT INTO other VALUES (6, $$b$$)'
:two_loads;
\unset first
\set other_seq other_id_seq
SELECT setval(:'other_seq', 6);
