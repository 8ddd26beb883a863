//! `uclint rules` and `uclint rule CODE`.
//!
//! The listing is a plain table, one rule a row, whose FIX column says whether `uclint fix` has a
//! fix for the rule's findings and whether it is safe (applied by default) or unsafe (only with
//! `--unsafe-fixes`), as ruff's rule table marks fixable rules; `-` for none. `uclint rule CODE`
//! prints the rule's page, whose "Fix" section says what the fix changes.

use uclint::config;
use uclint_ingest::codes;
use uclint_rules::registry;

use crate::exit::EXIT_ERROR;
use crate::output;

/// The FIX column of a rule: `safe`, `unsafe`, or `-` when it has no fix.
fn fix_column(rule: &uclint_rules::RuleMeta) -> &'static str {
    rule.fix.map_or("-", |fix| fix.safety.as_str())
}

pub fn rules() -> u8 {
    let names = registry::RULES.iter().map(|r| r.code.name).chain(codes::ALL.iter().chain(config::ALL).map(|c| c.name));
    let width = names.map(str::len).max().unwrap_or(4);
    let row = |code: &str, name: &str, family: &str, severity: &str, status: &str, fix: &str, summary: &str| {
        format!("{code:<9} {name:<width$} {family:<7} {severity:<8} {status:<9} {fix:<6} {summary}\n")
    };
    let mut out = row("CODE", "NAME", "FAMILY", "SEVERITY", "STATUS", "FIX", "SUMMARY");
    for rule in registry::RULES {
        let code = &rule.code;
        let severity = code.severity.to_string();
        let fix = fix_column(rule);
        out += &row(code.id, code.name, code.family.prefix(), &severity, code.status.as_str(), fix, code.summary);
    }
    for (title, list) in
        [("Input diagnostics (always on):", codes::ALL), ("Configuration diagnostics (always on):", config::ALL)]
    {
        out += &format!("\n{title}\n");
        for code in list {
            let severity = code.severity.as_str();
            out += &row(code.id, code.name, code.family.prefix(), severity, code.status.as_str(), "-", code.summary);
        }
    }
    output::print(&out)
}

pub fn rule(code: &str) -> u8 {
    match registry::lookup(code) {
        registry::Lookup::Rule(rule) => return output::print(&rule.doc_page()),
        registry::Lookup::Redirected { from, rule } => {
            output::to_stderr(&format!("note: `{from}` is now {} `{}`\n", rule.code, rule.code.name));
            return output::print(&rule.doc_page());
        }
        registry::Lookup::Removed { code: removed, reason } => {
            return output::print(&format!("{} {}\n\nRemoved: {reason}\n", removed.id, removed.name));
        }
        registry::Lookup::Unknown => {}
    }
    let always_on = [
        ("an input", "docs/input-diagnostics.md (the table of codes)", codes::ALL),
        ("a configuration", "docs/configuration.md (Diagnostics about the configuration)", config::ALL),
    ];
    for (kind, doc, list) in always_on {
        if let Some(found) = list.iter().find(|c| c.id.eq_ignore_ascii_case(code) || c.name == code) {
            let page = format!(
                "{} {}\n\nSeverity: {} ({kind} diagnostic: always on, not a rule; it cannot be selected or ignored)\n\n{}\n\nDocumentation: {doc}\n",
                found.id, found.name, found.severity, found.summary,
            );
            return output::print(&page);
        }
    }
    let names = registry::RULES
        .iter()
        .flat_map(|r| [r.code.id, r.code.name])
        .chain(codes::ALL.iter().chain(config::ALL).flat_map(|c| [c.id, c.name]));
    let hint = config::did_you_mean(code, names);
    let code = uclint_report::text::terminal(code);
    output::to_stderr(&format!("error: no rule or diagnostic `{code}`{hint} (see `uclint rules`)\n"));
    EXIT_ERROR
}
