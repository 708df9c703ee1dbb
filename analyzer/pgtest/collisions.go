package pgtest

import (
	"encoding/json"
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

// collisionsSQL defines, for one session, a function that asks the catalog
// which sequences collide and returns them as a JSON array.
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
// as they share its key space.
//
// The next value is what nextval computes from the stored state: last_value
// if is_called is false, else last_value + increment; past MAXVALUE
// (MINVALUE when descending) a CYCLE sequence restarts at MINVALUE (MAXVALUE)
// and any other one has no next value ("reached maximum value of
// sequence"), so it cannot collide. A new session sees the stored state; a
// session's cached values (CACHE > 1) are not ours to predict.
const collisionsSQL = `
CREATE FUNCTION pg_temp.pgtest_collisions() RETURNS json
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
DECLARE
	s record;
	f record;
	last_val numeric;
	called boolean;
	nxt numeric;
	k numeric;
	best_key numeric;
	best_tab text;
	best_col text;
	result json[] := '{}';
BEGIN
	FOR s IN
		SELECT q.seqrelid AS oid, format('%I.%I', n.nspname, c.relname) AS name,
		       q.seqincrement AS inc, q.seqmin AS minv, q.seqmax AS maxv, q.seqcycle AS cycle
		FROM pg_sequence q
		JOIN pg_class c ON c.oid = q.seqrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
	LOOP
		EXECUTE format('SELECT last_value, is_called FROM %s', s.name) INTO last_val, called;
		IF NOT called THEN
			nxt := last_val;
		ELSIF s.inc > 0 AND last_val + s.inc > s.maxv THEN
			nxt := CASE WHEN s.cycle THEN s.minv END;
		ELSIF s.inc < 0 AND last_val + s.inc < s.minv THEN
			nxt := CASE WHEN s.cycle THEN s.maxv END;
		ELSE
			nxt := last_val + s.inc;
		END IF;
		CONTINUE WHEN nxt IS NULL;

		best_key := NULL;
		FOR f IN
			SELECT format('%I.%I', tn.nspname, t.relname) AS tab, a.attname::text AS col,
			       EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = t.oid) AS is_child
			FROM (
				SELECT ad.adrelid AS relid, ad.adnum AS attnum
				FROM pg_depend d JOIN pg_attrdef ad ON ad.oid = d.objid
				WHERE d.classid = 'pg_attrdef'::regclass
				  AND d.refclassid = 'pg_class'::regclass AND d.refobjid = s.oid
				UNION
				SELECT d.refobjid, d.refobjsubid
				FROM pg_depend d
				WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid
				  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
				  AND d.deptype IN ('a', 'i')
			) fed
			JOIN pg_class t ON t.oid = fed.relid AND t.relkind IN ('r', 'p')
			JOIN pg_namespace tn ON tn.oid = t.relnamespace
			JOIN pg_attribute a ON a.attrelid = fed.relid AND a.attnum = fed.attnum AND NOT a.attisdropped
			WHERE a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
			-- A parent's keys include its children's: on a tie, name the
			-- parent, which is the same table whatever way it was restored.
			ORDER BY is_child, format('%I.%I', tn.nspname, t.relname) COLLATE "C", a.attname COLLATE "C"
		LOOP
			EXECUTE format('SELECT %s(%I) FROM %s', CASE WHEN s.inc > 0 THEN 'max' ELSE 'min' END, f.col, f.tab) INTO k;
			IF k IS NOT NULL AND (best_key IS NULL OR (s.inc > 0 AND k > best_key) OR (s.inc < 0 AND k < best_key)) THEN
				best_key := k;
				best_tab := f.tab;
				best_col := f.col;
			END IF;
		END LOOP;

		IF (s.inc > 0 AND nxt <= best_key) OR (s.inc < 0 AND nxt >= best_key) THEN
			result := result || json_build_object('Sequence', s.name, 'Table', best_tab, 'Column', best_col,
				'MaxKey', best_key::text, 'NextValue', nxt::text);
		END IF;
	END LOOP;
	RETURN array_to_json(result);
END
$fn$;
SELECT pg_temp.pgtest_collisions();
`

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
	out := db.Exec(t, "SET default_transaction_read_only = off;\n"+collisionsSQL)
	var cs []Collision
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatalf("pgtest: collisions: %v\n%s", err, out)
	}
	// Byte-wise, whatever the database's collation.
	sort.Slice(cs, func(i, j int) bool { return cs[i].Sequence < cs[j].Sequence })
	return cs
}
