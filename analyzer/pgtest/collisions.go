package pgtest

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"
)

// Collision is a sequence whose next value is already at or below the
// largest key of a column it feeds (at or above the smallest key, for a
// descending sequence): the next insert that takes the default may hit a
// key that is taken.
type Collision struct {
	Sequence string // schema-qualified, quoted as quote_ident does: app."MixedCase_Id_seq"
	Table    string // a table holding the key: "Sales Data"."Order Lines"
	Column   string // the key column, unquoted
	// MaxKey is the largest key over all columns the sequence feeds; for a
	// descending sequence, the smallest.
	MaxKey string
	// NextValue is what nextval would return in a new session.
	NextValue string
}

// CollisionsQuery is one SELECT that asks the catalog which sequences
// collide and returns them as a JSON array of Collision, sorted by
// sequence name. It creates nothing and moves no sequence, so it can run
// at any point of a session, inside a transaction block too: it reads the
// sequences' states and the tables' keys through query_to_xml, which runs
// a query built from names (no function of ours to create).
//
// Temporary relations are left out: they go when the session ends, and a
// new session never sees them.
//
// The columns a sequence feeds are found through dependencies, never
// through names:
//   - a column default calling nextval('s'::regclass) records a normal
//     dependency of its pg_attrdef row on the sequence (nextval('s'::text)
//     would not, and is invisible here, as it is to DROP SEQUENCE);
//   - an identity column's sequence depends on the column with deptype 'i';
//   - ALTER SEQUENCE ... OWNED BY (and serial) makes it depend on the
//     column with deptype 'a'.
//
// Keys are read with max()/min() over the table without ONLY, so that rows
// in inheritance children and partitions count for the parent's sequence,
// as they share its key space. On a tie the parent is named, which is the
// same table whatever way it was restored.
//
// The next value is what nextval computes from the stored state: last_value
// if is_called is false, else last_value + increment; past MAXVALUE
// (MINVALUE when descending) a CYCLE sequence restarts at MINVALUE (MAXVALUE)
// and any other one has no next value ("reached maximum value of
// sequence"), so it cannot collide. A new session sees the stored state; a
// session's cached values (CACHE > 1) are not ours to predict.
//
// Every name is qualified with pg_catalog: a script may have set any
// search path.
const CollisionsQuery = `SELECT COALESCE(pg_catalog.json_agg(pg_catalog.json_build_object(
	'Sequence', s.name, 'Table', k.tab, 'Column', k.col, 'MaxKey', k.key::pg_catalog.text, 'NextValue', s.nxt::pg_catalog.text)
	ORDER BY s.name COLLATE "C"), '[]'::pg_catalog.json)
FROM (
	SELECT q.seqrelid, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name, q.seqincrement AS inc,
		CASE WHEN NOT st.called THEN st.last
		     WHEN q.seqincrement > 0 AND st.last + q.seqincrement > q.seqmax THEN CASE WHEN q.seqcycle THEN q.seqmin END
		     WHEN q.seqincrement < 0 AND st.last + q.seqincrement < q.seqmin THEN CASE WHEN q.seqcycle THEN q.seqmax END
		     ELSE st.last + q.seqincrement END AS nxt
	FROM pg_catalog.pg_sequence q
	JOIN pg_catalog.pg_class c ON c.oid = q.seqrelid AND c.relpersistence <> 't'
	JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	CROSS JOIN LATERAL (SELECT pg_catalog.query_to_xml(pg_catalog.format('SELECT last_value, is_called FROM %I.%I',
		n.nspname, c.relname), false, true, '')::pg_catalog.text AS x) r
	CROSS JOIN LATERAL (SELECT pg_catalog.substring(r.x, '<last_value>([^<]*)</last_value>')::pg_catalog.numeric AS last,
		pg_catalog.substring(r.x, '<is_called>([^<]*)</is_called>')::pg_catalog.bool AS called) st
) s
CROSS JOIN LATERAL (
	SELECT f.tab, f.col, f.key
	FROM (
		SELECT pg_catalog.format('%I.%I', tn.nspname, t.relname) AS tab, a.attname::pg_catalog.text AS col,
			EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = t.oid) AS is_child,
			pg_catalog.substring(pg_catalog.query_to_xml(pg_catalog.format('SELECT %s(%I) AS k FROM %I.%I',
				CASE WHEN s.inc > 0 THEN 'max' ELSE 'min' END, a.attname, tn.nspname, t.relname), false, true, '')::pg_catalog.text,
				'<k>([^<]*)</k>')::pg_catalog.numeric AS key
		FROM (
			SELECT ad.adrelid AS relid, ad.adnum AS attnum
			FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
			WHERE d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
			  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = s.seqrelid
			UNION
			SELECT d.refobjid, d.refobjsubid
			FROM pg_catalog.pg_depend d
			WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = s.seqrelid
			  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0
			  AND d.deptype IN ('a', 'i')
		) fed
		JOIN pg_catalog.pg_class t ON t.oid = fed.relid AND t.relkind IN ('r', 'p') AND t.relpersistence <> 't'
		JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
		JOIN pg_catalog.pg_attribute a ON a.attrelid = fed.relid AND a.attnum = fed.attnum AND NOT a.attisdropped
		WHERE a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
			'pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.numeric'::pg_catalog.regtype)
	) f
	WHERE f.key IS NOT NULL
	ORDER BY CASE WHEN s.inc > 0 THEN f.key END DESC, CASE WHEN s.inc < 0 THEN f.key END,
		f.is_child, f.tab COLLATE "C", f.col COLLATE "C"
	LIMIT 1
) k
WHERE s.inc > 0 AND s.nxt <= k.key OR s.inc < 0 AND s.nxt >= k.key`

// ParseCollisions reads what CollisionsQuery returns.
func ParseCollisions(out string) ([]Collision, error) {
	var cs []Collision
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		return nil, fmt.Errorf("pgtest: collisions: %v\n%s", err, out)
	}
	// Byte-wise, whatever the database's collation.
	sort.Slice(cs, func(i, j int) bool { return cs[i].Sequence < cs[j].Sequence })
	return cs, nil
}

// Collisions asks the database which sequences would hand out a key at or
// below the largest one already stored in a column they feed (at or above
// the smallest one, for descending sequences). Each sequence appears once,
// with its extreme key over all the columns it feeds; the list is sorted by
// sequence name. It does not move any sequence.
func (db *DB) Collisions(t testing.TB) []Collision {
	t.Helper()
	// A script may leave its database read-only (ALTER DATABASE ... SET
	// default_transaction_read_only); the question only needs a temporary
	// function.
	cs, err := ParseCollisions(db.Exec(t, "SET default_transaction_read_only = off;\n"+CollisionsQuery+";"))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}
