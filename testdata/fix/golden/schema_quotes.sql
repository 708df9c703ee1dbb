-- "Sales Data"."Order Lines"."Line Id": keys loaded by COPY at testdata/fix/schema_quotes.sql:10
SELECT pg_catalog.setval('"Sales Data"."Order Lines_Line Id_seq"', greatest(max("Line Id"), 1), coalesce(max("Line Id") >= 1, false)) FROM "Sales Data"."Order Lines";

-- "select".items.id: keys loaded by INSERT at testdata/fix/schema_quotes.sql:15
SELECT pg_catalog.setval('"select".items_id_seq', greatest(max(id), 1), coalesce(max(id) >= 1, false)) FROM "select".items;
