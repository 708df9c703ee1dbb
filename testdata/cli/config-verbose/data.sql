-- A setval that falls short: stale-setval is off here.
CREATE TABLE users (id serial PRIMARY KEY, name text);
INSERT INTO users VALUES (1, 'ada'), (2, 'grace');
SELECT setval('users_id_seq', 1);

-- 93% of an integer serial's range: past this repository's 90%, and an
-- error here.
CREATE TABLE events (id serial PRIMARY KEY, payload text);
INSERT INTO events VALUES (2000000000, 'x');
SELECT setval('events_id_seq', 2000000000);

-- 88%: under the threshold.
CREATE TABLE logs (id serial PRIMARY KEY, line text);
INSERT INTO logs VALUES (1900000000, 'x');
SELECT setval('logs_id_seq', 1900000000);
