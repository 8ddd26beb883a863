//! GEN001: one number in several partitions.

use rustc_hash::FxHashSet;

use uclint_model::ObjectKey;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every number (normalised pattern) on the lines of phones and device profiles exists
    /// in one partition only. One finding per number.
    ///
    /// ## What it leaves alone
    /// - Numbers that are an agent's IPCC extension: UCCX002 reports them, as errors.
    /// - Numbers on no phone or device profile: unassigned DNs, route patterns, hunt pilots,
    ///   the 911 CUCM creates in its "Auto created E911 Partition" and the patterns ILS learns
    ///   into the `Global Learned …` partitions are not compared. Templates are set aside when
    ///   the export is read.
    ///
    /// ## Why it breaks
    /// Same-number DNs in different partitions are legal but confusing: which one a caller
    /// reaches depends on the calling search space, CTI applications treat them like a shared
    /// line, and the Route Plan Report shows duplicates. They are a common source of misrouted
    /// calls.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1
    /// SEP0011AABB00A1,Cisco 8851,2001,PT_Internal
    /// SEP0011AABB00F1,Cisco 7841,2001,PT_Lab
    /// ```
    ///
    /// ## How to fix
    /// Renumber one of the DNs, or confirm the design (Call Routing > Route Plan Report lists
    /// every DN with the number).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, step 2 (A); Cisco CallManager System Guide (CM-SYS).
    code: "GEN001",
    name: "dn-in-several-partitions",
    family: Gen,
    severity: Info,
    status: Stable,
    requires: [Phones | DeviceProfiles],
    summary: "The same number exists as a DN in several partitions.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let ipcc: FxHashSet<&str> = ctx.agents.iter().map(|a| a.ipcc.value.pattern.as_str()).collect();
    for ids in ctx.index.patterns_in_several_partitions() {
        let pattern = ctx.index.dn_key(ids[0]).pattern.as_str();
        if ipcc.contains(pattern) {
            continue;
        }
        let partitions: Vec<&str> = ids.iter().map(|id| ctx.index.dn_key(*id).partition_display()).collect();
        let message = format!(
            "DN {pattern} exists in partitions {}; this is a common source of CTI and shared-line confusion and \
             misrouted calls",
            partitions.join(", ")
        );
        // Every id has at least one appearance: ids are only given to DNs found on devices.
        let firsts: Vec<_> = ids.iter().map(|id| (ctx.index.dn_key(*id), &ctx.index.appearances_of(*id)[0])).collect();
        let ((key, primary), rest) = (firsts[0], &firsts[1..]);
        let mut finding = sink.report(
            ObjectKey::Dn(key.clone()),
            primary.line.dn.span,
            &format!("{key} on {}", primary.device.name.value),
            message,
        );
        for (key, a) in rest {
            finding = finding.label(a.line.dn.span, format!("{key} on {}", a.device.name.value));
        }
        finding.help(
            "renumber one of the DNs (Call Routing > Directory Number), or confirm the design in Call Routing > Route \
             Plan Report",
        );
    }
    Ok(())
}
