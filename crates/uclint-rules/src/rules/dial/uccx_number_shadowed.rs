//! DIAL006: a UCCX trigger or IPCC extension that another pattern shadows in a calling search
//! space holding its partition.

use rustc_hash::{FxHashMap, FxHashSet};
use uclint_dialplan::{dialable, partition_display, DialPlan, EntryId, Origin, Record};
use uclint_model::{CallingSearchSpace, DnKey, ObjectKey, Span};

use crate::catalog::call_path::{describe, dn_display, lands_on, ties_with};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That dialing a UCCX trigger's directory number (the CTI route point's line, or
    /// `adminapi/trigger` `directoryNumber`) or an agent's IPCC extension (the end user's `IPCC
    /// Extension`) from each calling search space that holds its partition (BAT `css.csv`
    /// `ROUTE PARTITION n`, AXL `getCss`) reaches that number. Each such CSS is analysed alone,
    /// en bloc, as CUCM's digit analysis does: the closest match over the CSS's partitions wins,
    /// partition order breaks ties, translation patterns are followed (`uclint route` shows the
    /// trace). A finding names the pattern that wins and where the call ends.
    ///
    /// ## What it leaves alone
    /// - Numbers in the `<None>` partition: every CSS searches it last, so every pattern of the
    ///   same length in a named partition would be reported.
    /// - A number the winning pattern sends back to it (a translation whose result reaches the
    ///   number), a tie between the number and another pattern of its partition, and an outcome
    ///   that depends on a setting the sources disagree on: the call's fate cannot be told
    ///   offline.
    /// - Wildcard DNs, which are not one number.
    ///
    /// ## Why it breaks
    /// Digit analysis picks the pattern that matches the fewest strings, and between equally
    /// specific patterns the one in the earlier partition of the CSS (`dialplan.md` §2); a DN is
    /// a pattern like any other (R28). A translation pattern, route pattern or DN left from an
    /// old IVR or dial plan that matches the trigger's number in an earlier partition takes every
    /// call dialed from that CSS: callers never reach the UCCX application. For an IPCC
    /// extension, the agent's direct calls and, when the redirect CSS is the shadowed one,
    /// queued calls go elsewhere.
    ///
    /// ## Example
    /// `CSS_HQ_Device` lists `PT_HQ_Internal` before `PT_CTI`; trigger `5049` is in `PT_CTI` and a
    /// translation pattern `5049` in `PT_HQ_Internal`:
    /// ```csv
    /// TRANSLATION PATTERN,ROUTE PARTITION,DESCRIPTION
    /// 5049,PT_HQ_Internal,Old IVR number
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Translation Pattern (or Route/Hunt > Route Pattern, or the DN) named in the
    /// message: delete the pattern if it is left over, or move it to a partition the CSS searches
    /// after the UCCX number's; or change the CSS's partition order (Call Routing > Class of
    /// Control > Calling Search Space > Selected Partitions).
    ///
    /// ## Sources
    /// - Cisco, System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing" (closest
    ///   match; partition order breaks ties),
    ///   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU3/systemConfig/cucm_b_system-configuration-guide-1251su3/cucm_m_configure-call-routing.html>;
    ///   `dialplan.md` §2, §3 (R1, R3, R5, R8).
    /// - Cisco Community, "Device CSS v Line CSS" (DNs are patterns too),
    ///   <https://community.cisco.com/t5/ip-telephony-and-phones/device-css-v-line-css/td-p/2168220>
    ///   (R28).
    /// - Cisco, UCCX 12.5(1)SU1 Administration and Operations Guide, "Telephony and Media
    ///   Provision" (triggers and agents' extensions),
    ///   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/crs/express_12_5_1_su1/maintain_and_operate/guide/uccx_b_1251su1admin-and-operations-guide/uccx_b_12_5_2admin-and-operations-guide_chapter_0111.html>;
    ///   `dialplan.md` §8 (R32).
    code: "DIAL006",
    name: "uccx-number-shadowed",
    family: Dial,
    severity: Warning,
    status: Stable,
    requires: [Partitions, CallingSearchSpaces],
    summary: "A UCCX trigger or IPCC extension loses to another pattern in a calling search space that holds it.",
    check: check,
}

/// A UCCX number to check.
struct Number {
    /// The DN keys that count as reaching it (several for an IPCC extension given without a
    /// partition that resolves to several).
    keys: Vec<DnKey>,
    /// The key whose partition's CSSs are analysed.
    key: DnKey,
    object: ObjectKey,
    span: Span,
    /// `UCCX trigger 5049 in PT_CTI (route point RP_5049)`.
    what: String,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut numbers: Vec<Number> = Vec::new();
    let mut seen: FxHashSet<(ObjectKey, DnKey)> = FxHashSet::default();
    match ctx.uccx_triggers() {
        Ok(triggers) => {
            for trigger in triggers {
                let object = trigger.key();
                if seen.insert((object.clone(), trigger.dn.clone())) {
                    numbers.push(Number {
                        keys: vec![trigger.dn.clone()],
                        key: trigger.dn.clone(),
                        object,
                        span: trigger.dn_span,
                        what: format!("UCCX trigger {} ({})", dn_display(&trigger.dn), trigger.describe()),
                    });
                }
            }
        }
        Err(reason) if ctx.agents.is_empty() => return Err(Skip::new(reason)),
        Err(reason) => sink.note(format!("UCCX triggers not checked: {reason}")),
    }
    for agent in &ctx.agents {
        for key in &agent.keys {
            let object = agent.user.key();
            if seen.insert((object.clone(), key.clone())) {
                numbers.push(Number {
                    keys: agent.keys.clone(),
                    key: key.clone(),
                    object,
                    span: agent.ipcc.span,
                    what: format!("agent {}'s IPCC extension {}", agent.user.user_id.value, dn_display(key)),
                });
            }
        }
    }
    if numbers.is_empty() {
        return Ok(());
    }

    // The calling search spaces holding each partition, in export order, each once.
    let mut holding: FxHashMap<&str, Vec<&CallingSearchSpace>> = FxHashMap::default();
    for css in &ctx.cluster.calling_search_spaces {
        let mut listed: FxHashSet<&str> = FxHashSet::default();
        for partition in &css.partitions {
            let name = partition.value.trim();
            if !name.is_empty() && listed.insert(name) {
                holding.entry(name).or_default().push(css);
            }
        }
    }
    let plan = ctx.dial_plan();
    let mut unclear = 0usize;
    for number in &numbers {
        let digits = number.key.pattern.as_str();
        let partition = number.key.partition.as_str();
        if partition.is_empty() || !dialable(digits) {
            continue;
        }
        let Some((ours_id, ours)) = plan.dn_entry(&number.key).and_then(|id| Some((id, plan.entry(id)?))) else {
            continue;
        };
        let our_count = ours.count(digits.chars().count());
        for css in holding.get(partition).into_iter().flatten() {
            if matches_alone(plan, css, digits, ours_id) {
                continue;
            }
            let analysis = plan.analyze(&Origin::Css(css.name.value.clone()), digits);
            if lands_on(&analysis.outcome, &number.keys) {
                continue;
            }
            if ties_with(plan, &analysis.outcome, &number.keys)
                || analysis.depends_on_cti_order
                || analysis.depends_on_originator_css
            {
                unclear += 1;
                continue;
            }
            let Some(winner) = analysis.steps.first().and_then(|s| s.matched.as_ref()) else { continue };
            let why = if winner.count < our_count {
                "a more specific pattern"
            } else {
                "an equally specific pattern in a partition the CSS searches first"
            };
            let message = format!(
                "{} is shadowed in calling search space {}: dialing {digits} from it matches {} {} in {} first \
                 ({why}), and the call {}. Callers using that CSS never reach the UCCX number",
                number.what,
                css.name.value,
                winner.kind,
                winner.pattern,
                partition_display(&winner.partition),
                describe(&analysis.outcome),
            );
            let help = format!(
                "delete {} {} in {} if it is left over, or move it to a partition that {} searches after {}; or \
                 reorder the partitions (Call Routing > Class of Control > Calling Search Space > {} > Selected \
                 Partitions)",
                winner.kind,
                winner.pattern,
                partition_display(&winner.partition),
                css.name.value,
                partition,
                css.name.value,
            );
            // The winning pattern's own cell (its pattern, or the DN's), not its whole record.
            let winner_span = match plan.entry(winner.entry).map(|e| e.record) {
                Some(Record::Pattern(pattern)) => pattern.pattern.span,
                _ => winner.span,
            };
            sink.report(number.object.clone(), number.span, "UCCX number shadowed", message)
                .label(winner_span, format!("{} that wins", winner.kind))
                .label(css.name.span, "the calling search space")
                .help(help);
        }
    }
    if unclear > 0 {
        sink.note(format!(
            "{unclear} UCCX number(s) not judged in some CSS: the outcome depends on a tie or on a setting the sources \
             disagree on (`uclint route` shows the analysis)"
        ));
    }
    Ok(())
}

/// Whether the DN `ours` is the only pattern of `css`'s partitions (and `<None>`) that matches
/// `digits`: then digit analysis picks it whatever the order, and the full analysis (with its
/// search list, assumptions and second readings) is not needed. Most numbers are alone, and a
/// megacluster has thousands of agents times the CSSs that hold their partition.
fn matches_alone(plan: &DialPlan<'_>, css: &CallingSearchSpace, digits: &str, ours: EntryId) -> bool {
    css.partitions.iter().map(|p| p.value.trim()).chain([""]).all(|partition| {
        plan.candidates(partition, digits)
            .into_iter()
            .all(|id| id == ours || plan.entry(id).is_none_or(|e| !e.matches(digits)))
    })
}
