-- app.tickets.id: keys loaded by INSERT at testdata/fix/identity_named.sql:10
SELECT pg_catalog.setval('app."Ticket Numbers"', greatest(max(id), 1000), coalesce(max(id) >= 1000, false)) FROM app.tickets;

-- public.legacy.id: keys loaded by INSERT at testdata/fix/identity_named.sql:13
SELECT pg_catalog.setval('public.legacy_ids', greatest(max(id), 1), coalesce(max(id) >= 1, false)) FROM public.legacy;
