//! Digit analysis over a [`DialPlan`]: closest match in the search list, then the match's
//! action, repeated through translation patterns (dialplan.md §0).
//!
//! - **Closest match** (R1, R3, R5, R8; §2): over every partition of the search list, the
//!   pattern that matches the fewest strings of the dialed length wins; partition order only
//!   breaks ties, `<None>` last; a tie inside one partition is reported as ambiguous ([`closest`]).
//! - **Urgency and timing** (§4): see [`Mode`]. After a translation the next step receives the
//!   digits at once (R18), so only the first step is digit by digit.
//! - **Translation patterns** (§5): discard digits, mask, prefix ([`crate::transform`]), then
//!   analysis again with the pattern's CSS, or with "Use Originator's Calling Search Space" the
//!   CSS in effect when it engaged (R21) or the first originator's (R23), as
//!   [`crate::Settings::originator_css_chain`] says. "CUCM passes digits through translation
//!   patterns for only ten iterations" (R22): an eleventh translation, or a repeated (digits,
//!   CSS) state, ends in [`Outcome::Loop`].
//! - **Route patterns** route or block (§6); **hunt pilots** hand the call to their hunt list,
//!   whose members are not checked against the caller's CSS (R2, E22); a **directory number**
//!   rings every device it is on (R41), or an application for a CTI route point or UCCX trigger.
//!
//! An analysis whose outcome changes with a disputed setting (the CTI CSS order, E11; the
//! originator's CSS in a chain, E20) is run again with the other reading and says so.

use uclint_model::{DialPattern, Text};

use crate::analysis::{Analysis, Matched, Mode, Outcome, Step, Transformation};
use crate::closest::select;
use crate::plan::{
    dn_text, partition_display, DialPlan, EntryId, EntryKind, OriginatorCss, Record, RouteEntry, Settings,
};
use crate::transform::transform;
use crate::walk::{assume, CssSource, Origin, SearchList};
use crate::{Closest, MAX_DIGITS};

/// The most translations a call passes through (R22).
pub const MAX_TRANSLATIONS: usize = 10;

/// What one step found.
enum Found {
    None,
    Ambiguous(Vec<Matched>),
    One(EntryId),
}

/// How one step receives its digits, for the interdigit timeout (dialplan.md §4).
#[derive(Clone, Copy)]
enum Timing {
    /// The origin sends the whole string: routed at once (E3).
    EnBloc,
    /// The origin sends one digit at a time.
    DigitByDigit,
    /// After a translation: the whole string, but "interdigit timeout is evaluated at each hop"
    /// (R18) unless the translation pattern says "Do Not Wait For Interdigit Timeout On
    /// Subsequent Hops" (R21, E14).
    NextHop {
        /// The previous translation pattern's "Do Not Wait" setting.
        no_wait: bool,
    },
}

/// What a run needs to know beyond its analysis.
struct Run {
    analysis: Analysis,
    cti_order_matters: bool,
    chained_originator: bool,
}

impl DialPlan<'_> {
    /// Analyses `digits` dialed from `origin`, en bloc.
    pub fn analyze(&self, origin: &Origin, digits: &str) -> Analysis {
        self.analyze_with(origin, digits, Mode::EnBloc)
    }

    /// Analyses `digits` dialed from `origin` in `mode`.
    pub fn analyze_with(&self, origin: &Origin, digits: &str, mode: Mode) -> Analysis {
        let settings = self.settings;
        let run = self.run(origin, digits, mode, settings);
        let mut analysis = run.analysis;
        if run.cti_order_matters {
            let flipped = Settings { cti_device_css_first: !settings.cti_device_css_first, ..settings };
            if self.run(origin, digits, mode, flipped).analysis.outcome != analysis.outcome {
                analysis.depends_on_cti_order = true;
                assume(
                    &mut analysis.assumptions,
                    format!(
                        "the outcome depends on the CSS order of CTI devices (sources disagree): {} CSS searched first",
                        if settings.cti_device_css_first { "device" } else { "line" }
                    ),
                );
            }
        }
        if run.chained_originator {
            let other = match settings.originator_css_chain {
                OriginatorCss::InEffect => OriginatorCss::FirstOriginator,
                OriginatorCss::FirstOriginator => OriginatorCss::InEffect,
            };
            let flipped = Settings { originator_css_chain: other, ..settings };
            if self.run(origin, digits, mode, flipped).analysis.outcome != analysis.outcome {
                analysis.depends_on_originator_css = true;
                assume(
                    &mut analysis.assumptions,
                    format!(
                        "the outcome depends on which CSS \"Use Originator's Calling Search Space\" means in a chain of translations (sources disagree): {} used",
                        match settings.originator_css_chain {
                            OriginatorCss::InEffect => "the CSS in effect when the translation engaged",
                            OriginatorCss::FirstOriginator => "the first originator's CSS",
                        }
                    ),
                );
            }
        }
        analysis
    }

    fn run(&self, origin: &Origin, digits: &str, mode: Mode, settings: Settings) -> Run {
        let mut assumptions = Vec::new();
        let walk = self.walk(origin, settings.cti_device_css_first, &mut assumptions);
        let first = walk.list;
        let mut list = first.clone();
        let mut digits = digits.to_owned();
        let mut steps: Vec<Step> = Vec::new();
        // A state is the digits and the partitions searched: the same search whatever the CSS
        // names and their sources.
        let mut states: Vec<(String, Vec<Text>)> = Vec::new();
        let mut chain: Vec<(String, Vec<Text>)> = Vec::new();
        let mut translations = 0;
        let mut no_wait = false;
        let mut chained_originator = false;
        let outcome = loop {
            let state = (digits.clone(), list.partitions.clone());
            chain.push((digits.clone(), css_names(&list)));
            if states.contains(&state) || translations > MAX_TRANSLATIONS {
                break Outcome::Loop { chain };
            }
            states.push(state);
            // The first step takes the origin's mode; a later one receives the digits at once
            // from the previous hop, and evaluates the interdigit timeout again (R18).
            let timing = match (steps.is_empty(), mode) {
                (true, Mode::EnBloc) => Timing::EnBloc,
                (true, Mode::DigitByDigit) => Timing::DigitByDigit,
                (false, _) => Timing::NextHop { no_wait },
            };
            let (mut step, found) = self.step(&list, &digits, timing, &mut assumptions);
            let id = match found {
                Found::None => {
                    let digits = step.digits.clone();
                    steps.push(step);
                    break Outcome::NoMatch { digits };
                }
                Found::Ambiguous(candidates) => {
                    steps.push(step);
                    break Outcome::Ambiguous { candidates };
                }
                Found::One(id) => id,
            };
            let Some(entry) = self.route(id) else {
                steps.push(step);
                // A DN: it rings its devices or hands the call to an application.
                break self.dn_outcome(id).unwrap_or(Outcome::NoMatch { digits });
            };
            let pattern = entry.record;
            if pattern.is_blocked() {
                steps.push(step);
                break Outcome::Blocked {
                    kind: entry.kind,
                    pattern: pattern.pattern.value.clone(),
                    partition: pattern.partition.value.clone(),
                };
            }
            let matched_digits = step.digits.clone();
            match entry.kind {
                EntryKind::HuntPilot => {
                    let hunt_list = pattern.destination.as_ref().map(|d| d.value.clone());
                    let line_groups = hunt_list
                        .as_ref()
                        .and_then(|h| self.hunt_list(h))
                        .map(|h| h.line_groups.iter().map(|g| g.value.clone()).collect());
                    steps.push(step);
                    break Outcome::HuntPilot {
                        pattern: pattern.pattern.value.clone(),
                        partition: pattern.partition.value.clone(),
                        hunt_list,
                        line_groups,
                    };
                }
                EntryKind::RoutePattern | EntryKind::DirectoryNumber => {
                    let called = called_number(entry, &matched_digits, &mut assumptions);
                    if called != matched_digits {
                        step.transformation = Some(Transformation { before: matched_digits, after: called.clone() });
                    }
                    let destination = pattern.destination.as_ref().map(|d| d.value.clone());
                    let route_groups = destination
                        .as_ref()
                        .and_then(|d| self.route_list(d))
                        .map(|r| r.route_groups.iter().map(|g| g.value.clone()).collect());
                    steps.push(step);
                    break Outcome::RoutePattern {
                        pattern: pattern.pattern.value.clone(),
                        partition: pattern.partition.value.clone(),
                        destination,
                        route_groups,
                        called,
                    };
                }
                EntryKind::TranslationPattern => {}
            }
            // A translation pattern.
            translations += 1;
            let called = called_number(entry, &matched_digits, &mut assumptions);
            if pattern.route_next_hop_by_calling.as_ref().is_some_and(|b| b.value) {
                assume(
                    &mut assumptions,
                    format!(
                        "translation pattern {} in {} routes the next hop by calling party number: not modelled, the called number is analysed",
                        pattern.pattern.value,
                        partition_display(&pattern.partition.value)
                    ),
                );
            }
            let next = if pattern.use_originator_css.as_ref().is_some_and(|b| b.value) {
                if translations > 1 {
                    chained_originator = true;
                }
                match settings.originator_css_chain {
                    OriginatorCss::InEffect => list.relabelled(CssSource::Originator),
                    OriginatorCss::FirstOriginator => first.relabelled(CssSource::Originator),
                }
            } else {
                let named: Vec<(Text, CssSource)> =
                    pattern.css.iter().map(|c| (c.value.clone(), CssSource::Pattern)).collect();
                self.search_list(&named, &mut assumptions)
            };
            step.transformation = Some(Transformation { before: matched_digits, after: called.clone() });
            step.next_css = next.css.clone();
            steps.push(step);
            no_wait = pattern.dont_wait_for_idt.as_ref().is_some_and(|b| b.value);
            digits = called;
            list = next;
        };
        Run {
            analysis: Analysis {
                mode,
                steps,
                outcome,
                assumptions,
                depends_on_cti_order: false,
                depends_on_originator_css: false,
            },
            cti_order_matters: walk.cti_order_matters,
            chained_originator,
        }
    }

    /// A matched entry as a step shows it, with its count at `length`.
    fn matched(&self, id: EntryId, length: usize) -> Option<Matched> {
        let form = self.form(id)?;
        let (kind, pattern, partition, span, urgent) = if let Some(route) = self.route(id) {
            let record = route.record;
            (route.kind, record.pattern.value.clone(), record.partition.value.clone(), record.span, record.is_urgent())
        } else {
            let key = self.dn_key_of(id)?;
            (EntryKind::DirectoryNumber, dn_text(&key.value.pattern), key.value.partition.clone(), key.span, false)
        };
        Some(Matched { entry: id, kind, pattern, partition, span, count: form.count(length), urgent })
    }

    /// Where a call that reaches the DN of entry `id` ends: its devices, or the application.
    fn dn_outcome(&self, id: EntryId) -> Option<Outcome> {
        let Record::Dn(dn) = self.entry(id)?.record else { return None };
        let (key, devices) = (dn.key.clone(), self.dn_devices(id));
        Some(if dn.is_trigger() { Outcome::Trigger { dn: key, devices } } else { Outcome::Device { dn: key, devices } })
    }

    /// One digit analysis of `digits` in `list`.
    fn step(&self, list: &SearchList, digits: &str, timing: Timing, assumptions: &mut Vec<String>) -> (Step, Found) {
        for partition in &list.partitions {
            for unanalysed in self.unanalysed_in(partition) {
                assume(assumptions, unanalysed.assumption());
            }
        }
        let mut step = Step {
            digits: digits.to_owned(),
            css: list.css.clone(),
            partitions: list.partitions.clone(),
            matched: None,
            alternates: Vec::new(),
            ambiguous: false,
            routed_after: None,
            interdigit_wait: false,
            transformation: None,
            next_css: Vec::new(),
        };
        // No pattern matches more than MAX_DIGITS characters (R15): nothing to look up.
        let length = digits.chars().count();
        if length > MAX_DIGITS {
            return (step, Found::None);
        }
        let (prefix, matching) = match timing {
            Timing::DigitByDigit => self.digit_by_digit(list, digits),
            Timing::EnBloc | Timing::NextHop { .. } => (digits, self.matching(list, digits)),
        };
        let routed = prefix.chars().count();
        if routed < length {
            step.routed_after = Some(routed);
            step.digits = prefix.to_owned();
            assume(
                assumptions,
                format!(
                    "digit by digit, the call routes after {routed} digits: the digits after {prefix} are not analysed"
                ),
            );
        }
        let found = self.pick(&matching, prefix, &mut step);
        if let Found::One(_) = found {
            let urgent = step.matched.as_ref().is_some_and(|m| m.urgent);
            let waits = match timing {
                Timing::EnBloc | Timing::NextHop { no_wait: true } => false,
                Timing::DigitByDigit | Timing::NextHop { no_wait: false } => routed == length,
            };
            step.interdigit_wait = waits && !urgent && self.potential(list, prefix);
        }
        (step, found)
    }

    /// The entries of `list` that match `digits`, with their partition position, in (position,
    /// entry) order.
    fn matching(&self, list: &SearchList, digits: &str) -> Vec<(EntryId, usize)> {
        let mut out = Vec::new();
        for (position, partition) in list.partitions.iter().enumerate() {
            for id in self.candidates(partition, digits) {
                if self.form(id).is_some_and(|f| f.matches(digits)) {
                    out.push((id, position));
                }
            }
        }
        out
    }

    /// Whether a pattern of `list` could still match a longer string than `digits`.
    fn potential(&self, list: &SearchList, digits: &str) -> bool {
        list.partitions.iter().any(|partition| {
            self.has_longer_prefix(partition, digits)
                || self
                    .candidates(partition, digits)
                    .into_iter()
                    .any(|id| self.form(id).is_some_and(|f| f.extends(digits)))
        })
    }

    /// Digit by digit: the prefix after which the call routes and what matches it (E3, E13).
    fn digit_by_digit<'d>(&self, list: &SearchList, digits: &'d str) -> (&'d str, Vec<(EntryId, usize)>) {
        let ends: Vec<usize> = digits.char_indices().map(|(at, c)| at + c.len_utf8()).collect();
        for &end in &ends {
            let prefix = &digits[..end];
            let matching = self.matching(list, prefix);
            let urgent: Vec<(EntryId, usize)> =
                matching.iter().copied().filter(|&(id, _)| self.is_urgent(id)).collect();
            if !urgent.is_empty() {
                return (prefix, urgent);
            }
            if end < digits.len() && !matching.is_empty() && !self.potential(list, prefix) {
                return (prefix, matching);
            }
        }
        (digits, self.matching(list, digits))
    }

    /// Closest match among `matching`, recorded in `step`.
    fn pick(&self, matching: &[(EntryId, usize)], digits: &str, step: &mut Step) -> Found {
        let length = digits.chars().count();
        let matched = |index: usize| -> Option<Matched> {
            let &(id, _) = matching.get(index)?;
            self.matched(id, length)
        };
        // Alternates: every other match, closest first (count, then partition position).
        let mut order: Vec<usize> = (0..matching.len()).collect();
        let counts: Vec<Option<u128>> =
            matching.iter().map(|&(id, _)| self.form(id).map(|f| f.count(length))).collect();
        order.sort_by_key(|&i| (counts.get(i).copied().flatten().unwrap_or(u128::MAX), matching[i].1, matching[i].0));
        // Every entry of `matching` matches `digits`.
        match select(counts.iter().zip(matching).map(|(count, &(_, position))| count.map(|c| (c, position)))) {
            Closest::NoMatch => Found::None,
            Closest::Match { index, .. } => {
                step.matched = matched(index);
                step.alternates = order.into_iter().filter(|&i| i != index).filter_map(matched).collect();
                Found::One(matching[index].0)
            }
            Closest::Ambiguous { indices, .. } => {
                step.ambiguous = true;
                let tied: Vec<Matched> = indices.iter().filter_map(|&i| matched(i)).collect();
                step.alternates = tied.clone();
                step.alternates.extend(order.into_iter().filter(|i| !indices.contains(i)).filter_map(matched));
                Found::Ambiguous(tied)
            }
        }
    }
}

/// The CSS names of a search list.
fn css_names(list: &SearchList) -> Vec<Text> {
    list.css.iter().map(|c| c.name.clone()).collect()
}

/// Records that a discard instruction was not applied.
/// The called number after a route or translation pattern's own discard digits, mask and prefix,
/// in that order (dialplan.md §5), noting a discard instruction that is not applied.
fn called_number(entry: &RouteEntry<'_>, matched: &str, assumptions: &mut Vec<String>) -> String {
    let called = &entry.record.called;
    let t = transform(&entry.pattern, matched, value(&called.discard), value(&called.mask), value(&called.prefix));
    note_discard(assumptions, entry.kind, entry.record, t.unapplied_discard.as_deref());
    t.digits
}

fn note_discard(assumptions: &mut Vec<String>, kind: EntryKind, pattern: &DialPattern, discard: Option<&str>) {
    if let Some(discard) = discard {
        assume(
            assumptions,
            format!(
                "{} {} in {} uses discard digits instruction {discard}: not applied",
                kind,
                pattern.pattern.value,
                partition_display(&pattern.partition.value)
            ),
        );
    }
}

/// The text of an optional field; empty when unset.
fn value(field: &Option<uclint_model::Spanned<Text>>) -> &str {
    field.as_ref().map_or("", |t| t.value.as_str())
}
