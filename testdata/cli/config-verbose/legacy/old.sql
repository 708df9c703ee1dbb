-- Excluded by the configuration: it runs, but its findings are silenced.
CREATE TABLE old (id serial PRIMARY KEY);
INSERT INTO old VALUES (1);
