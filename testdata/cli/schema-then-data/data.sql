-- pg_dump --data-only, from a database whose sequence was behind
COPY public.accounts (id, owner) FROM stdin;
1	ada
2	grace
\.
SELECT pg_catalog.setval('public.accounts_id_seq', 1, true);
