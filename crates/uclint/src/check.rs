//! `uclint check`: read the configuration, ingest, run the rules, apply severity overrides,
//! suppressions and the baseline, render, and choose the exit code. `--show-files` and
//! `--show-settings` stop before linting (`show.rs`); `-v` and `-q` choose how much of the run
//! summary reaches standard error (`uclint_report::Verbosity`), never the exit code.

use std::path::Path;

use std::time::{Duration, Instant};
use uclint::config::{self, Config, ConfigFile, Problem};

use uclint_ingest::IngestTimings;
use uclint_model::{sort_diagnostics, Diagnostic, Family, Severity, SourceFile, SourceMap};
use uclint_report::{
    render_statistics, render_summary_with, text, Baseline, BaselineEntry, BaselineMatch, Health, Report, Summary,
    Verbosity,
};
use uclint_rules::RunTimings;
use uclint_rules::{registry, RuleMeta};

use crate::args::CheckArgs;
use crate::exit::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::memory::Memory;
use crate::output;

pub fn run(args: &CheckArgs) -> u8 {
    if let Err(message) = output::validate(args) {
        return usage_error(&message);
    }
    if args.show_files {
        return crate::show::files(&args.paths);
    }
    let Setup { config_file, config, mut problems, rules, deployment } = match setup(args) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let baseline = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return usage_error(&message),
    };
    if args.show_settings {
        return crate::show::settings(&crate::show::Settings {
            file: config_file.as_ref(),
            explicit: args.deployment.config.is_some(),
            config: &config,
            deployment: &deployment,
            rules: &rules,
            baseline: args.baseline.as_deref(),
        });
    }
    let settings = config::settings(&deployment);

    let start = Instant::now();
    // Texts are let go once parsed and the few a report shows are read back before rendering.
    // A bar of bytes parsed on a terminal for a large export (progress.rs); none under `-q`.
    let bar = crate::progress::IngestBar::new(!args.quiet);
    let progress = |event: uclint_ingest::Progress| bar.update(event);
    let options = uclint_ingest::Options { release_text: true, progress: Some(&progress), ..Default::default() };
    let mut ingested = uclint_ingest::ingest_with(&args.paths, options);
    bar.finish();
    // A given path that yielded no export makes the run exit 2 (inputs.rs).
    let nothing_read = crate::inputs::report_nothing_read(&ingested.given);
    let mut memory = Vec::new();
    let mut sample = |stage: &'static str| {
        if args.timings {
            memory.extend(Memory::now().map(|m| (stage, m)));
        }
    };
    sample("after ingest");
    let context_start = Instant::now();
    let mut context = uclint_rules::Context::new(&ingested.cluster, &settings);
    let context_time = context_start.elapsed();
    let mut result = uclint_rules::run_in(&mut context, &rules);
    result.timings.context = context_time;
    // What the health report needs of the rules' view of the cluster, taken before the view
    // and its indexes are let go; the blocking findings join it once the findings are final.
    let health = output::wants_health(&args.outputs).then(|| uclint::health::gather(&context, &args.paths));
    drop(context);
    sample("after rules");
    let ingest_timings = std::mem::take(&mut ingested.timings);
    let run_timings = result.timings.clone();
    let render_start = Instant::now();

    let input_failed = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
    // The rules' findings (80,000 on a megacluster with a systematic fault) are not copied:
    // the input's few diagnostics join them, and a large vector grows in place.
    let mut diagnostics = result.diagnostics;
    diagnostics.reserve_exact(ingested.diagnostics.len());
    diagnostics.append(&mut ingested.diagnostics);
    config.apply_severities(&mut diagnostics);
    // The baseline accepts the first findings of a rule on an object in output order.
    sort_diagnostics(&mut diagnostics);

    let checked = uclint::summary::checked(&rules, &result.skipped);
    let accepted = match accept(diagnostics, &config, &checked, baseline, args.write_baseline.as_deref()) {
        Ok(accepted) => accepted,
        Err(message) => return usage_error(&message),
    };
    let mut diagnostics = accepted.new;
    problems.extend(accepted.unmatched);
    if let Some(file) = config_file {
        // The configuration joins the sources only now, after ingest numbered the export's
        // files, so that export spans keep their ids.
        let source = ingested.sources.add(SourceFile::new(file.path.clone(), file.text.clone()));
        diagnostics.extend(problems.drain(..).map(|p| p.into_diagnostic(&file, source)));
        // Suppressions and the baseline keep the order; only the configuration's own
        // diagnostics need placing.
        sort_diagnostics(&mut diagnostics);
    }

    let files = std::mem::take(&mut ingested.files);
    let objects = ingested.cluster.object_count();
    let mut summary = uclint::summary::summary(objects, checked, &result.skipped, result.notes, files);
    summary.suppressed = accepted.suppressed;
    summary.baselined = accepted.baselined;
    summary.stale_baseline = accepted.stale;

    let health = health.map(|gathered| gathered.with_findings(&diagnostics)).unwrap_or_default();
    let restore_start = Instant::now();
    if output::wants_snippets(&args.outputs) {
        // The model is no longer needed: let it go before the texts that the findings point
        // into are read back, so that the two are never held together.
        drop(std::mem::take(&mut ingested.cluster));
        // Only the files of the findings `full` shows in full: with the cap, a few per rule.
        let selection = uclint_report::full_selection(&diagnostics, !args.no_cap);
        let shown = selection
            .shown
            .iter()
            .flat_map(|&i| std::iter::once(&diagnostics[i].primary).chain(&diagnostics[i].secondary))
            .map(|l| l.span.source);
        ingested.restore_text(shown);
    }
    let restore_time = restore_start.elapsed();
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    if let Err(message) = output::write_all(args, &report, &health) {
        return usage_error(&message);
    }
    if args.statistics {
        output::to_stderr(&render_statistics(&diagnostics));
    }
    output::to_stderr(&render_summary_with(&summary, &diagnostics, verbosity(args)));
    if args.timings {
        sample("at the end");
        output::to_stderr(&timings(
            &ingest_timings,
            &run_timings,
            restore_time,
            render_start.elapsed(),
            start.elapsed(),
        ));
        output::to_stderr(&memory_table(&memory));
    }
    let config_failed = diagnostics.iter().any(|d| d.code.family == Family::Config && d.severity == Severity::Error);
    exit_code(input_failed || config_failed || nothing_read, &diagnostics, args)
}

/// What a run of the rules is set up with: the configuration file and what it says (with its
/// warnings), the rules selected and the deployment facts. `check`, `fix` and `diff` share it.
pub(crate) struct Setup {
    /// The `uclint.toml` used, if any.
    pub config_file: Option<ConfigFile>,
    /// Its settings.
    pub config: Config,
    /// Its diagnostics below error level (an error ends the run).
    pub problems: Vec<Problem>,
    /// The rules to run.
    pub rules: Vec<&'static RuleMeta>,
    /// The deployment facts: the configuration's, with the command line's on top.
    pub deployment: config::Deployment,
}

/// Finds and reads the configuration and selects the rules; the exit code when either fails
/// (its diagnostics or the usage error are printed).
pub(crate) fn setup(args: &CheckArgs) -> Result<Setup, u8> {
    let config_file = config::find(args.deployment.config.as_deref()).map_err(|message| usage_error(&message))?;
    let (config, problems) = config_file.as_ref().map(config::parse).unwrap_or_default();
    if let Some(file) = config_file.as_ref().filter(|_| problems.iter().any(|p| p.code.severity == Severity::Error)) {
        return Err(report_config_errors(file, problems, args));
    }
    let rules = select(args, &config).map_err(|message| usage_error(&message))?;
    let deployment = deployment(args, &config);
    Ok(Setup { config_file, config, problems, rules, deployment })
}

/// How much the summary says: `-q`, `-v` or the default (clap refuses both flags together).
fn verbosity(args: &CheckArgs) -> Verbosity {
    match (args.quiet, args.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    }
}

/// The `--timings` table: each stage's wall-clock time, the slowest files and the slowest rules.
fn timings(ingest: &IngestTimings, run: &RunTimings, restore: Duration, rest: Duration, total: Duration) -> String {
    fn slowest<T: AsRef<str>>(items: &[(T, Duration)], n: usize) -> String {
        let mut items: Vec<_> = items.iter().map(|(name, d)| (name.as_ref(), *d)).collect();
        items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        items.iter().take(n).map(|(name, d)| format!("{name} {:.3} s", d.as_secs_f64())).collect::<Vec<_>>().join(", ")
    }
    // File names come from the export: shortened and escaped as in every terminal output.
    let file_names: Vec<(String, Duration)> = ingest
        .files
        .iter()
        .map(|(path, d)| {
            let name = path.rsplit(['/', '!']).next().unwrap_or(path);
            (text::terminal_path(name).into_owned(), *d)
        })
        .collect();
    let row = |stage: &str, d: Duration, detail: String| {
        let detail = if detail.is_empty() { detail } else { format!("  (slowest: {detail})") };
        format!("  {stage:<20} {:>8.3} s{detail}\n", d.as_secs_f64())
    };
    let mut out = String::from("timings (wall clock):\n");
    out += &row("list inputs", ingest.load, String::new());
    out += &row("read and parse", ingest.parse, slowest(&file_names, 3));
    out += &row("merge", ingest.merge, String::new());
    out += &row("index", run.context, String::new());
    out += &row("rules (in parallel)", run.rules, slowest(&run.per_rule, 5));
    out += &row("select and render", rest.saturating_sub(restore), String::new());
    out += &row("  of which read back", restore, String::new());
    out += &row("total", total, String::new());
    out
}

/// The `--timings` memory rows: resident memory and its peak so far after each stage.
fn memory_table(samples: &[(&str, Memory)]) -> String {
    if samples.is_empty() {
        return String::new();
    }
    let mib = |kib: u64| kib as f64 / 1024.0;
    let mut out = String::from("memory (resident):\n");
    for (stage, m) in samples {
        out += &format!("  {stage:<20} {:>8.0} MiB  (peak so far {:.0} MiB)\n", mib(m.resident_kib), mib(m.peak_kib));
    }
    out
}

/// What suppressions and the baseline leave: the new findings, which alone are reported and
/// count for the exit code.
struct Accepted {
    new: Vec<Diagnostic>,
    suppressed: usize,
    /// Suppressions of rules that ran that matched nothing.
    unmatched: Vec<Problem>,
    baselined: usize,
    stale: Vec<BaselineEntry>,
}

/// Applies the suppressions, writes the baseline if asked (and then applies that one), and
/// applies the baseline.
fn accept(
    diagnostics: Vec<Diagnostic>,
    config: &Config,
    checked: &[String],
    baseline: Option<Baseline>,
    write_baseline: Option<&Path>,
) -> Result<Accepted, String> {
    // Without suppressions there is nothing to match: no object key is formatted per finding.
    let (diagnostics, suppressed, unmatched) = if config.suppressions.is_empty() {
        (diagnostics, 0, Vec::new())
    } else {
        config.suppress(diagnostics, checked)
    };
    let baseline = match write_baseline {
        Some(path) => {
            let written = Baseline::of(&diagnostics);
            std::fs::write(path, written.to_json()).map_err(|e| format!("could not write {}: {e}", path.display()))?;
            Some(written)
        }
        None => baseline,
    };
    let matched = match baseline {
        Some(baseline) => baseline.apply(diagnostics),
        None => BaselineMatch { new: diagnostics, ..BaselineMatch::default() },
    };
    // An entry of a rule that did not run cannot be judged stale; input diagnostics (not
    // rules) are always on.
    let stale =
        matched.stale.into_iter().filter(|e| registry::find(&e.rule).is_none() || checked.contains(&e.rule)).collect();
    Ok(Accepted { new: matched.new, suppressed, unmatched, baselined: matched.baselined, stale })
}

fn read_baseline(path: &Path) -> Result<Baseline, String> {
    // As the configuration is read: a FIFO or a device given as the baseline is refused.
    let text = config::read_text_file(path, 1 << 30)?;
    Baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Prints `message` (which may quote a path or a value) as one escaped line on standard error
/// and gives the exit code of a usage error.
pub(crate) fn usage_error(message: &str) -> u8 {
    output::to_stderr(&format!("error: {}\n", text::terminal(message)));
    EXIT_ERROR
}

/// Renders the configuration's errors through the requested outputs, without linting.
fn report_config_errors(file: &ConfigFile, problems: Vec<Problem>, args: &CheckArgs) -> u8 {
    let mut sources = SourceMap::new();
    let source = sources.add(SourceFile::new(file.path.clone(), file.text.clone()));
    let mut diagnostics: Vec<Diagnostic> = problems.into_iter().map(|p| p.into_diagnostic(file, source)).collect();
    sort_diagnostics(&mut diagnostics);
    let summary = Summary::default();
    let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
    if let Err(message) = output::write_all(args, &report, &Health::default()) {
        return usage_error(&message);
    }
    usage_error(&format!("{} has errors; nothing was linted", file.path))
}

/// The exit contract (docs/exit-codes.md): 2 when the input was not fully read or the
/// configuration is wrong, whatever else; otherwise 1 when a diagnostic reaches the
/// `--fail-on` threshold, unless `--exit-zero`.
fn exit_code(failed: bool, diagnostics: &[Diagnostic], args: &CheckArgs) -> u8 {
    let threshold = args.fail_on.severity();
    if failed {
        EXIT_ERROR
    } else if !args.exit_zero && diagnostics.iter().any(|d| d.severity >= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The deployment facts: the configuration's, with the command line's on top.
fn deployment(args: &CheckArgs, config: &Config) -> config::Deployment {
    let mut deployment = config.deployment.clone();
    if let Some(user) = &args.deployment.rmcm_user {
        deployment.rmcm_user = Some(user.clone());
    }
    if let Some(user) = &args.deployment.fippa_user {
        deployment.fippa_user = Some(user.clone());
    }
    if args.deployment.agent_device_selection {
        deployment.agent_device_selection = Some(true);
    }
    deployment
}

/// Rules to run: the selected codes and prefixes (the default set when none are), plus the
/// extended ones, less the ignored ones. Each flag given on the command line replaces the
/// configuration's list. Selecting a disabled rule by code runs it.
fn select(args: &CheckArgs, config: &Config) -> Result<Vec<&'static RuleMeta>, String> {
    let or_config = |cli: &[String], file: &[String]| if cli.is_empty() { file.to_vec() } else { cli.to_vec() };
    let select = if args.select.is_empty() { config.select.clone() } else { Some(args.select.clone()) };
    let extend = or_config(&args.extend_select, &config.extend_select);
    let ignore = or_config(&args.ignore, &config.ignore);
    for pattern in args.select.iter().chain(&args.extend_select).chain(&args.ignore) {
        if !config::is_rule_pattern(pattern) {
            let hint = config::did_you_mean(pattern, config::rule_patterns());
            return Err(format!(
                "`{pattern}` is not a rule code, rule name or family prefix{hint} (see `uclint rules`)"
            ));
        }
    }
    let selected = |r: &RuleMeta| match &select {
        Some(patterns) => patterns.iter().any(|p| config::rule_matches(r, p)),
        None => r.code.status == uclint_rules::Status::Stable,
    };
    Ok(registry::RULES
        .iter()
        .copied()
        .filter(|r| selected(r) || extend.iter().any(|p| config::rule_matches(r, p)))
        .filter(|r| !ignore.iter().any(|p| config::rule_matches(r, p)))
        .collect())
}
