//! DIAL007: translation patterns that send a call round in a loop.

use rustc_hash::FxHashSet;
use uclint_dialplan::{
    partition_display, Analysis, CssSource, DialPlan, EntryId, EntryKind, Origin, Outcome, Record, Step,
};
use uclint_model::Text;

use crate::catalog::call_path::representative;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no translation pattern (BAT `translationpattern.csv`, AXL `getTransPattern`) starts a
    /// loop: for each one, a string it matches (its literal digits, each `X`, `!` and `[..]` taken
    /// as the lowest digit it accepts, an element before `?` left out) is dialed from every
    /// calling search space that holds its partition and in which it is the closest match, and
    /// the call is followed through its translations (its `CALLING SEARCH SPACE`, or the
    /// originator's with "Use Originator's Calling Search Space"). The call loops when a lookup
    /// repeats an earlier one (the same digits in the same partitions) or a call passes through
    /// more than ten translations. Each loop is reported once, on the translation pattern that
    /// comes first in the export among those in the loop, with the chain in the call's order.
    ///
    /// ## What it leaves alone
    /// - Callers with no calling search space at all: a pattern is dialed only from the CSSs of
    ///   the export (for a pattern in `<None>`, which every CSS searches last, from all of them).
    /// - A CSS in which another pattern is closer for the string dialed: that pattern's own loop,
    ///   if any, is reported from it.
    /// - Patterns the engine does not analyse (`@`, syntax errors; `uclint route` lists them),
    ///   and chains whose outcome depends on a setting the sources disagree on (which CSS "Use
    ///   Originator's Calling Search Space" means in a chain); a run note counts them.
    ///
    /// ## Why it breaks
    /// CUCM translates, then analyses the result again with the translation's CSS; "CUCM passes
    /// digits through translation patterns for only ten iterations to prevent call-routing
    /// loops" (`dialplan.md` §5, E19). A call that matches a looping translation is never
    /// routed, every time (what the caller then hears is not documented; `dialplan.md` §5).
    ///
    /// ## Example
    /// Translation `7777` in `PT_Xlate_Loop` with mask `7777` (it translates to itself) and
    /// calling search space `CSS_Xlate_Loop`, which holds `PT_Xlate_Loop`:
    /// ```csv
    /// TRANSLATION PATTERN,ROUTE PARTITION,CALLING SEARCH SPACE,CALLED PARTY TRANSFORM MASK
    /// 7777,PT_Xlate_Loop,CSS_Xlate_Loop,7777
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Translation Pattern > each pattern of the chain: change the Called Party
    /// Transform Mask or Prefix Digits so that the result is a number another pattern routes, or
    /// set a Calling Search Space that does not hold the partition of the pattern that matches
    /// the result again.
    ///
    /// ## Sources
    /// - Cisco Press, CIPT1, "Implementing Calling Privileges" (translation patterns: "CUCM passes
    ///   digits through translation patterns for only ten iterations"),
    ///   <https://ciscopress.com/articles/article.asp?p=1745737&seqNum=3>; `dialplan.md` §5 (R22),
    ///   edge case E19.
    /// - Cisco, System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing"
    ///   (translation patterns route again with their CSS),
    ///   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU3/systemConfig/cucm_b_system-configuration-guide-1251su3/cucm_m_configure-call-routing.html>
    ///   (R1).
    code: "DIAL007",
    name: "translation-loop",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [TranslationPatterns],
    summary: "Translation patterns translate a call round in a loop, so it is never routed.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    if !cluster.dial_patterns.iter().any(|p| p.kind == uclint_model::PatternKind::TranslationPattern) {
        return Ok(());
    }
    let plan = ctx.dial_plan();
    // The calling search spaces from which each partition is searched: those listing it (all of
    // them for `<None>`), by name, in export order.
    let css_names: Vec<&Text> = cluster.calling_search_spaces.iter().map(|c| &c.name.value).collect();
    let holding = |partition: &str| -> Vec<&Text> {
        if partition.is_empty() {
            return css_names.clone();
        }
        cluster
            .calling_search_spaces
            .iter()
            .filter(|c| c.partitions.iter().any(|p| p.value.trim() == partition))
            .map(|c| &c.name.value)
            .collect()
    };
    let mut loops = Loops::default();
    for (id, entry) in plan.entries() {
        if entry.kind != EntryKind::TranslationPattern {
            continue;
        }
        let Some(digits) = representative(&entry.text()).filter(|d| entry.matches(d)) else { continue };
        for css in holding(entry.partition) {
            let analysis = plan.analyze(&Origin::Css(css.clone()), &digits);
            // Only where this pattern is the closest match: elsewhere another pattern's loop (if
            // any) is reported from that pattern.
            if analysis.steps.first().and_then(|s| s.matched.as_ref()).map(|m| m.entry) != Some(id) {
                continue;
            }
            // Where the chain goes after this pattern does not depend on the CSS dialed from when
            // neither it nor a later translation uses the originator's CSS: one CSS is enough.
            let independent = matches!(&entry.record, Record::Pattern(p) if !p.use_originator_css.as_ref().is_some_and(|b| b.value))
                && analysis.steps.iter().flat_map(|s| &s.next_css).all(|c| c.source != CssSource::Originator);
            loops.judge(sink, plan, id, css, &digits, &analysis);
            if independent {
                break;
            }
        }
    }
    if loops.unclear > 0 {
        sink.note(format!(
            "{} translation chain(s) not judged: whether they loop depends on which CSS \"Use Originator's \
             Calling Search Space\" means in a chain, on which the sources disagree",
            loops.unclear
        ));
    }
    Ok(())
}

/// The loops found so far: each is reported once.
#[derive(Default)]
struct Loops {
    /// The loops reported, each as its patterns from the first in export order.
    reported: FxHashSet<Vec<EntryId>>,
    /// The patterns of the chains reported that stopped at the ten-translation limit.
    in_long_chains: FxHashSet<EntryId>,
    /// Chains not judged: their outcome depends on a disputed setting.
    unclear: usize,
}

impl Loops {
    /// Reports the loop that `analysis` (of `digits` from `css`, whose closest match is the
    /// translation pattern `id`) ends in, unless it is not a loop or was reported already.
    fn judge(
        &mut self,
        sink: &mut Sink,
        plan: &DialPlan<'_>,
        id: EntryId,
        css: &Text,
        digits: &str,
        analysis: &Analysis,
    ) {
        let Outcome::Loop { chain } = &analysis.outcome else { return };
        if analysis.depends_on_originator_css || analysis.depends_on_cti_order {
            self.unclear += 1;
            return;
        }
        let (cycle, repeats) = cycle(&analysis.steps, chain);
        if cycle.is_empty() {
            return;
        }
        // A chain stopped by the limit is reported once, from its first pattern: a chain that
        // starts at a pattern further down a reported one is part of it.
        if !repeats {
            if self.in_long_chains.contains(&id) {
                return;
            }
            self.in_long_chains.extend(cycle.iter().copied());
        }
        // The loop's key: its patterns rotated to start at the first in export order (a chain
        // stopped by the limit keeps its order).
        let start = if repeats { cycle.iter().enumerate().min_by_key(|(_, e)| **e).map_or(0, |(at, _)| at) } else { 0 };
        let mut key: Vec<EntryId> = cycle[start..].to_vec();
        key.extend_from_slice(&cycle[..start]);
        if self.reported.insert(key.clone()) {
            report(sink, plan, &key, css, digits, !repeats);
        }
    }
}

/// The translation patterns of the loop, in the call's order, each once, and whether the call
/// repeated a lookup: the steps from the first lookup that the last one repeats, or every step
/// when the call stopped at the ten-translation limit without repeating one.
fn cycle(steps: &[Step], chain: &[(String, Vec<Text>)]) -> (Vec<EntryId>, bool) {
    let repeated = chain.split_last().and_then(|(last, before)| before.iter().position(|s| s == last));
    let mut out: Vec<EntryId> = Vec::new();
    for step in steps.iter().skip(repeated.unwrap_or(0)) {
        if let Some(m) = &step.matched {
            if m.kind == EntryKind::TranslationPattern && !out.contains(&m.entry) {
                out.push(m.entry);
            }
        }
    }
    (out, repeated.is_some())
}

fn report(sink: &mut Sink, plan: &DialPlan<'_>, key: &[EntryId], css: &Text, digits: &str, limit: bool) {
    let Some(first) = key.first().and_then(|&id| plan.entry(id)) else { return };
    let Record::Pattern(record) = first.record else { return };
    let names: Vec<String> = key
        .iter()
        .filter_map(|&id| plan.entry(id))
        .map(|e| format!("{} in {}", e.text(), partition_display(e.partition)))
        .collect();
    let mut chain = names.join(" -> ");
    let how = if limit {
        chain.push_str(" -> …");
        "passes through more than ten translations"
    } else {
        if let Some(head) = names.first() {
            chain.push_str(" -> ");
            chain.push_str(head);
        }
        "repeats a lookup it made before"
    };
    let message = format!(
        "translation pattern {} in {} starts a loop: dialing {digits} from calling search space {css}, the call {how} \
         ({chain}) and is never routed: CUCM stops a call after ten translations",
        first.text(),
        partition_display(first.partition),
    );
    let help = format!(
        "Call Routing > Translation Pattern > {} (and each pattern of the chain): change the Called Party Transform \
         Mask or Prefix Digits, or set a Calling Search Space that does not hold the partition of the pattern the \
         result matches again",
        first.text()
    );
    let mut finding = sink.report(record.key(), record.pattern.span, "translation pattern in a loop", message);
    for &id in key.iter().skip(1) {
        if let Some(entry) = plan.entry(id) {
            finding = finding.label(entry.span, "next in the loop");
        }
    }
    if let Some(css_cell) = &record.css {
        finding = finding.label(css_cell.span, "the calling search space it routes again with");
    }
    finding.help(help);
}
