#!/usr/bin/env bash
# Builds, checks and packs the Linux release binary for ARCH (amd64 or
# arm64) on a Debian machine of either architecture, with Debian's cross
# compiler when ARCH is not the machine's own, and runs it under qemu-user
# for the smoke test. The Dockerfile's build stage runs it, and so does
# .ci/run; the release workflow builds on runners of each architecture.
#
#   .github/scripts/build-linux.sh ARCH [DIR]
#
# The environment is build-release.sh's. Missing compilers and qemu-user
# are installed with apt-get, which needs root.
set -euo pipefail

arch=${1:?usage: build-linux.sh amd64|arm64 [DIR]}
host=$(go env GOARCH)

install() {
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return
	echo "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "$arch" = "$host" ]; then
	# The static link needs libc.a, which libc6-dev holds.
	install gcc libc6-dev
	unset CC RUN
else
	case $arch in
	arm64) pkg=aarch64-linux-gnu cc=aarch64-linux-gnu-gcc qemu=qemu-aarch64 ;;
	amd64) pkg=x86-64-linux-gnu cc=x86_64-linux-gnu-gcc qemu=qemu-x86_64 ;;
	*)
		echo "build-linux.sh: no cross compiler for $arch" >&2
		exit 2
		;;
	esac
	install "gcc-$pkg" "libc6-dev-$arch-cross" qemu-user
	export CC=$cc RUN=$qemu
fi
export GOOS=linux GOARCH=$arch
exec "$(dirname "$0")/build-release.sh" "${2:-dist}"
