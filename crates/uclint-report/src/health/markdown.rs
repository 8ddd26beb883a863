//! The health report in Markdown, for tickets and pull requests.
//!
//! Text from the input is escaped as in the `markdown` format: plain text with every character
//! Markdown acts on escaped, names in code spans, controls visible, lengths bounded.

use std::fmt::Write;

use super::{by_family, count_in, severity_counts, Health, ReadinessSummary};
use crate::markdown::{cell as escaped, code_span};
use crate::{text, Report};

/// A value from the input as plain text in a table cell or list item.
fn cell(value: &str) -> String {
    escaped(&text::message(value))
}

/// A name from the input (user, device, object key) as a code span.
fn name(value: &str) -> String {
    code_span(&text::key(value))
}

/// Renders the health report as Markdown.
pub fn render_health_markdown(report: &Report<'_>, health: &Health) -> String {
    let mut md = String::from("# Cluster health report\n\n");
    let [info, warning, error] = severity_counts(report.diagnostics);
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let objects: usize = health.objects.iter().map(|(_, n)| n).sum();
    let inputs: Vec<String> = health.inputs.iter().map(|p| code_span(&text::path(p))).collect();
    let _ = writeln!(md, "uclint {} · from {}\n", env!("CARGO_PKG_VERSION"), inputs.join(", "));
    let _ = writeln!(
        md,
        "**{objects}** objects from **{}** files · **{ready} / {}** agents ready · \
         **{error}** errors, **{warning}** warnings, **{info}** info\n",
        report.summary.files_read.len(),
        health.agents.len()
    );
    for (code, reason) in &report.summary.skipped {
        let _ = writeln!(md, "- {} skipped: {}", code_span(code), cell(reason));
    }
    if !report.summary.skipped.is_empty() {
        md.push('\n');
    }
    md.push_str("## UCCX agent readiness\n\n| Agent | IPCC extension | Devices | Status | Blocking findings |\n|---|---|---|---|---|\n");
    for agent in &health.agents {
        let blocking: Vec<String> =
            agent.blocking.iter().map(|b| format!("{} {}", code_span(&b.code), cell(&b.message))).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cell(&agent.user),
            name(&agent.extension),
            cell(&agent.devices.join(", ")),
            if agent.is_ready() { "Ready" } else { "**Not ready**" },
            blocking.join("<br>"),
        );
    }
    readiness(&mut md, report, "Extension Mobility readiness", &health.extension_mobility);
    readiness(&mut md, report, "Presence readiness", &health.presence);
    md.push_str("\n## Findings by family\n");
    for (family, list) in by_family(report.diagnostics) {
        let _ = writeln!(
            md,
            "\n### {family} ({})\n\n| Severity | Code | Object | Finding | How to fix |\n|---|---|---|---|---|",
            list.len()
        );
        for d in list {
            let _ = writeln!(
                md,
                "| {} | `{}` | {} | {} | {} |",
                d.severity,
                d.code,
                name(&d.object.to_string()),
                cell(&d.message),
                cell(d.help.as_deref().unwrap_or(""))
            );
        }
    }
    md
}

fn readiness(md: &mut String, report: &Report<'_>, title: &str, summary: &ReadinessSummary) {
    let _ = writeln!(md, "\n## {title}\n");
    for (fact, value) in &summary.facts {
        let _ = writeln!(md, "- {}: {}", cell(fact), cell(value));
    }
    let _ = writeln!(
        md,
        "- Findings ({}): {}",
        summary.families.join(", "),
        count_in(report.diagnostics, &summary.families)
    );
}
