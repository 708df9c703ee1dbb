-- Fix case: mixed-case quoted names, a double quote and a space in a name,
-- a reserved word as a column name.
--
-- collides: public."OrderLines_LineId_seq"
-- collides: public."say ""hi""_select_seq"

CREATE TABLE "OrderLines" ("LineId" serial PRIMARY KEY, "Qty" int);
INSERT INTO "OrderLines" VALUES (1, 3), (2, 4);

CREATE TABLE "say ""hi""" ("select" bigserial, v text);
INSERT INTO "say ""hi""" VALUES (7, 'hello');
SELECT setval('"say ""hi""_select_seq"', 7, false);
