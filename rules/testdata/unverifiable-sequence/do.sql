-- DO blocks that do not run straight through: their rows are not
-- followed, and the sequences they may reach are named with the reason.
CREATE TABLE users (id serial PRIMARY KEY, name text);
DO $$ -- want "a DO block with a loop may move sequence public.users_id_seq or load keys into a column it feeds, which pgseqlint cannot follow: its keys are not checked"
BEGIN
  FOR i IN 1..10 LOOP
    INSERT INTO users VALUES (i, 'user ' || i);
  END LOOP;
END $$;

CREATE SEQUENCE counter_seq;
DO $$ -- want "a DO block with EXECUTE may move sequence public.counter_seq"
BEGIN
  EXECUTE 'SELECT setval(''counter_seq'', 42)';
END $$;

DO $$ -- want "a DO block with IF may move sequence public.users_id_seq"
BEGIN
  IF (SELECT count(*) FROM users) > 5 THEN
    INSERT INTO users VALUES (100, 'big');
  END IF;
END $$;

DO $$ -- want "a DO block with an exception handler may move sequence public.users_id_seq"
BEGIN
  INSERT INTO users VALUES (200, 'maybe');
EXCEPTION WHEN unique_violation THEN
  NULL;
END $$;

-- Straight-line code runs as its statements: a setval by name moves the
-- sequence, and there is nothing to warn about.
DO $$
BEGIN
  PERFORM setval('counter_seq', 42);
END $$;

-- One that touches no sequence, nor a table a sequence feeds.
CREATE TABLE notes (body text);
DO $$
BEGIN
  FOR i IN 1..3 LOOP
    INSERT INTO notes VALUES ('hello');
  END LOOP;
END $$;

-- A table is named by its whole name: the table u is not named by "values".
CREATE TABLE u (id serial PRIMARY KEY);
CREATE TABLE notes (n int);
DO $$
BEGIN
  FOR i IN 1..3 LOOP
    INSERT INTO notes VALUES (i);
  END LOOP;
END $$;
