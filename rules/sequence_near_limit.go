package rules

import (
	"fmt"
	"math"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// SequenceNearLimit reports a sequence whose keys, or whose position, have
// used most of the values it can hand out.
var SequenceNearLimit = &analyzer.Rule{
	Name:     "sequence-near-limit",
	Severity: analyzer.SeverityWarning,
	Doc: analyzer.Doc{
		Title: "loaded keys, or the sequence's next value, pass 80% (by default) of the range the sequence or column type allows",
		Why: `A sequence stops at its MAXVALUE (MINVALUE, when it descends), and an integer column at
2147483647: serial and integer identity columns run out there, and every insert after that fails
with "nextval: reached maximum value of sequence" or "integer out of range". Changing the column to
bigint later rewrites the whole table under an exclusive lock, so it is best done long before. The
threshold (80% by default) is set with near-limit-threshold in .pgseqlint.yaml.`,
		Bad: `CREATE TABLE events (id serial PRIMARY KEY, payload text);
INSERT INTO events VALUES (2000000000, 'x');
SELECT setval('events_id_seq', 2000000000);`,
		Good: `CREATE TABLE events (id bigserial PRIMARY KEY, payload text);
INSERT INTO events VALUES (2000000000, 'x');
SELECT setval('events_id_seq', 2000000000);`,
	},
	Finish: func(pass *analyzer.Pass) {
		for _, seq := range pass.Catalog.Sequences() {
			if d, ok := nearLimit(seq.Reach(), pass.NearLimit()); ok {
				pass.Report(d)
			}
		}
	},
}

// nearLimit speaks of the keys when they are past the threshold, else of
// the sequence's own position.
func nearLimit(r catalog.Reach, threshold float64) (analyzer.Diagnostic, bool) {
	seq := r.Sequence.QualifiedName()
	d := analyzer.Diagnostic{Subject: &analyzer.Subject{Sequence: seq}}
	end := fmt.Sprintf("which runs out at %d", r.Limit)
	if col := r.LimitColumn; col != nil {
		end += fmt.Sprintf(", the end of the range of %s column %s", col.Kind, col.QualifiedName())
	}
	switch {
	case r.Key != nil && r.Key.Usage > threshold:
		key := r.Key
		d.Span, d.Source = key.At.Span, key.At.Source
		d.Subject.Table, d.Subject.KeyColumn = script.QualifiedName(key.Column.Table.Name), key.Column.Name
		d.Subject.MaxKey = fmt.Sprint(key.Value)
		bound := "up to"
		if r.Sequence.Increment < 0 {
			bound = "down to"
		}
		d.Message = fmt.Sprintf("keys %s %d in %s use %s of the range of sequence %s, %s",
			bound, key.Value, key.Column.QualifiedName(), percent(key.Usage), seq, end)
	case r.Exhausted:
		d.Span, d.Source = r.Sequence.Created.Span, r.Sequence.Created.Source
		last := r.Sequence.Max
		if r.Sequence.Increment < 0 {
			last = r.Sequence.Min
		}
		d.Message = fmt.Sprintf("sequence %s has handed out its last value, %d: the next nextval fails", seq, last)
	case r.Next != nil && r.Next.Usage > threshold:
		d.Span, d.Source = r.Next.At.Span, r.Next.At.Source
		d.Message = fmt.Sprintf("sequence %s hands out %d next, %s of its range, %s", seq, r.Next.Value, percent(r.Next.Usage), end)
	default:
		return d, false
	}
	return d, true
}

// percent writes a share as a percentage, rounded down to a tenth so that
// it never claims more than is used.
func percent(share float64) string {
	return fmt.Sprintf("%.1f%%", math.Floor(share*1000)/10)
}
