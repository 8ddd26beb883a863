//! `uclint check`: ingest, run the rules, render, and choose the exit code.

use uclint_ingest::FileStatus;
use uclint_model::{sort_diagnostics, Diagnostic, Severity};
use uclint_report::{render_summary, Report, Summary};
use uclint_rules::{registry, RuleMeta, Settings};

use crate::args::CheckArgs;
use crate::output;

/// Exit code: no finding at or above the `--fail-on` threshold (or `--exit-zero`).
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: at least one finding at or above the `--fail-on` threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage or configuration error, or an input that was not fully read.
pub const EXIT_ERROR: u8 = 2;

pub fn run(args: &CheckArgs) -> u8 {
    if let Err(message) = output::validate(&args.outputs) {
        eprintln!("error: {message}");
        return EXIT_ERROR;
    }
    let rules = match select(&args.select, &args.ignore) {
        Ok(rules) => rules,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    let settings = Settings { rmcm_user: args.rmcm_user.clone(), agent_device_selection: args.agent_device_selection };

    let ingested = uclint_ingest::ingest(&args.paths);
    let result = uclint_rules::run(&ingested.cluster, &settings, &rules);

    let input_failed = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut diagnostics = ingested.diagnostics;
    diagnostics.extend(result.diagnostics);
    sort_diagnostics(&mut diagnostics);

    let mut summary = Summary {
        objects: ingested.cluster.object_count(),
        rules_run: rules.len() - result.skipped.len(),
        checked: rules
            .iter()
            .filter(|r| !result.skipped.iter().any(|s| s.code == r.code))
            .map(|r| r.code.to_owned())
            .collect(),
        skipped: result.skipped.iter().map(|s| (s.code.to_owned(), s.reason.clone())).collect(),
        notes: result.notes,
        ..Summary::default()
    };
    for file in ingested.files {
        match file.status {
            FileStatus::Read(kind) => summary.files_read.push((file.path, kind)),
            FileStatus::NotRead(reason) => summary.files_not_read.push((file.path, reason)),
            FileStatus::Failed => {}
        }
    }

    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    if let Err(message) = output::write_all(&args.outputs, &report, args.color) {
        eprintln!("error: {message}");
        return EXIT_ERROR;
    }
    eprint!("{}", render_summary(&summary, &diagnostics));

    exit_code(input_failed, &diagnostics, args)
}

/// The exit contract (docs/exit-codes.md): 2 when the input was not fully read, whatever else;
/// otherwise 1 when a diagnostic reaches the `--fail-on` threshold, unless `--exit-zero`.
fn exit_code(input_failed: bool, diagnostics: &[Diagnostic], args: &CheckArgs) -> u8 {
    let threshold = args.fail_on.severity();
    if input_failed {
        EXIT_ERROR
    } else if !args.exit_zero && diagnostics.iter().any(|d| d.severity >= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Rules to run: the default set, or the selected codes and prefixes, less the ignored ones.
/// Selecting a disabled rule by code runs it.
fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static RuleMeta>, String> {
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
