-- public.credits.id: keys loaded by INSERT at testdata/fix/descending.sql:9
SELECT pg_catalog.setval('public.credit_ids', greatest(least(min(id), -1), -1000), coalesce(min(id) <= -1, false)) FROM public.credits;

-- public.refunds.id: keys loaded by INSERT at testdata/fix/descending.sql:14, then setval at testdata/fix/descending.sql:15 left the sequence behind
SELECT pg_catalog.setval('public.refunds_id_seq', greatest(least(min(id), 0), -1000), coalesce(min(id) <= 0, false)) FROM public.refunds;
