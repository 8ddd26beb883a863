# syntax=docker/dockerfile:1
# The uclint image: the binary built with the `dist` profile on a distroless base (glibc and
# libgcc, no shell), run as a non-root user.
#
#   docker build -t uclint .
#   docker run --rm -v "$PWD:/data" uclint check /data
#   docker run --rm -v "$PWD:/data" --user "$(id -u):$(id -g)" uclint check /data --format sarif=/data/uclint.sarif
#
# The exports are mounted at /data, the working directory. uclint only reads them; to write
# report files into the mount, run as your own user (`--user`): the image's user (65532) may
# not write to your directory.
#
# RUST_VERSION picks the builder (`--build-arg RUST_VERSION=1.89`; the locked dependencies need
# Rust 1.89 or later). The builder and the final image are both Debian 12 (bookworm), so the
# binary finds the glibc it was linked against.
ARG RUST_VERSION=1

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY . .
# The `dist` profile (fat LTO, one codegen unit) is the one shipped binaries are built with.
# The cache mounts keep the registry and the target directory from one build of the image to
# the next.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --profile dist --locked -p uclint \
    && cp target/dist/uclint /usr/local/bin/uclint

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/uclint /usr/local/bin/uclint
# Numeric, so that a runtime that cannot look names up (Kubernetes' runAsNonRoot) sees a
# non-root user.
USER 65532:65532
WORKDIR /data
ENTRYPOINT ["uclint"]
CMD ["--help"]
