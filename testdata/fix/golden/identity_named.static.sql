-- app.tickets.id: keys loaded by INSERT at testdata/fix/identity_named.sql:10
SELECT pg_catalog.setval('app."Ticket Numbers"', 1005, true);

-- public.legacy.id: keys loaded by INSERT at testdata/fix/identity_named.sql:13
SELECT pg_catalog.setval('public.legacy_ids', 3, true);
