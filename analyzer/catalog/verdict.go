package catalog

// Collision is a sequence whose next value is not past the keys loaded into
// the columns it feeds: the next row that takes the default gets a key that
// is already there.
type Collision struct {
	Sequence *Sequence
	// Column holds the key; Load put it there.
	Column *Column
	Load   *Load
	// Key is the largest key loaded (the smallest, for a descending
	// sequence); it is not known when Hidden is set.
	Key    int64
	Hidden bool
	// Next is the sequence's next value, when NextKnown.
	Next      int64
	NextKnown bool
	// Stale is set when a setval or RESTART after the load left the
	// sequence behind; otherwise nothing moved it after the load.
	Stale *Move
	// Removed is a DELETE ... WHERE after the load that may have removed
	// the key: the collision is then not proven.
	Removed *Site
}

// FedColumns returns the integer columns whose keys the sequence must stay
// ahead of: the columns it feeds or belongs to, and the same columns of
// their inheritance children and partitions, whose rows a query on the
// parent sees.
func (s *Sequence) FedColumns() []*Column {
	var cols []*Column
	seen := map[*Column]bool{}
	add := func(col *Column) {
		if col == nil || seen[col] || col.Kind == KindOther {
			return
		}
		seen[col] = true
		cols = append(cols, col)
		for _, d := range col.Table.descendants() {
			if dc := d.column(col.Name); dc != nil && !seen[dc] && dc.Kind != KindOther {
				seen[dc] = true
				cols = append(cols, dc)
			}
		}
	}
	for _, col := range s.feeds {
		add(col)
	}
	add(s.OwnedBy)
	return cols
}

// Collision returns the sequence's collision at the end of the script, or
// nil when its next value is past every key.
func (s *Sequence) Collision() *Collision {
	cols := s.FedColumns()
	moved := Clock(-1)
	if s.LastMove != nil {
		moved = s.LastMove.At.Clock
	}
	// Keys that cannot be seen, loaded after the last move: nothing proves
	// the sequence is past them.
	for _, col := range cols {
		if u := col.Keys.Unknown(); u != nil && u.At.Clock > moved && !s.pastHidden(col) {
			return &Collision{Sequence: s, Column: col, Load: u, Hidden: true}
		}
	}
	if s.dynamic {
		// The position came from data pgseqlint cannot see. Keys loaded
		// before it are the script's business; keys loaded after are not
		// covered.
		for _, col := range cols {
			if last := col.Keys.Last(); last != nil && last.Kind != LoadDefault && last.At.Clock > moved && col.Keys.Count > 0 {
				return &Collision{Sequence: s, Column: col, Load: last, Key: s.extremeOf(col)}
			}
		}
		return nil
	}
	next, ok := s.Next()
	if !ok {
		return nil // nothing left to hand out: sequence-near-limit speaks of that
	}
	col, key, found := s.ExtremeKey(cols)
	if !found {
		return nil
	}
	if s.Ascending() && key < next || !s.Ascending() && key > next {
		return nil
	}
	c := &Collision{Sequence: s, Column: col, Key: key, Next: next, NextKnown: true, Load: col.Keys.MaxLoad()}
	if !s.Ascending() {
		c.Load = col.Keys.MinLoad()
	}
	if del := col.Keys.Deleted; del != nil && del.Clock > c.Load.At.Clock {
		// A DELETE ... WHERE after the load may have removed the key: the
		// collision is not proven. After a setval or RESTART that came
		// after the load too, the sequence was set knowing the keys, and
		// nothing is said; otherwise nothing moved it past the key, and
		// the collision is reported as unproven.
		if s.LastMove != nil && s.LastMove.At.Clock > c.Load.At.Clock {
			return nil
		}
		c.Removed = del
		return c
	}
	if s.LastMove != nil && s.LastMove.At.Clock > c.Load.At.Clock {
		c.Stale = s.LastMove
	}
	return c
}

// pastHidden reports whether the sequence's next value is past the range
// the column's hidden keys lie in. An inexact position has only moved
// further on.
func (s *Sequence) pastHidden(col *Column) bool {
	lo, hi, ok := col.Keys.HiddenWithin()
	if !ok || s.dynamic {
		return false
	}
	next, ok := s.Next()
	return ok && (s.Ascending() && next > hi || !s.Ascending() && next < lo)
}

// ExtremeKey finds the key the sequence runs into first: the largest, or
// the smallest when it descends.
func (s *Sequence) ExtremeKey(cols []*Column) (*Column, int64, bool) {
	var best *Column
	var key int64
	for _, col := range cols {
		if col.Keys.Count == 0 {
			continue
		}
		v := s.extremeOf(col)
		if best == nil || s.Ascending() && v > key || !s.Ascending() && v < key {
			best, key = col, v
		}
	}
	return best, key, best != nil
}

func (s *Sequence) extremeOf(col *Column) int64 {
	if s.Ascending() {
		return col.Keys.Max
	}
	return col.Keys.Min
}

// LastTouch is the last statement that loaded keys into a column the
// sequence feeds, or moved it: a fix belongs after it (see FixSite).
func (s *Sequence) LastTouch() Site {
	var last Site
	if s.LastMove != nil {
		last = s.LastMove.At
	}
	for _, col := range s.FedColumns() {
		if l := col.Keys.Last(); l != nil && l.At.Clock > last.Clock {
			last = l.At
		}
	}
	return last
}

// FixSite is where a fix for the sequence belongs: right after its last
// touch, but not before the statements that create or rename what the fix
// names (the sequence, the tables it reads) or change the sequence's
// options: a script may load rows before it makes the column an identity.
func (s *Sequence) FixSite() Site {
	at := s.LastTouch()
	later := func(site Site) {
		if site.Clock > at.Clock {
			at = site
		}
	}
	later(s.Created)
	later(s.reshaped)
	for _, col := range s.KeyTables() {
		later(col.Table.reshaped)
	}
	return at
}

// KeyTables returns the fed columns whose tables a query must read: a
// query on a parent already reads its children and partitions.
func (s *Sequence) KeyTables() []*Column {
	cols := s.FedColumns()
	var out []*Column
	for _, col := range cols {
		covered := false
		for _, other := range cols {
			if other != col && other.Name == col.Name && isAncestor(other.Table, col.Table) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, col)
		}
	}
	return out
}

func isAncestor(a, t *Table) bool {
	for _, p := range t.Parents {
		if p == a || isAncestor(a, p) {
			return true
		}
	}
	return false
}
