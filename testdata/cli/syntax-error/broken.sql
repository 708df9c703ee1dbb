CREATE TABLE t (id serial PRIMARY KEY, v text);
INSERT INTO t VALUES (1 'a');
INSERT INTO t (v) VALUES ('b');
