-- Scenario: several schemas and a changing search_path.
-- Covers: the same table name in three schemas, SET search_path,
-- set_config('search_path', ...), RESET search_path, unqualified setval
-- resolved through search_path, a sequence in another schema than its
-- table.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: billing.accounts_id_seq
-- collides: util.global_ids

CREATE SCHEMA billing;
CREATE SCHEMA crm;
CREATE SCHEMA util;

-- Out of sync: billing.accounts loaded with explicit keys; the setval
-- later, under another search_path, moves crm's sequence instead.
SET search_path = billing;
CREATE TABLE accounts (id serial PRIMARY KEY, name text);
INSERT INTO accounts VALUES (1, 'a'), (2, 'b'), (3, 'c');

-- In sync: crm.accounts, keys from the default, then the setval meant for
-- billing lands here (ahead of crm's keys: harmless).
SET search_path = crm, public;
CREATE TABLE accounts (id serial PRIMARY KEY, name text);
INSERT INTO accounts (name) VALUES ('x');
SELECT setval('accounts_id_seq', 3);

-- In sync: public.accounts, set through set_config.
SELECT set_config('search_path', 'public', false);
CREATE TABLE accounts (id serial PRIMARY KEY, name text);
INSERT INTO accounts VALUES (7, 'p');
SELECT setval('accounts_id_seq', 7);

-- Out of sync: a sequence in util feeding tables in billing and crm.
RESET search_path;
CREATE SEQUENCE util.global_ids;
CREATE TABLE billing.payments (id bigint DEFAULT nextval('util.global_ids'), amount numeric);
CREATE TABLE crm.contacts (id bigint DEFAULT nextval('util.global_ids'), name text);
INSERT INTO billing.payments VALUES (10, 1), (11, 2);
INSERT INTO crm.contacts (name) VALUES ('z');
