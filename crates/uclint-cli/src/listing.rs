//! `uclint rules` and `uclint rule CODE`.

use uclint_cli::config;
use uclint_ingest::codes;
use uclint_rules::registry;

use crate::check::{EXIT_CLEAN, EXIT_ERROR};

pub fn rules() -> u8 {
    println!("{:<9} {:<38} {:<7} {:<8} {:<9} SUMMARY", "CODE", "NAME", "FAMILY", "SEVERITY", "STATUS");
    for rule in registry::RULES {
        println!(
            "{:<9} {:<38} {:<7} {:<8} {:<9} {}",
            rule.code,
            rule.name,
            rule.family.prefix(),
            rule.default_severity,
            rule.status.as_str(),
            rule.summary
        );
    }
    println!();
    println!("Input diagnostics (always on):");
    for code in codes::ALL {
        println!("{:<9} {:<38} {:<7} {:<8} {:<9} {}", code.code, code.name, "INPUT", code.severity, "-", code.summary);
    }
    println!();
    println!("Configuration diagnostics (always on):");
    for code in config::ALL {
        println!("{:<9} {:<38} {:<7} {:<8} {:<9} {}", code.code, code.name, "CONFIG", code.severity, "-", code.summary);
    }
    EXIT_CLEAN
}

pub fn rule(code: &str) -> u8 {
    match registry::find(code) {
        Some(rule) => {
            print!("{}", rule.doc_page());
            EXIT_CLEAN
        }
        None => {
            eprintln!("error: no rule `{code}` (see `uclint rules`)");
            EXIT_ERROR
        }
    }
}
