-- Scenario: inheritance children sharing the parent's sequence.
-- Covers: CREATE TABLE ... INHERITS with the serial default inherited, a
-- child with two parents, a child whose default was dropped, explicit keys
-- in children, setval from the parent's max() (which reads the children).
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.vehicles_id_seq

-- Out of sync: cars take keys from the inherited default, trucks were
-- loaded with an explicit one above them.
CREATE TABLE vehicles (id serial PRIMARY KEY, name text);
CREATE TABLE cars (seats int) INHERITS (vehicles);
CREATE TABLE trucks (payload int) INHERITS (vehicles);
INSERT INTO vehicles (name) VALUES ('generic');
INSERT INTO cars (name, seats) VALUES ('mini', 4), ('van', 7);
INSERT INTO trucks VALUES (50, 'tipper', 12);

-- In sync: a child without a default of its own, loaded explicitly, then
-- setval over the parent (max() without ONLY reads the child too).
CREATE TABLE docs (id bigserial, title text);
CREATE TABLE docs_archive (archived date) INHERITS (docs);
ALTER TABLE docs_archive ALTER COLUMN id DROP DEFAULT;
INSERT INTO docs (title) VALUES ('current');
INSERT INTO docs_archive VALUES (100, 'old', '2020-01-01'), (101, 'older', '2019-01-01');
SELECT setval('docs_id_seq', max(id)) FROM docs;

-- In sync: a child of two parents; its id comes from the first parent's
-- sequence (the merged column keeps that default).
CREATE TABLE tagged (id serial, tags text[]);
CREATE TABLE dated (created date);
CREATE TABLE posts (body text) INHERITS (tagged, dated);
INSERT INTO posts (body, created) VALUES ('hello', '2024-01-01'), ('again', '2024-01-02');
