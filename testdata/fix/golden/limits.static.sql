-- public.capped.id: keys loaded by INSERT at testdata/fix/limits.sql:12
SELECT pg_catalog.setval('public.capped_ids', 100, true);

-- public.floors.id: keys loaded by INSERT at testdata/fix/limits.sql:16
SELECT pg_catalog.setval('public.floor_ids', -10, true);

-- public.amounts.id: keys loaded by INSERT at testdata/fix/limits.sql:20
SELECT pg_catalog.setval('public.amount_ids', 12, true);
