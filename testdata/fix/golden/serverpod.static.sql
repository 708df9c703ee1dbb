-- public.serverpod_user_info.id: keys loaded by COPY at testdata/examples/serverpod/dump.sql:216
SELECT pg_catalog.setval('public.serverpod_user_info_id_seq', 7, true);
