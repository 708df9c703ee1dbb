-- Scenario: procedural code that runs straight through — DO blocks,
-- functions and procedures the script defines and calls.
-- Covers: a DO block, a LANGUAGE sql function with a constant argument, a
-- BEGIN ATOMIC body, a procedure, PERFORM, a function in INSERT ... VALUES
-- and in FROM, a function run once per row of a table, CREATE OR REPLACE
-- and DROP FUNCTION, the search path. Triggers and rules are in
-- analyzer/testdata/procedural: a dump's data-only file would fire them.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.blocks_id_seq
-- collides: public.items_id_seq
-- collides: public.atoms_id_seq
-- collides: public.stamps_id_seq
-- collides: public.marks_id_seq

-- A DO block with explicit keys, and one that moves its sequence past them.
CREATE TABLE blocks (id serial PRIMARY KEY, note text);
DO $$
BEGIN
  INSERT INTO blocks VALUES (10, 'explicit');
END $$;
CREATE TABLE synced (id serial PRIMARY KEY, note text);
DO $$
BEGIN
  INSERT INTO synced VALUES (7, 'explicit');
  PERFORM setval('synced_id_seq', 7);
END $$;

-- A SQL function: its parameter, a constant, is the key.
CREATE TABLE items (id serial PRIMARY KEY);
CREATE FUNCTION add_item(k int) RETURNS void LANGUAGE sql AS 'INSERT INTO items VALUES (k)';
SELECT add_item(5);

-- BEGIN ATOMIC, called from FROM.
CREATE TABLE atoms (id serial PRIMARY KEY);
CREATE FUNCTION add_atom() RETURNS int BEGIN ATOMIC INSERT INTO atoms VALUES (3); SELECT 1; END;
SELECT * FROM add_atom();

-- A procedure that takes defaults: in sync.
CREATE TABLE defaults (id serial PRIMARY KEY, note text);
CREATE PROCEDURE add_default(n text) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO defaults (note) VALUES (n);
  INSERT INTO defaults (note) VALUES (n);
END $$;
CALL add_default('x');

-- A function in INSERT ... VALUES, which PERFORMs another.
CREATE TABLE stamps (id serial PRIMARY KEY);
CREATE TABLE log (n int);
CREATE FUNCTION stamp() RETURNS void LANGUAGE sql AS 'INSERT INTO stamps VALUES (40)';
CREATE FUNCTION logged() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stamp();
  RETURN 1;
END $$;
INSERT INTO log VALUES (logged());

-- A function run once for each of three rows: its sequence gives 1, 2, 3,
-- and then the key 3 is below its next value.
CREATE TABLE ticks (id serial PRIMARY KEY);
CREATE TABLE three (n int);
INSERT INTO three VALUES (1), (2), (3);
CREATE FUNCTION tick() RETURNS void LANGUAGE sql AS 'INSERT INTO ticks DEFAULT VALUES';
SELECT tick() FROM three;
INSERT INTO ticks VALUES (3) ON CONFLICT DO NOTHING;

-- Replaced and dropped functions: the last definition runs.
CREATE TABLE versions (id serial PRIMARY KEY);
CREATE FUNCTION bump() RETURNS void LANGUAGE sql AS 'INSERT INTO versions VALUES (90)';
CREATE OR REPLACE FUNCTION bump() RETURNS void LANGUAGE sql AS 'INSERT INTO versions DEFAULT VALUES';
SELECT bump();
DROP FUNCTION bump();
CREATE FUNCTION bump() RETURNS void LANGUAGE sql AS 'SELECT setval(''versions_id_seq'', 5)';
SELECT bump();

-- A call finds its function through the search path.
CREATE TABLE marks (id serial PRIMARY KEY);
CREATE SCHEMA app;
CREATE FUNCTION app.mark() RETURNS void LANGUAGE sql AS 'INSERT INTO public.marks VALUES (15)';
CREATE FUNCTION mark() RETURNS void LANGUAGE sql AS 'SELECT 1';
SELECT mark();
SET search_path = app, public;
SELECT mark();
RESET search_path;
