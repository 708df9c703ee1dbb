-- public."OrderLines"."LineId": keys loaded by INSERT at testdata/fix/quoted_names.sql:8
SELECT pg_catalog.setval('public."OrderLines_LineId_seq"', 2, true);

-- public."say ""hi"""."select": keys loaded by INSERT at testdata/fix/quoted_names.sql:11, then setval at testdata/fix/quoted_names.sql:12 left the sequence behind
SELECT pg_catalog.setval('public."say ""hi""_select_seq"', 7, true);
