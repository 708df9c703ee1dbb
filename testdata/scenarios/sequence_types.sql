-- Scenario: the sequence's data type and the column's range.
-- Covers: CREATE SEQUENCE ... AS smallint / AS integer / AS bigint,
-- ALTER SEQUENCE ... AS smallint on a serial's sequence, keys near the
-- type's limit, keys above 2^53 (not exact as float64), a numeric key column.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.huge_ids
-- collides: public.ledger_ids
-- collides: public.tiny_ids

-- Out of sync: smallint sequence, explicit keys near its maximum.
CREATE SEQUENCE tiny_ids AS smallint;
CREATE TABLE tiny (id smallint DEFAULT nextval('tiny_ids'), v text);
INSERT INTO tiny VALUES (32000, 'a'), (32001, 'b');

-- In sync: integer sequence set close to its limit.
CREATE SEQUENCE mid_ids AS integer;
CREATE TABLE mid (id int DEFAULT nextval('mid_ids'), v text);
INSERT INTO mid VALUES (2147483000, 'a');
SELECT setval('mid_ids', 2147483000);

-- In sync: bigint keys above 2^53, set exactly.
CREATE SEQUENCE big_ids AS bigint;
CREATE TABLE big (id bigint DEFAULT nextval('big_ids'), v text);
INSERT INTO big VALUES (9007199254740993, 'a');
SELECT setval('big_ids', 9007199254740993);

-- Out of sync: 2^53 + 1 loaded, sequence set to 2^53 - 1: next is 2^53.
CREATE SEQUENCE huge_ids AS bigint;
CREATE TABLE huge (id bigint DEFAULT nextval('huge_ids'), v text);
INSERT INTO huge VALUES (9007199254740993, 'a');
SELECT setval('huge_ids', 9007199254740991);

-- In sync: serial narrowed to smallint, loaded, set.
CREATE TABLE narrow (id serial, v text);
ALTER SEQUENCE narrow_id_seq AS smallint;
INSERT INTO narrow VALUES (7, 'a');
SELECT setval('narrow_id_seq', 7);

-- Out of sync: a numeric key column fed by a sequence.
CREATE SEQUENCE ledger_ids;
CREATE TABLE ledger (id numeric(20, 0) DEFAULT nextval('ledger_ids'), amount numeric);
INSERT INTO ledger VALUES (5, 1.25), (6, 2.5);
