-- Scenario: one sequence feeding several tables.
-- Covers: a sequence used by the defaults of two and of three tables, with
-- OWNED BY one of them or none; the largest key sits in a table other than
-- the one the setval looked at.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.doc_ids

-- In sync: both tables take their keys from the sequence, interleaved.
CREATE SEQUENCE global_ids;
CREATE TABLE people (id bigint DEFAULT nextval('global_ids') PRIMARY KEY, name text);
CREATE TABLE companies (id bigint DEFAULT nextval('global_ids') PRIMARY KEY, name text);
INSERT INTO people (name) VALUES ('ann');
INSERT INTO companies (name) VALUES ('acme');
INSERT INTO people (name) VALUES ('bob');

-- Out of sync: setval to the largest key of drafts; published holds larger.
CREATE SEQUENCE doc_ids;
CREATE TABLE drafts (id int DEFAULT nextval('doc_ids') PRIMARY KEY, title text);
CREATE TABLE published (id int DEFAULT nextval('doc_ids') PRIMARY KEY, title text);
ALTER SEQUENCE doc_ids OWNED BY drafts.id;
INSERT INTO drafts VALUES (1, 'd1'), (2, 'd2');
INSERT INTO published VALUES (10, 'p10'), (11, 'p11');
SELECT setval('doc_ids', (SELECT max(id) FROM drafts));

-- In sync: three tables, setval over all of them.
CREATE SEQUENCE line_ids;
CREATE TABLE quote_lines (id int DEFAULT nextval('line_ids'), qty int);
CREATE TABLE order_lines (id int DEFAULT nextval('line_ids'), qty int);
CREATE TABLE invoice_lines (id int DEFAULT nextval('line_ids'), qty int);
INSERT INTO quote_lines VALUES (1, 1), (2, 1);
INSERT INTO order_lines VALUES (3, 2);
INSERT INTO invoice_lines VALUES (4, 3), (5, 3);
SELECT setval('line_ids', greatest(
    (SELECT max(id) FROM quote_lines),
    (SELECT max(id) FROM order_lines),
    (SELECT max(id) FROM invoice_lines)));
