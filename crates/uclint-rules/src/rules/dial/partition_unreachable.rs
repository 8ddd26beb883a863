//! DIAL003: a partition holds numbers or patterns but no calling search space lists it.

use rustc_hash::FxHashMap;

use uclint_model::Span;

use crate::catalog::dial::{fold, is_builtin_partition, names_nothing, Names};
use crate::catalog::CtiKind;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every partition of the export (BAT `partition.csv`, AXL `getRoutePartition`) that
    /// holds something callers dial is listed by at least one calling search space (BAT
    /// `css.csv` `ROUTE PARTITION n`, AXL `getCss`), whatever that CSS is used for: a device's,
    /// a line's, a translation pattern's, a trunk's or an application's. What a partition
    /// holds:
    /// - the directory numbers on phones, device profiles and CTI route points;
    /// - route patterns, translation patterns and hunt pilots (blocking patterns too: a block
    ///   in a partition no one searches blocks nothing).
    ///
    /// Names are compared trimmed and without regard to case.
    ///
    /// ## What it leaves alone
    /// - CUCM's own partitions (`E911`, the ILS `Global Learned …` partitions, `Directory URI`)
    ///   and the `<None>` partition, which is in every CSS.
    /// - Line-group members: a hunt pilot offers calls to them whatever the caller's CSS
    ///   (`dialplan.md` §7), so a partition of agents or hunt members alone is by design.
    /// - The directory numbers of CTI ports: the application redirects calls to them with a
    ///   CSS of its own choosing (for UCCX, DIAL005 checks that CSS).
    /// - Directory numbers on no device, call park, meet-me and other feature numbers (GEN007
    ///   and the feature's own pages cover them), and intercom partitions, which intercom CSSs
    ///   list.
    /// - An export whose calling search space table is empty while partitions hold numbers: an
    ///   export of part of the cluster. The rule is skipped and says why.
    ///
    /// ## Why it breaks
    /// Digit analysis matches only the patterns in the partitions of the CSS in effect, plus
    /// `<None>` (`dialplan.md` §0, §3.1). A partition that no CSS lists is searched for no
    /// call: its numbers never ring from a dialed call and its patterns never match. Usually a
    /// partition was created and filled but not added to the CSSs, or taken out of the last
    /// CSS that listed it.
    ///
    /// ## Example
    /// ```csv
    /// NAME,DESCRIPTION,TIME SCHEDULE,SPECIFIC TIME ZONE,ORIGINATING DEVICE
    /// PT_Lobby,Lobby phones,,,t
    /// ```
    /// with the lobby phones' DNs in `PT_Lobby`, and no `ROUTE PARTITION n` of `css.csv`
    /// naming it.
    ///
    /// ## How to fix
    /// Call Routing > Class of Control > Calling Search Space > each CSS whose callers must reach
    /// the numbers: add the partition to Selected Partitions. If nothing should reach them, move
    /// the numbers out and delete the partition.
    ///
    /// ## Sources
    /// - Cisco CallManager System Guide, "Partitions and Calling Search Spaces"; Cisco, System
    ///   Configuration Guide for CUCM 11.5(1), "Hunt Pilot Overview" (hunting overrides the
    ///   caller's CSS); `dialplan.md` §3.1, §7 (R2, R3).
    code: "DIAL003",
    name: "partition-unreachable",
    family: Dial,
    severity: Warning,
    status: Stable,
    requires: [Partitions, CallingSearchSpaces],
    summary: "A partition holds numbers or patterns, but no calling search space lists it.",
    check: check,
}

/// What a partition holds, for the message: the first number or pattern found in it and how
/// many there are.
struct Held {
    first: String,
    span: Span,
    count: usize,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let searched = Names::new(cluster.calling_search_spaces.iter().flat_map(|c| &c.partitions));
    let mut held: FxHashMap<String, Held> = FxHashMap::default();
    // Asked once per directory number of a megacluster: the description is only written for
    // a partition no CSS lists (formatting it for every number cost 0.3 s on `mega`).
    let mut hold = |partition: &str, what: &dyn Fn() -> String, span: Span| {
        if names_nothing(partition) || searched.contains(partition) || is_builtin_partition(partition) {
            return;
        }
        held.entry(fold(partition)).and_modify(|h| h.count += 1).or_insert_with(|| Held {
            first: what(),
            span,
            count: 1,
        });
    };
    for id in ctx.index.dns() {
        let key = ctx.index.dn_key(id);
        let appearances = ctx.index.appearances_of(id);
        let dialed = appearances.iter().find(|a| CtiKind::of(a.device) != Some(CtiKind::Port));
        let Some(first) = dialed else { continue };
        if !ctx.index.line_groups_with(key).is_empty() {
            continue;
        }
        let what = || {
            format!("directory number {} on {} {}", key.pattern, first.device.kind.describe(), first.device.name.value)
        };
        hold(&key.partition, &what, first.line.dn.span);
    }
    for pattern in &cluster.dial_patterns {
        let what = || format!("{} {}", pattern.kind.describe(), pattern.pattern.value);
        hold(&pattern.partition.value, &what, pattern.pattern.span);
    }
    if cluster.calling_search_spaces.is_empty()
        && cluster.partitions.iter().any(|p| held.contains_key(&fold(&p.name.value)))
    {
        // A cluster whose partitions hold numbers has calling search spaces: an empty table is an
        // export of part of the cluster, not evidence that no CSS lists the partitions.
        return Err(Skip::new("the export's calling search space table is empty"));
    }
    for partition in &cluster.partitions {
        let Some(held) = held.remove(&fold(&partition.name.value)) else { continue };
        let others = match held.count {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        let message = format!(
            "partition {} holds {}{others}, but no calling search space lists it: digit analysis never searches it, \
             so no dialed call reaches what it holds",
            partition.name.value, held.first,
        );
        let help = format!(
            "Call Routing > Class of Control > Calling Search Space: add {} to the Selected Partitions of the CSSs \
             whose callers must reach it, or move its numbers and delete it",
            partition.name.value
        );
        sink.report(partition.key(), partition.name.span, "in no calling search space", message)
            .label(held.span, format!("{} is in it", held.first))
            .help(help);
    }
    Ok(())
}
