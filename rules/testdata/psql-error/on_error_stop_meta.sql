-- A meta-command psql rejects stops the script as well.
CREATE TABLE t (id serial PRIMARY KEY);
\set ON_ERROR_STOP on
\endif \\ -- want "^\\endif: no matching \\if$" "^ON_ERROR_STOP is set and the statement fails"
INSERT INTO t VALUES (1000);
