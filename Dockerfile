# syntax=docker/dockerfile:1
#
# pgseqlint in a container: the static Linux release binary on a distroless
# base, run as a user without privileges.
#
#   docker build -t pgseqlint .
#   docker run --rm -v "$PWD:/src" -w /src pgseqlint check db/
#
# The build stage runs on the build machine's platform and builds for the
# target with .github/scripts/build-linux.sh: natively, or with Debian's
# cross compiler and a smoke test under qemu-user. No emulated build is
# needed for a multi-platform image (--platform linux/amd64,linux/arm64).
# VERSION, COMMIT and DATE are stamped into the binary; without them they
# come from the git checkout in the build context.

ARG GO_IMAGE=golang:1.26-bookworm
ARG BASE_IMAGE=gcr.io/distroless/static-debian12:nonroot

FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG TARGETARCH
ARG VERSION
ARG COMMIT
ARG DATE
RUN arch="${TARGETARCH:-$(go env GOARCH)}" && \
	VERSION="$VERSION" COMMIT="$COMMIT" DATE="$DATE" ARCHIVE=0 \
	.github/scripts/build-linux.sh "$arch" /out && \
	mv /out/pgseqlint_*_linux_"$arch" /pgseqlint

FROM ${BASE_IMAGE}
COPY --from=build /pgseqlint/pgseqlint /usr/local/bin/pgseqlint
COPY --from=build /pgseqlint/LICENSE /pgseqlint/THIRD_PARTY_NOTICES /usr/share/doc/pgseqlint/
# distroless's nonroot user: files mounted from the host are read as that
# user (give `docker run --user "$(id -u):$(id -g)"` for fix -w).
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["pgseqlint"]
CMD ["--help"]
