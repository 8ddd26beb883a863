//! The library half of the `uclint` binary: the parts that read user-written text and so must be
//! reachable from fuzz targets (`fuzz/fuzz_targets/config.rs`) as well as from `main.rs`.
//!
//! Only `uclint.toml` parsing lives here today; everything else stays private to the binary.

pub mod config;
