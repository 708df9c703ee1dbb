COPY public.users (id, name) FROM stdin;
1	ada
7	grace
\.

INSERT INTO "Orders" VALUES (100, 1);
INSERT INTO "Orders" ("user_id") VALUES (7);
