//! Runs the selected rules over a cluster, in parallel, and sorts what they report.

use rayon::prelude::*;
use uclint_model::{Cluster, Diagnostic};

use crate::{Context, RuleMeta, Settings, Sink};

/// A rule that did not run, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The rule's code.
    pub code: &'static str,
    /// Why, e.g. "no Common Device Configuration data".
    pub reason: String,
}

/// What a run of the rules produced.
#[derive(Debug, Default)]
pub struct RunResult {
    /// Findings, sorted by source position, then code and object.
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that could not run, in code order.
    pub skipped: Vec<Skipped>,
    /// How shared definitions were resolved (heuristics used), for the summary.
    pub notes: Vec<String>,
}

/// Runs `rules` over `cluster`.
pub fn run(cluster: &Cluster, settings: &Settings, rules: &[&RuleMeta]) -> RunResult {
    let mut context = Context::new(cluster, settings);
    context.selected = rules.iter().map(|r| r.code).collect();
    let outcomes: Vec<_> = rules
        .par_iter()
        .map(|rule| {
            let mut sink = Sink::new(rule, rule.default_severity);
            match rule.missing_data(&|d| cluster.has(d)) {
                Some(reason) => sink.skip(reason),
                None => (rule.check)(&context, &mut sink),
            }
            (rule.code, sink)
        })
        .collect();
    let mut result = RunResult { notes: context.notes(), ..RunResult::default() };
    for (code, sink) in outcomes {
        if let Some(reason) = sink.skipped {
            result.skipped.push(Skipped { code, reason });
        }
        result.diagnostics.extend(sink.diagnostics);
        result.notes.extend(sink.notes);
    }
    uclint_model::sort_diagnostics(&mut result.diagnostics);
    result.skipped.sort_by(|a, b| a.code.cmp(b.code));
    result
}
