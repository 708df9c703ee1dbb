-- Fix case: keys beyond a sequence's bounds and keys in a numeric column.
-- setval rejects a value past MAXVALUE (MINVALUE, descending): the fix
-- stops at the limit, where nextval fails instead of colliding. setval
-- takes a bigint: a numeric key is cast.
--
-- collides: public.capped_ids
-- collides: public.floor_ids
-- collides: public.amount_ids

CREATE SEQUENCE capped_ids MAXVALUE 100;
CREATE TABLE capped (id bigint DEFAULT nextval('capped_ids'), v text);
INSERT INTO capped VALUES (200, 'x');

CREATE SEQUENCE floor_ids INCREMENT BY -1 MINVALUE -10 MAXVALUE -1;
CREATE TABLE floors (id int DEFAULT nextval('floor_ids'), v text);
INSERT INTO floors VALUES (-20, 'x');

CREATE SEQUENCE amount_ids;
CREATE TABLE amounts (id numeric DEFAULT nextval('amount_ids'), v text);
INSERT INTO amounts VALUES (12, 'x');
