package ast

// Routine is procedural code as pgseqlint follows it: the body of a DO
// block, a function, a procedure, or the actions of a rule.
type Routine struct {
	// Stmts are the SQL statements the code runs, in order, when it runs
	// straight through: no branch, loop, EXECUTE or exception handler.
	Stmts []Stmt
	// Unfollowed says why the code cannot be followed statement by
	// statement ("EXECUTE", "a loop"); "" when Stmts are all it runs.
	Unfollowed string
	// Returns is the expression of the RETURN that ends PL/pgSQL code, as
	// written ("" without one): a BEFORE trigger inserts the row returned.
	Returns string
	// Text is the code, to name the sequences it may reach when it cannot
	// be followed.
	Text string
}

// Param is a positional parameter, $1, of a function body.
type Param struct{ Number int }

// CreateTrigger is CREATE [OR REPLACE] TRIGGER: the function runs for the
// events named, on the table or view.
type CreateTrigger struct {
	Name     string
	Table    QName
	Function QName
	Replace  bool
	// Insert, Update, Delete and Truncate are the events the trigger fires on.
	Insert, Update, Delete, Truncate bool
	// Instead is INSTEAD OF (on a view): the function takes the row in
	// place of the statement. Before is BEFORE.
	Instead, Before bool
	ForEachRow      bool
}

// CreateRule is CREATE [OR REPLACE] RULE ... DO [ALSO | INSTEAD] actions.
type CreateRule struct {
	Name    string
	Table   QName
	Replace bool
	// Insert, Update and Delete are the event (a rule on SELECT has none).
	Insert, Update, Delete bool
	Instead                bool
	// Where is set for a conditional rule, whose actions run only for
	// the rows that meet the condition.
	Where   bool
	Actions Routine
}

// DropFunction is DROP FUNCTION, DROP PROCEDURE or DROP ROUTINE.
type DropFunction struct {
	Names    []QName
	IfExists bool
}

// DropTrigger is DROP TRIGGER or DROP RULE name ON table.
type DropTrigger struct {
	Rule     bool
	Name     string
	Table    QName
	IfExists bool
}

func (*Param) expr()         {}
func (*CreateTrigger) stmt() {}
func (*CreateRule) stmt()    {}
func (*DropFunction) stmt()  {}
func (*DropTrigger) stmt()   {}

// Calls names the functions a statement calls where pgseqlint does not
// follow how often they run (an UPDATE, a WHERE clause, the query of an
// INSERT ... SELECT). It comes right before the statement.
type Calls struct{ Names []QName }

func (*Calls) stmt() {}
