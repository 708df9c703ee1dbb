-- public.capped.id: keys loaded by INSERT at testdata/fix/limits.sql:12
SELECT pg_catalog.setval('public.capped_ids', least(greatest(max(id), 1), 100), coalesce(max(id) >= 1, false)) FROM public.capped;

-- public.floors.id: keys loaded by INSERT at testdata/fix/limits.sql:16
SELECT pg_catalog.setval('public.floor_ids', greatest(least(min(id), -1), -10), coalesce(min(id) <= -1, false)) FROM public.floors;

-- public.amounts.id: keys loaded by INSERT at testdata/fix/limits.sql:20
SELECT pg_catalog.setval('public.amount_ids', least(greatest(max(id), 1), 9223372036854775807)::bigint, coalesce(max(id) >= 1, false)) FROM public.amounts;
