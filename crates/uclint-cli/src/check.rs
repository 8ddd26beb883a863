//! `uclint check`: ingest, run the rules, render, and choose the exit code.

use std::io::{IsTerminal, Write};

use uclint_ingest::FileStatus;
use uclint_model::{sort_diagnostics, Severity};
use uclint_report::{render_concise, render_full, render_summary, FullOptions, Report, Summary};
use uclint_rules::{registry, RuleMeta, Settings};

use crate::args::{CheckArgs, Color, Format};

/// Exit code: no finding at error level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: at least one finding at error level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage error, or an input that was not fully read.
pub const EXIT_ERROR: u8 = 2;

/// The outcome of linting: what was read, what was found, and the summary.
pub struct Linted {
    /// Sources, cluster and input diagnostics.
    pub ingested: uclint_ingest::Ingested,
    /// Input diagnostics and findings, sorted.
    pub diagnostics: Vec<uclint_model::Diagnostic>,
    /// The run summary.
    pub summary: Summary,
    /// Whether some input could not be fully read.
    pub input_failed: bool,
}

/// Ingests `paths` and runs `rules`: the pipeline shared by `check` and `report`.
pub fn lint(paths: &[std::path::PathBuf], settings: &Settings, rules: &[&'static RuleMeta]) -> Linted {
    let ingested = uclint_ingest::ingest(paths);
    let result = uclint_rules::run(&ingested.cluster, settings, rules);

    let input_failed = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut diagnostics = ingested.diagnostics.clone();
    diagnostics.extend(result.diagnostics);
    sort_diagnostics(&mut diagnostics);

    let mut summary = Summary {
        objects: ingested.cluster.object_count(),
        rules_run: rules.len() - result.skipped.len(),
        skipped: result.skipped.iter().map(|s| (s.code.to_owned(), s.reason.clone())).collect(),
        notes: result.notes,
        ..Summary::default()
    };
    for file in &ingested.files {
        match &file.status {
            FileStatus::Read(kind) => summary.files_read.push((file.path.clone(), kind.clone())),
            FileStatus::NotRead(reason) => summary.files_not_read.push((file.path.clone(), reason.clone())),
            FileStatus::Failed => {}
        }
    }
    Linted { ingested, diagnostics, summary, input_failed }
}

pub fn run(args: &CheckArgs) -> u8 {
    let rules = match select(&args.select, &args.ignore) {
        Ok(rules) => rules,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    let settings = Settings { rmcm_user: args.rmcm_user.clone(), agent_device_selection: args.agent_device_selection };
    let Linted { ingested, diagnostics, summary, input_failed } = lint(&args.paths, &settings, &rules);

    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    let body = match args.format {
        Format::Full => render_full(&report, FullOptions { color: use_color(args.color), width: 100 }),
        Format::Concise => render_concise(&report),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`uclint check … | head`) is not an error worth reporting.
    let _ = stdout.write_all(body.as_bytes());
    let _ = stdout.flush();
    eprint!("{}", render_summary(&summary, &diagnostics));
    exit_code(input_failed, &diagnostics)
}

/// 2 when input was not fully read, 1 for error-level findings, else 0.
pub fn exit_code(input_failed: bool, diagnostics: &[uclint_model::Diagnostic]) -> u8 {
    if input_failed {
        EXIT_ERROR
    } else if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Rules to run: the default set, or the selected codes and prefixes, less the ignored ones.
/// Selecting a disabled rule by code runs it.
pub fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static RuleMeta>, String> {
    let matches = |rule: &RuleMeta, pattern: &str| {
        rule.code.eq_ignore_ascii_case(pattern)
            || rule.name == pattern
            || (rule.family.prefix().eq_ignore_ascii_case(pattern))
    };
    for pattern in select.iter().chain(ignore) {
        if !registry::RULES.iter().any(|r| matches(r, pattern)) {
            return Err(format!("`{pattern}` is not a rule code, rule name or family prefix (see `uclint rules`)"));
        }
    }
    let base: Vec<&'static RuleMeta> = if select.is_empty() {
        registry::default_rules()
    } else {
        registry::RULES.iter().copied().filter(|r| select.iter().any(|p| matches(r, p))).collect()
    };
    Ok(base.into_iter().filter(|r| !ignore.iter().any(|p| matches(r, p))).collect())
}
