//! Every code `uclint` can report, with the documentation the SARIF, JUnit and Markdown formats
//! carry for it: in the library so that the fuzz targets render what the binary renders.

use uclint_ingest::codes;
use uclint_report::RuleInfo;
use uclint_rules::registry;

use crate::config;

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
