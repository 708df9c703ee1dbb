-- psql includes: \ir names a file from this file's directory, \i from the
-- current directory (the tests run psql and pgseqlint here).
CREATE TABLE a (id serial PRIMARY KEY);
\ir parts/load.sql
\i parts/fix_a.sql
