//! The baseline file: findings accepted as they stand, so that a CI gate can be turned on for
//! an export with known findings and fail only on new ones.
//!
//! Entries are keyed by rule code and object key with a count, never by line number: exports
//! cannot carry comments and their rows move between exports. A message is not part of the
//! key either, since it names values (a Maximum Number of Calls of 4 becoming 3 is the same
//! unresolved finding). Entries are sorted so the file diffs cleanly under version control.
//! An object key longer than 200 characters is shortened around a hash of the whole, as in
//! every output ([`crate::text::key`]), so the file too grows with the findings only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uclint_model::Diagnostic;

use crate::text;

/// Version of the baseline file's schema.
const BASELINE_VERSION: u32 = 1;

/// A baseline: what `--write-baseline` writes and `--baseline` reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Schema version of the file, `1`.
    pub schema_version: u32,
    /// Accepted findings, sorted by rule and object.
    pub findings: Vec<BaselineEntry>,
}

/// Findings of one rule on one object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// Rule code.
    pub rule: String,
    /// Object key, `kind:name`.
    pub object: String,
    /// How many findings of this rule on this object are accepted.
    pub count: usize,
}

/// A baseline file that could not be read as one.
#[derive(Debug)]
pub struct BaselineError(String);

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BaselineError {}

/// What applying a baseline left.
#[derive(Debug, Default)]
pub struct BaselineMatch {
    /// Findings not in the baseline: the new ones.
    pub new: Vec<Diagnostic>,
    /// How many findings the baseline accepted.
    pub baselined: usize,
    /// Entries (or parts of their counts) that no longer match a finding.
    pub stale: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline accepting every one of `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = BTreeMap::<(String, String), usize>::new();
        for d in diagnostics {
            *counts.entry((d.code.id.to_owned(), object_key(d))).or_default() += 1;
        }
        let findings =
            counts.into_iter().map(|((rule, object), count)| BaselineEntry { rule, object, count }).collect();
        Baseline { schema_version: BASELINE_VERSION, findings }
    }

    /// The file's text: pretty-printed JSON, one entry per finding key, newline-terminated.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Self, BaselineError> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| {
            BaselineError(format!("not a uclint baseline (line {}, column {}): {e}", e.line(), e.column()))
        })?;
        if baseline.schema_version != BASELINE_VERSION {
            return Err(BaselineError(format!(
                "baseline schema_version {} is not supported (this uclint writes {BASELINE_VERSION})",
                baseline.schema_version
            )));
        }
        Ok(baseline)
    }

    /// Splits `diagnostics` (sorted) into new findings and accepted ones, and lists the entries
    /// that matched fewer findings than they accept. Within one rule and object the first
    /// findings in output order are the accepted ones.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> BaselineMatch {
        let mut left: BTreeMap<(String, String), usize> =
            self.findings.iter().map(|e| ((e.rule.clone(), text::key(&e.object).into_owned()), e.count)).collect();
        let mut result = BaselineMatch::default();
        for d in diagnostics {
            match left.get_mut(&(d.code.id.to_owned(), object_key(&d))) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    result.baselined += 1;
                }
                _ => result.new.push(d),
            }
        }
        result.stale = left
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|((rule, object), count)| BaselineEntry { rule, object, count })
            .collect();
        result
    }
}

/// The object key a baseline entry names: the finding's, shortened as in every output.
fn object_key(d: &Diagnostic) -> String {
    text::key(&d.object.to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use uclint_model::{Label, ObjectKey, Severity, SourceId, Span};

    use super::*;

    fn finding(code: &'static str, user: &str, line: usize) -> Diagnostic {
        let span = Span::new(SourceId::new(0), line * 10, line * 10 + 1);
        Diagnostic::new(
            crate::many::code(code),
            Severity::Error,
            ObjectKey::User(user.into()),
            "m",
            Label::new(span, "here"),
        )
    }

    #[test]
    fn a_moved_row_stays_baselined_and_a_fixed_one_goes_stale() {
        let before = vec![finding("UCCX001", "a", 1), finding("UCCX001", "b", 2), finding("UCCX006", "b", 3)];
        let baseline = Baseline::parse(&Baseline::of(&before).to_json()).unwrap();
        // `a` moved to another line, `b`'s UCCX001 was fixed, `c` is new.
        let after = vec![finding("UCCX001", "a", 7), finding("UCCX006", "b", 3), finding("UCCX001", "c", 9)];
        let matched = baseline.apply(after);
        assert_eq!(matched.baselined, 2);
        assert_eq!(matched.new.len(), 1);
        assert_eq!(matched.new[0].object.to_string(), "user:c");
        assert_eq!(matched.stale, vec![BaselineEntry { rule: "UCCX001".into(), object: "user:b".into(), count: 1 }]);
    }

    #[test]
    fn a_very_long_object_key_is_kept_short_and_still_matches() {
        let long = "u".repeat(1_000_000);
        let findings = vec![finding("UCCX001", &long, 1), finding("UCCX001", &format!("{long}x"), 2)];
        let baseline = Baseline::of(&findings);
        let json = baseline.to_json();
        assert!(json.len() < 2_000, "{} bytes", json.len());
        assert_eq!(baseline.findings.len(), 2, "two long keys stay distinct");
        let matched = Baseline::parse(&json).unwrap().apply(findings);
        assert_eq!((matched.baselined, matched.new.len(), matched.stale.len()), (2, 0, 0));
    }

    #[test]
    fn a_file_of_another_kind_is_refused() {
        assert!(Baseline::parse("{\"schema_version\": 9, \"findings\": []}").is_err());
        assert!(Baseline::parse("[]").is_err());
    }
}
