-- Excluded by the configuration: never read.
CREATE TABLE old (id serial PRIMARY KEY);
INSERT INTO old VALUES (1);
