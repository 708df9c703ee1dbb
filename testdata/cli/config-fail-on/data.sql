-- 88% of an integer serial's range: a warning, which this repository's
-- configuration makes fail the run.
CREATE TABLE logs (id serial PRIMARY KEY, line text);
INSERT INTO logs VALUES (1900000000, 'x');
SELECT setval('logs_id_seq', 1900000000);
