//! Every code `uclint` can report, with the documentation the SARIF, JUnit and Markdown formats
//! carry for it: in the library so that the fuzz targets render what the binary renders.
//!
//! Links to the documentation pages exist only where the run says where the pages are
//! (`--doc-base-url`): the package's repository URL is no place a reader can open, and a link
//! relative to the repository's `docs/` resolves nowhere a report is read (a pull-request
//! comment, a code-scanning alert, a CI log).

use uclint_ingest::codes;
use uclint_report::RuleInfo;
use uclint_rules::registry;

use crate::config;

/// Every code uclint can report, with its documentation and no links: rules, then input
/// diagnostics, then configuration diagnostics.
pub fn rule_catalog() -> Vec<RuleInfo> {
    rule_catalog_linked(None)
}

/// Every code uclint can report, as [`rule_catalog`], each linked to its page under
/// `doc_base` (the published `docs/` folder: `BASE/rules/UCCX001.md`,
/// `BASE/input-diagnostics.md`, `BASE/configuration.md`) when there is one.
pub fn rule_catalog_linked(doc_base: Option<&str>) -> Vec<RuleInfo> {
    let base = doc_base.map(|b| b.trim_end_matches('/').to_owned());
    let link = |page: &str| base.as_ref().map(|base| format!("{base}/{page}"));
    let rules = registry::RULES.iter().map(|rule| RuleInfo {
        code: &rule.code,
        doc: rule.doc_text().trim().to_owned(),
        help_uri: link(&format!("rules/{}.md", rule.code)),
    });
    let always_on = codes::ALL
        .iter()
        .map(|&code| (code, "input-diagnostics.md"))
        .chain(config::ALL.iter().map(|&code| (code, "configuration.md")))
        .map(|(code, page)| RuleInfo { code, doc: code.summary.to_owned(), help_uri: link(page) });
    rules.chain(always_on).collect()
}

/// Checks a `--doc-base-url`: an absolute `http:` or `https:` URL with nothing a link could not
/// hold (SARIF requires an absolute URI for `helpUri`).
pub fn check_doc_base(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {}
        _ => return Err(format!("--doc-base-url `{url}` is not an absolute http(s) URL")),
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(*c)) {
        return Err(format!("--doc-base-url `{url}` holds {c:?}, which a URL cannot"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_with_a_base() {
        assert!(rule_catalog().iter().all(|r| r.help_uri.is_none()));
        let linked = rule_catalog_linked(Some("https://docs.example.org/uclint/"));
        let uccx001 = linked.iter().find(|r| r.code.id == "UCCX001").unwrap();
        assert_eq!(uccx001.help_uri.as_deref(), Some("https://docs.example.org/uclint/rules/UCCX001.md"));
        assert!(linked.iter().all(|r| r.help_uri.is_some()));
    }

    #[test]
    fn a_doc_base_must_be_an_absolute_web_url() {
        assert!(check_doc_base("https://github.com/o/uclint/blob/main/docs").is_ok());
        for bad in ["docs", "/docs", "https://", "https:///x", "ftp://x", "https://x y", "https://x)|"] {
            assert!(check_doc_base(bad).is_err(), "{bad}");
        }
    }
}
