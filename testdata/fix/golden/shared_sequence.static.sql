-- public.published.id: keys loaded by INSERT at testdata/fix/shared_sequence.sql:13, then setval at testdata/fix/shared_sequence.sql:14 left the sequence behind
SELECT pg_catalog.setval('public.doc_ids', 11, true);
