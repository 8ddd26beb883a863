//! The health report in Markdown, for tickets and pull requests: the same first screen, order
//! and grouping as the page, without the object lists and the download.
//!
//! Text from the input is escaped as in the `markdown` format: plain text with every character
//! Markdown acts on escaped, names in code spans, controls visible, lengths bounded. A comment
//! or a step summary takes at most 1 MiB, so agents and finding rows stop at
//! [`MARKDOWN_HEALTH_BUDGET`] bytes and the report says what it left out; what follows (the
//! appendix) is bounded by the number of rules and [`FILES_LISTED`].

use std::fmt::Write;

use super::{
    agents_verdict, blocked_areas, by_family, call_paths_blocked, call_paths_verdict, count_in, family_title,
    inputs_line, not_read_counts, path_counts, plural, ranked_groups, redirect_objects, severity_counts, verdict,
    CallPaths, Health, ReadinessSummary, RedirectCss, UnreachablePath, AGENTS_LISTED, AGENT_WORDS, ASSUMPTIONS_LISTED,
    BLOCKING_PER_AGENT, CALL_PATHS_AREA, FILES_LISTED, GROUPS_PER_FAMILY, OBJECTS_NAMED, PATHS_LISTED, TOP_ISSUES,
    TRIGGER_WORDS,
};
use crate::markdown::{cell as escaped, code_span};
use crate::{count, text, Report};

/// Bytes written at most before the appendix: rows past it are counted, not written.
pub(crate) const MARKDOWN_HEALTH_BUDGET: usize = 640 * 1024;

/// A value from the input as plain text in a table cell or list item.
fn cell(value: &str) -> String {
    escaped(&text::message(value))
}

/// A name from the input (user, device, object key) as a code span.
fn name(value: &str) -> String {
    code_span(&text::key(value))
}

/// A value from the export, or what to say when it says nothing.
fn stated(value: Option<&String>, missing: &str) -> String {
    match value {
        Some(value) if !value.trim().is_empty() => cell(value),
        _ => format!("*{missing}*"),
    }
}

/// Renders the health report as Markdown.
pub fn render_health_markdown(report: &Report<'_>, health: &Health) -> String {
    let diagnostics = report.diagnostics;
    let summary = report.summary;
    let groups = ranked_groups(diagnostics);
    let mut md = String::from("# Cluster health report\n\n");
    let inputs: Vec<String> = health.inputs.iter().map(|p| code_span(&text::path(p))).collect();
    let _ = writeln!(md, "uclint {} · from {}\n", env!("CARGO_PKG_VERSION"), inputs.join(", "));

    md.push_str("## Can we go live?\n\n");
    let areas = verdict(diagnostics);
    let errors: usize = areas.iter().map(|a| a.errors()).sum();
    if errors == 0 {
        let _ = writeln!(
            md,
            "**✔ No blocking error** found by the {} that ran.\n",
            plural(summary.rules_run, "rule", "rules")
        );
    } else {
        let _ = writeln!(
            md,
            "**✖ Not ready: {}** ({}).\n",
            plural(errors, "blocking error", "blocking errors"),
            blocked_areas(&areas)
        );
    }
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let export = &health.export;
    let not_recognised = not_read_counts(report)[3];
    let _ = writeln!(md, "- Publisher: {}", stated(export.publisher.as_ref(), "not stated in the input"));
    let _ = writeln!(md, "- Unified CM version: {}", stated(export.version.as_ref(), "not stated in the input"));
    let _ = writeln!(md, "- Exported: {}", stated(export.exported_at.as_ref(), "not stated in the input"));
    let _ = writeln!(md, "- Report made: {}", stated(health.generated_at.as_ref(), "not recorded"));
    let _ = write!(md, "- Inputs: {}", escaped(&inputs_line(report)));
    if not_recognised > 0 {
        let _ = write!(
            md,
            " **⚠ {} not recognised: check that the export is complete (appendix)**",
            plural(not_recognised, "file", "files")
        );
    }
    let _ = writeln!(md, "\n- Objects read: {}", count(summary.objects));
    let _ = writeln!(
        md,
        "- Findings: {}: {}",
        plural(diagnostics.len(), "finding", "findings"),
        severity_counts(crate::summary::counts(diagnostics))
    );
    let _ = writeln!(md, "- Agents ready: **{} / {}**", count(ready), count(health.agents.len()));
    let _ = writeln!(
        md,
        "- Rules: {} run, {} skipped (appendix)\n",
        count(summary.rules_run),
        count(summary.skipped.len())
    );
    md.push_str("| Area | Rule families | Errors | Warnings | Verdict |\n|---|---|---|---|---|\n");
    for (i, area) in areas.iter().enumerate() {
        let blocked = area.errors() > 0 || (i == CALL_PATHS_AREA && call_paths_blocked(&health.call_paths));
        let mut verdict = if blocked { "✖ **Blocked**".to_owned() } else { "✔ Nothing blocking".to_owned() };
        if i == 0 && !health.agents.is_empty() {
            verdict.push_str(&agents_verdict(health.agents.len(), ready));
        }
        if i == CALL_PATHS_AREA {
            verdict.push_str(&call_paths_verdict(&health.call_paths).unwrap_or_default());
        }
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {verdict} |",
            area.name,
            area.families,
            count(area.errors()),
            count(area.counts[1])
        );
    }
    if !groups.is_empty() {
        md.push_str("\n### Top issues\n\n| Severity | Rule | Issue | Findings |\n|---|---|---|---|\n");
        for g in groups.iter().take(TOP_ISSUES) {
            let d = &diagnostics[g.first()];
            let _ = writeln!(md, "| {} | `{}` | {} | {} |", d.severity, d.code, cell(&d.message), count(g.len()));
        }
    }

    let _ = writeln!(
        md,
        "\n## UCCX agent readiness\n\n{} of {} {} nothing blocking their sign-in.\n",
        count(ready),
        plural(health.agents.len(), "agent", "agents"),
        if ready == 1 { "has" } else { "have" }
    );
    md.push_str("| Agent | IPCC extension | Devices | Status | Blocking findings |\n|---|---|---|---|---|\n");
    let listed = health.agents.iter().filter(|a| !a.is_ready()).chain(health.agents.iter().filter(|a| a.is_ready()));
    let mut agents_written = 0;
    for agent in listed.take(AGENTS_LISTED) {
        let mut blocking: Vec<String> = agent
            .blocking
            .iter()
            .take(BLOCKING_PER_AGENT)
            .map(|b| format!("{} {}", code_span(&b.code), cell(&b.message)))
            .collect();
        if agent.blocking.len() > BLOCKING_PER_AGENT {
            blocking.push(format!("… and {} more", count(agent.blocking.len() - BLOCKING_PER_AGENT)));
        }
        let devices: Vec<String> = agent.devices.iter().map(|d| cell(&text::key(d))).collect();
        let row = format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&agent.user),
            name(&agent.extension),
            devices.join(", "),
            if agent.is_ready() { "✔ Ready" } else { "✖ **Not ready**" },
            blocking.join("<br>"),
        );
        if md.len() + row.len() > MARKDOWN_HEALTH_BUDGET / 2 {
            break;
        }
        md.push_str(&row);
        agents_written += 1;
    }
    if health.agents.len() > agents_written {
        let _ = writeln!(
            md,
            "\n… and {} more not listed (those not ready are listed first).",
            plural(health.agents.len() - agents_written, "agent", "agents")
        );
    }
    call_paths(&mut md, report, &health.call_paths);
    readiness(&mut md, report, "Extension Mobility readiness", &health.extension_mobility);
    readiness(&mut md, report, "Presence readiness", &health.presence);

    let _ = writeln!(
        md,
        "\n## Findings\n\n{} in {}, one row per rule and fix with the objects it names \
         (`--format json` or the HTML report's CSV download has every finding).",
        plural(diagnostics.len(), "finding", "findings"),
        plural(groups.len(), "group", "groups")
    );
    let mut over_budget = false;
    let mut left_out: Vec<(&str, usize)> = Vec::new();
    for family in by_family(diagnostics, &groups) {
        let _ = writeln!(
            md,
            "\n### {}: {} · {}: {}\n\n| Severity | Rule | Objects | Finding | How to fix |\n|---|---|---|---|---|",
            family.name(),
            family_title(family.family),
            plural(family.total(), "finding", "findings"),
            severity_counts(family.counts)
        );
        let mut left = 0;
        for (shown, &rank) in family.groups.iter().enumerate() {
            let g = &groups[rank];
            if over_budget || shown >= GROUPS_PER_FAMILY {
                left += g.len();
                continue;
            }
            let d = &diagnostics[g.first()];
            let named: Vec<String> =
                g.members.iter().take(OBJECTS_NAMED).map(|&i| name(&diagnostics[i].object.to_string())).collect();
            let mut objects = format!("**{}**: {}", plural(g.len(), "finding", "findings"), named.join(", "));
            if g.len() > OBJECTS_NAMED {
                let _ = write!(objects, " … and {} more", count(g.len() - OBJECTS_NAMED));
            }
            let row = format!(
                "| {} | `{}` `{}` | {objects} | {} | {} |\n",
                d.severity,
                d.code,
                d.code.name,
                cell(&d.message),
                cell(d.help.as_deref().unwrap_or(""))
            );
            if md.len() + row.len() > MARKDOWN_HEALTH_BUDGET {
                over_budget = true;
                left += g.len();
                continue;
            }
            md.push_str(&row);
        }
        if left > 0 {
            let _ =
                writeln!(md, "\n… and {} of {} not in the table.", plural(left, "finding", "findings"), family.name());
            left_out.push((family.name(), left));
        }
    }
    if !left_out.is_empty() {
        let n: usize = left_out.iter().map(|(_, n)| n).sum();
        let _ = writeln!(
            md,
            "\n{} not in the tables (at most {GROUPS_PER_FAMILY} rows per family{}; see `--format json`).",
            plural(n, "finding", "findings"),
            if over_budget {
                format!(", and the report stops at {} KiB", MARKDOWN_HEALTH_BUDGET / 1024)
            } else {
                String::new()
            }
        );
    }

    md.push_str("\n## Appendix\n\n### Rules skipped\n\n");
    if summary.skipped.is_empty() {
        md.push_str("No rule was skipped.\n");
    } else {
        for (code, reason) in &summary.skipped {
            let _ = writeln!(md, "- {}: {}", code_span(code), cell(reason));
        }
    }
    if !summary.notes.is_empty() {
        md.push_str("\n### Notes\n\n");
        for note in &summary.notes {
            let _ = writeln!(md, "- {}", cell(note));
        }
    }
    let _ = writeln!(md, "\n### Inputs\n\n{}.", escaped(&inputs_line(report)));
    if !summary.files_read.is_empty() {
        md.push('\n');
        for (path, format) in summary.files_read.iter().take(FILES_LISTED) {
            let _ = writeln!(md, "- {} read as {}", code_span(&text::path(path)), cell(format));
        }
        if summary.files_read.len() > FILES_LISTED {
            let _ = writeln!(md, "- … and {} more", plural(summary.files_read.len() - FILES_LISTED, "file", "files"));
        }
    }
    if !summary.files_not_read.is_empty() {
        md.push('\n');
        let mut listed: Vec<_> = summary.files_not_read.iter().collect();
        listed.sort_by_key(|(_, _, class)| *class != uclint_model::NotReadClass::Other);
        for (path, reason, _) in listed.iter().take(FILES_LISTED) {
            let _ = writeln!(md, "- {} not read: {}", code_span(&text::path(path)), cell(reason));
        }
        if listed.len() > FILES_LISTED {
            let _ = writeln!(
                md,
                "- … and {} more (`uclint check -v` lists them all)",
                plural(listed.len() - FILES_LISTED, "file", "files")
            );
        }
    }
    md.push_str("\n### Objects read\n\n| Objects | Count |\n|---|---|\n");
    let shown: usize = health.objects.iter().map(|(_, n)| n).sum();
    for (kind, n) in health.objects.iter().filter(|(_, n)| *n > 0) {
        let _ = writeln!(md, "| {} | {} |", cell(kind), count(*n));
    }
    if summary.objects > shown {
        let _ = writeln!(md, "| Other objects | {} |", count(summary.objects - shown));
    }
    let _ = writeln!(md, "| All objects | {} |", count(summary.objects));
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
        count(count_in(report.diagnostics, &summary.families))
    );
}

/// The UCCX call paths, as the page has them ([`super::html`]): counts, the CSSs judged, the
/// first [`PATHS_LISTED`] agents and triggers not reached, the assumptions, the DIAL findings.
/// Bounded by those caps, not by the input.
fn call_paths(md: &mut String, report: &Report<'_>, paths: &CallPaths) {
    if !paths.shown {
        return;
    }
    md.push_str("\n## UCCX call paths\n\n");
    if let Some(why) = &paths.not_judged {
        let _ = writeln!(md, "Not judged: {}.", cell(why));
    } else {
        let _ = writeln!(md, "### CTI port to agent\n\n{}", path_counts(paths.agents, AGENT_WORDS.0, AGENT_WORDS.1));
        redirect_table(md, "CTI ports", &paths.port_css, ("CTI port", "CTI ports"));
        unreachable_table(md, &paths.unreachable_agents, ("Agent", "IPCC extension"), ("agent", "agents"));
        let _ = writeln!(
            md,
            "\n### Trigger to CTI port\n\n{}",
            path_counts(paths.triggers, TRIGGER_WORDS.0, TRIGGER_WORDS.1)
        );
        redirect_table(md, "Triggers", &paths.trigger_css, ("trigger", "triggers"));
        unreachable_table(md, &paths.unreachable_triggers, ("Trigger", "Trigger DN"), ("trigger", "triggers"));
        if !paths.assumptions.is_empty() {
            md.push_str("\n### Assumed or not judged\n\n");
            for assumption in paths.assumptions.iter().take(ASSUMPTIONS_LISTED) {
                let _ = writeln!(md, "- {}", cell(assumption));
            }
            if paths.assumptions.len() > ASSUMPTIONS_LISTED {
                let _ = writeln!(md, "- … and {} more", count(paths.assumptions.len() - ASSUMPTIONS_LISTED));
            }
        }
    }
    let findings = count_in(report.diagnostics, &["DIAL".to_owned()]);
    let _ = write!(md, "\nDial-plan findings (DIAL): {}", count(findings));
    if findings > 0 {
        let _ = write!(md, ", under DIAL: {}", family_title(uclint_model::Family::Dial));
    }
    md.push_str(".\n");
}

fn redirect_table(md: &mut String, label: &str, rows: &[RedirectCss], (one, many): (&str, &str)) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n| Redirect CSS | {label} | Why this CSS |\n|---|---|---|");
    for css in rows {
        let _ =
            writeln!(md, "| {} | {} | {} |", name(&css.css), cell(&redirect_objects(css, one, many)), cell(&css.basis));
    }
}

fn unreachable_table(
    md: &mut String,
    rows: &[UnreachablePath],
    (who, number): (&str, &str),
    (one, many): (&str, &str),
) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n| {who} | {number} | Redirect CSS | Why not reached |\n|---|---|---|---|");
    for path in rows.iter().take(PATHS_LISTED) {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            cell(&text::key(&path.name)),
            name(&path.extension),
            name(&path.css),
            cell(&path.why)
        );
    }
    if rows.len() > PATHS_LISTED {
        let _ = writeln!(md, "\n… and {} more not listed.", plural(rows.len() - PATHS_LISTED, one, many));
    }
}
