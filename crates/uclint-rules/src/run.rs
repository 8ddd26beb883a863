//! Runs the selected rules over a cluster, in parallel, and sorts what they report.
//!
//! A rule whose data is absent is skipped here, without being run; a rule that finds it cannot
//! run returns a [`Skip`], and both are listed the same way. The findings a rule reported before
//! its skip are kept.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use uclint_model::{Cluster, Diagnostic};

use crate::context::RuleNeeds;
use crate::{Context, RuleMeta, Settings, Sink, Skip};

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
    /// How long the run took (for `--timings`; never part of any report).
    pub timings: RunTimings,
}

/// Wall-clock time of a run of the rules.
#[derive(Clone, Debug, Default)]
pub struct RunTimings {
    /// Building the indexes and resolving the RMCM, JTAPI and FIPPA users.
    pub context: Duration,
    /// Running every rule (in parallel across rules).
    pub rules: Duration,
    /// Each rule's own time, in code order.
    pub per_rule: Vec<(&'static str, Duration)>,
}

/// Runs `rules` over `cluster`, in a [`Context`] of its own.
pub fn run(cluster: &Cluster, settings: &Settings, rules: &[&'static RuleMeta]) -> RunResult {
    let start = Instant::now();
    let mut context = Context::new(cluster, settings);
    let context_time = start.elapsed();
    let mut result = run_in(&mut context, rules);
    result.timings.context = context_time;
    result
}

/// Runs `rules` in `context`, which the caller keeps for what it reads after the rules (the
/// health report's agents and devices), so that a run builds its indexes once. The context is
/// told which rules run, for the rules about the run itself (GEN010). `timings.context` is left
/// for the caller, who built the context.
pub fn run_in(context: &mut Context<'_>, rules: &[&'static RuleMeta]) -> RunResult {
    run_with(context, rules, false)
}

/// [`run_in`], with each finding's fix attached where its rule has one (`uclint fix`).
pub fn run_fixing(context: &mut Context<'_>, rules: &[&'static RuleMeta]) -> RunResult {
    run_with(context, rules, true)
}

fn run_with(context: &mut Context<'_>, rules: &[&'static RuleMeta], fixing: bool) -> RunResult {
    let needs = |rule: &&RuleMeta| RuleNeeds { code: rule.code.id, requires: rule.requires };
    context.selected = rules.iter().map(needs).collect();
    context.default_rules = crate::registry::default_rules().iter().map(needs).collect();
    let (context, cluster) = (&*context, context.cluster);
    let start = Instant::now();
    let outcomes: Vec<_> = rules
        .par_iter()
        .map(|rule| {
            let rule_start = Instant::now();
            let mut sink = Sink::new(rule, rule.code.severity);
            sink.fixing = fixing;
            let outcome = match rule.missing_data(&|d| cluster.has(d)) {
                Some(reason) => Err(Skip::new(reason)),
                None => (rule.check)(context, &mut sink),
            };
            (rule.code.id, sink, outcome, rule_start.elapsed())
        })
        .collect();
    let mut result = RunResult { notes: context.notes(), ..RunResult::default() };
    result.timings.rules = start.elapsed();
    // The findings of the rule that found most become the result's vector, and the others join
    // it, rather than all being copied into a new one: a systematic fault gives one rule tens of
    // thousands of findings, and a copy of them held beside the original raised the run's peak
    // memory. The order before the sort does not matter: findings of different rules never tie
    // in it (the code is part of its key), and each rule's own keep their order.
    let mut outcomes = outcomes;
    let largest = outcomes.iter().enumerate().max_by_key(|(_, (_, sink, _, _))| sink.diagnostics.len()).map(|(i, _)| i);
    if let Some(largest) = largest {
        result.diagnostics = std::mem::take(&mut outcomes[largest].1.diagnostics);
        let rest: usize = outcomes.iter().map(|(_, sink, _, _)| sink.diagnostics.len()).sum();
        result.diagnostics.reserve_exact(rest);
    }
    for (code, mut sink, outcome, time) in outcomes {
        result.timings.per_rule.push((code, time));
        if let Err(Skip(reason)) = outcome {
            result.skipped.push(Skipped { code, reason });
        }
        result.diagnostics.append(&mut sink.diagnostics);
        result.notes.extend(sink.notes);
    }
    uclint_model::sort_diagnostics(&mut result.diagnostics);
    result.skipped.sort_by(|a, b| a.code.cmp(b.code));
    result
}
