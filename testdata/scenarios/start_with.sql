-- Scenario: sequences that do not start at 1.
-- Covers: START WITH 100 on serial (via ALTER SEQUENCE ... START ... RESTART),
-- on a plain sequence, explicit keys below START (harmless), explicit keys
-- at START (a collision), and a stale setval below keys that are below
-- START: without that setval there would be no collision at all.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.batch_ids
-- collides: public.lot_ids

-- In sync: serial moved to 100 before any row.
CREATE TABLE products (id serial PRIMARY KEY, name text);
ALTER SEQUENCE products_id_seq START WITH 100 RESTART;
INSERT INTO products (name) VALUES ('a'), ('b');

-- In sync: explicit keys below START WITH; the sequence never moved.
CREATE SEQUENCE sku_ids START WITH 100;
CREATE TABLE items (id int DEFAULT nextval('sku_ids'), name text);
INSERT INTO items VALUES (1, 'x'), (2, 'y'), (3, 'z');

-- Out of sync: explicit keys starting at START WITH.
CREATE SEQUENCE batch_ids START WITH 100;
CREATE TABLE batches (id int DEFAULT nextval('batch_ids') PRIMARY KEY, note text);
INSERT INTO batches VALUES (100, 'a'), (101, 'b'), (102, 'c');

-- Out of sync: keys below START, then a setval that drags the sequence
-- back among them.
CREATE SEQUENCE lot_ids START WITH 100;
CREATE TABLE lots (id int DEFAULT nextval('lot_ids') PRIMARY KEY, note text);
INSERT INTO lots VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');
SELECT setval('lot_ids', 3);
