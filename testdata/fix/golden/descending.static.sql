-- public.credits.id: keys loaded by INSERT at testdata/fix/descending.sql:9
SELECT pg_catalog.setval('public.credit_ids', -40, true);

-- public.refunds.id: keys loaded by INSERT at testdata/fix/descending.sql:14, then setval at testdata/fix/descending.sql:15 left the sequence behind
SELECT pg_catalog.setval('public.refunds_id_seq', -20, true);
