-- Rows roll back with their transaction; nextval and setval never do,
-- except on a sequence whose storage the transaction made anew.
CREATE TABLE rolled (id serial PRIMARY KEY, v text);
BEGIN;
INSERT INTO rolled VALUES (5, 'gone');
ROLLBACK;

-- COMMIT of a transaction that an error aborted rolls it back.
CREATE TABLE aborted (id serial PRIMARY KEY, v text);
BEGIN;
INSERT INTO aborted VALUES (5, 'gone');
INSERT INTO aborted (nosuch) VALUES (1);
INSERT INTO aborted VALUES (6, 'ignored');
COMMIT;

-- Committed rows stay.
CREATE TABLE kept (id serial PRIMARY KEY, v text);
BEGIN;
INSERT INTO kept VALUES (5, 'kept'); -- want "keys up to 5 were loaded into public.kept.id, but nothing moves sequence public.kept_id_seq past them: it hands out 1 next"
COMMIT;

-- A setval survives the rollback of its savepoint.
CREATE TABLE saved (id serial PRIMARY KEY, v text);
BEGIN;
INSERT INTO saved VALUES (5, 'kept');
SAVEPOINT s;
SELECT setval('saved_id_seq', 5);
ROLLBACK TO SAVEPOINT s;
COMMIT;

-- ROLLBACK TO undoes what came after the savepoint, and the transaction
-- goes on.
CREATE TABLE partly (id serial PRIMARY KEY, v text);
BEGIN;
SAVEPOINT before_load;
INSERT INTO partly VALUES (7, 'gone');
INSERT INTO partly (nosuch) VALUES (1);
ROLLBACK TO before_load;
INSERT INTO partly VALUES (3, 'kept'); -- want "keys up to 3 were loaded into public.partly.id"
RELEASE SAVEPOINT before_load;
COMMIT;

-- A RESTART is transactional: the rollback undoes it, and the keys are
-- left behind.
CREATE TABLE restarted (id serial PRIMARY KEY, v text);
INSERT INTO restarted VALUES (5, 'kept'); -- want "keys up to 5 were loaded into public.restarted.id"
BEGIN;
ALTER SEQUENCE restarted_id_seq RESTART WITH 6;
ROLLBACK;

-- A setval after an ALTER SEQUENCE in the same transaction goes with it.
CREATE TABLE rewritten (id serial PRIMARY KEY);
INSERT INTO rewritten VALUES (5); -- want "keys up to 5 were loaded into public.rewritten.id"
BEGIN;
ALTER SEQUENCE rewritten_id_seq INCREMENT BY 1;
SELECT setval('rewritten_id_seq', 10);
ROLLBACK;

-- ... but a setval before it stays.
CREATE TABLE set_before (id serial PRIMARY KEY);
INSERT INTO set_before VALUES (5);
BEGIN;
SELECT setval('set_before_id_seq', 10);
ALTER SEQUENCE set_before_id_seq CACHE 1;
SELECT setval('set_before_id_seq', 1);
ROLLBACK;

-- TRUNCATE ... RESTART IDENTITY rolls back too.
CREATE TABLE truncated (id serial PRIMARY KEY);
INSERT INTO truncated VALUES (4); -- want "keys up to 4 were loaded into public.truncated.id"
BEGIN;
TRUNCATE truncated RESTART IDENTITY;
ROLLBACK;

-- Rows that took the default advanced the sequence for good.
CREATE TABLE advanced (id serial PRIMARY KEY, v text);
BEGIN;
INSERT INTO advanced (v) VALUES ('a'), ('b'), ('c');
ROLLBACK;
INSERT INTO advanced VALUES (3, 'c');

-- A table and its sequence made in a rolled back transaction are gone.
BEGIN;
CREATE TABLE vanished (id serial);
INSERT INTO vanished VALUES (5);
ROLLBACK;

-- Temporary tables and their sequences go when the session ends.
CREATE TEMP TABLE scratch (id serial);
INSERT INTO scratch VALUES (5);

-- A transaction still open when the script ends rolls back.
CREATE TABLE unfinished (id serial);
BEGIN;
INSERT INTO unfinished VALUES (5);
