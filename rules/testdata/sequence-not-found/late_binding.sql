-- Defaults written nextval('s'::text), as before PostgreSQL 8.1, look the
-- sequence up when an insert runs: the table is created, and every insert
-- that takes the default fails. The finding is at the default.
CREATE TABLE legacy (id int DEFAULT nextval(('public.legacy_id_seq'::text)::regclass)); -- want "column default names sequence public.legacy_id_seq"
INSERT INTO legacy VALUES (1);
INSERT INTO legacy DEFAULT VALUES;

-- Clean: the sequence exists when the default is created.
CREATE SEQUENCE orders_id_seq;
CREATE TABLE orders (id int DEFAULT nextval('orders_id_seq'::text));
INSERT INTO orders DEFAULT VALUES;
