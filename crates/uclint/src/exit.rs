//! The exit codes of every command (docs/exit-codes.md). They have a module of their own because
//! every command (`check`, `report`, `rules`, …) and the output code they share (`output.rs`)
//! ends with one: held by `check`, they made `output` and `check` depend on each other.

/// No finding at or above the `--fail-on` threshold (or `--exit-zero`).
pub const EXIT_CLEAN: u8 = 0;
/// At least one finding at or above the `--fail-on` threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// A usage or configuration error, an input that was not fully read, or an output that could
/// not be written.
pub const EXIT_ERROR: u8 = 2;
