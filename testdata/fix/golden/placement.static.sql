-- public.renamed_things.id: keys loaded by INSERT at testdata/fix/placement.sql:13
SELECT pg_catalog.setval('public.renamed_things_id_seq', 5, true);

-- public.readings_high.id: keys loaded by INSERT at testdata/fix/placement.sql:20
SELECT pg_catalog.setval('public.readings_id_seq', 41, true);

-- public.gadgets.id: keys loaded by INSERT at testdata/fix/placement.sql:24, then setval at testdata/fix/placement.sql:24 left the sequence behind
SELECT pg_catalog.setval('public.gadgets_id_seq', 3, true);

-- public.widgets.id: keys loaded by INSERT at testdata/fix/placement.sql:27, then setval at testdata/fix/placement.sql:27 left the sequence behind
SELECT pg_catalog.setval('public.widgets_id_seq', 3, true);
