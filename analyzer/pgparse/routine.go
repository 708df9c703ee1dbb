package pgparse

import (
	"encoding/json"
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// doBlock reads a DO block; text is the statement alone.
func doBlock(s *pg.DoStmt, text string) *ast.Do {
	d := &ast.Do{Language: "plpgsql"}
	for _, arg := range s.Args {
		de := arg.GetDefElem()
		switch de.GetDefname() {
		case "as":
			d.Code.Text = de.Arg.GetString_().GetSval()
		case "language":
			d.Language = de.Arg.GetString_().GetSval()
		}
	}
	d.Code = routine(d.Language, d.Code.Text, text)
	return d
}

// createFunction reads a function or procedure: its parameters and its
// code, the AS string or a BEGIN ATOMIC body. text is the statement alone.
func createFunction(s *pg.CreateFunctionStmt, text string) *ast.CreateFunction {
	f := &ast.CreateFunction{Name: qualifiedName(s.Funcname)}
	for _, p := range s.Parameters {
		f.Params = append(f.Params, p.GetFunctionParameter().GetName())
	}
	language, source, hasSource := "sql", "", false
	for _, opt := range s.Options {
		de := opt.GetDefElem()
		switch de.GetDefname() {
		case "as":
			// The last string is the code; C functions give two.
			for _, part := range de.Arg.GetList().GetItems() {
				source, hasSource = part.GetString_().GetSval(), true
			}
		case "language":
			language = strings.ToLower(de.Arg.GetString_().GetSval())
		}
	}
	switch {
	case s.SqlBody != nil:
		f.Code = atomicBody(s.SqlBody)
	case hasSource:
		f.Code = routine(language, source, text)
	default:
		f.Code = ast.Routine{Unfollowed: "a body without code"}
	}
	return f
}

// routine reads code in a language: SQL and PL/pgSQL are followed, any
// other language is not. text is the DO or CREATE FUNCTION statement
// that holds the code.
func routine(language, source, text string) ast.Routine {
	switch language {
	case "sql":
		stmts, err := Parse(source)
		if err != nil {
			return ast.Routine{Unfollowed: "code that does not parse", Text: source}
		}
		return ast.Routine{Stmts: stmts, Text: source}
	case "plpgsql":
		return plpgsql(source, text)
	}
	return ast.Routine{Unfollowed: "code in language " + language, Text: source}
}

// atomicBody reads a BEGIN ATOMIC body: a list holding the list of its
// statements.
func atomicBody(body *pg.Node) ast.Routine {
	r := ast.Routine{Text: body.String()}
	for _, list := range body.GetList().GetItems() {
		for _, n := range list.GetList().GetItems() {
			r.Stmts = append(r.Stmts, convertStmt(n))
		}
	}
	return r
}

// plFunction is the part of PL/pgSQL's compiled tree (as
// ParsePlPgSqlToJSON writes it) that tells what the code runs.
type plFunction struct {
	Function struct {
		Action plStmt `json:"action"`
	} `json:"PLpgSQL_function"`
}

// plStmt is one PL/pgSQL statement: an object with one key, its kind.
type plStmt map[string]plFields

type plFields struct {
	Body       []plStmt        `json:"body"`
	Exceptions json.RawMessage `json:"exceptions"`
	SQL        *plExpr         `json:"sqlstmt"`
	Expr       *plExpr         `json:"expr"`
	ElogLevel  int             `json:"elog_level"`
}

type plExpr struct {
	Expr struct {
		Query string `json:"query"`
	} `json:"PLpgSQL_expr"`
}

// errorLevel is the elog level ERROR: a RAISE at that level or above
// ends the code with an error.
const errorLevel = 21

// plpgsql reads PL/pgSQL code through the server's own PL/pgSQL parser.
// text is the one DO or CREATE FUNCTION statement holding source, so the
// parser compiles nothing else.
func plpgsql(source, text string) ast.Routine {
	r := ast.Routine{Text: source}
	out, err := pg.ParsePlPgSqlToJSON(text)
	var funcs []plFunction
	if err == nil {
		err = json.Unmarshal([]byte(out), &funcs)
	}
	if err != nil || len(funcs) != 1 {
		r.Unfollowed = "code that does not parse"
		return r
	}
	var pl plReader
	pl.statement(funcs[0].Function.Action)
	r.Stmts, r.Unfollowed, r.Returns = pl.stmts, pl.unfollowed, pl.returns
	if r.Unfollowed != "" {
		r.Stmts = nil
	}
	return r
}

// plReader collects the SQL that straight-line PL/pgSQL code runs.
type plReader struct {
	stmts []ast.Stmt
	// unfollowed says why the code is not straight-line.
	unfollowed string
	// returns is the expression of the RETURN that ended the code.
	returns string
	done    bool
}

// statement reads one PL/pgSQL statement.
func (r *plReader) statement(st plStmt) {
	for kind, f := range st {
		switch kind {
		case "PLpgSQL_stmt_block":
			if len(f.Exceptions) > 0 {
				r.unfollowed = "an exception handler"
				return
			}
			for _, inner := range f.Body {
				if r.statement(inner); r.unfollowed != "" || r.done {
					return
				}
			}
		case "PLpgSQL_stmt_execsql":
			r.sql(f.SQL.query())
		case "PLpgSQL_stmt_perform":
			r.sql(f.Expr.query())
		case "PLpgSQL_stmt_return":
			// What follows RETURN never runs.
			r.done, r.returns = true, strings.TrimSpace(f.Expr.query())
			if r.returns != "" {
				r.sql("SELECT " + r.returns)
			}
		case "PLpgSQL_stmt_assign":
			r.assign(f.Expr.query())
		case "PLpgSQL_stmt_call":
			r.sql(f.Expr.query())
		case "PLpgSQL_stmt_raise":
			if f.ElogLevel >= errorLevel {
				r.unfollowed = "RAISE of an error"
			}
		case "PLpgSQL_stmt_assert", "PLpgSQL_stmt_getdiag":
			// They only read.
		default:
			r.unfollowed = plReasons[kind]
			if r.unfollowed == "" {
				r.unfollowed = "a statement pgseqlint does not follow"
			}
		}
	}
}

// assign reads target := expression, which runs SELECT expression. An
// assignment to a column of NEW changes the row a trigger returns.
func (r *plReader) assign(q string) {
	i := strings.Index(q, ":=")
	width := 2
	if i < 0 {
		i, width = strings.IndexByte(q, '='), 1
	}
	if i < 0 {
		r.unfollowed = "an assignment"
		return
	}
	if target := strings.ToLower(strings.TrimSpace(q[:i])); strings.HasPrefix(target, "new.") || target == "new" {
		r.unfollowed = "an assignment to NEW"
		return
	}
	r.sql("SELECT " + q[i+width:])
}

// plReasons names what makes code other than straight-line.
var plReasons = map[string]string{
	"PLpgSQL_stmt_dynexecute":   "EXECUTE",
	"PLpgSQL_stmt_dynfors":      "a loop over EXECUTE",
	"PLpgSQL_stmt_return_query": "RETURN QUERY",
	"PLpgSQL_stmt_if":           "IF",
	"PLpgSQL_stmt_case":         "CASE",
	"PLpgSQL_stmt_loop":         "a loop",
	"PLpgSQL_stmt_while":        "a loop",
	"PLpgSQL_stmt_fori":         "a loop",
	"PLpgSQL_stmt_fors":         "a loop",
	"PLpgSQL_stmt_forc":         "a loop",
	"PLpgSQL_stmt_foreach_a":    "a loop",
	"PLpgSQL_stmt_exit":         "EXIT",
	"PLpgSQL_stmt_return_next":  "RETURN NEXT",
	"PLpgSQL_stmt_open":         "a cursor",
	"PLpgSQL_stmt_fetch":        "a cursor",
	"PLpgSQL_stmt_close":        "a cursor",
	"PLpgSQL_stmt_commit":       "COMMIT",
	"PLpgSQL_stmt_rollback":     "ROLLBACK",
}

func (e *plExpr) query() string {
	if e == nil {
		return ""
	}
	return e.Expr.Query
}

// sql reads one SQL command of PL/pgSQL code.
func (r *plReader) sql(query string) {
	stmts, err := Parse(query)
	if err != nil {
		r.unfollowed = "SQL that does not parse"
		return
	}
	r.stmts = append(r.stmts, stmts...)
}

// The bits of CreateTrigStmt's timing and events (TRIGGER_TYPE_* in
// pg_trigger.h).
const (
	triggerBefore   = 1 << 1
	triggerInsert   = 1 << 2
	triggerDelete   = 1 << 3
	triggerUpdate   = 1 << 4
	triggerTruncate = 1 << 5
	triggerInstead  = 1 << 6
)

func createTrigger(s *pg.CreateTrigStmt) *ast.CreateTrigger {
	return &ast.CreateTrigger{
		Name:       s.Trigname,
		Table:      rangeVarName(s.Relation),
		Function:   qualifiedName(s.Funcname),
		Replace:    s.Replace,
		Insert:     s.Events&triggerInsert != 0,
		Update:     s.Events&triggerUpdate != 0,
		Delete:     s.Events&triggerDelete != 0,
		Truncate:   s.Events&triggerTruncate != 0,
		Instead:    s.Timing&triggerInstead != 0,
		Before:     s.Timing&triggerBefore != 0,
		ForEachRow: s.Row,
	}
}

// createRule reads a rule; text is the statement alone, to name what its
// actions may reach.
func createRule(s *pg.RuleStmt, text string) *ast.CreateRule {
	r := &ast.CreateRule{
		Name:    s.Rulename,
		Table:   rangeVarName(s.Relation),
		Replace: s.Replace,
		Insert:  s.Event == pg.CmdType_CMD_INSERT,
		Update:  s.Event == pg.CmdType_CMD_UPDATE,
		Delete:  s.Event == pg.CmdType_CMD_DELETE,
		Instead: s.Instead,
		Where:   s.WhereClause != nil,
		Actions: ast.Routine{Text: text},
	}
	for _, action := range s.Actions {
		r.Actions.Stmts = append(r.Actions.Stmts, convertStmt(action))
	}
	return r
}

// dropRoutine reads DROP FUNCTION, PROCEDURE or ROUTINE, and DROP TRIGGER
// or RULE ... ON table.
func dropRoutine(s *pg.DropStmt) ast.Stmt {
	if s.RemoveType == pg.ObjectType_OBJECT_TRIGGER || s.RemoveType == pg.ObjectType_OBJECT_RULE {
		parts := stringList(s.Objects[0].GetList().GetItems())
		if len(parts) < 2 {
			return &ast.Unmodeled{}
		}
		return &ast.DropTrigger{
			Rule:     s.RemoveType == pg.ObjectType_OBJECT_RULE,
			Name:     parts[len(parts)-1],
			Table:    qualifiedName(s.Objects[0].GetList().GetItems()[:len(parts)-1]),
			IfExists: s.MissingOk,
		}
	}
	d := &ast.DropFunction{IfExists: s.MissingOk}
	for _, obj := range s.Objects {
		d.Names = append(d.Names, qualifiedName(obj.GetObjectWithArgs().GetObjname()))
	}
	return d
}

// uncountedCalls names the functions a data-changing or querying statement
// calls beyond those the converted statement shows where they run (a
// SELECT's targets and FROM, an INSERT's VALUES, CALL): those run a number
// of times pgseqlint does not follow. nil when there are none.
func uncountedCalls(n *pg.Node, st ast.Stmt) *ast.Calls {
	var m proto.Message
	switch {
	case n.GetInsertStmt() != nil && constantRows(st):
		// A dump's INSERT: only what surrounds its VALUES may call.
		ins := n.GetInsertStmt()
		m = &pg.InsertStmt{ReturningList: ins.ReturningList, OnConflictClause: ins.OnConflictClause, WithClause: ins.WithClause}
	case n.GetInsertStmt() != nil:
		m = n.GetInsertStmt()
	case n.GetUpdateStmt() != nil:
		m = n.GetUpdateStmt()
	case n.GetDeleteStmt() != nil:
		m = n.GetDeleteStmt()
	case n.GetMergeStmt() != nil:
		m = n.GetMergeStmt()
	case n.GetSelectStmt() != nil:
		m = n.GetSelectStmt()
	case n.GetCallStmt() != nil:
		m = n.GetCallStmt()
	default:
		return nil
	}
	called := map[ast.QName]int{}
	walkCalls(m.ProtoReflect(), called)
	for _, ex := range shownExprs(st) {
		ast.EachCall(ex, func(f *ast.FuncCall) { called[f.Name]-- })
	}
	var c *ast.Calls
	for name, n := range called {
		if n > 0 {
			if c == nil {
				c = &ast.Calls{}
			}
			c.Names = append(c.Names, name)
		}
	}
	if c != nil {
		slices.SortFunc(c.Names, func(a, b ast.QName) int { return strings.Compare(a.Schema+"."+a.Name, b.Schema+"."+b.Name) })
	}
	return c
}

// walkCalls counts the function calls in a parse tree, by name.
func walkCalls(m protoreflect.Message, called map[ast.QName]int) {
	if fc, ok := m.Interface().(*pg.FuncCall); ok {
		called[qualifiedName(fc.Funcname)]++
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Message() == nil || fd.IsMap():
		case fd.IsList():
			for i := range v.List().Len() {
				walkCalls(v.List().Get(i).Message(), called)
			}
		default:
			walkCalls(v.Message(), called)
		}
		return true
	})
}

// constantRows reports whether a statement is an INSERT of VALUES rows of
// literals and DEFAULT, which call nothing.
func constantRows(st ast.Stmt) bool {
	ins, ok := st.(*ast.Insert)
	if !ok || ins.Rows == nil {
		return false
	}
	for _, row := range ins.Rows {
		for _, v := range row {
			switch v := v.(type) {
			case *ast.Const, *ast.Default:
			case *ast.TypeCast:
				if _, ok := v.Arg.(*ast.Const); !ok {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// shownExprs are the expressions of a converted statement whose calls the
// catalog runs where they are.
func shownExprs(st ast.Stmt) []ast.Expr {
	switch st := st.(type) {
	case *ast.Select:
		return append(slices.Clone(st.Targets), st.FromCalls...)
	case *ast.Insert:
		var out []ast.Expr
		for _, row := range st.Rows {
			out = append(out, row...)
		}
		return out
	case *ast.Call:
		return append([]ast.Expr{&ast.FuncCall{Name: st.Name}}, st.Args...)
	}
	return nil
}
