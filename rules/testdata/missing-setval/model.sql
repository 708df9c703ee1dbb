-- Shared sequences, descending sequences, partitions, search_path, quoted names.
CREATE SEQUENCE shared;
CREATE TABLE s1 (id int DEFAULT nextval('shared'));
CREATE TABLE s2 (id int DEFAULT nextval('shared'));
INSERT INTO s1 VALUES (4);
INSERT INTO s2 VALUES (9); -- want "keys up to 9 were loaded into public.s2.id, but nothing moves sequence public.shared"

CREATE SEQUENCE down INCREMENT BY -1;
CREATE TABLE d (id int DEFAULT nextval('down'));
INSERT INTO d VALUES (-1), (-7); -- want "keys down to -7 .* public.down .* it hands out -1 next"

CREATE TABLE parent (id bigserial, k int NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE part1 PARTITION OF parent FOR VALUES FROM (0) TO (100);
INSERT INTO part1 VALUES (30, 5); -- want "keys up to 30 were loaded into public.part1.id, but nothing moves sequence public.parent_id_seq"

CREATE SCHEMA app;
SET search_path = app, public;
CREATE TABLE "Orders" ("Id" serial, note text);
INSERT INTO "Orders" VALUES (2, 'x'); -- want "keys up to 2 were loaded into app\.\"Orders\"\.\"Id\", but nothing moves sequence app\.\"Orders_Id_seq\""
RESET search_path;
-- The search path no longer reaches app: this names no sequence and moves
-- nothing.
SELECT setval('"Orders_Id_seq"', 5);
