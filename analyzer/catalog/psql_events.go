package catalog

import "github.com/pgseqlint/pgseqlint/analyzer/script"

// PsqlError is a meta-command psql rejects (an \elif with no \if, a value
// that is no boolean where one is expected), or an \if block a file leaves
// open.
type PsqlError struct {
	Span    script.Span
	Message string
}

// PsqlStopped is the failing statement after which psql stops the script,
// because the script set ON_ERROR_STOP.
type PsqlStopped struct{}

// PsqlUnknown is a value psql takes from outside the script — a shell
// command's output, a variable psql sets from the connection or the last
// query — or a setting that changes how psql sends statements in ways
// pgseqlint does not follow.
type PsqlUnknown struct {
	Message string
}

func (*PsqlError) event()   {}
func (*PsqlStopped) event() {}
func (*PsqlUnknown) event() {}

// Unfollowed notes a statement that psql may or may not run (it stands in
// an \if branch whose condition pgseqlint does not know) and that
// pgseqlint does not run: the sequences it may reach are named.
func (c *Catalog) Unfollowed(x *Exec, reason string, text []byte) {
	c.unverifiable(x, reason, string(text))
}
