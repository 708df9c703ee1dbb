package pgarchive

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlan checks the order and the parts of a plain pg_restore on an
// archive made before pg_dump 10.3 (no SEARCHPATH entry): special entries
// first, DATABASE left to --create, ACLs in a second pass, materialized
// view data in a third, SEQUENCE SET run as data, a schema selected when
// it changes.
func TestPlan(t *testing.T) {
	entry := func(id int, desc, ns, defn string, dumper bool) *Entry {
		return &Entry{DumpID: id, Desc: desc, Namespace: ns, Tag: fmt.Sprint("t", id), Defn: defn, HadDumper: dumper}
	}
	a := &Archive{Entries: []*Entry{
		entry(1, "ENCODING", "", "SET client_encoding = 'UTF8';\n", false),
		entry(2, "DATABASE", "", "CREATE DATABASE d;\n", false),
		entry(3, "TABLE", "app", "CREATE TABLE t3 (id int);\n", false),
		entry(4, "ACL", "app", "GRANT SELECT ON t3 TO r;\n", false),
		entry(5, "MATERIALIZED VIEW DATA", "app", "REFRESH MATERIALIZED VIEW m;\n", false),
		entry(6, "TABLE DATA", "app", "", true),
		entry(7, "SEQUENCE SET", "other", "SELECT setval('s', 1);\n", false),
		entry(8, "BLOB METADATA", "", "16384\n", false),
		entry(9, "TABLE DATA", "other", "-- load via partition root other.p\n", true),
	}}
	var got []string
	for _, s := range a.Plan() {
		got = append(got, fmt.Sprintf("%d defn=%v datadefn=%v data=%v schema=%s", s.Entry.DumpID, s.Defn, s.DataDefn, s.Data, s.Schema))
	}
	want := []string{
		"1 defn=true datadefn=false data=false schema=",
		"3 defn=true datadefn=false data=false schema=app",
		"6 defn=false datadefn=false data=true schema=",
		"7 defn=true datadefn=false data=false schema=other",
		"9 defn=false datadefn=true data=true schema=",
		"4 defn=true datadefn=false data=false schema=app",
		"5 defn=true datadefn=false data=false schema=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
