// Package dumpgen writes deterministic dumps, byte for byte in the form
// pg_dump 15 writes them, of any size, in one of two shapes. Synthetic has
// three tables keyed by a bigserial, a serial and a GENERATED ALWAYS
// identity column, with short text columns that hold quotes, tabs,
// newlines, backslashes and NULLs. App mirrors an application's database
// (app.go): five tables of different row widths, with emails, names,
// amounts, timestamps, escaped payloads in multibyte UTF-8 and a jsonb
// column. In both, two sequences are left behind their keys, as in a
// database that was already out of sync when it was dumped, so a check has
// two findings.
package dumpgen

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
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

// Shape is the database a dump is made of.
type Shape int

const (
	Synthetic Shape = iota // three tables of short rows
	App                    // five tables shaped like an application's (app.go)
)

// ParseShape reads "synthetic" or "app".
func ParseShape(s string) (Shape, error) {
	switch s {
	case "synthetic":
		return Synthetic, nil
	case "app":
		return App, nil
	}
	return 0, fmt.Errorf("unknown shape %q (want synthetic or app)", s)
}

// String is the name ParseShape reads.
func (s Shape) String() string {
	if s == App {
		return "app"
	}
	return "synthetic"
}

// schema is what a shape's dump holds: the text before the rows, the
// tables in pg_dump's order (by name) and the text after the sequences'
// values.
type schema struct {
	header string
	tables []table
	footer string
}

func schemaOf(s Shape) schema {
	if s == App {
		return appSchema
	}
	return syntheticSchema
}

var syntheticSchema = schema{header: header, tables: []table{accountsTable, eventsTable, ordersTable}, footer: footer}

// Options says what to write.
type Options struct {
	// Size is the approximate size of the dump in bytes; rows are written
	// until it is reached.
	Size   int64
	Format Format
	// RowsPerInsert is N of --rows-per-insert (100 when 0).
	RowsPerInsert int
	// Seed varies the data; the same options always write the same bytes.
	Seed  uint64
	Shape Shape
}

// Write writes the dump.
func Write(w io.Writer, opts Options) error {
	if opts.RowsPerInsert <= 0 {
		opts.RowsPerInsert = 100
	}
	g := &generator{w: bufio.NewWriterSize(w, 1<<20), opts: opts, rnd: opts.Seed*2862933555777941757 + 3037000493}
	s := schemaOf(opts.Shape)
	g.write(s.header)
	data := opts.Size - int64(len(s.header)+len(s.footer))
	// Each table takes its share of the data, the last one what is left.
	keys := make([]int64, len(s.tables))
	for i, t := range s.tables {
		budget := int64(float64(data) * t.share)
		if i == len(s.tables)-1 {
			budget = data - (g.n - int64(len(s.header)))
		}
		keys[i] = g.table(t, budget, keys[:i])
	}
	// pg_dump sets the sequences after all the rows, in name order, which
	// is the tables' order here.
	for i, t := range s.tables {
		last, called := keys[i], true
		if t.behind != nil {
			last, called = t.behind(keys[i])
		}
		g.printf(setvalTemplate, t.sequence, t.sequence, last, called)
	}
	g.write(s.footer)
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

// table describes one table: its name, its columns, whether its identity
// needs OVERRIDING SYSTEM VALUE, and how a row is made from its key and the
// numbers of rows of the tables before it.
type table struct {
	name      string
	columns   string
	overrides bool
	row       func(g *generator, id int64, earlier []int64) []field
	// share is the part of the data the table gets.
	share    float64
	sequence string
	// behind, when set, is the value and is_called the sequence is set to
	// given the largest key; otherwise the sequence is in sync.
	behind func(keys int64) (last int64, called bool)
}

// field is one value: SQL NULL, a number (written bare), a boolean (t or
// f) or a string.
type field struct {
	null    bool
	number  bool
	boolean bool
	text    string
}

// table writes the rows of t until budget bytes are spent and returns the
// number of rows (the largest key: keys run from 1).
func (g *generator) table(t table, budget int64, earlier []int64) int64 {
	g.printf(dataHeader, t.name)
	start := g.n
	var id int64
	switch g.opts.Format {
	case Copy:
		g.printf("COPY public.%s (%s) FROM stdin;\n", t.name, t.columns)
		for g.n-start < budget || id == 0 {
			id++
			g.copyRow(t.row(g, id, earlier))
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
				g.insertRow(t.row(g, id, earlier), per > 1, i > 0)
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
		case f.boolean:
			// pg_dump spells booleans out (pg_dump.c, dumpTableData_insert).
			g.write(strconv.FormatBool(f.text == "t"))
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
	name:     "accounts",
	columns:  "id, email, display_name, created_at, bio",
	share:    0.45,
	sequence: "accounts_id_seq",
	row: func(g *generator, id int64, _ []int64) []field {
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
	name:     "orders",
	columns:  "id, account_id, status, total, note",
	sequence: "orders_id_seq",
	behind:   halfway,
	row: func(g *generator, id int64, earlier []int64) []field {
		accounts := earlier[0]
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
	share:     0.20,
	sequence:  "events_id_seq",
	behind:    unused,
	row: func(g *generator, id int64, _ []int64) []field {
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

// halfway sets a sequence to half its table's largest key.
func halfway(keys int64) (int64, bool) { return max(keys/2, 1), true }

// unused sets a sequence as if nextval had never been called.
func unused(int64) (int64, bool) { return 1, false }

const setvalTemplate = `--
-- Name: %s; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.%s', %d, %t);


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
