package script

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
)

// PsqlCopy reads \copy's arguments as the COPY statement psql sends, or
// returns nil for a \copy ... to. Its file name may be unquoted; pstdin is
// psql's own input, not the script.
func PsqlCopy(args []byte) (*ast.Copy, error) {
	words := metaCopyWords(args)
	from := -1
	for i, w := range words {
		if equalFold(w, "to") {
			return nil, nil
		}
		if equalFold(w, "from") {
			from = i
			break
		}
	}
	switch {
	case from < 0:
		return nil, errors.New(`\copy: from or to expected`)
	case from+1 == len(words):
		return nil, errors.New(`\copy: parse error at end of line`)
	}
	source := words[from+1]
	rest := words[from+2:]
	if equalFold(source, "program") && len(rest) > 0 {
		rest = rest[1:]
	}
	sql := "COPY " + string(bytes.Join(words[:from], []byte(" "))) + " FROM STDIN " + string(bytes.Join(rest, []byte(" ")))
	stmts, err := pgparse.Parse(sql)
	if err != nil || len(stmts) != 1 {
		return nil, fmt.Errorf(`\copy: %v`, err)
	}
	cp, ok := stmts[0].(*ast.Copy)
	if !ok {
		return nil, errors.New(`\copy: not a COPY ... FROM`)
	}
	switch {
	case fromClient(source):
	case equalFold(source, "program"):
		cp.Source = ast.CopyFromProgram
	default:
		cp.Source = ast.CopyFromFile
	}
	return cp, nil
}
