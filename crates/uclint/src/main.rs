//! `uclint`: an offline configuration linter for Cisco Unified Communications exports.
//!
//! Exit codes (docs/exit-codes.md): 0 when no finding reaches the `--fail-on` threshold, 1 when
//! one does, 2 for a usage or configuration error, an input that could not be fully read (every
//! readable file is still linted and reported) or an output that could not be written.

mod args;
mod check;
mod completions;
mod diff;
mod exit;
mod fix;
mod inputs;
mod listing;
mod memory;
mod output;
mod progress;
mod report;
mod route;
mod show;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Route(args) => route::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Rules => listing::rules(),
        Command::Rule { code } => listing::rule(&code),
        Command::Completions { shell } => completions::completions(shell),
        Command::Manpage { dir } => completions::manpage(dir.as_deref()),
    };
    ExitCode::from(code)
}
