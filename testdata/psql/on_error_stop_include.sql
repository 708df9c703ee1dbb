-- A failure in an included file stops the whole run.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\set ON_ERROR_STOP true
\ir on_error_stop_include_data.sql
INSERT INTO t VALUES (3, 'never runs');
