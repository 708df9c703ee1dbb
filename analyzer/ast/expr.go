package ast

// Expr is a value expression: a key in VALUES, an argument of setval, a
// column default.
type Expr interface{ expr() }

// ConstKind is the kind of a literal.
type ConstKind int

const (
	ConstInt     ConstKind = iota + 1 // an integer literal; Val holds its digits, maybe beyond int64
	ConstNumeric                      // a literal with a fraction or exponent
	ConstString
	ConstBool
	ConstNull
)

// Const is a literal. Val is the text of a number (with its sign), the
// value of a string, or "true"/"false".
type Const struct {
	Kind ConstKind
	Val  string
}

// TypeCast is arg::type or CAST(arg AS type).
type TypeCast struct {
	Arg  Expr
	Type TypeName
}

// FuncCall is a function call; Name.Name is lower case, Name.Schema is
// "pg_catalog" when written so. Star is set for f(*).
type FuncCall struct {
	Name QName
	Args []Expr
	Star bool
}

// ColumnRef is a reference to a column, possibly qualified by its table.
type ColumnRef struct {
	Names []string
}

// OpExpr is an operator: Left is nil for a prefix operator such as unary
// minus.
type OpExpr struct {
	Op          string
	Left, Right Expr
}

// CoalesceExpr is COALESCE(args).
type CoalesceExpr struct{ Args []Expr }

// MinMaxExpr is GREATEST(args) or LEAST(args).
type MinMaxExpr struct {
	Greatest bool
	Args     []Expr
}

// NullTest is arg IS [NOT] NULL.
type NullTest struct {
	Arg     Expr
	NotNull bool
}

// SubLink is a scalar subquery, (SELECT ...).
type SubLink struct{ Select *Select }

// Default is the DEFAULT keyword in a VALUES list.
type Default struct{}

// Opaque is any other expression: its value is unknown to pgseqlint.
type Opaque struct{}

func (*Const) expr()        {}
func (*TypeCast) expr()     {}
func (*FuncCall) expr()     {}
func (*ColumnRef) expr()    {}
func (*OpExpr) expr()       {}
func (*CoalesceExpr) expr() {}
func (*MinMaxExpr) expr()   {}
func (*NullTest) expr()     {}
func (*SubLink) expr()      {}
func (*Default) expr()      {}
func (*Opaque) expr()       {}

// EachCall calls f for each function call in an expression, outside
// scalar subqueries.
func EachCall(ex Expr, f func(*FuncCall)) {
	var args []Expr
	switch ex := ex.(type) {
	case *FuncCall:
		f(ex)
		args = ex.Args
	case *TypeCast:
		args = []Expr{ex.Arg}
	case *OpExpr:
		args = []Expr{ex.Left, ex.Right}
	case *CoalesceExpr:
		args = ex.Args
	case *MinMaxExpr:
		args = ex.Args
	case *NullTest:
		args = []Expr{ex.Arg}
	}
	for _, a := range args {
		EachCall(a, f)
	}
}
