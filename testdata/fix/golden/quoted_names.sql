-- public."OrderLines"."LineId": keys loaded by INSERT at testdata/fix/quoted_names.sql:8
SELECT pg_catalog.setval('public."OrderLines_LineId_seq"', greatest(max("LineId"), 1), coalesce(max("LineId") >= 1, false)) FROM public."OrderLines";

-- public."say ""hi"""."select": keys loaded by INSERT at testdata/fix/quoted_names.sql:11, then setval at testdata/fix/quoted_names.sql:12 left the sequence behind
SELECT pg_catalog.setval('public."say ""hi""_select_seq"', greatest(max("select"), 1), coalesce(max("select") >= 1, false)) FROM public."say ""hi""";
