-- A table the search path does not reach is not the table meant.
CREATE SCHEMA other;
CREATE TABLE other.t (id serial);

-- SET LOCAL lasts until the end of the transaction block.
BEGIN;
SET LOCAL search_path = other;
INSERT INTO t VALUES (DEFAULT);
COMMIT;
INSERT INTO t VALUES (5); -- want "INSERT loads rows into t, a table the script never creates \(with 1 more load, 2 rows in all\)"

-- A SET in a transaction that rolls back is undone.
BEGIN;
SET search_path = other;
ROLLBACK;
INSERT INTO t VALUES (6);
