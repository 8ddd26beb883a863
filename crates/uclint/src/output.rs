//! Where `uclint check` sends its report: each `--format X[=FILE]` rendered by `uclint-report`
//! and written to standard output or its file, plus the rule descriptions the SARIF, JUnit and
//! Markdown formats carry, and the options they render with: caps unless `--no-cap`, JUnit's
//! `--fail-on`, links under `--doc-base-url`, and the working directory SARIF's relative URIs
//! are based on (the renderers do no IO, so it is looked up here).
//!
//! Each format is written as it is rendered, through a buffer, so a large report is never held
//! whole. A write that fails is an error of the run (exit 2, with a message on standard error),
//! except a closed pipe on standard output (`uclint check … | head`): the reader has what it
//! wanted.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use uclint_report::{
    render_health_html, render_health_markdown, write_concise, write_full, write_github, write_json, write_junit,
    write_markdown, write_sarif, FullOptions, Health, RenderOptions, Report, RuleInfo,
};

use crate::args::{CheckArgs, Color, Format, Output};

/// Checks the output arguments: at most one output goes to standard output, where two would
/// interleave, and a `--doc-base-url` is an absolute web URL.
pub fn validate(args: &CheckArgs) -> Result<(), String> {
    if args.outputs.iter().filter(|o| o.file.is_none()).count() > 1 {
        return Err("at most one --format may write to standard output; give the others a file (json=FILE)".into());
    }
    if let Some(url) = &args.doc_base_url {
        uclint::catalog::check_doc_base(url)?;
    }
    Ok(())
}

/// Whether any output is a health report, which needs more than the diagnostics.
pub fn wants_health(outputs: &[Output]) -> bool {
    outputs.iter().any(|o| matches!(o.format, Format::Html | Format::HealthMarkdown))
}

/// Whether any output shows export snippets (`full`), which need the files' texts back; every
/// other format gives positions only, which released texts keep. No `--format` means `full`.
pub fn wants_snippets(outputs: &[Output]) -> bool {
    outputs.is_empty() || outputs.iter().any(|o| matches!(o.format, Format::Full))
}

/// Renders one format to `out`. `health` is gathered by the caller when [`wants_health`] says
/// so. The health report is one page built whole (its size is bounded by the findings, like
/// every format's); the others are written as they are rendered.
pub fn render(
    format: Format,
    report: &Report<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    color: bool,
    health: &Health,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Html => out.write_all(render_health_html(report, health).as_bytes()),
        Format::HealthMarkdown => out.write_all(render_health_markdown(report, health).as_bytes()),
        Format::Full => write_full(report, FullOptions { color, width: 100, cap: options.cap }, out),
        Format::Concise => write_concise(report, out),
        Format::Json => write_json(report, out),
        Format::Sarif => write_sarif(report, rules, options, out),
        Format::Junit => write_junit(report, rules, options, out),
        Format::Github => write_github(report, options, out),
        Format::Markdown => write_markdown(report, rules, options, out),
    }
}

/// The options every format of this run renders with.
pub fn render_options(args: &CheckArgs) -> RenderOptions {
    RenderOptions {
        cap: !args.no_cap,
        fail_on: args.fail_on.severity(),
        // Without a working directory (deleted under the run), relative paths stay relative
        // URIs without a base, and absolute ones absolute: still valid SARIF.
        base_dir: std::env::current_dir().ok().map(|dir| dir.to_string_lossy().into_owned()),
    }
}

/// Renders and writes every output `args` asks for; the default is `full` to standard output.
pub fn write_all(args: &CheckArgs, report: &Report<'_>, health: &Health) -> Result<(), String> {
    let default = [Output { format: Format::Full, file: None }];
    let outputs = if args.outputs.is_empty() { &default[..] } else { &args.outputs[..] };
    let rules = uclint::catalog::rule_catalog_linked(args.doc_base_url.as_deref());
    let options = render_options(args);
    for output in outputs {
        let format = output.format;
        match &output.file {
            Some(path) => write_file(path, |out| render(format, report, &rules, &options, false, health, out))?,
            None => {
                let color = use_color(args.color);
                write_stdout(|out| render(format, report, &rules, &options, color, health, out))?
            }
        }
    }
    Ok(())
}

/// Creates `path` and writes to it through a buffer. (The caller escapes the message.)
pub(crate) fn write_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    let written = std::fs::File::create(path).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    });
    written.map_err(|e| format!("could not write {}: {e}", path.display()))
}

/// The exit code of a command whose output is all it does (`rules`, `rule`, `--show-files`,
/// `completions`, …): 0 once written (or when the reader went away), 2 with the message on
/// standard error when it could not be.
pub fn exit_code(written: Result<(), String>) -> u8 {
    match written {
        Ok(()) => crate::exit::EXIT_CLEAN,
        Err(message) => {
            to_stderr(&format!("error: {}\n", uclint_report::text::terminal(&message)));
            crate::exit::EXIT_ERROR
        }
    }
}

/// Prints `text` on standard output, as [`exit_code`] says.
pub fn print(text: &str) -> u8 {
    exit_code(write_stdout(|out| out.write_all(text.as_bytes())))
}

/// Writes to standard output through a buffer. A closed pipe ends the writing quietly; any
/// other failure (a full disk, `> /dev/full`) is returned as the message to print.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            // Drop the rest of the buffer: flushing it again on drop would only fail again.
            let _ = out.into_parts();
            Ok(())
        }
        Err(e) => {
            let _ = out.into_parts();
            Err(format!("could not write to standard output: {e}"))
        }
    }
}

/// Writes `text` to standard error, ignoring a failure: there is nowhere left to report it, and
/// `eprint!` would panic instead.
pub fn to_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
