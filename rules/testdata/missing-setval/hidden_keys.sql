-- Keys pgseqlint cannot see still need a fix.
CREATE TABLE src (id int, v text);
CREATE TABLE tags (id int, tag text);
CREATE TABLE t (id serial PRIMARY KEY, v text);
INSERT INTO t SELECT id, v FROM src JOIN tags USING (id); -- want "INSERT ... SELECT loads keys into public.t.id that pgseqlint cannot see"

CREATE TABLE f (id bigserial PRIMARY KEY, v text);
COPY f (id, v) FROM '/var/lib/import/f.csv' WITH (FORMAT csv); -- want "COPY FROM a file loads keys into public.f.id"

-- Rows that take the default move the sequence: clean.
CREATE TABLE g (id bigserial PRIMARY KEY, v text);
INSERT INTO g (v) SELECT v FROM src;

-- A setval computed by the database after the load: clean.
CREATE TABLE h (id bigserial PRIMARY KEY, v text);
INSERT INTO h SELECT id, v FROM src;
SELECT setval('h_id_seq', max(id)) FROM h;
