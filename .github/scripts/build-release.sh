#!/usr/bin/env bash
# Builds the pgseqlint release binary for one platform, checks it, and packs
# it. The release workflow runs it on each platform's own runner, the
# Dockerfile in its build stage, and .ci/run on Linux (arm64 with a cross
# compiler, run under qemu-user).
#
#   .github/scripts/build-release.sh [DIR]
#
# DIR (default dist) receives DIR/pgseqlint_<version>_<os>_<arch>/ holding
# the binary, README.md, LICENSE and THIRD_PARTY_NOTICES, and beside it the
# archive of that folder: .tar.gz, or .zip for Windows. Environment:
#
#   VERSION  the version to stamp, a tag such as v1.2.3 (default: the tag at
#            HEAD, else a pseudo-version made from the commit, as go does)
#   COMMIT   the commit's hash (default: git rev-parse HEAD)
#   DATE     the build time, RFC 3339 in UTC (default: SOURCE_DATE_EPOCH
#            when set, else now)
#   GOOS, GOARCH, CC
#            the target and its C compiler (default: this machine's)
#   RUN      a command that runs the target's binaries here, such as
#            qemu-aarch64 (default: none, run them directly)
#   ARCHIVE  0 to leave the folder unpacked
#
# It works with the bash of macOS (3.2) and of Git for Windows.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

die() {
	echo "build-release: $*" >&2
	exit 1
}

out=${1:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

goos=${GOOS:-$(go env GOOS)}
goarch=${GOARCH:-$(go env GOARCH)}
export GOOS=$goos GOARCH=$goarch CGO_ENABLED=1

commit=${COMMIT:-$(git rev-parse HEAD)}
case $commit in
*[!0-9a-f]* | "") die "COMMIT is not a commit hash: '$commit'" ;;
esac

if [ -n "${DATE:-}" ]; then
	date=$DATE
elif [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null ||
		date -u -r "$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
else
	date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
fi

if [ -n "${VERSION:-}" ]; then
	version=$VERSION
elif version=$(git describe --tags --exact-match --match 'v[0-9]*' HEAD 2>/dev/null); then
	:
else
	# Go's pseudo-version for a commit after no tag: v0.0.0-<UTC commit
	# time>-<12 digits of the hash>.
	when=$(TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd "$commit")
	version=v0.0.0-$when-$(printf %s "$commit" | cut -c1-12)
fi
case $version in
v[0-9]*.[0-9]*.[0-9]*) ;;
*) die "VERSION is not a version such as v1.2.3: '$version'" ;;
esac

name=pgseqlint_${version#v}_${goos}_${goarch}
exe=pgseqlint
[ "$goos" = windows ] && exe=pgseqlint.exe
dir=$out/$name
rm -rf "$dir"
mkdir -p "$dir"
bin=$dir/$exe

# Static where the platform allows it: a Linux binary then needs no
# particular C library, and on Windows none of MinGW's DLLs. The netgo and
# osusergo tags keep glibc's NSS (which a static binary cannot load) out.
ldflags="-s -w -X main.version=$version -X main.commit=$commit -X main.date=$date"
tags=
case $goos in
linux)
	ldflags="$ldflags -linkmode external -extldflags -static"
	tags=netgo,osusergo
	;;
windows)
	# libpg_query is compiled with -fstack-protector: MinGW-w64 before
	# version 11 keeps its functions in gcc's libssp.
	extld=-static
	case $("${CC:-gcc}" -print-file-name=libssp.a) in
	*/*) extld="$extld -lssp" ;;
	esac
	ldflags="$ldflags -linkmode external -extldflags '$extld'"
	;;
esac

echo "building $name (commit $commit, $date) with ${CC:-the default C compiler}"
log=$out/.build-$goos-$goarch.log
if ! go build -trimpath -buildvcs=false -tags "$tags" -ldflags "$ldflags" -o "$bin" ./cmd/pgseqlint >"$log" 2>&1; then
	cat "$log" >&2
	die "the build failed"
fi
cat "$log"
if grep -q 'requires at runtime the shared libraries' "$log"; then
	die "the static binary would load shared libraries at run time (see the linker's warning)"
fi
rm -f "$log"

if [ "$goos" = linux ]; then
	if readelf -lW "$bin" | grep -q 'program interpreter'; then
		die "$bin is linked dynamically"
	fi
	if command -v file >/dev/null 2>&1; then
		file "$bin"
	fi
fi
ls -l "$bin"

# The smoke test: the binary runs and says what it is, and finds what the
# CLI's golden files say it finds.
runbin() {
	if [ -n "${RUN:-}" ]; then
		# RUN may hold arguments of its own.
		# shellcheck disable=SC2086
		$RUN "$bin" "$@"
	else
		"$bin" "$@"
	fi
}

want="pgseqlint $version (commit $(printf %s "$commit" | cut -c1-12), built $date)"
for flag in version --version; do
	got=$(runbin "$flag" | tr -d '\r') || die "pgseqlint $flag failed"
	[ "$got" = "$want" ] || die "pgseqlint $flag printed '$got', want '$want'"
done
echo "$want"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in serverpod-text fix-serverpod compressed-zstd archive-custom; do
	cdir=$root/testdata/cli/$case
	args=()
	while IFS= read -r line || [ -n "$line" ]; do
		args+=("$line")
	done <"$cdir/args"
	status=0
	(cd "$cdir" && runbin "${args[@]}" </dev/null >"$tmp/stdout" 2>"$tmp/stderr") || status=$?
	tr -d '\r' <"$tmp/stdout" >"$tmp/stdout.lf"
	if [ "$status" != "$(cat "$cdir/exit")" ] ||
		! cmp -s "$tmp/stdout.lf" "$cdir/stdout" || ! cmp -s "$tmp/stderr" "$cdir/stderr"; then
		echo "--- pgseqlint ${args[*]} (exit $status; want $(cat "$cdir/exit"))" >&2
		diff "$cdir/stdout" "$tmp/stdout.lf" >&2 || true
		diff "$cdir/stderr" "$tmp/stderr" >&2 || true
		die "smoke test $case: the output differs from testdata/cli/$case"
	fi
	echo "smoke test $case: exit $status, output as in testdata/cli/$case"
done

cp README.md LICENSE "$dir/"

# The licences of the code linked in: Go's runtime and standard library,
# and the modules, PostgreSQL's parser among them (pg_query_go carries
# PostgreSQL's licence beside its own).
{
	echo "pgseqlint $version is built with Go and the following modules, whose licences follow."
	printf '\n================================================================\n%s\n' "$(go env GOVERSION)"
	goroot=$(go env GOROOT)
	command -v cygpath >/dev/null 2>&1 && goroot=$(cygpath -u "$goroot")
	cat "$goroot/LICENSE"
	go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{.Dir}}{{end}}{{end}}' ./cmd/pgseqlint | sort -u |
		while read -r mpath mversion mdir; do
			# Git for Windows' bash globs POSIX paths, not C:\...
			command -v cygpath >/dev/null 2>&1 && mdir=$(cygpath -u "$mdir")
			printf '\n================================================================\n%s %s\n' "$mpath" "$mversion"
			found=
			for f in "$mdir"/LICENSE* "$mdir"/LICENCE* "$mdir"/COPYING* "$mdir"/NOTICE* "$mdir"/COPYRIGHT*; do
				[ -f "$f" ] || continue
				printf -- '---------------- %s\n' "${f##*/}"
				cat "$f"
				found=1
			done
			[ -n "$found" ] || die "no licence file in $mdir"
		done
} >"$dir/THIRD_PARTY_NOTICES"

[ "${ARCHIVE:-1}" = 0 ] && exit 0

cd "$out"
if [ "$goos" = windows ]; then
	rm -f "$name.zip"
	if command -v zip >/dev/null 2>&1; then
		zip -qr "$name.zip" "$name"
	else
		7z a -tzip -bd "$name.zip" "$name" >/dev/null
	fi
	echo "wrote $out/$name.zip"
else
	tar -czf "$name.tar.gz" "$name"
	echo "wrote $out/$name.tar.gz"
fi
