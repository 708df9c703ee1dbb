--
-- PostgreSQL database cluster dump (trimmed): two databases whose
-- sequences are in different states.
--

SET default_transaction_read_only = off;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE ROLE shop_owner;
ALTER ROLE shop_owner WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN;

CREATE DATABASE shop WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE = 'C';
\connect shop

CREATE TABLE public.orders (id integer NOT NULL, note text);
CREATE SEQUENCE public.orders_id_seq AS integer START WITH 1;
ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;
ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);
COPY public.orders (id, note) FROM stdin;
1	first
2	second
\.
SELECT pg_catalog.setval('public.orders_id_seq', 2, true);

CREATE DATABASE "Blog Archive" WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE = 'C';
\connect -reuse-previous=on "dbname='Blog Archive'"

CREATE TABLE public.orders (id integer NOT NULL, note text);
CREATE SEQUENCE public.orders_id_seq AS integer START WITH 1;
ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;
ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);
COPY public.orders (id, note) FROM stdin;
1	first
2	second
\.
SELECT pg_catalog.setval('public.orders_id_seq', 1, false);
