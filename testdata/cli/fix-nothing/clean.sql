CREATE TABLE users (id serial PRIMARY KEY, name text);
INSERT INTO users VALUES (1, 'ada'), (7, 'grace');
SELECT pg_catalog.setval('public.users_id_seq', 7, true);
