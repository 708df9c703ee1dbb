-- Scenario: serial sequences whose natural name is taken.
-- Covers: PostgreSQL appends a digit when table_column_seq exists
-- (customer_customer_id_seq1), also when two different tables/columns
-- produce the same name (a_b.c and a.b_c both want a_b_c_seq), and the
-- taken name belongs to a sequence of its own.
-- A line "-- collides: SEQ" names each sequence whose next value is at or
-- below the largest key after this script (checked against PostgreSQL).
--
-- collides: public.a_b_c_seq1
-- collides: public.customer_customer_id_seq1

-- In sync: a hand-made sequence that happens to have the serial's name.
CREATE SEQUENCE customer_customer_id_seq;
CREATE TABLE legacy_customer (id int DEFAULT nextval('customer_customer_id_seq'), name text);
INSERT INTO legacy_customer (name) VALUES ('old1'), ('old2');

-- Out of sync: its sequence is customer_customer_id_seq1; setval on the
-- name one would guess moves the other sequence.
CREATE TABLE customer (customer_id serial PRIMARY KEY, name text);
INSERT INTO customer VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
SELECT setval('customer_customer_id_seq', 3);

-- In sync: a_b.c gets a_b_c_seq.
CREATE TABLE a_b (c serial, v text);
INSERT INTO a_b VALUES (1, 'x');
SELECT setval('a_b_c_seq', 1);

-- Out of sync: a.b_c gets a_b_c_seq1, never moved.
CREATE TABLE a (b_c serial, v text);
INSERT INTO a VALUES (1, 'y'), (2, 'z');
