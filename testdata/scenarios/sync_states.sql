-- Scenario: a sequence ahead of, at, and behind its keys.
-- Covers: setval far ahead, exactly at the largest key (is_called true),
-- exactly one past it with is_called false, behind, is_called false at the
-- largest key (off by one), empty tables with and without a setval.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.behind_id_seq
-- collides: public.off_by_one_id_seq

CREATE TABLE ahead (id serial PRIMARY KEY);
INSERT INTO ahead VALUES (1), (2), (3);
SELECT setval('ahead_id_seq', 100);

CREATE TABLE exact (id serial PRIMARY KEY);
INSERT INTO exact VALUES (1), (2), (3);
SELECT setval('exact_id_seq', 3);

CREATE TABLE exact_not_called (id serial PRIMARY KEY);
INSERT INTO exact_not_called VALUES (1), (2), (3);
SELECT setval('exact_not_called_id_seq', 4, false);

CREATE TABLE behind (id serial PRIMARY KEY);
INSERT INTO behind VALUES (1), (2), (3), (4), (5);
SELECT setval('behind_id_seq', 2);

CREATE TABLE off_by_one (id serial PRIMARY KEY);
INSERT INTO off_by_one VALUES (1), (2), (3), (4), (5);
SELECT setval('off_by_one_id_seq', 5, false);

CREATE TABLE empty (id serial PRIMARY KEY);

CREATE TABLE empty_set (id serial PRIMARY KEY);
SELECT setval('empty_set_id_seq', 10);

-- In sync: rows deleted; only what is left counts.
CREATE TABLE emptied (id serial PRIMARY KEY);
INSERT INTO emptied VALUES (1), (2), (3);
DELETE FROM emptied;
