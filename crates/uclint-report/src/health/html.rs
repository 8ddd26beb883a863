//! The health report as one self-contained HTML file: inline CSS, a few lines of inline script
//! for the filter box, inline SVG charts, no network access, so it still works when mailed.

use std::fmt::Write;

use uclint_model::Severity;

use super::svg::{bar_chart, Bar};
use super::{by_family, count_in, severity_counts, severity_word, Health, ReadinessSummary};
use crate::{text, Paths, Report};

/// Families with more findings than this start collapsed, so large clusters stay usable.
const COLLAPSE_ABOVE: usize = 25;

/// Escapes text for HTML element content and attribute values: markup characters as
/// entities, and controls and bidi characters as visible escapes ([`text::terminal`]), which a
/// browser would otherwise act on (an override shows text in another order than it is read).
pub(crate) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => text::push_visible(&mut out, c),
        }
    }
    out
}

/// A value from the input, bounded ([`text::message`]) and escaped.
fn value(value: &str) -> String {
    escape(&text::message(value))
}

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2327;background:#f6f7f7}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px}h2{margin-top:32px;border-bottom:2px solid #dcdcde;padding-bottom:4px}
.muted{color:#646970}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #dcdcde;border-radius:6px;padding:12px 16px;min-width:140px}
.card b{display:block;font-size:24px}.charts{display:flex;flex-wrap:wrap;gap:24px}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #dcdcde;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f0f0f1}.ready{color:#00712b;font-weight:600}.blocked{color:#b32d2e;font-weight:600}
.sev-error{color:#b32d2e;font-weight:600}.sev-warning{color:#996800;font-weight:600}.sev-info{color:#2271b1}
details{background:#fff;border:1px solid #dcdcde;border-radius:6px;margin:8px 0;padding:4px 12px}
summary{cursor:pointer;font-weight:600;padding:6px 0}code{font-size:13px}
#filter{width:100%;max-width:480px;padding:8px;font-size:15px;margin:8px 0}
ul.plain{margin:0;padding-left:18px}";

const SCRIPT: &str = "\
(function(){var box=document.getElementById('filter');
box.addEventListener('input',function(){var q=box.value.toLowerCase();
document.querySelectorAll('[data-filterable] tbody tr').forEach(function(row){
row.style.display=row.textContent.toLowerCase().indexOf(q)>=0?'':'none';});
document.querySelectorAll('details.family').forEach(function(d){if(q){d.open=true;}});});
document.body.setAttribute('data-loaded','true');})();";

/// Renders the health report.
pub fn render_health_html(report: &Report<'_>, health: &Health) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>uclint cluster health report</title><style>{STYLE}</style></head><body><main>\n\
         <h1>Cluster health report</h1><p class=\"muted\">uclint {} &middot; from {}</p>\n\
         <input id=\"filter\" type=\"search\" placeholder=\"Filter agents and findings (user, device, code, text)\" aria-label=\"Filter\">\n",
        env!("CARGO_PKG_VERSION"),
        value(&health.inputs.iter().map(|p| text::path(p)).collect::<Vec<_>>().join(", ")),
    );
    at_a_glance(&mut page, report, health);
    agents(&mut page, health);
    readiness(&mut page, report, "Extension Mobility readiness", &health.extension_mobility);
    readiness(&mut page, report, "Presence readiness", &health.presence);
    findings(&mut page, report);
    let _ = writeln!(page, "</main><script>{SCRIPT}</script></body></html>");
    page
}

fn at_a_glance(page: &mut String, report: &Report<'_>, health: &Health) {
    let [info, warning, error] = severity_counts(report.diagnostics);
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let objects: usize = health.objects.iter().map(|(_, n)| n).sum();
    let _ = write!(
        page,
        "<h2>The cluster at a glance</h2><div class=\"cards\">\
         <div class=\"card\"><b>{objects}</b>objects read</div>\
         <div class=\"card\"><b>{}</b>files read</div>\
         <div class=\"card\"><b id=\"agents-ready\">{ready} / {}</b>agents ready</div>\
         <div class=\"card\"><b class=\"sev-error\">{error}</b>errors</div>\
         <div class=\"card\"><b class=\"sev-warning\">{warning}</b>warnings</div>\
         <div class=\"card\"><b class=\"sev-info\">{info}</b>info</div></div>",
        report.summary.files_read.len(),
        health.agents.len(),
    );
    let severity_bars = [
        Bar { label: "error", value: error, color: "#b32d2e" },
        Bar { label: "warning", value: warning, color: "#dba617" },
        Bar { label: "info", value: info, color: "#2271b1" },
    ];
    let families = by_family(report.diagnostics);
    let family_bars: Vec<Bar<'_>> =
        families.iter().map(|(f, list)| Bar { label: f, value: list.len(), color: "#50575e" }).collect();
    let readiness_bars = [
        Bar { label: "ready", value: ready, color: "#00a32a" },
        Bar { label: "not ready", value: health.agents.len() - ready, color: "#b32d2e" },
    ];
    let _ = write!(
        page,
        "<div class=\"charts\"><figure>{}<figcaption>Findings by severity</figcaption></figure>\
         <figure>{}<figcaption>Findings by family</figcaption></figure>\
         <figure>{}<figcaption>UCCX agents</figcaption></figure></div>",
        bar_chart("Findings by severity", &severity_bars),
        bar_chart("Findings by family", &family_bars),
        bar_chart("UCCX agent readiness", &readiness_bars),
    );
    page.push_str("<table><thead><tr><th>Objects</th><th>Count</th></tr></thead><tbody>");
    for (kind, n) in &health.objects {
        let _ = write!(page, "<tr><td>{}</td><td>{n}</td></tr>", escape(kind));
    }
    page.push_str("</tbody></table>");
    if !report.summary.skipped.is_empty() {
        page.push_str("<p><b>Rules skipped for missing data</b></p><ul class=\"plain\">");
        for (code, reason) in &report.summary.skipped {
            let _ = write!(page, "<li><code>{}</code>: {}</li>", escape(code), value(reason));
        }
        page.push_str("</ul>");
    }
    for note in &report.summary.notes {
        let _ = write!(page, "<p class=\"muted\">Note: {}</p>", value(note));
    }
}

fn agents(page: &mut String, health: &Health) {
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let _ = write!(
        page,
        "<h2>UCCX agent readiness</h2><p>{ready} of {} agents have nothing blocking their sign-in.</p>\
         <table id=\"agents\" data-filterable data-agents-total=\"{}\" data-agents-ready=\"{ready}\">\
         <thead><tr><th>Agent</th><th>IPCC extension</th><th>Devices</th><th>Status</th><th>Blocking findings</th></tr></thead><tbody>",
        health.agents.len(),
        health.agents.len(),
    );
    for agent in &health.agents {
        let status = if agent.is_ready() {
            "<span class=\"ready\">Ready</span>"
        } else {
            "<span class=\"blocked\">Not ready</span>"
        };
        let _ = write!(
            page,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{status}</td><td>",
            escape(&text::key(&agent.user)),
            escape(&text::key(&agent.extension)),
            if agent.devices.is_empty() { "<i>none</i>".to_owned() } else { value(&agent.devices.join(", ")) },
        );
        if !agent.blocking.is_empty() {
            page.push_str("<ul class=\"plain\">");
            for finding in &agent.blocking {
                let _ = write!(page, "<li><code>{}</code> {}</li>", escape(&finding.code), value(&finding.message));
            }
            page.push_str("</ul>");
        }
        page.push_str("</td></tr>");
    }
    page.push_str("</tbody></table>");
}

fn readiness(page: &mut String, report: &Report<'_>, title: &str, summary: &ReadinessSummary) {
    let findings = count_in(report.diagnostics, &summary.families);
    let _ = write!(page, "<h2>{}</h2><table><tbody>", escape(title));
    for (fact, value) in &summary.facts {
        let _ = write!(page, "<tr><th>{}</th><td>{}</td></tr>", escape(fact), self::value(value));
    }
    let _ = write!(
        page,
        "<tr><th>Findings ({})</th><td>{findings}</td></tr></tbody></table>",
        escape(&summary.families.join(", "))
    );
}

fn findings(page: &mut String, report: &Report<'_>) {
    page.push_str("<h2>Findings by family</h2>");
    let paths = Paths::new(report.sources);
    if report.diagnostics.is_empty() {
        page.push_str("<p>No findings.</p>");
    }
    for (family, list) in by_family(report.diagnostics) {
        let errors = list.iter().filter(|d| d.severity == Severity::Error).count();
        let open = if list.len() > COLLAPSE_ABOVE { "" } else { " open" };
        let _ = write!(
            page,
            "<details class=\"family\"{open}><summary>{} &middot; {} findings, {errors} errors</summary>\
             <table data-filterable><thead><tr><th>Severity</th><th>Code</th><th>Object</th><th>Finding</th>\
             <th>Where</th><th>How to fix</th></tr></thead><tbody>",
            escape(family),
            list.len(),
        );
        for d in list {
            let file = report.sources.get(d.primary.span.source);
            let (line, col) = file.line_col(d.primary.span.start);
            let _ = write!(
                page,
                "<tr><td class=\"sev-{sev}\">{sev}</td><td><code>{}</code><br><span class=\"muted\">{}</span></td>\
                 <td><code>{}</code></td><td>{}</td><td><code>{}:{line}:{col}</code></td><td>{}</td></tr>",
                escape(d.code),
                escape(d.name),
                escape(&text::key(&d.object.to_string())),
                value(&d.message),
                escape(paths.get(d.primary.span.source)),
                value(d.help.as_deref().unwrap_or("")),
                sev = severity_word(d.severity),
            );
        }
        page.push_str("</tbody></table></details>");
    }
}
