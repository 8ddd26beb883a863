//! The library half of the `uclint` binary: what the fuzz targets must reach as well as
//! `main.rs`: the parsing of `uclint.toml` (user-written text), the rule catalog the SARIF, JUnit
//! and Markdown formats describe, the facts the health report gathers and the run summary, so that a fuzz target drives exactly what the binary runs.

pub mod catalog;
pub mod config;
pub mod health;
pub mod summary;
