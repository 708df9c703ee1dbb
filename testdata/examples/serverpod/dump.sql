--
-- PostgreSQL database dump
--

\restrict pgseqlintexample

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: serverpod_email_auth; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.serverpod_email_auth (
    id bigint NOT NULL,
    "userId" bigint NOT NULL,
    email text NOT NULL,
    hash text NOT NULL
);


--
-- Name: serverpod_email_auth_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.serverpod_email_auth_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: serverpod_email_auth_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.serverpod_email_auth_id_seq OWNED BY public.serverpod_email_auth.id;


--
-- Name: serverpod_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.serverpod_migrations (
    id bigint NOT NULL,
    module text NOT NULL,
    version text NOT NULL,
    "timestamp" timestamp without time zone
);


--
-- Name: serverpod_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.serverpod_migrations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: serverpod_migrations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.serverpod_migrations_id_seq OWNED BY public.serverpod_migrations.id;


--
-- Name: serverpod_user_image; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.serverpod_user_image (
    id bigint NOT NULL,
    "userId" bigint NOT NULL,
    version bigint NOT NULL,
    url text NOT NULL
);


--
-- Name: serverpod_user_image_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.serverpod_user_image_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: serverpod_user_image_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.serverpod_user_image_id_seq OWNED BY public.serverpod_user_image.id;


--
-- Name: serverpod_user_info; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.serverpod_user_info (
    id bigint NOT NULL,
    "userIdentifier" text NOT NULL,
    "userName" text NOT NULL,
    "fullName" text,
    email text,
    created timestamp without time zone NOT NULL,
    "imageUrl" text,
    "scopeNames" json NOT NULL,
    blocked boolean NOT NULL
);


--
-- Name: serverpod_user_info_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.serverpod_user_info_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: serverpod_user_info_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.serverpod_user_info_id_seq OWNED BY public.serverpod_user_info.id;


--
-- Name: serverpod_email_auth id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_email_auth ALTER COLUMN id SET DEFAULT nextval('public.serverpod_email_auth_id_seq'::regclass);


--
-- Name: serverpod_migrations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_migrations ALTER COLUMN id SET DEFAULT nextval('public.serverpod_migrations_id_seq'::regclass);


--
-- Name: serverpod_user_image id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_user_image ALTER COLUMN id SET DEFAULT nextval('public.serverpod_user_image_id_seq'::regclass);


--
-- Name: serverpod_user_info id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_user_info ALTER COLUMN id SET DEFAULT nextval('public.serverpod_user_info_id_seq'::regclass);


--
-- Data for Name: serverpod_email_auth; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.serverpod_email_auth (id, "userId", email, hash) FROM stdin;
1	1	ada@example.com	$2a$10$4Fr7Fh9u1lHk
2	2	grace@example.com	$2a$10$0tNlQmRZ3d8o
3	4	edsger@example.com	$2a$10$T4vVwq2kQy6e
\.


--
-- Data for Name: serverpod_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.serverpod_migrations (id, module, version, "timestamp") FROM stdin;
1	serverpod_auth	20240115074239642	2026-11-25 12:17:46.781909
\.


--
-- Data for Name: serverpod_user_image; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.serverpod_user_image (id, "userId", version, url) FROM stdin;
1	1	1	https://example.com/ada.png
2	3	1	https://example.com/alan.png
\.


--
-- Data for Name: serverpod_user_info; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.serverpod_user_info (id, "userIdentifier", "userName", "fullName", email, created, "imageUrl", "scopeNames", blocked) FROM stdin;
1	ada@example.com	ada	Ada Lovelace	ada@example.com	2024-02-01 09:00:00	\N	[]	f
2	grace@example.com	grace	Grace Hopper	grace@example.com	2024-02-02 10:30:00	\N	[]	f
3	alan@example.com	alan	Alan Turing	alan@example.com	2024-02-03 11:15:00	\N	["serverpod.admin"]	f
4	edsger@example.com	edsger	Edsger Dijkstra	edsger@example.com	2023-11-20 08:00:00	\N	[]	f
5	barbara@example.com	barbara	Barbara Liskov	barbara@example.com	2023-11-21 08:00:00	\N	[]	f
6	donald@example.com	donald	Donald Knuth	donald@example.com	2023-11-22 08:00:00	\N	[]	t
7	frances@example.com	frances	Frances Allen	frances@example.com	2023-11-23 08:00:00	\N	[]	f
\.


--
-- Name: serverpod_email_auth_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.serverpod_email_auth_id_seq', 3, true);


--
-- Name: serverpod_migrations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.serverpod_migrations_id_seq', 1, true);


--
-- Name: serverpod_user_image_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.serverpod_user_image_id_seq', 2, true);


--
-- Name: serverpod_user_info_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--



--
-- Name: serverpod_email_auth serverpod_email_auth_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_email_auth
    ADD CONSTRAINT serverpod_email_auth_pkey PRIMARY KEY (id);


--
-- Name: serverpod_migrations serverpod_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_migrations
    ADD CONSTRAINT serverpod_migrations_pkey PRIMARY KEY (id);


--
-- Name: serverpod_user_image serverpod_user_image_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_user_image
    ADD CONSTRAINT serverpod_user_image_pkey PRIMARY KEY (id);


--
-- Name: serverpod_user_info serverpod_user_info_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.serverpod_user_info
    ADD CONSTRAINT serverpod_user_info_pkey PRIMARY KEY (id);


--
-- Name: serverpod_email_auth_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX serverpod_email_auth_email ON public.serverpod_email_auth USING btree (email);


--
-- Name: serverpod_user_info_user_identifier; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX serverpod_user_info_user_identifier ON public.serverpod_user_info USING btree ("userIdentifier");


--
-- PostgreSQL database dump complete
--

\unrestrict pgseqlintexample

