package pgtest

import "testing"

func TestDropSetvals(t *testing.T) {
	in := `SELECT pg_catalog.setval('public.a_id_seq', 1, false);
COPY public.t (id, v) FROM stdin;
1	x
SELECT pg_catalog.setval('public.not_a_line', 1, true);
\.
SELECT pg_catalog.setval('public.b_id_seq', 2, true);
SELECT pg_catalog.setval('public.c_id_seq', 3, true);
`
	all := string(dropSetvals([]byte(in), func() bool { return true }))
	wantAll := `COPY public.t (id, v) FROM stdin;
1	x
SELECT pg_catalog.setval('public.not_a_line', 1, true);
\.
`
	if all != wantAll {
		t.Errorf("all setvals dropped:\n%s\nwant:\n%s", all, wantAll)
	}
	n := 0
	half := string(dropSetvals([]byte(in), func() bool { n++; return n%2 == 1 }))
	wantHalf := `COPY public.t (id, v) FROM stdin;
1	x
SELECT pg_catalog.setval('public.not_a_line', 1, true);
\.
SELECT pg_catalog.setval('public.b_id_seq', 2, true);
`
	if half != wantHalf {
		t.Errorf("every other setval dropped:\n%s\nwant:\n%s", half, wantHalf)
	}
}
