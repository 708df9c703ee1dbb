package catalog

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// An Event is something a statement did, or failed to do, that a rule may
// report. Running the statement records them on its Exec, and the rules
// see them on their pass.
type Event interface{ event() }

// SyntaxError is the parser's rejection of a statement; Span points at the
// place where it stopped.
type SyntaxError struct {
	Message string
	Span    script.Span
}

// StatementTooLong is a statement longer than the limit on one statement's
// text (--max-statement-bytes): it was not parsed, so nothing it does is
// known.
type StatementTooLong struct {
	Size  int64 // the statement's bytes
	Limit int
}

// MissingSequence is a reference to a sequence that does not exist, in a
// schema whose objects the script creates.
type MissingSequence struct {
	Name ast.QName
	// Use says where the name appears: "column default", "setval",
	// "nextval", "ALTER SEQUENCE".
	Use string
}

// IdentityOverride is an INSERT that gives a value for a GENERATED ALWAYS
// identity column without OVERRIDING SYSTEM VALUE: the server rejects it.
type IdentityOverride struct {
	Column *Column
}

// CopyProblem is a COPY block the server rejects, or one that never ends.
type CopyProblem struct {
	Span         script.Span
	Message      string
	Unterminated bool
}

// FileRefused is a file that is not read: a path given, a file a \i names,
// a migration file or an archive member that lies outside the project
// root (after its links are followed), or that is not a regular file.
type FileRefused struct {
	Span    script.Span
	Message string
}

// StatementFailed is a statement the server would reject for a reason
// that no other event describes (a setval out of bounds, an unknown column).
type StatementFailed struct {
	Message string
}

// Unverifiable is code that may move sequences in ways pgseqlint cannot
// follow, such as a DO block.
type Unverifiable struct {
	Reason    string
	Sequences []*Sequence
}

func (*SyntaxError) event()      {}
func (*StatementTooLong) event() {}
func (*MissingSequence) event()  {}
func (*IdentityOverride) event() {}
func (*CopyProblem) event()      {}
func (*StatementFailed) event()  {}
func (*FileRefused) event()      {}
func (*Unverifiable) event()     {}
