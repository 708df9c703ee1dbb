-- A dump cut short: the last COPY never ends, and psql reads everything
-- after it as data.
CREATE TABLE users (id bigserial PRIMARY KEY, name text);
COPY users (id, name) FROM stdin; -- want "COPY data never ends with a line .* \(the input may be cut short\)"
1	ada
2	grace
SELECT pg_catalog.setval('public.users_id_seq', 2, true); -- want "missing data for a column: row has 1 fields"
