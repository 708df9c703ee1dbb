-- Rows loaded into tables the script never creates: their keys cannot be
-- checked, as when a data-only dump is checked without its schema.
SET search_path = public;
COPY public.actor (actor_id, name) FROM stdin; -- want "COPY loads rows into public.actor, a table the script never creates \(with 1 more load, 3 rows in all\): its keys cannot be checked; give its definition with --schema"
1	ada
2	grace
\.
INSERT INTO public.actor VALUES (3, 'barbara');
INSERT INTO film SELECT * FROM staging; -- want "INSERT ... SELECT loads rows into film, a table the script never creates"
COPY public.log FROM '/var/lib/import/log.csv'; -- want "COPY FROM a file loads rows into public.log"
INSERT INTO payment VALUES (1, 9.99), (2, 4.99); -- want "INSERT loads 2 rows into payment"

-- Tables the script creates are checked; the system catalogs hold no
-- keys a script loads.
CREATE TABLE known (id serial PRIMARY KEY);
INSERT INTO known (id) VALUES (DEFAULT);
INSERT INTO pg_catalog.pg_description SELECT * FROM pg_catalog.pg_description WHERE false;
