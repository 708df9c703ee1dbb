-- Scenario: every spelling of serial.
-- Covers: serial, serial4, bigserial, serial8, smallserial, serial2; keys
-- taken from the default, explicit keys without setval, a setval to the
-- largest key, setval computed with max(), a behind setval, an empty table.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.t_serial4_id_seq
-- collides: public.t_serial8_id_seq

-- In sync: every key came from the sequence.
CREATE TABLE t_serial (id serial PRIMARY KEY, name text);
INSERT INTO t_serial (name) VALUES ('a'), ('b'), ('c');

-- Out of sync: explicit keys, nothing moves the sequence.
CREATE TABLE t_serial4 (id serial4 PRIMARY KEY, name text);
INSERT INTO t_serial4 VALUES (1, 'a'), (2, 'b'), (3, 'c');

-- In sync: setval to the largest key.
CREATE TABLE t_bigserial (id bigserial PRIMARY KEY, name text);
INSERT INTO t_bigserial VALUES (10, 'a'), (20, 'b'), (30, 'c');
SELECT setval('t_bigserial_id_seq', 30);

-- Out of sync: setval below the largest key.
CREATE TABLE t_serial8 (id serial8 PRIMARY KEY, name text);
INSERT INTO t_serial8 VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
SELECT setval('t_serial8_id_seq', 2);

-- In sync: nothing loaded.
CREATE TABLE t_smallserial (id smallserial PRIMARY KEY, name text);

-- In sync: the usual hand fix, computed from the table.
CREATE TABLE t_serial2 (id serial2 PRIMARY KEY, name text);
INSERT INTO t_serial2 VALUES (5, 'a'), (6, 'b');
SELECT setval(pg_get_serial_sequence('t_serial2', 'id'), coalesce(max(id), 0) + 1, false) FROM t_serial2;
