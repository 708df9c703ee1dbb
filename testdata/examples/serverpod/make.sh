#!/usr/bin/env bash
# Rebuilds dump.sql: a real pg_dump of source.sql, from which the setval
# of serverpod_user_info was lost, as happens when a dump is hand-edited or
# a data export leaves sequences behind. Needs a PostgreSQL server to dump
# from: set PGHOST/PGPORT/PGUSER as for psql.
set -euo pipefail
cd "$(dirname "$0")"
db=pgseqlint_example_$$
createdb "$db"
trap 'dropdb "$db"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f source.sql
pg_dump --no-owner --restrict-key=pgseqlintexample "$db" \
	| grep -v "setval('public.serverpod_user_info_id_seq'" >dump.sql
