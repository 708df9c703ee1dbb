package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// OutsideRoot reports files that are not read: outside the project root,
// or not regular files.
var OutsideRoot = &analyzer.Rule{
	Name:     "outside-root",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "a file to read lies outside the project root, or is not a regular file, and was not read",
		Why: `pgseqlint reads only the regular files of the project: those inside the project root once
their symbolic links are followed. The root is --source-root when given, else the CI checkout
($GITHUB_WORKSPACE, $CI_PROJECT_DIR), else the deepest directory that holds every PATH given.
Whoever writes a migration could otherwise make pgseqlint read a file that is not the project's
(\i /proc/self/environ, a link to a key) and quote it in its findings, in the logs of a CI run
on their pull request; and a device (/dev/zero) never ends. Such a file is never opened: what it
would have done to the sequences is not checked. Move the file into the project, point
--source-root at a directory that holds both, or pass --allow-outside-root when the files are
trusted.`,
		Bad: `\i /etc/passwd`,
		Good: `-- the seed lives in the project, and is included from there:
-- \ir seed/users.sql
CREATE TABLE users (id bigserial PRIMARY KEY, name text);`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			if fr, ok := ev.(*catalog.FileRefused); ok {
				pass.Report(analyzer.Diagnostic{Span: fr.Span, Message: fr.Message})
			}
		}
	},
}
