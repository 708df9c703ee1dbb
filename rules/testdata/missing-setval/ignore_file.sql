-- pgseqlint-ignore-file missing-setval: fixtures for a test database, reset before each run
CREATE TABLE a (id serial PRIMARY KEY, v text);
INSERT INTO a VALUES (1, 'x');
CREATE TABLE b (id serial PRIMARY KEY, v text);
INSERT INTO b VALUES (2, 'y');
