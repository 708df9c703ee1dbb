package script

import (
	"net/url"
	"strings"
)

// ConnectTarget reads the arguments of \connect as psql does and returns
// the database it opens; same is set when the session stays in the current
// database ("-", no name, or a connection string without a dbname).
//
// psql reads each argument as an SQL identifier whose letters keep their
// case (OT_SQLIDHACK): double quotes are removed, '...' is a string with
// backslash escapes, and semicolons at the end of unquoted text are
// dropped, so `\c chinook;` opens chinook and `\c MyDb` opens MyDb. An
// optional -reuse-previous=on|off comes first. A name with "=" or a
// postgresql:// prefix is a connection string (pg_dumpall writes
// `\connect -reuse-previous=on "dbname='my db'"` for unusual names).
func ConnectTarget(args []byte) (db string, same bool) {
	opts := slashOptions(string(args))
	if len(opts) > 0 && !opts[0].quoted && strings.HasPrefix(opts[0].text, "-reuse-previous=") {
		opts = opts[1:]
	}
	if len(opts) == 0 {
		return "", true
	}
	name := opts[0]
	if !name.quoted && (name.text == "" || name.text == "-") {
		return "", true
	}
	if strings.Contains(name.text, "=") || strings.HasPrefix(name.text, "postgresql://") || strings.HasPrefix(name.text, "postgres://") {
		db, ok := connStringDatabase(name.text)
		return db, !ok
	}
	return name.text, false
}

// slashOption is one argument of a psql meta-command.
type slashOption struct {
	text   string
	quoted bool
}

// slashOptions splits a meta-command's arguments as psql's slash-option
// scanner does for identifiers, up to an unquoted backslash (the next
// meta-command). Backquoted commands and :variables are kept as written:
// their value is not known here.
func slashOptions(s string) []slashOption {
	var opts []slashOption
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) || s[i] == '\\' {
			return opts
		}
		var b strings.Builder
		opt := slashOption{}
		unquotedTail := 0 // length of the unquoted text that ends the option
		for i < len(s) && !isSpace(s[i]) && s[i] != '\\' {
			switch s[i] {
			case '"':
				opt.quoted, unquotedTail = true, 0
				i++
				for i < len(s) {
					if s[i] == '"' {
						if i+1 < len(s) && s[i+1] == '"' {
							b.WriteByte('"')
							i += 2
							continue
						}
						i++
						break
					}
					b.WriteByte(s[i])
					i++
				}
			case '\'':
				opt.quoted, unquotedTail = true, 0
				i = singleQuoted(s, i+1, &b)
			default:
				b.WriteByte(s[i])
				unquotedTail++
				i++
			}
		}
		text := b.String()
		// Semicolons that end unquoted text are dropped (\c db;).
		for unquotedTail > 0 && strings.HasSuffix(text, ";") {
			text = text[:len(text)-1]
			unquotedTail--
		}
		opt.text = text
		opts = append(opts, opt)
	}
}

// singleQuoted reads a '...' option from s[i:] (after the opening quote)
// into b, with psql's escapes, and returns where it ends.
func singleQuoted(s string, i int, b *strings.Builder) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i += 2
		case c == '\'':
			return i + 1
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			default:
				b.WriteByte(e)
			}
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return i
}

// connStringDatabase finds the dbname of a libpq connection string, in
// keyword=value form or as a URI; ok is false when it names none.
func connStringDatabase(conn string) (db string, ok bool) {
	if strings.HasPrefix(conn, "postgresql://") || strings.HasPrefix(conn, "postgres://") {
		u, err := url.Parse(conn)
		if err != nil {
			return "", false
		}
		if v := u.Query().Get("dbname"); v != "" {
			return v, true
		}
		if p := strings.TrimPrefix(u.Path, "/"); p != "" {
			return p, true
		}
		return "", false
	}
	for i := 0; i < len(conn); {
		for i < len(conn) && isSpace(conn[i]) {
			i++
		}
		eq := strings.IndexByte(conn[i:], '=')
		if eq < 0 {
			return "", false
		}
		key := strings.TrimSpace(conn[i : i+eq])
		i += eq + 1
		for i < len(conn) && isSpace(conn[i]) {
			i++
		}
		var v strings.Builder
		if i < len(conn) && conn[i] == '\'' {
			// A quoted value: backslash escapes the next character.
			for i++; i < len(conn) && conn[i] != '\''; i++ {
				if conn[i] == '\\' && i+1 < len(conn) {
					i++
				}
				v.WriteByte(conn[i])
			}
			i++
		} else {
			for ; i < len(conn) && !isSpace(conn[i]); i++ {
				if conn[i] == '\\' && i+1 < len(conn) {
					i++
				}
				v.WriteByte(conn[i])
			}
		}
		if key == "dbname" {
			return v.String(), true
		}
	}
	return "", false
}
