--
-- PostgreSQL database dump
--

\restrict 3Ghi3aktEAbdC8QnuzouATxYcS3WqmSYVxcoNwI5NK38ACAmcZ2oNgFSIRwgs9d

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
-- Name: copied; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.copied (
    id integer NOT NULL,
    note text
);


ALTER TABLE public.copied OWNER TO postgres;

--
-- Name: copied_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.copied_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.copied_id_seq OWNER TO postgres;

--
-- Name: copied_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.copied_id_seq OWNED BY public.copied.id;


--
-- Name: csv_loaded; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.csv_loaded (
    id bigint NOT NULL,
    note text
);


ALTER TABLE public.csv_loaded OWNER TO postgres;

--
-- Name: csv_loaded_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.csv_loaded_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.csv_loaded_id_seq OWNER TO postgres;

--
-- Name: csv_loaded_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.csv_loaded_id_seq OWNED BY public.csv_loaded.id;


--
-- Name: drawn; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.drawn (
    id integer NOT NULL,
    v text
);


ALTER TABLE public.drawn OWNER TO postgres;

--
-- Name: drawn_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.drawn_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.drawn_id_seq OWNER TO postgres;

--
-- Name: drawn_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.drawn_id_seq OWNED BY public.drawn.id;


--
-- Name: generated; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.generated (
    id integer NOT NULL,
    n integer
);


ALTER TABLE public.generated OWNER TO postgres;

--
-- Name: generated_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.generated_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.generated_id_seq OWNER TO postgres;

--
-- Name: generated_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.generated_id_seq OWNED BY public.generated.id;


--
-- Name: mixed; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.mixed (
    id integer NOT NULL,
    v text
);


ALTER TABLE public.mixed OWNER TO postgres;

--
-- Name: mixed_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.mixed_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.mixed_id_seq OWNER TO postgres;

--
-- Name: mixed_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.mixed_id_seq OWNED BY public.mixed.id;


--
-- Name: upserted; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.upserted (
    id integer NOT NULL,
    v text
);


ALTER TABLE public.upserted OWNER TO postgres;

--
-- Name: upserted_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.upserted_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.upserted_id_seq OWNER TO postgres;

--
-- Name: upserted_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.upserted_id_seq OWNED BY public.upserted.id;


--
-- Name: copied id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.copied ALTER COLUMN id SET DEFAULT nextval('public.copied_id_seq'::regclass);


--
-- Name: csv_loaded id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.csv_loaded ALTER COLUMN id SET DEFAULT nextval('public.csv_loaded_id_seq'::regclass);


--
-- Name: drawn id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.drawn ALTER COLUMN id SET DEFAULT nextval('public.drawn_id_seq'::regclass);


--
-- Name: generated id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.generated ALTER COLUMN id SET DEFAULT nextval('public.generated_id_seq'::regclass);


--
-- Name: mixed id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mixed ALTER COLUMN id SET DEFAULT nextval('public.mixed_id_seq'::regclass);


--
-- Name: upserted id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.upserted ALTER COLUMN id SET DEFAULT nextval('public.upserted_id_seq'::regclass);


--
-- Data for Name: copied; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.copied (id, note) FROM stdin;
1	tab\there
2	\N
3	back\\slash
\.


--
-- Data for Name: csv_loaded; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.csv_loaded (id, note) FROM stdin;
10	two\nlines
11	comma, inside
\.


--
-- Data for Name: drawn; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.drawn (id, v) FROM stdin;
1	a
2	b
\.


--
-- Data for Name: generated; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.generated (id, n) FROM stdin;
1	1
2	4
3	9
4	16
5	25
6	36
\.


--
-- Data for Name: mixed; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.mixed (id, v) FROM stdin;
1	a
50	b
2	c
\.


--
-- Data for Name: upserted; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.upserted (id, v) FROM stdin;
1	a
2	B
3	c
\.


--
-- Name: copied_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.copied_id_seq', 1, false);


--
-- Name: csv_loaded_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.csv_loaded_id_seq', 11, true);


--
-- Name: drawn_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.drawn_id_seq', 2, true);


--
-- Name: generated_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.generated_id_seq', 1, false);


--
-- Name: mixed_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.mixed_id_seq', 2, true);


--
-- Name: upserted_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.upserted_id_seq', 1, false);


--
-- Name: copied copied_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.copied
    ADD CONSTRAINT copied_pkey PRIMARY KEY (id);


--
-- Name: csv_loaded csv_loaded_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.csv_loaded
    ADD CONSTRAINT csv_loaded_pkey PRIMARY KEY (id);


--
-- Name: drawn drawn_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.drawn
    ADD CONSTRAINT drawn_pkey PRIMARY KEY (id);


--
-- Name: generated generated_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.generated
    ADD CONSTRAINT generated_pkey PRIMARY KEY (id);


--
-- Name: mixed mixed_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mixed
    ADD CONSTRAINT mixed_pkey PRIMARY KEY (id);


--
-- Name: upserted upserted_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.upserted
    ADD CONSTRAINT upserted_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict 3Ghi3aktEAbdC8QnuzouATxYcS3WqmSYVxcoNwI5NK38ACAmcZ2oNgFSIRwgs9d

