// Command pgseqlint checks PostgreSQL scripts (dumps, migrations) for
// sequences that will hand out keys already loaded into their tables, and
// writes the SQL that fixes them.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}
