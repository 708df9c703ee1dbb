-- Scenario: the ways keys get loaded.
-- Covers: COPY FROM stdin in text format (escapes, \N) and CSV format
-- (HEADER, quoted newline), INSERT ... SELECT generate_series, multi-row
-- VALUES mixing DEFAULT and explicit keys, nextval() as a key value, a
-- column list without the key, INSERT ... ON CONFLICT DO NOTHING and
-- DO UPDATE, a column list through a view that assigns two subscripts
-- of one array column.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.copied_id_seq
-- collides: public.generated_id_seq
-- collides: public.mixed_id_seq
-- collides: public.subscripted_id_seq
-- collides: public.upserted_id_seq

-- Out of sync: COPY text format.
CREATE TABLE copied (id serial PRIMARY KEY, note text);
COPY copied (id, note) FROM stdin;
1	tab\there
2	\N
3	back\\slash
\.

-- In sync: COPY CSV with a header and a quoted newline, then setval.
CREATE TABLE csv_loaded (id bigserial PRIMARY KEY, note text);
COPY csv_loaded (id, note) FROM stdin WITH (FORMAT csv, HEADER true);
id,note
10,"two
lines"
11,"comma, inside"
\.
SELECT setval('csv_loaded_id_seq', (SELECT max(id) FROM csv_loaded));

-- Out of sync: INSERT ... SELECT with explicit keys.
CREATE TABLE generated (id serial PRIMARY KEY, n int);
INSERT INTO generated SELECT g, g * g FROM generate_series(1, 6) g;

-- Out of sync: DEFAULT takes 1 and 2 from the sequence, 50 is explicit.
CREATE TABLE mixed (id serial PRIMARY KEY, v text);
INSERT INTO mixed VALUES (DEFAULT, 'a'), (50, 'b'), (DEFAULT, 'c');

-- In sync: nextval() as the key value, and a column list without the key.
CREATE TABLE drawn (id serial PRIMARY KEY, v text);
INSERT INTO drawn VALUES (nextval('drawn_id_seq'), 'a');
INSERT INTO drawn (v) VALUES ('b');

-- Out of sync: upserts with explicit keys.
CREATE TABLE upserted (id serial PRIMARY KEY, v text);
INSERT INTO upserted VALUES (1, 'a'), (2, 'b') ON CONFLICT DO NOTHING;
INSERT INTO upserted VALUES (2, 'B'), (3, 'c') ON CONFLICT (id) DO UPDATE SET v = excluded.v;

-- Out of sync: PostgreSQL lets a column list name an array column once
-- for each subscript it assigns; the key 40 goes in through the view.
CREATE TABLE subscripted (id serial PRIMARY KEY, tags integer[]);
CREATE VIEW subscripted_view AS SELECT tags, id FROM subscripted;
INSERT INTO subscripted_view (tags[1], tags[2], id) VALUES (1, 2, DEFAULT), (3, 4, 40);
