-- Fix case: where a fix goes when -w inserts it. The rows are loaded
-- before the table and the sequence get their final names, and before a
-- partition is attached; a stale setval is followed on its line by another
-- statement (the line is split there) or by a comment (the fix goes after
-- the line).
--
-- collides: public.renamed_things_id_seq
-- collides: public.readings_id_seq
-- collides: public.gadgets_id_seq
-- collides: public.widgets_id_seq

CREATE TABLE things (id serial, v text);
INSERT INTO things VALUES (5, 'a');
ALTER TABLE things RENAME TO renamed_things;
ALTER SEQUENCE things_id_seq RENAME TO renamed_things_id_seq;

CREATE TABLE readings (id serial, sensor int NOT NULL) PARTITION BY RANGE (sensor);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (0) TO (100);
CREATE TABLE readings_high (id int NOT NULL, sensor int NOT NULL);
INSERT INTO readings_high VALUES (40, 150), (41, 160);
ALTER TABLE readings ATTACH PARTITION readings_high FOR VALUES FROM (100) TO (200);

CREATE TABLE gadgets (id serial, v text);
INSERT INTO gadgets VALUES (3, 'x'); SELECT setval('gadgets_id_seq', 2); COMMENT ON TABLE gadgets IS 'g';

CREATE TABLE widgets (id serial, v text);
INSERT INTO widgets VALUES (3, 'x'); SELECT setval('widgets_id_seq', 2); -- too low
