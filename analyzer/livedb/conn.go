package livedb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Conn is a connection to a live database.
type Conn struct {
	pg *pgconn.PgConn
	// Database is the database's name; Place names it in findings and
	// messages: its connection as a URL, without the password.
	Database, Place string
	// User is the role the session runs as.
	User string
	// secrets are what no message may show: the password.
	secrets    []string
	roundTrips int
}

// Connect opens a connection the way PostgreSQL's own clients do: conn is a
// URL (postgres://...), a key/value string (host=... dbname=...), or empty;
// what it leaves out comes from the PG* environment variables, a service
// file (service=, PGSERVICE), and the password from ~/.pgpass (PGPASSFILE);
// sslmode and the other TLS options are libpq's. No error it returns shows
// the password; one that fails to connect names the server and the reason,
// on one line.
func Connect(ctx context.Context, conn string) (*Conn, error) {
	cfg, err := pgconn.ParseConfig(conn)
	if err != nil {
		return nil, parseError(conn, err)
	}
	c := &Conn{Database: cfg.Database, User: cfg.User, Place: place(cfg), secrets: passwords(conn, cfg)}
	// No notice of ours is anything the user asked for.
	cfg.OnNotice = nil
	pg, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, c.redact(connectError(cfg, err))
	}
	c.pg = pg
	return c, nil
}

// Close ends the session; what it had not committed is rolled back.
func (c *Conn) Close() {
	c.pg.Close(context.Background())
}

// RoundTrips counts the times the connection waited for the server.
func (c *Conn) RoundTrips() int { return c.roundTrips }

// exec runs statements in one round trip: sent together, their results
// read together, one for each. The server's errors name no password; ours
// are redacted all the same.
func (c *Conn) exec(ctx context.Context, statements ...string) ([]*pgconn.Result, error) {
	c.roundTrips++
	batch := &pgconn.Batch{}
	for _, sql := range statements {
		batch.ExecParams(sql, nil, nil, nil, nil)
	}
	results, err := c.pg.ExecBatch(ctx, batch).ReadAll()
	for _, r := range results {
		if err == nil {
			err = r.Err
		}
	}
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			return nil, c.redact(serverError(pgErr))
		}
		return nil, c.redact(fmt.Errorf("%s: %w", c.Place, err))
	}
	return results, nil
}

// serverError is the server's message as psql shows its first line.
func serverError(e *pgconn.PgError) error {
	msg := e.Message
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return errors.New(msg)
}

// place names a connection as a URL without its password: the user, the
// host and port (a socket directory as ?host=), and the database.
func place(cfg *pgconn.Config) string {
	u := url.URL{Scheme: "postgres", User: url.User(cfg.User), Path: "/" + cfg.Database}
	port := strconv.Itoa(int(cfg.Port))
	if filepath.IsAbs(cfg.Host) {
		u.RawQuery = "host=" + cfg.Host + "&port=" + port
	} else {
		u.Host = net.JoinHostPort(cfg.Host, port)
	}
	return u.String()
}

// server names where a connection goes, as libpq does in its messages.
func server(cfg *pgconn.Config) string {
	if filepath.IsAbs(cfg.Host) {
		return fmt.Sprintf("server on socket %q", filepath.Join(cfg.Host, ".s.PGSQL."+strconv.Itoa(int(cfg.Port))))
	}
	return fmt.Sprintf("server at %q, port %d", cfg.Host, cfg.Port)
}

// connectError is a failed connection as one line: where, and why.
func connectError(cfg *pgconn.Config, err error) error {
	return fmt.Errorf("connection to %s failed: %s", server(cfg), reason(err))
}

// reason is the cause of a failed connection: the server's message, or
// the last attempt's network error without pgx's wrapping.
func reason(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Err.Error()
	}
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) {
		return "timeout expired"
	}
	// The last of several attempts (sslmode=prefer tries twice), each
	// wrapped as "address (host): what: why": keep the why.
	for {
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			errs := joined.Unwrap()
			err = errs[len(errs)-1]
			continue
		}
		next := errors.Unwrap(err)
		if next == nil {
			break
		}
		err = next
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// parseError says why a connection string is not one, without echoing it:
// pgx's own message quotes it ("cannot parse `...`: why"), masking only what
// it recognizes as a password.
func parseError(conn string, err error) error {
	c := Conn{secrets: passwords(conn, nil)}
	why := err.Error()
	if i := strings.LastIndex(why, "`: "); strings.HasPrefix(why, "cannot parse `") && i > 0 {
		why = why[i+len("`: "):]
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		why = urlErr.Err.Error()
	}
	return c.redact(errors.New("invalid connection string: " + strings.ReplaceAll(why, "\n", " ")))
}

// passwords are the strings no message may show: the password of the
// configuration, and whatever the connection string gives as one (it may
// not parse).
func passwords(conn string, cfg *pgconn.Config) []string {
	var out []string
	if cfg != nil && cfg.Password != "" {
		out = append(out, cfg.Password)
	}
	// postgres://user:PASSWORD@host...
	if rest, ok := strings.CutPrefix(conn, "postgres://"); ok || strings.HasPrefix(conn, "postgresql://") {
		if !ok {
			rest = strings.TrimPrefix(conn, "postgresql://")
		}
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, pw, found := strings.Cut(rest[:at], ":"); found && pw != "" {
				out = append(out, pw)
				if dec, err := url.PathUnescape(pw); err == nil {
					out = append(out, dec)
				}
			}
		}
	}
	// password=PASSWORD, in a key/value string or a URL's query.
	for _, sep := range []string{"password=", "password ="} {
		for s := conn; ; {
			i := strings.Index(s, sep)
			if i < 0 {
				break
			}
			s = strings.TrimLeft(s[i+len(sep):], " ")
			end := strings.IndexAny(s, " &")
			if strings.HasPrefix(s, "'") {
				end = strings.Index(s[1:], "'") + 2
			}
			if end <= 0 {
				end = len(s)
			}
			if v := strings.Trim(s[:end], "'"); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// redact masks every secret in an error's message.
func (c *Conn) redact(err error) error {
	msg := err.Error()
	changed := false
	for _, s := range c.secrets {
		if s != "" && strings.Contains(msg, s) {
			msg, changed = strings.ReplaceAll(msg, s, "xxxxx"), true
		}
	}
	if !changed {
		return err
	}
	return errors.New(msg)
}
