CREATE TABLE t (id serial);
\ir b.sql
