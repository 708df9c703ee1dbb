-- Scenario: plain sequences wired to columns by DEFAULT nextval(...).
-- Covers: DEFAULT nextval('s') in CREATE TABLE and in ALTER TABLE ... SET
-- DEFAULT, the 's'::regclass and pg_catalog.nextval spellings, with and
-- without ALTER SEQUENCE ... OWNED BY, ALTER SEQUENCE ... RESTART WITH.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.label_ids
-- collides: public.note_ids

-- In sync: owned by its column, loaded, set to the largest key.
CREATE SEQUENCE customer_ids;
CREATE TABLE customers (id int DEFAULT nextval('customer_ids') PRIMARY KEY, name text);
ALTER SEQUENCE customer_ids OWNED BY customers.id;
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
SELECT setval('customer_ids', 3);

-- Out of sync: not owned by anything, default set after CREATE TABLE,
-- explicit keys.
CREATE SEQUENCE note_ids;
CREATE TABLE notes (id bigint NOT NULL, body text);
ALTER TABLE notes ALTER COLUMN id SET DEFAULT nextval('note_ids'::regclass);
INSERT INTO notes VALUES (1, 'x'), (2, 'y'), (3, 'z'), (4, 'w');

-- In sync: schema-qualified, pg_catalog-qualified, keys from the default.
CREATE SEQUENCE public.tag_ids;
CREATE TABLE tags (id int DEFAULT pg_catalog.nextval('public.tag_ids'::regclass), tag text);
INSERT INTO tags (tag) VALUES ('red'), ('green');
INSERT INTO tags VALUES (DEFAULT, 'blue');

-- Out of sync: RESTART WITH a value below the keys.
CREATE SEQUENCE label_ids OWNED BY NONE;
CREATE TABLE labels (id int DEFAULT nextval('label_ids') PRIMARY KEY, label text);
ALTER SEQUENCE label_ids OWNED BY labels.id;
INSERT INTO labels VALUES (1, 'a'), (2, 'b'), (3, 'c');
ALTER SEQUENCE label_ids RESTART WITH 2;

-- In sync: RESTART WITH past the keys.
CREATE SEQUENCE memo_ids;
CREATE TABLE memos (id int DEFAULT nextval('memo_ids'), memo text);
INSERT INTO memos VALUES (10, 'm');
ALTER SEQUENCE memo_ids RESTART WITH 11;
