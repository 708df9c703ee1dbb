package catalog

import (
	"math"
	"math/big"
	"strconv"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// valueKind is the kind of a value the evaluator computed.
type valueKind uint8

const (
	vUnknown valueKind = iota // depends on data or code pgseqlint cannot see
	vNull
	vInt
	vBool
	vText
	vRegclass
	vNumeric // a number with a fraction or exponent, in s
)

// value is the result of evaluating an expression.
type value struct {
	kind valueKind
	i    int64
	b    bool
	s    string
	// seq is the sequence a regclass value names (nil when it names none).
	seq  *Sequence
	name ast.QName
}

var (
	unknown   = value{kind: vUnknown}
	nullValue = value{kind: vNull}
)

func intValue(i int64) value   { return value{kind: vInt, i: i} }
func boolValue(b bool) value   { return value{kind: vBool, b: b} }
func textValue(s string) value { return value{kind: vText, s: s} }

// evaluator computes expressions of one statement, with the side effects
// of the sequence functions they call.
type evaluator struct {
	c *Catalog
	x *Exec
	// from is the table of the query's FROM clause, for aggregates; nil
	// without one, or when the query filters or joins (fromComplex).
	from        *Table
	fromComplex bool
	// moved collects the sequences a setval set, with whether the value
	// was known.
	moved []movedSequence
}

type movedSequence struct {
	seq     *Sequence
	dynamic bool
}

func (e *evaluator) eval(ex ast.Expr) value {
	switch ex := ex.(type) {
	case *ast.Const:
		return constValue(ex)
	case *ast.TypeCast:
		return e.cast(e.eval(ex.Arg), ex.Type)
	case *ast.FuncCall:
		return e.call(ex)
	case *ast.OpExpr:
		return e.operator(ex)
	case *ast.CoalesceExpr:
		for _, a := range ex.Args {
			v := e.eval(a)
			if v.kind != vNull {
				return v
			}
		}
		return nullValue
	case *ast.MinMaxExpr:
		// GREATEST and LEAST ignore NULLs.
		result := nullValue
		for _, a := range ex.Args {
			v := e.eval(a)
			switch {
			case v.kind == vNull:
			case v.kind != vInt || result.kind == vUnknown:
				result = unknown
			case result.kind == vNull || ex.Greatest && v.i > result.i || !ex.Greatest && v.i < result.i:
				result = v
			}
		}
		return result
	case *ast.NullTest:
		v := e.eval(ex.Arg)
		if v.kind == vUnknown {
			return unknown
		}
		return boolValue((v.kind == vNull) != ex.NotNull)
	case *ast.SubLink:
		return e.subquery(ex.Select)
	}
	return unknown
}

func constValue(c *ast.Const) value {
	switch c.Kind {
	case ast.ConstInt:
		if i, ok := smallDecimal(c.Val); ok {
			return intValue(i)
		}
		if i, err := strconv.ParseInt(c.Val, 10, 64); err == nil {
			return intValue(i)
		}
	case ast.ConstNumeric:
		return value{kind: vNumeric, s: c.Val}
	case ast.ConstString:
		return textValue(c.Val)
	case ast.ConstBool:
		return boolValue(c.Val == "true")
	case ast.ConstNull:
		return nullValue
	}
	return unknown
}

// smallDecimal reads the digits of a key as a dump writes it, quicker than
// strconv: at most 18 of them, so that it cannot overflow.
func smallDecimal(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// cast converts a value as ::type does, for the types that matter here.
func (e *evaluator) cast(v value, t ast.TypeName) value {
	if v.kind == vNull || v.kind == vUnknown || len(t.Names) == 0 || t.Array {
		return v
	}
	switch t.Names[len(t.Names)-1] {
	case "regclass":
		if v.kind == vText {
			return e.regclass(v.s)
		}
		return v
	case "int2", "int4", "int8", "smallint", "int", "integer", "bigint", "numeric", "decimal":
		switch v.kind {
		case vText:
			if i, ok := script.ParseInt8([]byte(v.s)); ok {
				return intValue(i)
			}
			return unknown
		case vInt:
			return v
		case vNumeric:
			if kind, _ := columnType(t); kind == KindNumeric {
				return v
			}
			if i, ok := roundNumeric(v.s); ok {
				return intValue(i)
			}
		}
		return unknown
	case "text", "varchar", "name":
		switch v.kind {
		case vInt:
			return textValue(strconv.FormatInt(v.i, 10))
		case vRegclass:
			return textValue(script.QualifiedName(v.name))
		}
		return v
	case "bool", "boolean":
		if v.kind == vText {
			switch v.s {
			case "t", "true", "on", "yes", "1":
				return boolValue(true)
			case "f", "false", "off", "no", "0":
				return boolValue(false)
			}
			return unknown
		}
		return v
	}
	return unknown
}

// regclass resolves a relation name written as text, as ::regclass does.
func (e *evaluator) regclass(text string) value {
	name, ok := script.ParseQualifiedName(text)
	if !ok {
		return unknown
	}
	q, rel := e.c.lookup(name)
	v := value{kind: vRegclass, name: q}
	if seq, ok := rel.(*Sequence); ok {
		v.seq = seq
	} else if rel == nil {
		v.name = name
	}
	return v
}

// asSequence reads a value passed as a regclass argument.
func (e *evaluator) asSequence(v value) value {
	if v.kind == vText {
		return e.regclass(v.s)
	}
	return v
}

// roundNumeric converts a numeric to an integer as the server's cast does:
// rounding half away from zero.
func roundNumeric(text string) (int64, bool) {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return 0, false
	}
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		r.Sub(r, half)
	} else {
		r.Add(r, half)
	}
	q := new(big.Int).Quo(r.Num(), r.Denom()) // truncates toward zero
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// integralNumeric reads a numeric that equals an integer, such as 5.00 or 1e3.
func integralNumeric(text string) (int64, bool) {
	r, ok := new(big.Rat).SetString(text)
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

func (e *evaluator) call(f *ast.FuncCall) value {
	if f.Name.Schema != "" && f.Name.Schema != "pg_catalog" {
		e.evalAll(f.Args)
		return unknown
	}
	switch f.Name.Name {
	case "setval":
		return e.setval(f)
	case "nextval":
		if len(f.Args) != 1 {
			return unknown
		}
		return e.nextval(e.asSequence(e.eval(f.Args[0])))
	case "pg_get_serial_sequence":
		return e.serialSequence(f)
	case "set_config":
		return e.setConfig(f)
	case "max", "min":
		return e.aggregate(f)
	case "coalesce":
		return e.eval(&ast.CoalesceExpr{Args: f.Args})
	case "greatest", "least":
		return e.eval(&ast.MinMaxExpr{Greatest: f.Name.Name == "greatest", Args: f.Args})
	}
	e.evalAll(f.Args)
	return unknown
}

// evalAll evaluates arguments for their side effects.
func (e *evaluator) evalAll(args []ast.Expr) {
	for _, a := range args {
		e.eval(a)
	}
}

// setval(regclass, bigint [, is_called]) sets where a sequence stands; it
// is strict, so a NULL argument leaves the sequence alone.
func (e *evaluator) setval(f *ast.FuncCall) value {
	if len(f.Args) < 2 || len(f.Args) > 3 {
		return unknown
	}
	target := e.asSequence(e.eval(f.Args[0]))
	v := e.eval(f.Args[1])
	called := boolValue(true)
	if len(f.Args) == 3 {
		called = e.eval(f.Args[2])
	}
	if target.kind == vNull || v.kind == vNull || called.kind == vNull {
		return nullValue
	}
	if target.kind != vRegclass {
		return unknown
	}
	seq := target.seq
	if seq == nil {
		e.c.missingSequence(e.x, target.name, "setval")
		return unknown
	}
	if v.kind != vInt || called.kind != vBool {
		seq.markDynamic()
		e.moved = append(e.moved, movedSequence{seq: seq, dynamic: true})
		return unknown
	}
	if err := seq.setval(v.i, called.b); err != nil {
		e.x.fail("%v", err)
		return unknown
	}
	e.moved = append(e.moved, movedSequence{seq: seq})
	return v
}

func (e *evaluator) nextval(target value) value {
	if target.kind != vRegclass || target.seq == nil {
		if target.kind == vRegclass {
			e.c.missingSequence(e.x, target.name, "nextval")
		}
		return unknown
	}
	seq := target.seq
	if seq.dynamic || seq.inexact {
		seq.nextvalsUnknown()
		return unknown
	}
	lo, hi, ok := seq.nextvals(1)
	if !ok {
		return unknown
	}
	if seq.Ascending() {
		return intValue(hi)
	}
	return intValue(lo)
}

// serialSequence is pg_get_serial_sequence(table, column): the sequence
// owned by the column, or NULL. The table name is read as a regclass (case
// folds); the column name is taken as it is.
func (e *evaluator) serialSequence(f *ast.FuncCall) value {
	if len(f.Args) != 2 {
		return unknown
	}
	tv, cv := e.eval(f.Args[0]), e.eval(f.Args[1])
	if tv.kind == vNull || cv.kind == vNull {
		return nullValue
	}
	if tv.kind != vText || cv.kind != vText {
		return unknown
	}
	name, ok := script.ParseQualifiedName(tv.s)
	if !ok {
		return unknown
	}
	t := e.c.table(name)
	if t == nil {
		e.x.fail("relation %q does not exist", tv.s)
		return unknown
	}
	col := t.column(cv.s)
	if col == nil {
		e.x.fail("column %q of relation %s does not exist", cv.s, script.QualifiedName(t.Name))
		return unknown
	}
	for _, seq := range e.c.sequences {
		if seq.OwnedBy == col {
			return value{kind: vRegclass, seq: seq, name: seq.Name}
		}
	}
	return nullValue
}

// set_config('search_path', value, is_local) changes the search path, as
// pg_dump's first lines do.
func (e *evaluator) setConfig(f *ast.FuncCall) value {
	if len(f.Args) != 3 {
		e.evalAll(f.Args)
		return unknown
	}
	name, v, local := e.eval(f.Args[0]), e.eval(f.Args[1]), e.eval(f.Args[2])
	if name.kind == vText && name.s == "search_path" && v.kind == vText && local.kind == vBool {
		e.c.setSearchPathString(v.s, local.b)
	}
	return v
}

// aggregate computes max(col) or min(col) over the FROM table, its
// inheritance children and partitions included.
func (e *evaluator) aggregate(f *ast.FuncCall) value {
	if e.from == nil || e.fromComplex || len(f.Args) != 1 {
		return unknown
	}
	ref, ok := f.Args[0].(*ast.ColumnRef)
	if !ok || len(ref.Names) == 0 {
		return unknown
	}
	name := ref.Names[len(ref.Names)-1]
	result := nullValue
	for _, t := range e.from.reach(false) {
		col := t.column(name)
		if col == nil {
			if t == e.from {
				return unknown
			}
			continue
		}
		k := col.Keys
		if k.Unknown() != nil || k.Inexact {
			return unknown
		}
		if k.Count == 0 {
			continue
		}
		v := k.Max
		if f.Name.Name == "min" {
			v = k.Min
		}
		if result.kind == vNull || f.Name.Name == "max" && v > result.i || f.Name.Name == "min" && v < result.i {
			result = intValue(v)
		}
	}
	return result
}

func (e *evaluator) operator(op *ast.OpExpr) value {
	r := e.eval(op.Right)
	if op.Left == nil {
		if op.Op == "-" && r.kind == vInt && r.i != math.MinInt64 {
			return intValue(-r.i)
		}
		if op.Op == "+" && r.kind == vInt {
			return r
		}
		if r.kind == vNull {
			return nullValue
		}
		return unknown
	}
	l := e.eval(op.Left)
	if l.kind == vNull || r.kind == vNull {
		return nullValue
	}
	if l.kind != vInt || r.kind != vInt {
		return unknown
	}
	switch op.Op {
	case "+":
		if s := l.i + r.i; (s > l.i) == (r.i > 0) || r.i == 0 {
			return intValue(s)
		}
	case "-":
		if d := l.i - r.i; (d < l.i) == (r.i > 0) || r.i == 0 {
			return intValue(d)
		}
	case "*":
		if l.i == 0 || r.i == 0 {
			return intValue(0)
		}
		if p := l.i * r.i; p/r.i == l.i && !(l.i == -1 && r.i == math.MinInt64) && !(r.i == -1 && l.i == math.MinInt64) {
			return intValue(p)
		}
	case ">":
		return boolValue(l.i > r.i)
	case ">=":
		return boolValue(l.i >= r.i)
	case "<":
		return boolValue(l.i < r.i)
	case "<=":
		return boolValue(l.i <= r.i)
	case "=":
		return boolValue(l.i == r.i)
	case "<>", "!=":
		return boolValue(l.i != r.i)
	}
	return unknown
}

// subquery evaluates a scalar subquery such as (SELECT max(id) FROM t).
func (e *evaluator) subquery(s *ast.Select) value {
	if len(s.Targets) != 1 {
		return unknown
	}
	inner := &evaluator{c: e.c, x: e.x, fromComplex: s.Complex}
	if s.From != nil {
		inner.from = e.c.table(*s.From)
		if inner.from == nil {
			return unknown
		}
		if !hasAggregate(s.Targets[0]) {
			return unknown // one value per row
		}
	}
	v := inner.eval(s.Targets[0])
	e.moved = append(e.moved, inner.moved...)
	return v
}

// hasAggregate reports whether an expression calls an aggregate, which
// makes a query over a table return one row.
func hasAggregate(ex ast.Expr) bool {
	return anyCall(ex, false, func(f *ast.FuncCall) bool {
		return isFunc(f, "max") || isFunc(f, "min") || isFunc(f, "count") || isFunc(f, "sum")
	})
}

// callsSequenceFunction reports whether evaluating the expression can change
// a sequence or a setting, so that a plain SELECT needs evaluating at all.
func callsSequenceFunction(ex ast.Expr) bool {
	return anyCall(ex, true, func(f *ast.FuncCall) bool {
		return isFunc(f, "setval") || isFunc(f, "nextval") || isFunc(f, "set_config")
	})
}

// anyCall reports whether an expression calls a function that match
// accepts, looking into scalar subqueries when told to.
func anyCall(ex ast.Expr, subqueries bool, match func(*ast.FuncCall) bool) bool {
	var args []ast.Expr
	switch ex := ex.(type) {
	case *ast.FuncCall:
		if match(ex) {
			return true
		}
		args = ex.Args
	case *ast.TypeCast:
		args = []ast.Expr{ex.Arg}
	case *ast.OpExpr:
		args = []ast.Expr{ex.Right}
		if ex.Left != nil {
			args = append(args, ex.Left)
		}
	case *ast.CoalesceExpr:
		args = ex.Args
	case *ast.MinMaxExpr:
		args = ex.Args
	case *ast.NullTest:
		args = []ast.Expr{ex.Arg}
	case *ast.SubLink:
		if subqueries {
			args = ex.Select.Targets
		}
	}
	for _, a := range args {
		if anyCall(a, subqueries, match) {
			return true
		}
	}
	return false
}
