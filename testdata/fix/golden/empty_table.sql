-- public.tickets.id: keys loaded by INSERT ... SELECT at testdata/fix/empty_table.sql:10
SELECT pg_catalog.setval('public.ticket_ids', greatest(max(id), 100), coalesce(max(id) >= 100, false)) FROM public.tickets;
