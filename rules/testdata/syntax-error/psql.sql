-- psql's \copy ... to writes rows out: clean, whatever it copies.
CREATE TABLE t (id serial, v text);
\copy t to stdout
\copy (SELECT id FROM t) to 'ids.csv' with csv
\copy t (id, v) to stdout
-- Without a direction psql rejects it.
\copy t -- want "\\copy: from or to expected"
