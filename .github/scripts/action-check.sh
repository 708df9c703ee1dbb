#!/usr/bin/env bash
# The GitHub Action's check step. It runs pgseqlint check once: the text
# report and an annotation of each finding go to the log, and the SARIF
# report (--sarif-file) to SARIF_FILE, or to a file of its own from which
# the job summary lists every finding: GitHub shows at most 10
# annotations of a kind per step.
# The step's exit status is pgseqlint's: 0 clean, 1 findings at or above
# FAIL_ON, 2 the run failed. It also writes status=N to the step's outputs.
#
# Environment (the action's inputs): PATHS, SCHEMA, LAYOUT, CONFIG,
# FAIL_ON, ARGS, SARIF_FILE. PATHS, SCHEMA and ARGS hold one item a line;
# a value on one line is split at blanks. Items that are shell patterns
# (db/*.sql) are expanded, each on its own: a path may hold blanks.
# jq reads the SARIF report for the summary (GitHub's runners have it).
set -uo pipefail

command -v jq >/dev/null 2>&1 || {
	echo "::error title=pgseqlint::the action needs jq to read pgseqlint's report"
	exit 2
}

# items VALUE: the items of an input, one a line, into the array "items".
items() {
	items=()
	local value=$1 line
	case $value in
	*$'\n'*)
		while IFS= read -r line; do
			line=${line%$'\r'}
			[ -n "${line//[[:space:]]/}" ] && items+=("$line")
		done <<<"$value"
		;;
	*)
		# shellcheck disable=SC2206 # split at blanks, patterns kept for below
		local IFS=$' \t' && set -f && items=($value) && set +f
		;;
	esac
}

# expand: the items, shell patterns replaced by what they match (sorted,
# as the shell sorts them); a pattern that matches nothing stays, for
# pgseqlint to report.
expand() {
	expanded=()
	local item matches
	for item in ${items[@]+"${items[@]}"}; do
		case $item in
		*[*?[]*)
			local IFS=
			shopt -s nullglob
			# shellcheck disable=SC2206 # the pattern is meant to expand
			matches=($item)
			shopt -u nullglob
			unset IFS
			if [ ${#matches[@]} -gt 0 ]; then
				expanded+=("${matches[@]}")
			else
				expanded+=("$item")
			fi
			;;
		*) expanded+=("$item") ;;
		esac
	done
}

args=(check --fail-on "${FAIL_ON:-error}")
items "${SCHEMA:-}"
expand
for s in ${expanded[@]+"${expanded[@]}"}; do
	args+=(--schema "$s")
done
[ -n "${LAYOUT:-}" ] && args+=(--layout "$LAYOUT")
[ -n "${CONFIG:-}" ] && args+=(--config "$CONFIG")
items "${ARGS:-}"
args+=(${items[@]+"${items[@]}"})
items "${PATHS:-}"
expand
if [ ${#expanded[@]} -eq 0 ]; then
	echo "::error title=pgseqlint::no paths to check: give the paths input"
	echo "status=2" >>"$GITHUB_OUTPUT"
	exit 2
fi

sarif=${SARIF_FILE:-}
if [ -z "$sarif" ]; then
	sarif=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pgseqlint.XXXXXX")
fi
args+=(--sarif-file "$sarif" --)
args+=("${expanded[@]}")
errlog=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pgseqlint-stderr.XXXXXX")
trap 'rm -f "$errlog"; [ -n "${SARIF_FILE:-}" ] || rm -f "$sarif"' EXIT

printf 'pgseqlint'
printf ' %q' "${args[@]}"
printf '\n'
# In the Action, the text report is followed by the annotations.
GITHUB_ACTIONS=true pgseqlint "${args[@]}" 2>"$errlog"
status=$?
cat "$errlog" >&2
echo "status=$status" >>"$GITHUB_OUTPUT"

summary=${GITHUB_STEP_SUMMARY:-/dev/null}
if [ "$status" -ge 2 ] || ! jq -e '.runs' "$sarif" >/dev/null 2>&1; then
	{
		echo "### pgseqlint"
		echo
		echo "The check could not run (exit status $status):"
		echo
		echo '```'
		cat "$errlog"
		echo '```'
	} >>"$summary"
	[ "$status" -ge 2 ] || status=2
	exit "$status"
fi

# SARIF names files by URI reference (my%20db/dump.sql): path decodes one
# (jq 1.6 has no @urid).
# shellcheck disable=SC2016 # jq, not the shell, reads the $ names
paths_jq='
  def utf8: [recurse(if length > 0 then .[(if .[0] < 128 then 1 elif .[0] < 224 then 2 elif .[0] < 240 then 3 else 4 end):] else empty end)
    | select(length > 0)
    | if .[0] < 128 then .[0]
      elif .[0] < 224 then (.[0] % 32) * 64 + (.[1] // 0) % 64
      elif .[0] < 240 then (.[0] % 16) * 4096 + ((.[1] // 0) % 64) * 64 + (.[2] // 0) % 64
      else (.[0] % 8) * 262144 + ((.[1] // 0) % 64) * 4096 + ((.[2] // 0) % 64) * 64 + (.[3] // 0) % 64 end]
    | implode;
  def hex: ascii_downcase | explode | map(if . >= 97 then . - 87 else . - 48 end) | .[0] * 16 + .[1];
  def path: [scan("%[0-9A-Fa-f]{2}|[^%]+|%")]
    | reduce .[] as $t ({out: "", bytes: []};
        if ($t | test("^%[0-9A-Fa-f]{2}$")) then .bytes += [$t[1:] | hex]
        else .out += (.bytes | utf8) + $t | .bytes = [] end)
    | .out + (.bytes | utf8);
'

# The job summary: every finding, in a table, within the 1 MiB GitHub
# takes of one step's summary.
{
	jq -r --arg server "${GITHUB_SERVER_URL:-}" --arg repo "${GITHUB_REPOSITORY:-}" --arg sha "${GITHUB_SHA:-}" "$paths_jq"'
	  def html: gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;") | gsub("\\|"; "&#124;") | gsub("\r?\n"; "<br>");
	  [.runs[].results[]] as $r
	  | ($r | map(select(.level == "error")) | length) as $errors
	  | ($r | map(select(.level == "warning")) | length) as $warnings
	  | "### pgseqlint",
	    "",
	    if ($r | length) == 0 then "No findings."
	    else "\($errors) error\(if $errors == 1 then "" else "s" end), \($warnings) warning\(if $warnings == 1 then "" else "s" end)\(if ($r | length) > $errors + $warnings then ", \(($r | length) - $errors - $warnings) other" else "" end)",
	      "",
	      "| severity | rule | where | finding |",
	      "|---|---|---|---|",
	      ( $r[] | (.locations[0].physicalLocation // {}) as $p
	        | ($p.artifactLocation.uri // "") as $uri
	        | (if $uri == "" then "standard input"
	           elif $p.region.startLine then "\($uri | path):\($p.region.startLine)" else $uri | path end | html) as $text
	        | (if $uri != "" and $server != "" and $repo != "" and $sha != ""
	           then "[\($text)](\($server)/\($repo)/blob/\($sha)/\($uri | gsub("\\)"; "%29"))\(if $p.region.startLine then "#L\($p.region.startLine)" else "" end))"
	           else $text end) as $where
	        | "| \(.level) | `\(.ruleId)` | \($where) | \(.message.text | html) |" )
	    end
	' "$sarif"
} >"$errlog.summary"
if [ "$(wc -c <"$errlog.summary")" -gt 1000000 ]; then
	head -c 990000 "$errlog.summary" | sed '$d' >"$errlog.cut"
	total=$(jq '[.runs[].results[]] | length' "$sarif")
	shown=$(($(grep -c '^| ' "$errlog.cut") - 2))
	{
		cat "$errlog.cut"
		echo
		echo "… and $((total - shown)) more findings: the step's log and the SARIF report list them all."
	} >"$errlog.summary"
	rm -f "$errlog.cut"
fi
cat "$errlog.summary" >>"$summary"
rm -f "$errlog.summary"
exit "$status"
