package dumpgen

import (
	"fmt"
	"strings"
)

// appSchema mirrors an application's database: users with emails, names
// and timestamps; orders with numeric amounts, nullable notes and
// timestamps; events with payloads of about 130 bytes holding tabs,
// backslashes and multibyte UTF-8, which COPY escapes as \t and \\; items
// with short SKUs; and profiles, a wide table with a jsonb column. Each
// table is keyed by a different kind of sequence: a bigserial (users,
// orders), a serial (items), BY DEFAULT and ALWAYS identities (events,
// profiles). The orders sequence is behind its keys and the events one was
// never used.
var appSchema = schema{
	header: appHeader,
	tables: []table{appEvents, appItems, appOrders, appProfiles, appUsers},
	footer: appFooter,
}

// Words in scripts other than Latin, and Latin with accents: two to four
// bytes a character in UTF-8.
var multibyteWords = strings.Fields(`café naïve Zürich São Kraków Ærøskøbing straße 東京 大阪 Москва
Ελλάδα 서울 😀 🚀 Ñandú Besançon`)

// someone makes a first and last name, now and then in other scripts.
func (g *generator) someone() (first, last string) {
	first, last = capitalize(words[g.intn(len(words))]), capitalize(words[g.intn(len(words))])
	if g.intn(8) == 0 {
		last = multibyteWords[g.intn(len(multibyteWords))]
	}
	return first, last
}

// instant is a timestamp as PostgreSQL writes one with microseconds:
// trailing zeros of the fraction are left out, and a zero fraction too.
func (g *generator) instant() string {
	s := g.timestamp()
	micros := g.intn(1000000)
	if micros == 0 {
		return s
	}
	return s + strings.TrimRight(fmt.Sprintf(".%06d", micros), "0")
}

// maybe is f, or NULL once in every n rows on average.
func (g *generator) maybe(n int, f func() field) field {
	if g.intn(n) == 0 {
		return field{null: true}
	}
	return f()
}

func (g *generator) amount(units int) field {
	return field{number: true, text: fmt.Sprintf("%d.%02d", g.intn(units), g.intn(100))}
}

func pick(g *generator, of []string) string { return of[g.intn(len(of))] }

var appUsers = table{
	name:     "users",
	columns:  "id, email, full_name, created_at, last_login_at",
	sequence: "users_id_seq",
	row: func(g *generator, id int64, _ []int64) []field {
		first, last := g.someone()
		email := fmt.Sprintf("%s.%s%d@%s", strings.ToLower(first), words[g.intn(len(words))], id, pick(g, mailDomains))
		return []field{
			number(id), {text: email}, {text: first + " " + last}, {text: g.instant()},
			g.maybe(3, func() field { return field{text: g.instant()} }),
		}
	},
}

var mailDomains = []string{"example.com", "example.org", "mail.example.net", "corp.example.io"}

var appOrders = table{
	name:     "orders",
	columns:  "id, user_id, amount, currency, status, note, created_at",
	share:    0.30,
	sequence: "orders_id_seq",
	behind:   halfway,
	row: func(g *generator, id int64, _ []int64) []field {
		return []field{
			number(id), number(1 + int64(g.intn(int(id)))), g.amount(5000),
			{text: pick(g, []string{"EUR", "USD", "GBP", "JPY"})},
			{text: pick(g, []string{"pending", "paid", "shipped", "delivered", "cancelled"})},
			g.note(), {text: g.instant()},
		}
	},
}

// note is NULL in two orders out of three, a few words in the others.
func (g *generator) note() field {
	if g.intn(3) > 0 {
		return field{null: true}
	}
	return field{text: g.sentence(2 + g.intn(8))}
}

var appEvents = table{
	name:     "events",
	columns:  "id, user_id, kind, payload, created_at",
	share:    0.35,
	sequence: "events_id_seq",
	behind:   unused,
	row: func(g *generator, id int64, _ []int64) []field {
		return []field{
			number(id), g.maybe(10, func() field { return number(1 + int64(g.intn(int(id)))) }),
			{text: pick(g, []string{"page_view", "login", "search", "add_to_cart", "checkout"})},
			{text: g.payload()}, {text: g.instant()},
		}
	},
}

// payload is a request log line of about 130 bytes, its parts separated
// by tabs, with a multibyte search term and now and then a Windows path.
func (g *generator) payload() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s /%s/%s?q=%s&page=%d\tua=Mozilla/5.0 (%s)\tref=https://%s/%s",
		pick(g, []string{"GET", "POST"}), words[g.intn(len(words))], words[g.intn(len(words))],
		multibyteWords[g.intn(len(multibyteWords))], 1+g.intn(20),
		pick(g, []string{"X11; Linux x86_64", "Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 14_2"}),
		pick(g, mailDomains), words[g.intn(len(words))])
	if g.intn(3) == 0 {
		fmt.Fprintf(&b, "\tfile=C:\\Users\\%s\\%s.pdf", words[g.intn(len(words))], words[g.intn(len(words))])
	}
	fmt.Fprintf(&b, "\tms=%d", g.intn(2000))
	return b.String()
}

var appItems = table{
	name:     "items",
	columns:  "id, sku, price, stock",
	share:    0.03,
	sequence: "items_id_seq",
	row: func(g *generator, id int64, _ []int64) []field {
		sku := fmt.Sprintf("%c%c-%05d", 'A'+g.intn(26), 'A'+g.intn(26), g.intn(100000))
		return []field{number(id), {text: sku}, g.amount(500), number(int64(g.intn(1000)))}
	},
}

var appProfiles = table{
	name:      "profiles",
	columns:   "id, user_id, display_name, locale, time_zone, theme, newsletter, phone, country, settings, created_at, updated_at",
	overrides: true,
	share:     0.12,
	sequence:  "profiles_id_seq",
	row: func(g *generator, id int64, _ []int64) []field {
		first, last := g.someone()
		return []field{
			number(id), number(id), {text: first + " " + last},
			{text: pick(g, []string{"en-US", "de-DE", "fr-FR", "ja-JP", "pt-BR"})},
			{text: pick(g, []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"})},
			{text: pick(g, []string{"light", "dark", "system"})},
			{boolean: true, text: pick(g, []string{"t", "f"})},
			g.maybe(2, func() field {
				return field{text: fmt.Sprintf("+%d %d %07d", 1+g.intn(98), 10+g.intn(90), g.intn(10000000))}
			}),
			{text: pick(g, []string{"DE", "FR", "US", "JP", "BR", "GB"})},
			{text: g.settings()}, {text: g.instant()},
			g.maybe(4, func() field { return field{text: g.instant()} }),
		}
	},
}

// searchTerms need no escaping in JSON.
var searchTerms = append(words[:8:8], multibyteWords...)

// settings is a jsonb document as PostgreSQL writes one back: an object's
// keys shortest first, then in byte order, ", " and ": " between them.
func (g *generator) settings() string {
	recent := make([]string, g.intn(4))
	for i := range recent {
		recent[i] = `"` + pick(g, searchTerms) + `"`
	}
	return fmt.Sprintf(`{"beta": %t, "theme": {"accent": "#%06x", "density": %q}, "notifications": {"push": %t, "email": %t, "digest": %q}, "recent_searches": [%s]}`,
		g.intn(5) == 0, g.intn(1<<24), pick(g, []string{"compact", "comfortable"}),
		g.intn(2) == 0, g.intn(2) == 0, pick(g, []string{"daily", "weekly", "never"}),
		strings.Join(recent, ", "))
}

// The parts of the dump around the rows, as pg_dump 15.18 writes them for
// this schema (with --restrict-key=pgseqlintapp).
const appHeader = `--
-- PostgreSQL database dump
--

\restrict pgseqlintapp

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
-- Name: events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    user_id bigint,
    kind text NOT NULL,
    payload text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


ALTER TABLE public.events OWNER TO postgres;

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: items; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.items (
    id integer NOT NULL,
    sku text NOT NULL,
    price numeric(10,2) NOT NULL,
    stock integer NOT NULL
);


ALTER TABLE public.items OWNER TO postgres;

--
-- Name: items_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.items_id_seq OWNER TO postgres;

--
-- Name: items_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.items_id_seq OWNED BY public.items.id;


--
-- Name: orders; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    amount numeric(12,2) NOT NULL,
    currency text NOT NULL,
    status text NOT NULL,
    note text,
    created_at timestamp without time zone NOT NULL
);


ALTER TABLE public.orders OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.orders_id_seq OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;


--
-- Name: profiles; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.profiles (
    id integer NOT NULL,
    user_id bigint NOT NULL,
    display_name text NOT NULL,
    locale text NOT NULL,
    time_zone text NOT NULL,
    theme text NOT NULL,
    newsletter boolean NOT NULL,
    phone text,
    country text NOT NULL,
    settings jsonb NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone
);


ALTER TABLE public.profiles OWNER TO postgres;

--
-- Name: profiles_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.profiles ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.profiles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    last_login_at timestamp without time zone
);


ALTER TABLE public.users OWNER TO postgres;

--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.users_id_seq OWNER TO postgres;

--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: items id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.items ALTER COLUMN id SET DEFAULT nextval('public.items_id_seq'::regclass);


--
-- Name: orders id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


`

const appFooter = `--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: items items_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict pgseqlintapp

`
