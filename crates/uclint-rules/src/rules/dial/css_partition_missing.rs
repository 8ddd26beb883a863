//! DIAL001: a calling search space lists a partition that is not among the export's partitions.

use crate::catalog::dial::{is_builtin_partition, names_nothing, Names};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every partition a calling search space lists (BAT `css.csv` `ROUTE PARTITION n`,
    /// AXL `getCss` `members/member/routePartitionName`) is among the export's partitions (BAT
    /// `partition.csv` `NAME`, AXL `getRoutePartition`). Names are compared trimmed and without
    /// regard to case.
    ///
    /// ## What it leaves alone
    /// - Partitions CUCM creates and manages itself, which an export may name without listing:
    ///   `E911`, the ILS `Global Learned …` partitions and `Directory URI`.
    /// - Empty members and the `<None>` partition, which is in every calling search space.
    /// - An export whose partition table is empty while CSSs list partitions: an export of part
    ///   of the cluster. The rule is skipped and says why.
    ///
    /// ## Why it breaks
    /// Digit analysis searches a calling search space's partitions in order and matches only the
    /// patterns in them (`dialplan.md` §3.1). A partition that does not exist holds nothing: the
    /// numbers the administrator meant callers to reach there are not found, and calls to them
    /// fail or match a less specific pattern elsewhere. A live CUCM keeps this reference whole,
    /// so in an export it means the partition was renamed or deleted between the exports read
    /// together, or a BAT file prepared for import names a partition that is not there; the
    /// import then fails on that record.
    ///
    /// ## Example
    /// ```csv
    /// NAME,DESCRIPTION,TYPE OF PARTITION USAGE,ROUTE PARTITION 1,ROUTE PARTITION 2
    /// CSS_Internal,Internal calls,General,PT_Internal,PT_Old_Site
    /// ```
    /// while `partition.csv` has no `PT_Old_Site`.
    ///
    /// ## How to fix
    /// Call Routing > Class of Control > Calling Search Space > the CSS: move the partition out
    /// of Selected Partitions, or create it (Call Routing > Class of Control > Partition) and
    /// put the numbers meant for it there.
    ///
    /// ## Sources
    /// - Cisco, System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing"
    ///   (partitions and calling search spaces); `dialplan.md` §3.1 (R3, R42).
    code: "DIAL001",
    name: "css-partition-missing",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [Partitions, CallingSearchSpaces],
    summary: "A calling search space lists a partition that is not in the export.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let listed = |name: &str| !names_nothing(name) && !is_builtin_partition(name);
    let lists_any = cluster.calling_search_spaces.iter().flat_map(|c| &c.partitions).any(|p| listed(&p.value));
    if cluster.partitions.is_empty() && lists_any {
        // A cluster always has partitions once a CSS lists one: an empty table is an export of
        // part of the cluster, not evidence that the partitions are gone.
        return Err(Skip::new("the export's partition table is empty"));
    }
    let partitions = Names::new(cluster.partitions.iter().map(|p| &p.name));
    for css in &cluster.calling_search_spaces {
        for (position, member) in css.partitions.iter().enumerate() {
            let name = &member.value;
            if !listed(name) || partitions.contains(name) {
                continue;
            }
            let message = format!(
                "calling search space {} lists partition '{}' (position {}), which is not among the export's \
                 partitions: digit analysis finds nothing there, so calls meant for it fail or match elsewhere",
                css.name.value,
                name.trim(),
                position + 1,
            );
            let help = format!(
                "Call Routing > Class of Control > Calling Search Space > {}: remove '{}' from Selected Partitions, \
                 or create the partition (Call Routing > Class of Control > Partition)",
                css.name.value,
                name.trim(),
            );
            sink.report(css.key(), member.span, "not a partition in the export", message)
                .label(css.name.span, "calling search space")
                .help(help);
        }
    }
    Ok(())
}
