-- psql's \if: only the branch that runs loads keys.
CREATE TABLE a (id serial PRIMARY KEY, v text);
CREATE TABLE b (id serial PRIMARY KEY, v text);
CREATE TABLE c (id serial PRIMARY KEY, v text);
\set load_b of
\if :load_b
INSERT INTO b VALUES (100, 'skipped: "of" is off');
\elif T
INSERT INTO a VALUES (10, 'runs: "T" is true');
\if 0
INSERT INTO c VALUES (1000, 'nested and false');
\else
INSERT INTO a VALUES (20, 'nested else runs');
\endif
\else
INSERT INTO b VALUES (200, 'skipped: a branch ran');
\endif
\if no
  \if yes
  INSERT INTO c VALUES (300, 'inside a skipped branch: never runs');
  \endif
-- psql does not send this COPY, so its rows are read as statements.
COPY c (id, v) FROM stdin;
400	row
\.
\else
SELECT setval('c_id_seq', 5);
\endif
\if :{?undefined_var}
INSERT INTO c VALUES (500, 'not defined');
\elif :{?load_b}
INSERT INTO b VALUES (30, 'load_b is defined');
\endif
