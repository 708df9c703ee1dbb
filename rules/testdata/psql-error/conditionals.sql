-- psql's \if blocks: what psql rejects, as psql words it. (A \\ ends a
-- meta-command: the want comments after it are no arguments.)
CREATE TABLE t (id serial PRIMARY KEY);
\if yes
INSERT INTO t VALUES (DEFAULT);
\else
\else \\ -- want "^\\else: cannot occur after \\else$"
\elif on \\ -- want "^\\elif: cannot occur after \\else$"
\endif
\endif \\ -- want "^\\endif: no matching \\if$"
\elif true \\ -- want "^\\elif: no matching \\if$"
\else \\ -- want "^\\else: no matching \\if$"
-- psql takes a condition that is no boolean as false, and says so.
\if maybe \\ -- want "^unrecognized value \"maybe\" for \"\\if expression\": Boolean expected$"
INSERT INTO t VALUES (1000);
\elif 'of' f \\ -- want "^unrecognized value \"of f\" for \"\\elif expression\": Boolean expected$"
INSERT INTO t VALUES (1000);
\endif
\if \\ -- want "^unrecognized value \"\" for \"\\if expression\": Boolean expected$"
\endif
-- A branch that does not run is read, not evaluated: no complaint.
\if 0
\if nonsense
\elif nonsense
\endif
\endif
\set ON_ERROR_ROLLBACK sometimes \\ -- want "^unrecognized value \"sometimes\" for \"ON_ERROR_ROLLBACK\""
\set 'bad name' 1 \\ -- want "^invalid variable name: \"bad name\"$"
\unset \\ -- want "^\\unset: missing required argument$"
\if on \\ -- want "^reached EOF without finding closing \\endif\(s\)$"
