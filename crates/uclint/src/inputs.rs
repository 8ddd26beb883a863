//! A gate that passes on nothing is no gate: every path given to `check` must yield at least
//! one file read as an export, or the run exits 2 (docs/exit-codes.md).
//!
//! An empty directory, a directory of files none of which is an export, an empty archive or a
//! mistyped path would otherwise give "0 findings" and exit 0, and CI would go green on an
//! export nobody read. Ingest keeps an account of each given path ([`GivenPath`]); this prints
//! one line on standard error for each path nothing was read from, naming it and saying why.
//! Every other path is still linted and reported as usual.

use uclint_ingest::GivenPath;
use uclint_report::text;

use crate::output;

/// One line per given path from which nothing was read, in path order (so neither the order
/// the paths were given in nor a path given twice changes the output). Paths and reasons come
/// from the file system and the export: they are shortened and escaped.
pub fn nothing_read(given: &[GivenPath]) -> Vec<String> {
    let mut lines: Vec<(&str, String)> =
        given.iter().filter_map(|path| Some((path.path.as_str(), path.nothing_read()?))).collect();
    lines.sort();
    lines.dedup();
    lines
        .into_iter()
        .map(|(path, why)| {
            let path = text::terminal_path(path);
            let why = text::terminal_message(&why);
            format!("error: nothing was read from {path}: it {why}\n")
        })
        .collect()
}

/// Prints [`nothing_read`] on standard error; whether there was any line, which makes the run
/// exit 2.
pub fn report_nothing_read(given: &[GivenPath]) -> bool {
    let lines = nothing_read(given);
    for line in &lines {
        output::to_stderr(line);
    }
    !lines.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uclint_ingest::PathKind;

    fn given(path: &str, kind: PathKind, files: usize, read: usize, reason: Option<&str>) -> GivenPath {
        GivenPath { path: path.into(), kind, files, read, failed: 0, reason: reason.map(Into::into) }
    }

    #[test]
    fn one_escaped_line_per_path_nothing_was_read_from_in_path_order() {
        let paths = [
            given("z/empty", PathKind::Directory { empty: true }, 0, 0, None),
            given("good.tar", PathKind::Tar, 3, 2, None),
            given("a\x1b[31m.csv", PathKind::File, 1, 0, Some("binary file")),
            given("docs", PathKind::Directory { empty: false }, 3, 0, None),
            given("z/empty", PathKind::Directory { empty: true }, 0, 0, None),
        ];
        assert_eq!(
            nothing_read(&paths),
            [
                "error: nothing was read from a\\x1b[31m.csv: it is not an export uclint reads: binary file\n",
                "error: nothing was read from docs: it is a directory that holds 3 files, none of them an export \
                 uclint reads (-v lists why each was not read)\n",
                "error: nothing was read from z/empty: it is an empty directory\n",
            ]
        );
    }
}
