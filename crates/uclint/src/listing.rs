//! `uclint rules` and `uclint rule CODE`.

use uclint::config;
use uclint_ingest::codes;
use uclint_rules::registry;

use crate::check::{EXIT_CLEAN, EXIT_ERROR};
use crate::output;

pub fn rules() -> u8 {
    let names = registry::RULES.iter().map(|r| r.name).chain(codes::ALL.iter().chain(config::ALL).map(|c| c.name));
    let width = names.map(str::len).max().unwrap_or(4);
    let row = |code: &str, name: &str, family: &str, severity: &str, status: &str, summary: &str| {
        format!("{code:<9} {name:<width$} {family:<7} {severity:<8} {status:<9} {summary}\n")
    };
    let mut out = row("CODE", "NAME", "FAMILY", "SEVERITY", "STATUS", "SUMMARY");
    for rule in registry::RULES {
        let severity = rule.default_severity.to_string();
        out += &row(rule.code, rule.name, rule.family.prefix(), &severity, rule.status.as_str(), rule.summary);
    }
    for (title, family, list) in [
        ("Input diagnostics (always on):", "INPUT", codes::ALL),
        ("Configuration diagnostics (always on):", "CONFIG", config::ALL),
    ] {
        out += &format!("\n{title}\n");
        for code in list {
            out += &row(code.code, code.name, family, code.severity.as_str(), "-", code.summary);
        }
    }
    print_to_stdout(&out)
}

/// Prints `text`, quietly when the reader went away (`uclint rules | head`); a write that fails
/// otherwise (`> /dev/full`) is exit 2 with a message, as for `uclint check`.
fn print_to_stdout(text: &str) -> u8 {
    match output::write_stdout(|out| out.write_all(text.as_bytes())) {
        Ok(()) => EXIT_CLEAN,
        Err(message) => {
            output::to_stderr(&format!("error: {message}\n"));
            EXIT_ERROR
        }
    }
}

pub fn rule(code: &str) -> u8 {
    match registry::find(code) {
        Some(rule) => print_to_stdout(&rule.doc_page()),
        None => {
            let code = uclint_report::text::terminal(code);
            output::to_stderr(&format!("error: no rule `{code}` (see `uclint rules`)\n"));
            EXIT_ERROR
        }
    }
}
