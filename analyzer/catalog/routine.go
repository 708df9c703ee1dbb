package catalog

import (
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// function is a function or procedure the script defines.
type function struct {
	params []string
	code   ast.Routine
}

// trigger is code that runs when a statement changes a table's or view's
// rows: a trigger, running its function, or a rule, running its actions.
type trigger struct {
	name string
	rule bool
	// function is a trigger's function; actions are a rule's.
	function ast.QName
	actions  ast.Routine
	event    ast.CreateTrigger
	// conditional is a rule with WHERE: its actions run for some rows.
	conditional bool
	// disabled is a trigger that ALTER TABLE ... DISABLE TRIGGER turned
	// off, as pg_dump --disable-triggers does around the data.
	disabled bool
}

// maxRoutineStatements bounds the statements (a multi-row INSERT counts
// its rows) that one statement of the script may run through the code it
// calls: past it, the code is reported rather than followed, so that time
// stays bounded.
const maxRoutineStatements = 10000

// maxRoutineDepth bounds calls within calls (the server's own limit is
// the stack; recursion never ends without a branch, which is not
// followed anyway).
const maxRoutineDepth = 32

// routineRuns is what the statement of the script being applied runs
// through code: how deep in calls, how many statements, and the catalog
// before the first.
type routineRuns struct {
	depth, statements int
	before            *snapshot
}

// defineFunction keeps a function or procedure under its schema: the
// one named, or the first of the search path that exists.
func (c *Catalog) defineFunction(s *ast.CreateFunction) {
	name, ok := c.creationName(s.Name, false)
	if !ok {
		return
	}
	if c.functions == nil {
		c.functions = map[ast.QName]*function{}
	}
	c.functions[name] = &function{params: s.Params, code: s.Code}
}

func (c *Catalog) dropFunctions(s *ast.DropFunction) {
	for _, name := range s.Names {
		if q, ok := c.functionNamed(name); ok {
			delete(c.functions, q)
		}
	}
}

// function finds a function the script defines, as the server resolves a
// call: a qualified name in its schema, another through the search path
// (where temporary functions are never found).
func (c *Catalog) function(name ast.QName) (*function, bool) {
	q, ok := c.functionNamed(name)
	return c.functions[q], ok
}

func (c *Catalog) functionNamed(name ast.QName) (ast.QName, bool) {
	name.Name = script.TruncateIdentifier(name.Name)
	if name.Schema != "" {
		_, ok := c.functions[name]
		return name, ok
	}
	for _, schema := range c.searchPath {
		q := ast.QName{Schema: schema, Name: name.Name}
		if _, ok := c.functions[q]; ok {
			return q, true
		}
	}
	return name, false
}

// run runs code times times, statement by statement, with b's constants
// in place of its parameters. Code that is not straight-line, or runs a
// number of times unknown or past the bounds, is reported instead, naming
// the sequences it may reach.
func (c *Catalog) run(x *Exec, what string, code ast.Routine, b binding, times int64) {
	switch {
	case code.Unfollowed != "":
		c.unverifiable(x, what+" with "+code.Unfollowed, code.Text)
		return
	case times < 0:
		c.unverifiable(x, what+", run a number of times pgseqlint cannot count,", code.Text)
		return
	case c.runs.depth >= maxRoutineDepth || times > maxRoutineStatements ||
		int64(c.runs.statements)+times*work(code) > maxRoutineStatements:
		c.unverifiable(x, what+", run more often than pgseqlint follows,", code.Text)
		return
	case times == 0 || len(code.Stmts) == 0:
		return
	}
	c.runs.statements += int(times * work(code))
	if slices.ContainsFunc(code.Stmts, mayChange) {
		c.beginRuns()
	}
	c.runs.depth++
	for range times {
		for _, st := range code.Stmts {
			c.Apply(x, b.bind(st))
			if x.failed {
				break
			}
		}
	}
	c.runs.depth--
}

// work is what running code once costs against the bound: a statement, or
// a row of a multi-row INSERT, each, so that time stays bounded by the
// script's size whatever the code's statements hold.
func work(code ast.Routine) int64 {
	var n int64
	for _, st := range code.Stmts {
		if ins, ok := st.(*ast.Insert); ok && len(ins.Rows) > 1 {
			n += int64(len(ins.Rows))
		} else {
			n++
		}
	}
	return n
}

// beginRuns keeps the catalog as it stands before the statement of the
// script runs code, to undo it if the statement fails.
func (c *Catalog) beginRuns() {
	if c.runs.before == nil {
		c.runs.before = c.take("")
	}
}

// endRuns ends a statement of the script that ran code: when it failed,
// all the code did is undone, but for sequence positions.
func (c *Catalog) endRuns(x *Exec) {
	if x.failed && c.runs.before != nil {
		c.restore(c.runs.before)
	}
	c.runs = routineRuns{}
}

// callFunctions runs the functions the script defines that expressions
// call, times times each (-1: a number pgseqlint does not know).
func (c *Catalog) callFunctions(x *Exec, exprs []ast.Expr, times int64) {
	if len(c.functions) == 0 {
		return
	}
	for _, ex := range exprs {
		ast.EachCall(ex, func(call *ast.FuncCall) {
			if f, ok := c.function(call.Name); ok && !x.failed {
				c.run(x, "function "+script.QuoteIdent(call.Name.Name), f.code, bindArgs(call.Name.Name, f.params, call.Args), times)
			}
		})
	}
}

// uncounted runs the functions a statement calls a number of times
// pgseqlint does not know.
func (c *Catalog) uncounted(x *Exec, s *ast.Calls) {
	for _, name := range s.Names {
		if f, ok := c.function(name); ok {
			c.run(x, "function "+script.QuoteIdent(name.Name), f.code, binding{}, -1)
		}
	}
}

// call runs CALL of a procedure the script defines.
func (c *Catalog) call(x *Exec, s *ast.Call) {
	c.callFunctions(x, s.Args, 1)
	if f, ok := c.function(s.Name); ok && !x.failed {
		c.run(x, "procedure "+script.QuoteIdent(s.Name.Name), f.code, bindArgs(s.Name.Name, f.params, s.Args), 1)
	}
}

// selectTimes is how often a SELECT computes its targets: once without
// FROM, once per row of a table whose rows are known, else unknown (-1).
func (c *Catalog) selectTimes(s *ast.Select) int64 {
	if s.From == nil && !s.Complex {
		return 1
	}
	if s.Complex || s.From == nil {
		return -1
	}
	t := c.table(*s.From)
	if t == nil {
		return -1
	}
	var rows int64
	for _, r := range t.reach(false) {
		if !r.rowsKnown {
			return -1
		}
		rows += r.rows
	}
	return rows
}

// binding is what a function's parameters, or a trigger's NEW row, stand
// for while its code runs: constants the caller gives.
type binding struct {
	// owner is the function's name, which may qualify its parameters.
	owner string
	named map[string]ast.Expr
	// positional are $1, $2, ...; nil where unknown.
	positional []ast.Expr
	// row is NEW's columns, for a trigger or rule.
	row map[string]ast.Expr
}

// bindArgs binds the arguments that are constants to the parameters;
// others stay unknown, and what depends on them is unknown too.
func bindArgs(owner string, params []string, args []ast.Expr) binding {
	b := binding{owner: owner}
	for i, arg := range args {
		if i >= len(params) || !simpleConstant(arg) {
			continue
		}
		if b.named == nil {
			b.named, b.positional = map[string]ast.Expr{}, make([]ast.Expr, len(params))
		}
		b.positional[i] = arg
		if params[i] != "" {
			b.named[params[i]] = arg
		}
	}
	return b
}

// simpleConstant reports whether an expression is a literal, maybe cast
// or negated: the same wherever the code uses it.
func simpleConstant(ex ast.Expr) bool {
	switch ex := ex.(type) {
	case *ast.Const:
		return true
	case *ast.TypeCast:
		return simpleConstant(ex.Arg)
	case *ast.OpExpr:
		return ex.Left == nil && ex.Op == "-" && simpleConstant(ex.Right)
	}
	return false
}

// bind puts the bound constants into a statement of the code, where they
// are values: VALUES lists, the targets of a SELECT without FROM (in
// which no column can hide a parameter), and CALL's arguments.
func (b binding) bind(st ast.Stmt) ast.Stmt {
	if b.named == nil && b.row == nil {
		return st
	}
	switch st := st.(type) {
	case *ast.Insert:
		out := *st
		out.Rows = make([][]ast.Expr, len(st.Rows))
		for i, row := range st.Rows {
			out.Rows[i] = b.exprs(row)
		}
		return &out
	case *ast.Select:
		if st.From != nil || st.Complex {
			return st
		}
		out := *st
		out.Targets = b.exprs(st.Targets)
		return &out
	case *ast.Call:
		out := *st
		out.Args = b.exprs(st.Args)
		return &out
	}
	return st
}

func (b binding) exprs(list []ast.Expr) []ast.Expr {
	out := make([]ast.Expr, len(list))
	for i, ex := range list {
		out[i] = b.expr(ex)
	}
	return out
}

func (b binding) expr(ex ast.Expr) ast.Expr {
	switch ex := ex.(type) {
	case *ast.ColumnRef:
		if v := b.lookup(ex.Names); v != nil {
			return v
		}
	case *ast.Param:
		if ex.Number >= 1 && ex.Number <= len(b.positional) && b.positional[ex.Number-1] != nil {
			return b.positional[ex.Number-1]
		}
	case *ast.FuncCall:
		out := *ex
		out.Args = b.exprs(ex.Args)
		return &out
	case *ast.TypeCast:
		return &ast.TypeCast{Arg: b.expr(ex.Arg), Type: ex.Type}
	case *ast.OpExpr:
		out := &ast.OpExpr{Op: ex.Op, Right: b.expr(ex.Right)}
		if ex.Left != nil {
			out.Left = b.expr(ex.Left)
		}
		return out
	case *ast.CoalesceExpr:
		return &ast.CoalesceExpr{Args: b.exprs(ex.Args)}
	case *ast.MinMaxExpr:
		return &ast.MinMaxExpr{Greatest: ex.Greatest, Args: b.exprs(ex.Args)}
	case *ast.NullTest:
		return &ast.NullTest{Arg: b.expr(ex.Arg), NotNull: ex.NotNull}
	}
	return ex
}

// lookup finds what a column reference stands for: a parameter (maybe
// qualified by the function's name), or a column of NEW.
func (b binding) lookup(names []string) ast.Expr {
	switch {
	case len(names) == 1:
		return b.named[names[0]]
	case len(names) == 2 && names[0] == "new":
		return b.row[names[1]]
	case len(names) == 2 && names[0] == b.owner:
		return b.named[names[1]]
	}
	return nil
}

// createTrigger keeps a trigger on a table or view the script creates;
// one on another relation cannot be fired by what the model follows.
func (c *Catalog) createTrigger(x *Exec, s *ast.CreateTrigger) {
	rel := c.relationNamed(s.Table)
	if !triggerable(rel) {
		return
	}
	c.addTrigger(x, rel, &trigger{name: s.Name, function: s.Function, event: *s}, s.Replace)
}

func (c *Catalog) createRule(x *Exec, s *ast.CreateRule) {
	rel := c.relationNamed(s.Table)
	if !triggerable(rel) {
		return
	}
	event := ast.CreateTrigger{Insert: s.Insert, Update: s.Update, Delete: s.Delete, Instead: s.Instead, ForEachRow: true}
	c.addTrigger(x, rel, &trigger{name: s.Name, rule: true, actions: s.Actions, event: event, conditional: s.Where}, s.Replace)
}

// triggerable reports whether a relation can have triggers and rules the
// model fires: a table or view.
func triggerable(rel any) bool {
	switch rel.(type) {
	case *Table, *View:
		return true
	}
	return false
}

func (c *Catalog) addTrigger(x *Exec, rel any, t *trigger, replace bool) {
	if c.triggers == nil {
		c.triggers = map[any][]*trigger{}
	}
	list := c.triggers[rel]
	if i := slices.IndexFunc(list, func(o *trigger) bool { return o.rule == t.rule && o.name == t.name }); i >= 0 {
		if !replace {
			kind := "trigger"
			if t.rule {
				kind = "rule"
			}
			x.fail("%s %s for relation %s already exists", kind, script.QuoteIdent(t.name), relationName(rel))
			return
		}
		list = slices.Delete(list, i, i+1)
	}
	c.triggers[rel] = append(list, t)
}

func (c *Catalog) dropTrigger(s *ast.DropTrigger) {
	rel := c.relationNamed(s.Table)
	if c.triggers[rel] == nil {
		return
	}
	c.triggers[rel] = slices.DeleteFunc(c.triggers[rel], func(t *trigger) bool { return t.rule == s.Rule && t.name == s.Name })
}

// enableTriggers runs ENABLE or DISABLE TRIGGER name (ALL or USER when
// name is ""); rules are not triggers.
func (c *Catalog) enableTriggers(t *Table, name string, enable bool) {
	for i, trig := range c.triggers[t] {
		if !trig.rule && (name == "" || trig.name == name) {
			// A copy: a snapshot may hold the old one.
			changed := *trig
			changed.disabled = !enable
			c.triggers[t][i] = &changed
		}
	}
}

// firing returns the triggers and rules of a relation for an event.
func (c *Catalog) firing(rel any, on func(*trigger) bool) []*trigger {
	var out []*trigger
	for _, t := range c.triggers[rel] {
		if on(t) && !t.disabled {
			out = append(out, t)
		}
	}
	return out
}

func onInsert(t *trigger) bool { return t.event.Insert }

// onInsertRow: a partitioned table's row triggers are cloned onto its
// partitions; its statement triggers and rules are not.
func onInsertRow(t *trigger) bool { return t.event.Insert && t.event.ForEachRow && !t.rule }

// insertTriggers returns the triggers and rules an INSERT into rel fires
// once per row, those of the partitioned tables above it included, and
// those of the partitions below it, which fire for the rows routed to
// them: how many, pgseqlint does not follow.
func (c *Catalog) insertTriggers(rel any) (perRow, routed []*trigger) {
	perRow = c.firing(rel, onInsert)
	t, ok := rel.(*Table)
	if !ok {
		return perRow, nil
	}
	for p := t; p.partition && len(p.Parents) == 1; p = p.Parents[0] {
		perRow = append(perRow, c.firing(p.Parents[0], onInsertRow)...)
	}
	for _, d := range t.descendants() {
		if d.partition {
			routed = append(routed, c.firing(d, onInsertRow)...)
		}
	}
	return perRow, routed
}
func onUpdate(t *trigger) bool { return t.event.Update }
func onDelete(t *trigger) bool { return t.event.Delete }

// mergeFires: a MERGE fires the triggers of the actions it has (PostgreSQL
// refuses it on a table with rules).
func mergeFires(s *ast.Merge) func(*trigger) bool {
	var insert, update, del bool
	for _, a := range s.Actions {
		insert = insert || a.Insert != nil
		update = update || a.Update != nil
		del = del || a.Delete
	}
	return func(t *trigger) bool {
		return !t.rule && (insert && t.event.Insert || update && t.event.Update || del && t.event.Delete)
	}
}

// fireTruncate runs the BEFORE or the AFTER TRUNCATE triggers of tables:
// statement triggers, each run once.
func (c *Catalog) fireTruncate(x *Exec, tables []*Table, before bool) {
	if len(c.triggers) == 0 {
		return
	}
	for _, t := range tables {
		for _, tr := range c.firing(t, func(tr *trigger) bool { return tr.event.Truncate && tr.event.Before == before }) {
			if x.failed {
				return
			}
			what, code := c.code(tr)
			if tr.conditional {
				code.Unfollowed = "a condition"
			}
			c.run(x, what+" on "+relationName(t), code, binding{}, 1)
		}
	}
}

// onCopy: COPY FROM fires a table's insert triggers, not its rules.
func onCopy(t *trigger) bool { return t.event.Insert && !t.rule }

// code is what a trigger or rule runs, and how it names itself.
func (c *Catalog) code(t *trigger) (string, ast.Routine) {
	if t.rule {
		return "rule " + script.QuoteIdent(t.name), t.actions
	}
	f, ok := c.function(t.function)
	if !ok {
		return "trigger " + script.QuoteIdent(t.name), ast.Routine{Unfollowed: "a function pgseqlint does not see"}
	}
	return "trigger " + script.QuoteIdent(t.name), f.code
}

// insertFiring runs an INSERT with the triggers and rules of its table or
// view: BEFORE and INSTEAD OF row triggers and rules per row, the INSERT
// itself unless they take its place, then AFTER triggers.
func (c *Catalog) insertFiring(x *Exec, s *ast.Insert) {
	if len(c.functions) > 0 {
		for _, row := range s.Rows {
			c.callFunctions(x, row, 1)
		}
		if x.failed {
			return
		}
	}
	if len(c.triggers) == 0 {
		c.insert(x, s)
		return
	}
	rel := c.relationNamed(s.Table)
	fired, routed := c.insertTriggers(rel)
	for _, t := range routed {
		what, code := c.code(t)
		c.run(x, what+" on "+relationName(rel), code, binding{}, -1)
	}
	if len(fired) == 0 {
		c.insert(x, s)
		return
	}
	if c.runs.depth == 0 && slices.ContainsFunc(fired, c.runsStatements) {
		c.beginRuns() // the INSERT's own rows go too if a trigger fails
	}
	instead := slices.ContainsFunc(fired, func(t *trigger) bool { return t.event.Instead && !t.conditional })
	rows := insertedRows(s)
	for _, t := range fired {
		if t.event.Before || t.event.Instead {
			c.fire(x, t, s, rel, rows)
		}
	}
	if !instead && !x.failed {
		c.insert(x, s)
	}
	for _, t := range fired {
		if !t.event.Before && !t.event.Instead && !x.failed {
			c.fire(x, t, s, rel, rows)
		}
	}
}

// runsStatements reports whether a trigger or rule has statements that
// may fail: one that only returns its row cannot undo the INSERT, and
// keeping the catalog for it would copy the whole catalog on every
// INSERT.
func (c *Catalog) runsStatements(t *trigger) bool {
	_, code := c.code(t)
	return slices.ContainsFunc(code.Stmts, mayChange)
}

// mayChange reports whether a statement of code may change the catalog or
// fail: anything but a SELECT of expressions that call nothing, such as
// the SELECT NEW a trigger's RETURN NEW runs.
func mayChange(st ast.Stmt) bool {
	sel, ok := st.(*ast.Select)
	if !ok || sel.Into != nil || sel.Complex || sel.From != nil {
		return true
	}
	calls := false
	for _, e := range sel.Targets {
		ast.EachCall(e, func(*ast.FuncCall) { calls = true })
	}
	return calls
}

// fire runs a trigger or rule for an INSERT of rows rows (-1: unknown),
// with NEW bound to each row's constants.
func (c *Catalog) fire(x *Exec, t *trigger, s *ast.Insert, rel any, rows int64) {
	what, code := c.code(t)
	what += " on " + relationName(rel)
	switch {
	case !t.event.ForEachRow:
		c.run(x, what, code, binding{}, 1)
		return
	case t.conditional:
		code.Unfollowed = "a condition"
	case t.event.Before && code.Unfollowed == "" && !strings.EqualFold(code.Returns, "new"):
		// A BEFORE trigger inserts the row it returns: NULL skips it, a
		// changed row changes it.
		code.Unfollowed = "a row it may change"
	}
	if rows < 0 || code.Unfollowed != "" || len(s.Rows) == 0 {
		c.run(x, what, code, binding{}, rows)
		return
	}
	names := s.Columns
	if names == nil {
		names = c.columnNames(rel)
	}
	for _, row := range s.Rows {
		b := binding{row: map[string]ast.Expr{}}
		for i, v := range row {
			if i < len(names) && simpleConstant(v) {
				b.row[names[i]] = v
			}
		}
		c.run(x, what, code, b, 1)
		if x.failed {
			return
		}
	}
}

// columnNames are a relation's columns in order.
func (c *Catalog) columnNames(rel any) []string {
	var names []string
	switch rel := rel.(type) {
	case *Table:
		for _, col := range rel.Columns {
			names = append(names, col.Name)
		}
	case *View:
		for _, col := range rel.columns {
			names = append(names, col.name)
		}
	}
	return names
}

// relationName is a table's or view's name, quoted as PostgreSQL's
// quote_ident would.
func relationName(rel any) string {
	switch rel := rel.(type) {
	case *Table:
		return script.QuoteIdent(rel.Name.Name)
	case *View:
		return script.QuoteIdent(rel.Name.Name)
	}
	return ""
}

// cloneTriggers copies the triggers of each relation, for a snapshot.
func cloneTriggers(triggers map[any][]*trigger) map[any][]*trigger {
	out := make(map[any][]*trigger, len(triggers))
	for rel, list := range triggers {
		out[rel] = slices.Clone(list)
	}
	return out
}

// fireUnfollowed reports the triggers and rules that an UPDATE, DELETE or
// COPY fires: the rows they run for are not known.
func (c *Catalog) fireUnfollowed(x *Exec, name ast.QName, on func(*trigger) bool) {
	if len(c.triggers) == 0 {
		return
	}
	rel := c.relationNamed(name)
	for _, t := range c.firing(rel, on) {
		what, code := c.code(t)
		c.run(x, what+" on "+relationName(rel), code, binding{}, -1)
	}
}
