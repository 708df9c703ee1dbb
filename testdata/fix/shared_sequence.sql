-- Fix case: one sequence feeding three tables, one of them empty.
-- The fix takes the greatest key over every table (greatest() skips the
-- empty one); the setval here looked at one table only.
--
-- collides: public.doc_ids

CREATE SEQUENCE doc_ids;
CREATE TABLE drafts (id int DEFAULT nextval('doc_ids') PRIMARY KEY, title text);
CREATE TABLE published (id bigint DEFAULT nextval('doc_ids') PRIMARY KEY, title text);
CREATE TABLE archived (id bigint DEFAULT nextval('doc_ids') PRIMARY KEY, title text);
ALTER SEQUENCE doc_ids OWNED BY drafts.id;
INSERT INTO drafts VALUES (1, 'd1'), (2, 'd2');
INSERT INTO published VALUES (10, 'p10'), (11, 'p11');
SELECT setval('doc_ids', (SELECT max(id) FROM drafts));
