-- Values psql takes from outside the script.
CREATE TABLE t (id serial PRIMARY KEY, v text);
\set now `date +%s` \\ -- want "^\\set now takes a value from outside the script"
\if :ERROR \\ -- want "^\\if expression takes its value from outside the script"
INSERT INTO t VALUES (DEFAULT);
\endif
INSERT INTO t (v) VALUES (:'now'); -- want "psql variable :now, whose value comes from outside the script: pgseqlint runs it with that value unknown"
INSERT INTO t (v) VALUES (:'DBNAME'); -- want "psql variable :DBNAME"
SELECT max(id) AS top FROM t \gset
SELECT setval('t_id_seq', :top); -- want "psql variable :top"
\unset top
\if :{?top}
SELECT 1;
\endif
CREATE TABLE :DBNAME (id int); -- want "psql variable :DBNAME, whose value comes from outside the script: pgseqlint does not know what it does and does not run it"
\set AUTOCOMMIT off \\ -- want "^AUTOCOMMIT off opens a transaction block"
\set AUTOCOMMIT on
