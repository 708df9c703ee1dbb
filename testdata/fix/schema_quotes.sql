-- Fix case: schemas whose names need quotes: a space and capitals, and a
-- reserved word.
--
-- collides: "Sales Data"."Order Lines_Line Id_seq"
-- collides: "select".items_id_seq

CREATE SCHEMA "Sales Data";
CREATE SCHEMA "select";
CREATE TABLE "Sales Data"."Order Lines" ("Line Id" serial PRIMARY KEY, qty int);
COPY "Sales Data"."Order Lines" ("Line Id", qty) FROM stdin;
1	3
2	4
\.
CREATE TABLE "select".items (id serial, name text);
INSERT INTO "select".items VALUES (41, 'a'), (42, 'b');
