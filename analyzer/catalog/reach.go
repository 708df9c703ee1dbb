package catalog

// Reach is how far a sequence has come toward the end of its range: by the
// keys loaded into the columns it feeds, and by its own next value.
type Reach struct {
	Sequence *Sequence
	// Limit is the last value the sequence can give: its MAXVALUE (its
	// MINVALUE, descending) or, when narrower, the end of the type of
	// LimitColumn, where inserts fail with "out of range".
	Limit       int64
	LimitColumn *Column
	// Key is the key loaded furthest along the range; nil when no key is
	// known.
	Key *Point
	// Next is the sequence's next value; nil when it has none or it is not
	// known.
	Next *Point
	// Exhausted is set when nextval fails: the sequence stands at its limit
	// without CYCLE.
	Exhausted bool
}

// Point is a value on a sequence's range.
type Point struct {
	Value int64
	// Usage is the share of the range that lies at or before Value, in the
	// direction the sequence runs: 0 at its start, 1 at the limit, more
	// past it.
	Usage float64
	// At is the statement that put the value there: the load of a key, or
	// what set the sequence's position (its creation, setval, RESTART).
	At Site
	// Column and Load hold a key.
	Column *Column
	Load   *Load
}

// Reach returns how far the sequence has come toward its limit at the end
// of the script.
func (s *Sequence) Reach() Reach {
	r := Reach{Sequence: s, Limit: s.Max}
	start := s.Min
	if !s.Ascending() {
		r.Limit, start = s.Min, s.Max
	}
	cols := s.FedColumns()
	for _, col := range cols {
		lo, hi := col.Kind.Range()
		if s.Ascending() && hi < r.Limit || !s.Ascending() && lo > r.Limit {
			r.Limit, r.LimitColumn = hi, col
			if !s.Ascending() {
				r.Limit = lo
			}
		}
	}
	usage := func(v int64) float64 {
		if r.Limit == start {
			return 1
		}
		return (float64(v) - float64(start)) / (float64(r.Limit) - float64(start))
	}
	if col, key, found := s.ExtremeKey(cols); found {
		load := col.Keys.MaxLoad()
		if !s.Ascending() {
			load = col.Keys.MinLoad()
		}
		r.Key = &Point{Value: key, Usage: usage(key), At: load.At, Column: col, Load: load}
	}
	next, ok := s.Next()
	r.Exhausted = !ok
	// A position set from data pgseqlint cannot see is not known.
	if ok && !s.dynamic {
		r.Next = &Point{Value: next, Usage: usage(next), At: s.Created}
		if s.LastMove != nil {
			r.Next.At = s.LastMove.At
		}
	}
	return r
}
