#!/usr/bin/env bash
# Runs a pgseqlint container image as the README says and checks what it
# does: it runs as distroless's nonroot user with pgseqlint as its entry
# point, prints the version it was built with, and checks the Serverpod
# example mounted from the repository as testdata/cli/serverpod-text says.
#
#   .github/scripts/smoke-image.sh IMAGE 'pgseqlint v1.2.3 (commit ..., built ...)' [PLATFORM]
#
# DOCKER names the container command (default docker; podman works).
set -euo pipefail
cd "$(dirname "$0")/../.."

image=${1:?usage: smoke-image.sh IMAGE VERSION-LINE [PLATFORM]}
want_version=${2:?usage: smoke-image.sh IMAGE VERSION-LINE [PLATFORM]}
docker=${DOCKER:-docker}
platform=()
[ -n "${3:-}" ] && platform=(--platform "$3")

fail() {
	echo "smoke-image: $image: $*" >&2
	exit 1
}

user=$($docker image inspect "$image" --format '{{.Config.User}}')
entrypoint=$($docker image inspect "$image" --format '{{json .Config.Entrypoint}}')
[ "$user" = 65532:65532 ] || fail "runs as '$user', want 65532:65532"
[ "$entrypoint" = '["pgseqlint"]' ] || fail "its entry point is $entrypoint, want [\"pgseqlint\"]"

got=$($docker run --rm "${platform[@]}" "$image" version)
[ "$got" = "$want_version" ] || fail "version printed '$got', want '$want_version'"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
$docker run --rm "${platform[@]}" -v "$PWD:/src" -w /src "$image" \
	check --color never testdata/examples/serverpod/dump.sql >"$out" 2>&1 || status=$?
cat "$out"
[ "$status" = 1 ] || fail "check exited with $status, want 1"
sed 's|\.\./\.\./examples/|testdata/examples/|' testdata/cli/serverpod-text/stdout | cmp -s - "$out" ||
	fail "check's output differs from testdata/cli/serverpod-text/stdout"
echo "smoke-image: $image${3:+ ($3)}: $got; check exits 1 with the finding of testdata/cli/serverpod-text"
