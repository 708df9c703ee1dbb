INSERT INTO a (id) VALUES (1), (2);
\ir more.sql
