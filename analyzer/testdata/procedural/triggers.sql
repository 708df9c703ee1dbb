-- Triggers and rules that insert, run straight through.
-- Covers: AFTER and BEFORE row triggers, an INSTEAD OF trigger on a view
-- that cannot take inserts itself, a DO ALSO rule, a trigger made in a
-- block that rolls back, DISABLE TRIGGER, a partitioned table's trigger.
-- After it, PostgreSQL finds audit_id_seq, cities_id_seq, archive_id_seq
-- and seen_id_seq colliding, and the other sequences in sync.

-- An AFTER row trigger that copies the key into a table of its own.
CREATE TABLE orders (id serial PRIMARY KEY);
CREATE TABLE audit (id serial PRIMARY KEY);
CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER order_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_order();
INSERT INTO orders VALUES (20), (21);
SELECT setval('orders_id_seq', 21);

-- A BEFORE row trigger that returns the row it was given.
CREATE TABLE sales (id serial PRIMARY KEY);
CREATE TABLE counted (id serial PRIMARY KEY);
CREATE FUNCTION count_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counted DEFAULT VALUES;
  RETURN NEW;
END $$;
CREATE TRIGGER sale_count BEFORE INSERT ON sales FOR EACH ROW EXECUTE FUNCTION count_sale();
INSERT INTO sales DEFAULT VALUES;

-- An INSTEAD OF trigger on a view: the rows land where its code puts them.
CREATE TABLE cities (id serial PRIMARY KEY, name text);
CREATE VIEW city_names AS SELECT c.id, c.name FROM cities c JOIN cities d ON c.id = d.id;
CREATE FUNCTION add_city() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cities VALUES (NEW.id, NEW.name);
  RETURN NEW;
END $$;
CREATE TRIGGER city_insert INSTEAD OF INSERT ON city_names FOR EACH ROW EXECUTE FUNCTION add_city();
INSERT INTO city_names VALUES (30, 'Lyon');

-- A rule that also inserts.
CREATE TABLE records (id serial PRIMARY KEY);
CREATE TABLE archive (id serial PRIMARY KEY);
CREATE RULE keep AS ON INSERT TO records DO ALSO INSERT INTO archive VALUES (NEW.id + 100);
INSERT INTO records VALUES (1);
SELECT setval('records_id_seq', 1);

-- A trigger made in a block that rolls back is gone: the insert after it
-- fires nothing.
CREATE TABLE quiet (id serial PRIMARY KEY);
CREATE TABLE echoes (id serial PRIMARY KEY);
BEGIN;
CREATE FUNCTION echo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO echoes VALUES (NEW.id + 50);
  RETURN NULL;
END $$;
CREATE TRIGGER quiet_echo AFTER INSERT ON quiet FOR EACH ROW EXECUTE FUNCTION echo();
ROLLBACK;
INSERT INTO quiet DEFAULT VALUES;

-- pg_dump --disable-triggers turns a table's triggers off around its data.
CREATE TABLE loaded (id serial PRIMARY KEY);
CREATE TABLE copies (id serial PRIMARY KEY);
CREATE FUNCTION copy_loaded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO copies VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER loaded_copy AFTER INSERT ON loaded FOR EACH ROW EXECUTE FUNCTION copy_loaded();
ALTER TABLE loaded DISABLE TRIGGER ALL;
INSERT INTO loaded VALUES (60);
ALTER TABLE loaded ENABLE TRIGGER ALL;
SELECT setval('loaded_id_seq', 60);

-- A partitioned table's row trigger fires on its partitions, also for an
-- insert straight into a partition.
CREATE TABLE events (id int, at int) PARTITION BY RANGE (at);
CREATE TABLE events_early PARTITION OF events FOR VALUES FROM (0) TO (100);
CREATE TABLE seen (id serial PRIMARY KEY);
CREATE FUNCTION see_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO seen VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER event_seen AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION see_event();
INSERT INTO events_early VALUES (70, 1);
