-- An \i in a branch that does not run is not read.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\if false
\i no_such_file.sql
\ir no_such_file.sql
\else
\ir skipped_include_data.sql
\endif
