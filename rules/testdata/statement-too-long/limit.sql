-- These cases run with --max-statement-bytes 64.
CREATE TABLE users (id bigserial PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace');
INSERT INTO users (id, name) VALUES (3, 'ada'), (4, 'grace'), (5, 'edsger'); -- want "statement of 76 bytes is longer than --max-statement-bytes \(64\)"
-- A string that never ends runs to the end of the file: the statements
-- it swallows are not read.
SELECT setval('users_id_seq', 2);
SELECT 'this string is never closed; -- want "statement of [0-9]+ bytes is longer"
SELECT setval('users_id_seq', 5);
-- the end of the file
