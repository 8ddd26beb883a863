//! Where `uclint check` sends its report: each `--format X[=FILE]` rendered by `uclint-report`
//! and written to standard output or its file, plus the rule descriptions the SARIF, JUnit and
//! Markdown formats carry.

use std::io::{IsTerminal, Write};
use std::path::Path;

use uclint_cli::config;
use uclint_ingest::codes;
use uclint_report::{
    render_concise, render_full, render_github, render_health_html, render_health_markdown, render_json, render_junit,
    render_markdown, render_sarif, FullOptions, Health, Report, RuleInfo,
};
use uclint_rules::registry;

use crate::args::{Color, Format, Output};

/// Where documentation pages are published: the repository's `docs/` on the main branch.
fn docs_base() -> String {
    format!("{}/blob/main/docs", env!("CARGO_PKG_REPOSITORY"))
}

/// Every code uclint can report, with its documentation: rules, then input diagnostics, then
/// configuration diagnostics.
pub fn rule_catalog() -> Vec<RuleInfo> {
    let base = docs_base();
    let rules = registry::RULES.iter().map(|rule| RuleInfo {
        code: rule.code,
        name: rule.name,
        default_severity: rule.default_severity,
        summary: rule.summary,
        doc: rule.doc_text().trim().to_owned(),
        help_uri: format!("{base}/rules/{}.md", rule.code),
    });
    let always_on = codes::ALL
        .iter()
        .map(|code| (code, "input-diagnostics.md"))
        .chain(config::ALL.iter().map(|code| (code, "configuration.md")))
        .map(|(code, page)| RuleInfo {
            code: code.code,
            name: code.name,
            default_severity: code.severity,
            summary: code.summary,
            doc: code.summary.to_owned(),
            help_uri: format!("{base}/{page}"),
        });
    rules.chain(always_on).collect()
}

/// Checks that at most one output goes to standard output, where two would interleave.
pub fn validate(outputs: &[Output]) -> Result<(), String> {
    if outputs.iter().filter(|o| o.file.is_none()).count() > 1 {
        return Err("at most one --format may write to standard output; give the others a file (json=FILE)".into());
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

/// Renders one format. `health` is gathered by the caller when [`wants_health`] says so.
pub fn render(format: Format, report: &Report<'_>, rules: &[RuleInfo], color: bool, health: &Health) -> String {
    match format {
        Format::Html => render_health_html(report, health),
        Format::HealthMarkdown => render_health_markdown(report, health),
        Format::Full => render_full(report, FullOptions { color, width: 100 }),
        Format::Concise => render_concise(report),
        Format::Json => render_json(report),
        Format::Sarif => render_sarif(report, rules),
        Format::Junit => render_junit(report, rules),
        Format::Github => render_github(report),
        Format::Markdown => render_markdown(report, rules),
    }
}

/// Renders and writes every requested output; the default is `full` to standard output.
pub fn write_all(outputs: &[Output], report: &Report<'_>, color: Color, health: &Health) -> Result<(), String> {
    let default = [Output { format: Format::Full, file: None }];
    let outputs = if outputs.is_empty() { &default[..] } else { outputs };
    let rules = rule_catalog();
    for output in outputs {
        match &output.file {
            Some(path) => {
                let body = render(output.format, report, &rules, false, health);
                write_file(path, &body)?;
            }
            None => {
                let body = render(output.format, report, &rules, use_color(color), health);
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`uclint check … | head`) is not an error worth reporting.
                let _ = stdout.write_all(body.as_bytes());
                let _ = stdout.flush();
            }
        }
    }
    Ok(())
}

fn write_file(path: &Path, body: &str) -> Result<(), String> {
    std::fs::write(path, body).map_err(|e| format!("could not write {}: {e}", path.display()))
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
