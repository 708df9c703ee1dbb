package pgarchive

import "strings"

// Step is what a restore runs for one entry: its definition, its data (the
// COPY statement and the rows, or INSERT statements), or both, in that
// order.
type Step struct {
	Entry *Entry
	// Defn is set when the definition runs; DataDefn when it runs again
	// before the data, as pg_restore prints it there too.
	Defn, DataDefn bool
	Data           bool
	// Schema, when set, is the schema an archive without a SEARCHPATH entry
	// (made before pg_dump 10.3) selects before the step: SET search_path =
	// schema, pg_catalog.
	Schema string
}

// restore passes: pg_restore runs ACLs after everything else, and event
// triggers and materialized view data after the ACLs (RestorePass).
const (
	passMain = iota
	passACL
	passPostACL
)

// Plan returns what `pg_restore` without options runs, in its order: the
// session settings the archive carries (ENCODING, STDSTRINGS, SEARCHPATH),
// then every entry in the archive's order, ACLs in a second pass and event
// triggers and materialized view refreshes in a third (RestoreArchive,
// _tocEntryRequired, _tocEntryRestorePass).
func (a *Archive) Plan() []Step {
	var steps []Step
	searchPath := false
	for _, e := range a.Entries {
		switch e.Desc {
		case "ENCODING", "STDSTRINGS", "SEARCHPATH":
			steps = append(steps, Step{Entry: e, Defn: e.Defn != ""})
			searchPath = searchPath || e.Desc == "SEARCHPATH"
		}
	}
	current := ""
	for pass := passMain; pass <= passPostACL; pass++ {
		for _, e := range a.Entries {
			schema, data := required(e)
			if !schema && !data || restorePass(e) != pass {
				continue
			}
			s := Step{Entry: e, Defn: schema}
			if data {
				s.Data = e.HadDumper
				s.DataDefn = e.HadDumper && e.Defn != ""
				// An entry without a data dumper (SEQUENCE SET) runs its
				// definition as its data.
				s.Defn = s.Defn || !e.HadDumper
			}
			if !searchPath && e.Namespace != "" && e.Namespace != current {
				s.Schema, current = e.Namespace, e.Namespace
			}
			steps = append(steps, s)
		}
	}
	return steps
}

// required says whether a plain restore runs an entry's schema part and its
// data part (_tocEntryRequired with default options).
func required(e *Entry) (schema, data bool) {
	switch e.Desc {
	case "ENCODING", "STDSTRINGS", "SEARCHPATH":
		return false, false // run first, as session settings
	case "DATABASE", "DATABASE PROPERTIES":
		return false, false // only with --create
	case "<Init>":
		if e.Tag == "Max OID" {
			return false, false
		}
	}
	schema, data = true, true
	if !e.HadDumper {
		largeObject := strings.HasPrefix(e.Tag, "LARGE OBJECT")
		switch {
		case e.Desc == "SEQUENCE SET", e.Desc == "BLOB", e.Desc == "BLOB METADATA",
			largeObject && (e.Desc == "ACL" || e.Desc == "COMMENT" || e.Desc == "SECURITY LABEL"):
			schema = false
		default:
			data = false
		}
	}
	if e.Defn == "" || strings.HasPrefix(e.Defn, "-- load via partition root ") {
		schema = false
	}
	if e.Desc == "BLOB METADATA" {
		// Its definition lists large object OIDs, which pg_restore turns
		// into lo_create calls: nothing that touches a sequence.
		return false, false
	}
	return schema, data
}

func restorePass(e *Entry) int {
	switch {
	case e.Desc == "ACL" || e.Desc == "ACL LANGUAGE" || e.Desc == "DEFAULT ACL":
		return passACL
	case e.Desc == "EVENT TRIGGER" || e.Desc == "MATERIALIZED VIEW DATA",
		e.Desc == "COMMENT" && strings.HasPrefix(e.Tag, "EVENT TRIGGER "):
		return passPostACL
	}
	return passMain
}
