#!/usr/bin/env bash
# The GitHub Action's install step: downloads the release binary for the
# runner, checks its archive against the release's checksums.txt, and puts
# it on the job's PATH. When no release is named (the action used at a
# branch or a commit, without the version input), it writes build=true to
# the step's outputs and installs nothing: the action then builds from its
# own source.
#
# Environment:
#   PGSEQLINT_VERSION   the release to install (v1.2.3 or 1.2.3); empty:
#                       the action's ref, when it is a release tag
#   GITHUB_ACTION_PATH  the action's checkout, which ends in its ref
#   PGSEQLINT_RELEASES  where releases are downloaded from, one folder per
#                       tag (default https://github.com/pgseqlint/pgseqlint/releases/download;
#                       a file:// URL works)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT
#                       as GitHub Actions sets them
set -euo pipefail

die() {
	echo "::error title=pgseqlint::$*"
	exit 1
}

releases=${PGSEQLINT_RELEASES:-https://github.com/pgseqlint/pgseqlint/releases/download}
semver='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'

version=${PGSEQLINT_VERSION:-}
if [ -n "$version" ]; then
	case $version in v*) ;; *) version=v$version ;; esac
	printf '%s\n' "$version" | grep -Eq "$semver" ||
		die "version '$PGSEQLINT_VERSION' is not a release such as v1.2.3"
else
	ref=${GITHUB_ACTION_PATH:-}
	ref=${ref%/}
	ref=${ref##*/}
	if printf '%s\n' "$ref" | grep -Eq "$semver"; then
		version=$ref
	else
		echo "the action's ref '$ref' is not a release and no version is given: building pgseqlint from the action's source"
		echo "build=true" >>"$GITHUB_OUTPUT"
		exit 0
	fi
fi

case ${RUNNER_OS:-$(uname -s)} in
Linux) os=linux ;;
macOS | Darwin) os=darwin ;;
Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) die "no pgseqlint release for the runner's system ${RUNNER_OS:-$(uname -s)}" ;;
esac
case ${RUNNER_ARCH:-$(uname -m)} in
X64 | x86_64 | amd64) arch=amd64 ;;
ARM64 | aarch64 | arm64) arch=arm64 ;;
*) die "no pgseqlint release for the runner's architecture ${RUNNER_ARCH:-$(uname -m)}" ;;
esac
name=pgseqlint_${version#v}_${os}_${arch}
archive=$name.tar.gz
exe=pgseqlint
if [ "$os" = windows ]; then
	archive=$name.zip
	exe=pgseqlint.exe
fi

tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pgseqlint-$version
# Git for Windows' bash: a POSIX path here, a Windows one for GITHUB_PATH.
command -v cygpath >/dev/null 2>&1 && tmp=$(cygpath -u "$tmp")
rm -rf "$tmp"
mkdir -p "$tmp"
fetch() {
	curl -fsSL --retry 3 --retry-all-errors -o "$tmp/$1" "$releases/$version/$1" ||
		die "cannot download $1 of pgseqlint $version from $releases/$version"
}
echo "downloading pgseqlint $version for $os/$arch"
fetch checksums.txt
fetch "$archive"

# checksums.txt is sha256sum's output: "<64 hex digits>  <file name>".
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/checksums.txt")
[ -n "$want" ] || die "checksums.txt of pgseqlint $version lists no $archive"
[ "$(printf '%s\n' "$want" | wc -l | tr -d ' ')" = 1 ] || die "checksums.txt of pgseqlint $version lists $archive more than once"
if command -v sha256sum >/dev/null 2>&1; then
	got=$(sha256sum "$tmp/$archive" | awk '{ print $1 }')
else
	got=$(shasum -a 256 "$tmp/$archive" | awk '{ print $1 }')
fi
[ "$got" = "$want" ] ||
	die "$archive does not match checksums.txt of pgseqlint $version (sha256 $got, want $want): not installed"
echo "$archive: sha256 $got, as checksums.txt says"

cd "$tmp"
if [ "$os" = windows ]; then
	if command -v unzip >/dev/null 2>&1; then
		unzip -q "$archive"
	else
		7z x -bd -y "$archive" >/dev/null
	fi
else
	tar -xzf "$archive"
fi
bin=$tmp/$name
[ -f "$bin/$exe" ] || die "$archive holds no $name/$exe"
chmod +x "$bin/$exe"

line=$("$bin/$exe" version) || die "the downloaded pgseqlint does not run"
case $line in
"pgseqlint $version" | "pgseqlint $version "*) echo "$line" ;;
*) die "the downloaded binary says '$line', not pgseqlint $version" ;;
esac
if command -v cygpath >/dev/null 2>&1; then
	cygpath -w "$bin" >>"$GITHUB_PATH"
else
	echo "$bin" >>"$GITHUB_PATH"
fi
echo "build=false" >>"$GITHUB_OUTPUT"
