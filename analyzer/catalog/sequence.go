package catalog

import (
	"fmt"
	"math/big"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Sequence is a sequence and where it stands.
type Sequence struct {
	Name ast.QName
	// Kind is the sequence's data type (AS smallint/integer/bigint).
	Kind                       ColumnKind
	Start, Increment, Min, Max int64
	Cycle                      bool

	// The sequence relation's own state: nextval returns last when !called,
	// last+increment otherwise.
	last   int64
	called bool
	// inexact is set when nextval ran an unknown number of times: the next
	// value is then at least next() (at most, when descending).
	inexact bool
	// dynamic is set when a setval took a value pgseqlint cannot compute
	// (from data it cannot see): its position is the script's business.
	dynamic bool

	// OwnedBy is the column the sequence belongs to: a serial or identity
	// column, or ALTER SEQUENCE ... OWNED BY.
	OwnedBy *Column
	// Identity is set for an identity column's sequence.
	Identity bool
	// feeds are the columns whose Feed is this sequence.
	feeds []*Column

	Created Site
	// reshaped is the last statement that renamed the sequence or changed
	// its options: a fix written with its final name and options belongs
	// after it.
	reshaped Site
	// Unverified is the last procedural code (a DO block) that may have
	// moved the sequence without pgseqlint seeing how.
	Unverified *Site
	// LastMove is the last statement that set the sequence's position on
	// purpose: setval, RESTART, TRUNCATE ... RESTART IDENTITY.
	LastMove *Move
}

// MoveKind says how a sequence was moved.
type MoveKind uint8

const (
	MoveSetval MoveKind = iota
	MoveRestart
	MoveTruncate
)

// String is the statement's name: setval, RESTART, TRUNCATE ... RESTART
// IDENTITY.
func (k MoveKind) String() string {
	switch k {
	case MoveRestart:
		return "RESTART"
	case MoveTruncate:
		return "TRUNCATE ... RESTART IDENTITY"
	}
	return "setval"
}

// Move is a statement that set a sequence's position on purpose.
type Move struct {
	Kind MoveKind
	At   Site
	// Dynamic is set when the value comes from data pgseqlint cannot see.
	Dynamic bool
}

// Ascending reports whether the sequence counts up.
func (s *Sequence) Ascending() bool { return s.Increment > 0 }

// QualifiedName is the sequence's name as quote_ident writes it.
func (s *Sequence) QualifiedName() string { return script.QualifiedName(s.Name) }

// Columns returns the columns the sequence gives values to.
func (s *Sequence) Columns() []*Column { return s.feeds }

func (col *Column) setFeed(s *Sequence) {
	if col.Feed != nil {
		col.Feed.feeds = removeItem(col.Feed.feeds, col)
	}
	col.Feed = s
	if s != nil {
		s.feeds = append(s.feeds, col)
	}
}

// newSequence makes a sequence of the given type with PostgreSQL's
// defaults for the options not given (init_params in sequence.c).
func newSequence(name ast.QName, kind ColumnKind, opts ast.SeqOptions) (*Sequence, error) {
	s := &Sequence{Name: name, Kind: KindInt8, Increment: 1}
	if kind != KindOther {
		s.Kind = kind
	}
	if err := s.alter(opts, true); err != nil {
		return nil, err
	}
	return s, nil
}

// typeKind reads AS type for a sequence.
func typeKind(t *ast.TypeName) (ColumnKind, error) {
	kind, serial := columnType(*t)
	if serial || kind == KindOther || kind == KindNumeric {
		return 0, fmt.Errorf("sequence type must be smallint, integer, or bigint")
	}
	return kind, nil
}

// alter applies CREATE/ALTER SEQUENCE options, as init_params in
// sequence.c does; on error the sequence is left as it was.
func (s *Sequence) alter(opts ast.SeqOptions, creating bool) error {
	t := *s
	if err := t.applyOptions(opts, creating); err != nil {
		return err
	}
	*s = t
	return nil
}

func (s *Sequence) applyOptions(opts ast.SeqOptions, creating bool) error {
	// Bounds that were the old type's limits follow a change of type.
	resetMax, resetMin := false, false
	if opts.As != nil {
		k, err := typeKind(opts.As)
		if err != nil {
			return err
		}
		if !creating {
			lo, hi := s.Kind.Range()
			resetMax, resetMin = s.Max == hi, s.Min == lo
		}
		s.Kind = k
	}
	if opts.Increment != nil {
		if *opts.Increment == 0 {
			return fmt.Errorf("INCREMENT must not be zero")
		}
		s.Increment = *opts.Increment
	}
	if opts.Cycle != nil {
		s.Cycle = *opts.Cycle
	}
	lo, hi := s.Kind.Range()
	if opts.MaxValue != nil {
		s.Max = *opts.MaxValue
	} else if creating || opts.NoMaxValue || resetMax {
		if s.Increment > 0 || resetMax {
			s.Max = hi
		} else {
			s.Max = -1
		}
	}
	if opts.MinValue != nil {
		s.Min = *opts.MinValue
	} else if creating || opts.NoMinValue || resetMin {
		if s.Increment < 0 || resetMin {
			s.Min = lo
		} else {
			s.Min = 1
		}
	}
	if s.Max > hi || s.Max < lo || s.Min > hi || s.Min < lo {
		return fmt.Errorf("MINVALUE (%d) or MAXVALUE (%d) is out of range for sequence data type %s", s.Min, s.Max, s.Kind)
	}
	if s.Min >= s.Max {
		return fmt.Errorf("MINVALUE (%d) must be less than MAXVALUE (%d)", s.Min, s.Max)
	}
	if opts.Start != nil {
		s.Start = *opts.Start
	} else if creating {
		if s.Ascending() {
			s.Start = s.Min
		} else {
			s.Start = s.Max
		}
	}
	if s.Start < s.Min || s.Start > s.Max {
		return fmt.Errorf("START value (%d) must be between MINVALUE (%d) and MAXVALUE (%d)", s.Start, s.Min, s.Max)
	}
	if creating {
		s.position(s.Start, false)
	}
	if opts.Restart != nil {
		v := s.Start
		if opts.Restart.With != nil {
			v = *opts.Restart.With
		}
		s.position(v, false)
	}
	// The current value must stay within the bounds.
	if s.last < s.Min || s.last > s.Max {
		return fmt.Errorf("RESTART value (%d) must be between MINVALUE (%d) and MAXVALUE (%d)", s.last, s.Min, s.Max)
	}
	return nil
}

// position sets where the sequence stands, as setval and RESTART do.
func (s *Sequence) position(last int64, called bool) {
	s.last, s.called, s.inexact, s.dynamic = last, called, false, false
}

// setval is setval(s, v, called); it fails when v is out of bounds.
func (s *Sequence) setval(v int64, called bool) error {
	if v < s.Min || v > s.Max {
		return fmt.Errorf("setval: value %d is out of bounds for sequence %s (%d..%d)", v, s.QualifiedName(), s.Min, s.Max)
	}
	s.position(v, called)
	return nil
}

// Next returns the value nextval would return, and false when the sequence
// has reached its limit without CYCLE.
func (s *Sequence) Next() (int64, bool) {
	if !s.called {
		return s.last, true
	}
	v := s.last + s.Increment
	overflow := (s.Increment > 0 && v < s.last) || (s.Increment < 0 && v > s.last)
	if overflow || v > s.Max || v < s.Min {
		if !s.Cycle {
			return 0, false
		}
		if s.Ascending() {
			return s.Min, true
		}
		return s.Max, true
	}
	return v, true
}

// nextvals runs nextval n times, as n rows taking the default do. It
// returns the smallest and largest value handed out, and false when the
// values are not known or the sequence ran out (the statement fails).
func (s *Sequence) nextvals(n int64) (lo, hi int64, ok bool) {
	if n <= 0 {
		return 0, 0, false
	}
	first, ok := s.Next()
	if !ok {
		return 0, 0, false
	}
	// The last value is first + (n-1)*increment, wrapped when cycling.
	span := new(big.Int).Mul(big.NewInt(n-1), big.NewInt(s.Increment))
	last := span.Add(span, big.NewInt(first))
	if last.IsInt64() && last.Int64() >= s.Min && last.Int64() <= s.Max {
		v := last.Int64()
		s.last, s.called = v, true
		if s.Ascending() {
			return first, v, !s.inexact
		}
		return v, first, !s.inexact
	}
	if !s.Cycle {
		// nextval fails at the limit: the statement fails there.
		if s.Ascending() {
			s.last = s.Max
		} else {
			s.last = s.Min
		}
		s.called = true
		return 0, 0, false
	}
	size := new(big.Int).Sub(big.NewInt(s.Max), big.NewInt(s.Min))
	size.Add(size, big.NewInt(1))
	last.Sub(last, big.NewInt(s.Min))
	last.Mod(last, size)
	last.Add(last, big.NewInt(s.Min))
	s.last, s.called = last.Int64(), true
	return s.Min, s.Max, false
}

// nextvalsUnknown runs nextval an unknown number of times.
func (s *Sequence) nextvalsUnknown() {
	if !s.dynamic {
		s.inexact = true
	}
}

// markDynamic records that the position was set from unseen data.
func (s *Sequence) markDynamic() {
	s.dynamic, s.inexact = true, false
}
