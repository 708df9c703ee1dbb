-- "Sales Data"."Order Lines"."Line Id": keys loaded by COPY at testdata/fix/schema_quotes.sql:10
SELECT pg_catalog.setval('"Sales Data"."Order Lines_Line Id_seq"', 2, true);

-- "select".items.id: keys loaded by INSERT at testdata/fix/schema_quotes.sql:15
SELECT pg_catalog.setval('"select".items_id_seq', 42, true);
