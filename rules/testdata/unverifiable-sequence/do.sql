-- A DO block that inserts into a table a sequence feeds: its rows are
-- not followed, and the sequence is named.
CREATE TABLE users (id serial PRIMARY KEY, name text);
DO $$ -- want "a DO block may move sequence public.users_id_seq or load keys into a column it feeds, which pgseqlint cannot follow: its keys are not checked"
BEGIN
  FOR i IN 1..10 LOOP
    INSERT INTO users VALUES (i, 'user ' || i);
  END LOOP;
END $$;

-- One that calls setval on a sequence by name.
CREATE SEQUENCE counter_seq;
DO $$ -- want "a DO block may move sequence public.counter_seq"
BEGIN
  PERFORM setval('counter_seq', 42);
END $$;

-- One that touches no sequence, nor a table a sequence feeds.
CREATE TABLE notes (body text);
DO $$
BEGIN
  INSERT INTO notes VALUES ('hello');
END $$;
