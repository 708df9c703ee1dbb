// Package dumpgen writes deterministic synthetic dumps, byte for byte in
// the form pg_dump 15 writes them, of any size: three tables keyed by a
// bigserial, a serial and a GENERATED ALWAYS identity column, with text
// columns that hold quotes, tabs, newlines, backslashes and NULLs. Two of
// the three sequences are left behind their keys, as in a database that
// was already out of sync when it was dumped, so a check has findings.
package dumpgen

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Format is one of pg_dump's ways of writing rows.
type Format int

const (
	Copy          Format = iota // the default: COPY ... FROM stdin
	Inserts                     // --inserts: one INSERT per row
	RowsPerInsert               // --rows-per-insert=N
	ColumnInserts               // --column-inserts: one INSERT per row, naming the columns
)

// ParseFormat reads "copy", "inserts", "column-inserts" or "rows-per-insert".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "copy":
		return Copy, nil
	case "inserts":
		return Inserts, nil
	case "rows-per-insert":
		return RowsPerInsert, nil
	case "column-inserts":
		return ColumnInserts, nil
	}
	return 0, fmt.Errorf("unknown format %q (want copy, inserts, column-inserts or rows-per-insert)", s)
}

// Options says what to write.
type Options struct {
	// Size is the approximate size of the dump in bytes; rows are written
	// until it is reached.
	Size   int64
	Format Format
	// RowsPerInsert is N of --rows-per-insert (100 when 0).
	RowsPerInsert int
	// Seed varies the data; the same options always write the same bytes.
	Seed uint64
}

// The share of the data each table gets.
const (
	accountsShare = 0.45
	eventsShare   = 0.20
)

// Write writes the dump.
func Write(w io.Writer, opts Options) error {
	if opts.RowsPerInsert <= 0 {
		opts.RowsPerInsert = 100
	}
	g := &generator{w: bufio.NewWriterSize(w, 1<<20), opts: opts, rnd: opts.Seed*2862933555777941757 + 3037000493}
	g.write(header)
	data := opts.Size - int64(len(header)+len(footer))
	// pg_dump writes tables in name order.
	accounts := g.table(accountsTable, int64(float64(data)*accountsShare), 0)
	g.table(eventsTable, int64(float64(data)*eventsShare), 0)
	orders := g.table(ordersTable, data-(g.n-int64(len(header))), accounts)
	// accounts is in sync; events and orders are behind their keys.
	g.printf(setvalTemplate, "accounts_id_seq", "accounts_id_seq", accounts, "true")
	g.printf(setvalTemplate, "events_id_seq", "events_id_seq", 1, "false")
	g.printf(setvalTemplate, "orders_id_seq", "orders_id_seq", max(orders/2, 1), "true")
	g.write(footer)
	if g.err != nil {
		return g.err
	}
	return g.w.Flush()
}

type generator struct {
	w    *bufio.Writer
	opts Options
	rnd  uint64
	n    int64 // bytes written
	err  error
	row  []string
}

func (g *generator) write(s string) {
	if g.err == nil {
		var n int
		n, g.err = g.w.WriteString(s)
		g.n += int64(n)
	}
}

func (g *generator) printf(format string, args ...any) { g.write(fmt.Sprintf(format, args...)) }

// next is a xorshift64* step: fast, and the same everywhere.
func (g *generator) next() uint64 {
	g.rnd ^= g.rnd >> 12
	g.rnd ^= g.rnd << 25
	g.rnd ^= g.rnd >> 27
	return g.rnd * 2685821657736338717
}

func (g *generator) intn(n int) int { return int(g.next() % uint64(n)) }

// table describes one of the three tables: its name, its columns, whether
// its identity needs OVERRIDING SYSTEM VALUE, and how a row is made.
type table struct {
	name      string
	columns   string
	overrides bool
	row       func(g *generator, id, parents int64) []field
}

// field is one value: SQL NULL, a number (written bare) or a string.
type field struct {
	null   bool
	number bool
	text   string
}

// table writes the rows of t until budget bytes are spent and returns the
// number of rows (the largest key: keys run from 1).
func (g *generator) table(t table, budget, parents int64) int64 {
	g.printf(dataHeader, t.name)
	start := g.n
	var id int64
	switch g.opts.Format {
	case Copy:
		g.printf("COPY public.%s (%s) FROM stdin;\n", t.name, t.columns)
		for g.n-start < budget || id == 0 {
			id++
			g.copyRow(t.row(g, id, parents))
		}
		g.write("\\.\n\n\n")
	default:
		per := 1
		if g.opts.Format == RowsPerInsert {
			per = g.opts.RowsPerInsert
		}
		for g.n-start < budget || id == 0 {
			g.insertStart(t)
			for i := 0; i < per && (i == 0 || g.n-start < budget); i++ {
				id++
				g.insertRow(t.row(g, id, parents), per > 1, i > 0)
			}
			g.write(");\n")
		}
		g.write("\n\n")
	}
	return id
}

func (g *generator) insertStart(t table) {
	g.printf("INSERT INTO public.%s ", t.name)
	if g.opts.Format == ColumnInserts {
		g.printf("(%s) ", t.columns)
	}
	if t.overrides {
		g.write("OVERRIDING SYSTEM VALUE ")
	}
	g.write("VALUES")
	if g.opts.Format != RowsPerInsert {
		g.write(" ")
	}
}

// insertRow writes a row as pg_dump's --inserts does (literals with
// standard_conforming_strings on) or, for --rows-per-insert, one row per
// tab-indented line.
func (g *generator) insertRow(fields []field, multi, more bool) {
	switch {
	case multi && more:
		g.write("),\n\t(")
	case multi:
		g.write("\n\t(")
	default:
		g.write("(")
	}
	for i, f := range fields {
		if i > 0 {
			g.write(", ")
		}
		switch {
		case f.null:
			g.write("NULL")
		case f.number:
			g.write(f.text)
		default:
			g.write("'" + strings.ReplaceAll(f.text, "'", "''") + "'")
		}
	}
}

// copyEscaper writes text the way COPY's text format does.
var copyEscaper = strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n", "\r", "\\r")

func (g *generator) copyRow(fields []field) {
	for i, f := range fields {
		if i > 0 {
			g.write("\t")
		}
		if f.null {
			g.write("\\N")
		} else {
			g.write(copyEscaper.Replace(f.text))
		}
	}
	g.write("\n")
}

var words = strings.Fields(`amber basin cedar delta ember fjord garnet harbor iris juniper kestrel
lagoon meadow nectar orchid pepper quartz raven saffron thistle umber violet willow yarrow zephyr
quiet bright narrow gentle rapid hollow silver golden distant patient`)

// sentence makes n words, now and then with a quote, a tab, a newline or a
// backslash, which COPY and INSERT write in their own ways.
func (g *generator) sentence(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			switch g.intn(40) {
			case 0:
				b.WriteString("\n")
			case 1:
				b.WriteString("\t")
			case 2:
				b.WriteString(`\`)
			default:
				b.WriteString(" ")
			}
		}
		w := words[g.intn(len(words))]
		if g.intn(30) == 0 {
			w = "o'" + w
		}
		b.WriteString(w)
	}
	return b.String()
}

func (g *generator) timestamp() string {
	return fmt.Sprintf("2024-%02d-%02d %02d:%02d:%02d", 1+g.intn(12), 1+g.intn(28), g.intn(24), g.intn(60), g.intn(60))
}

func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func number(v int64) field { return field{number: true, text: fmt.Sprint(v)} }

var accountsTable = table{
	name:    "accounts",
	columns: "id, email, display_name, created_at, bio",
	row: func(g *generator, id, _ int64) []field {
		name := field{null: true}
		if g.intn(5) > 0 {
			name = field{text: capitalize(words[g.intn(len(words))]) + " " + capitalize(words[g.intn(len(words))])}
		}
		bio := field{null: true}
		if g.intn(3) > 0 {
			bio = field{text: g.sentence(4 + g.intn(12))}
		}
		return []field{number(id), {text: fmt.Sprintf("user%d@example.org", id)}, name, {text: g.timestamp()}, bio}
	},
}

var ordersTable = table{
	name:    "orders",
	columns: "id, account_id, status, total, note",
	row: func(g *generator, id, accounts int64) []field {
		note := field{null: true}
		if g.intn(2) == 0 {
			note = field{text: g.sentence(2 + g.intn(6))}
		}
		statuses := []string{"new", "paid", "shipped", "refunded"}
		return []field{
			number(id), number(1 + int64(g.intn(int(max(accounts, 1))))),
			{text: statuses[g.intn(len(statuses))]},
			{number: true, text: fmt.Sprintf("%d.%02d", g.intn(1000), g.intn(100))},
			note,
		}
	},
}

var eventsTable = table{
	name:      "events",
	columns:   "id, kind, payload, at",
	overrides: true,
	row: func(g *generator, id, _ int64) []field {
		kinds := []string{"login", "logout", "view", "purchase"}
		payload := fmt.Sprintf(`{"session": %d, "path": "/%s/%s"}`, g.intn(100000), words[g.intn(len(words))], words[g.intn(len(words))])
		return []field{number(id), {text: kinds[g.intn(len(kinds))]}, {text: payload}, {text: g.timestamp()}}
	},
}

// The parts of the dump around the rows, as pg_dump 15.18 writes them for
// this schema (with --restrict-key=pgseqlintsynthetic).
const header = `--
-- PostgreSQL database dump
--

\restrict pgseqlintsynthetic

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
-- Name: accounts; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    email text NOT NULL,
    display_name text,
    created_at timestamp without time zone NOT NULL,
    bio text
);


ALTER TABLE public.accounts OWNER TO postgres;

--
-- Name: accounts_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.accounts_id_seq OWNER TO postgres;

--
-- Name: accounts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.accounts_id_seq OWNED BY public.accounts.id;


--
-- Name: events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    kind text NOT NULL,
    payload text,
    at timestamp without time zone NOT NULL
);


ALTER TABLE public.events OWNER TO postgres;

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: orders; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.orders (
    id integer NOT NULL,
    account_id bigint NOT NULL,
    status text NOT NULL,
    total numeric(12,2) NOT NULL,
    note text
);


ALTER TABLE public.orders OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.orders_id_seq
    AS integer
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
-- Name: accounts id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts ALTER COLUMN id SET DEFAULT nextval('public.accounts_id_seq'::regclass);


--
-- Name: orders id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);


`

const dataHeader = `--
-- Data for Name: %s; Type: TABLE DATA; Schema: public; Owner: postgres
--

`

const setvalTemplate = `--
-- Name: %s; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.%s', %d, %s);


`

const footer = `--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict pgseqlintsynthetic

`
