-- Scenario: sequences at their limit, with and without CYCLE.
-- Covers: CYCLE ascending (wraps to MINVALUE) and descending (wraps to
-- MAXVALUE), NO CYCLE at MAXVALUE (no next value: every nextval fails, which
-- is not a key collision), a CYCLE sequence well inside its range.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.slot_ids
-- collides: public.down_slots

-- Out of sync: at MAXVALUE 5, the next value wraps to 1.
CREATE SEQUENCE slot_ids MAXVALUE 5 CYCLE;
CREATE TABLE slots (id int DEFAULT nextval('slot_ids'), v text);
INSERT INTO slots (v) VALUES ('a'), ('b'), ('c'), ('d'), ('e');

-- In sync: CYCLE, but two values from the end.
CREATE SEQUENCE ring_ids MINVALUE 1 MAXVALUE 10 CYCLE;
CREATE TABLE ring (id int DEFAULT nextval('ring_ids'), v text);
INSERT INTO ring (v) VALUES ('a'), ('b');

-- Exhausted, NO CYCLE: not a collision, nextval raises an error instead.
CREATE SEQUENCE capped_ids MAXVALUE 3;
CREATE TABLE capped (id int DEFAULT nextval('capped_ids'), v text);
INSERT INTO capped (v) VALUES ('a'), ('b'), ('c');

-- Out of sync: descending CYCLE at MINVALUE wraps to MAXVALUE -1.
CREATE SEQUENCE down_slots INCREMENT BY -1 MINVALUE -3 MAXVALUE -1 CYCLE;
CREATE TABLE down (id int DEFAULT nextval('down_slots'), v text);
INSERT INTO down (v) VALUES ('a'), ('b'), ('c');
