-- pg_dump's COPY form: keys loaded, and the setval line lost.
CREATE TABLE public.users (id bigint, name text);
CREATE SEQUENCE public.users_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
COPY public.users (id, name) FROM stdin; -- want "keys up to 12 were loaded into public.users.id, but nothing moves sequence public.users_id_seq past them: it hands out 1 next"
3	ada
12	grace
\N	nobody
\.

-- The same with its setval: clean.
CREATE TABLE public.posts (id bigserial, title text);
COPY public.posts (id, title) FROM stdin;
1	hello
2	world
\.
SELECT pg_catalog.setval('public.posts_id_seq', 2, true);

-- Rows that take the default move the sequence themselves: clean.
CREATE TABLE public.tags (id serial, label text);
COPY public.tags (label) FROM stdin;
red
green
\.

-- CSV with a header and a quoted newline.
CREATE TABLE notes (id serial PRIMARY KEY, body text);
COPY notes (id, body) FROM stdin WITH (FORMAT csv, HEADER); -- want "keys up to 8 .* public.notes_id_seq"
id,body
7,"two
lines"
8,"x"
\.

-- FROM STDOUT is the grammar's other name for FROM STDIN, in COPY and \copy
-- alike: the rows follow in the script.
CREATE TABLE logs (id serial, line text);
COPY logs (id, line) FROM stdout; -- want "keys up to 4 .* public.logs_id_seq"
4	started
\.
CREATE TABLE events (id serial, name text);
\copy events (id, name) from stdout -- want "keys up to 6 .* public.events_id_seq"
6	boot
\.

-- COPYs sharing a line read their rows in turn, as psql reads them.
CREATE TABLE pairs_a (id serial);
CREATE TABLE pairs_b (id serial);
COPY pairs_a FROM stdin; COPY pairs_b FROM stdin; -- want "keys up to 2 .* public.pairs_a_id_seq" "keys up to 3 .* public.pairs_b_id_seq"
2
\.
3
\.
