//! `uclint completions SHELL` and `uclint manpage`: the shell completion scripts and man pages
//! that packagers and users install.
//!
//! Both are generated from the clap definition the parser uses (`args.rs`, with clap_complete
//! and clap_mangen), so they cannot drift from the flags the binary accepts, and a package never
//! has to ship files that a release could leave stale.
//!
//! Like every listing, both are written to standard output through `output::write_stdout`: a
//! closed pipe ends the writing quietly, any other failed write is exit 2 with a message. (The
//! generators are given that writer directly: clap_complete's infallible `generate` would panic
//! on a write error.) `manpage --dir DIR` writes one page per command instead, named as `man`
//! looks them up (`uclint.1`, `uclint-check.1`, …): the SUBCOMMANDS section of `uclint(1)`
//! refers to those pages, the layout of git's and cargo's manuals.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use clap_mangen::Man;

use crate::args::Cli;
use crate::output;

/// The name the scripts complete and the pages document: the installed binary's.
const BIN: &str = "uclint";

/// `uclint completions SHELL`: the completion script for `shell`, on standard output.
pub fn completions(shell: Shell) -> u8 {
    let mut cmd = Cli::command();
    cmd.set_bin_name(BIN);
    cmd.build();
    output::exit_code(output::write_stdout(|out| shell.try_generate(&cmd, out)))
}

/// `uclint manpage [--dir DIR]`: `uclint(1)` on standard output, or with `dir` that page and one
/// per subcommand written into `dir` (created when missing).
pub fn manpage(dir: Option<&Path>) -> u8 {
    let cmd = man_command();
    match dir {
        None => output::exit_code(output::write_stdout(|out| page(&cmd).render(out))),
        Some(dir) => output::exit_code(
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("could not create {}: {e}", dir.display()))
                .and_then(|()| write_pages(&cmd, dir)),
        ),
    }
}

/// The command the man pages describe: built, so that subcommands know their display names
/// (`uclint-check`), and without clap's `help` subcommand, which needs no page of its own.
fn man_command() -> clap::Command {
    let mut cmd = Cli::command().bin_name(BIN).disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The page of `cmd`, whose footer names uclint's version (clap_mangen names it on the top page
/// only).
fn page(cmd: &clap::Command) -> Man {
    Man::new(cmd.clone()).source(format!("{BIN} {}", env!("CARGO_PKG_VERSION")))
}

/// Writes the page of `cmd`, then those of its visible subcommands, in definition order.
fn write_pages(cmd: &clap::Command, dir: &Path) -> Result<(), String> {
    let man = page(cmd);
    let path = dir.join(man.get_filename());
    let written = File::create(&path).and_then(|file| {
        let mut out = BufWriter::new(file);
        man.render(&mut out)?;
        out.flush()
    });
    written.map_err(|e| format!("could not write {}: {e}", path.display()))?;
    for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    Ok(())
}
