-- COPY always stores the values it is given: clean, even for GENERATED
-- ALWAYS (pg_dump's own form).
CREATE TABLE public.a (id integer NOT NULL, v text);
ALTER TABLE public.a ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.a_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
COPY public.a (id, v) FROM stdin;
1	x
2	y
\.
SELECT pg_catalog.setval('public.a_id_seq', 2, true);

-- pg_dump --inserts writes OVERRIDING SYSTEM VALUE: clean.
INSERT INTO public.a OVERRIDING SYSTEM VALUE VALUES (3, 'z');
SELECT pg_catalog.setval('public.a_id_seq', 3, true);

-- After DROP IDENTITY the column takes any value.
ALTER TABLE public.a ALTER COLUMN id DROP IDENTITY;
INSERT INTO public.a VALUES (4, 'w');
