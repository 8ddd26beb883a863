//! DIAL008: a hunt pilot whose hunt list is missing, has no line group, or only line groups
//! without members.

use rustc_hash::FxHashMap;

use uclint_model::{DataSet, HuntList, LineGroup, PatternKind};

use crate::catalog::dial::{fold, names_nothing};
use crate::rule::{declare_rule, name_list};
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every hunt pilot (BAT `huntpilot.csv`, AXL `getHuntPilot`) can offer a call to
    /// someone: its hunt list (BAT `HUNT LIST 1`, AXL `huntListName`)
    /// - is among the export's hunt lists (BAT `huntlist.csv` `NAME`, AXL `getHuntList`);
    /// - has at least one line group (BAT `LINE GROUP n`, AXL `members/member/lineGroupName`);
    /// - when the export has line groups (BAT `linegroup.csv`, AXL `getLineGroup`), has at
    ///   least one that exists and has a member (`DN OR PATTERN n`).
    ///
    /// Names are compared trimmed and without regard to case.
    ///
    /// ## What it leaves alone
    /// - Blocked hunt pilots (`BLOCKTHIS PATTERN`), and pilots whose hunt list is not given.
    /// - A hunt list with one empty line group among others that have members: hunting may
    ///   stop at the empty one (Cisco documents that an empty line group stops hunting), but
    ///   whether callers then reach the others depends on the hunt options, which are not read.
    /// - The line groups' members themselves (whether their DNs are on devices).
    /// - An export whose hunt list table is empty while hunt pilots name hunt lists: an export
    ///   of part of the cluster. The rule is skipped and says why.
    /// - The line-group check when the export has no line groups (the run summary says so).
    ///
    /// ## Why it breaks
    /// A hunt pilot sends calls to its hunt list, which offers them to the members of its line
    /// groups in order (`dialplan.md` §7). With no hunt list, no line group or only empty ones,
    /// no member is ever offered a call: callers get reorder, unless the pilot forwards or
    /// queues them elsewhere.
    ///
    /// ## Example
    /// ```csv
    /// NAME,DESCRIPTION,ROUTE LIST ENABLED,SELECTION ORDER 1,LINE GROUP 1
    /// HL_Sales,Sales,t,1,LG_Sales
    /// ```
    /// (`huntlist.csv`, some columns) with `LG_Sales` in `linegroup.csv` without a `DN OR
    /// PATTERN 1`.
    ///
    /// ## How to fix
    /// Call Routing > Route/Hunt > Line Group > the group: add members (Selected DN/Route
    /// Partition); or Call Routing > Route/Hunt > Hunt List > the list: add a line group that
    /// has members; or Call Routing > Route/Hunt > Hunt Pilot > the pilot: choose a hunt list
    /// that exists.
    ///
    /// ## Sources
    /// - Cisco, System Configuration Guide for CUCM 11.5(1), "Hunt Pilot Overview"; Cisco,
    ///   System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing" (line groups:
    ///   an empty line group stops hunting); `dialplan.md` §7 (R1, R2).
    code: "DIAL008",
    name: "hunt-pilot-without-members",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [HuntPilots, HuntLists],
    summary: "A hunt pilot's hunt list is missing, has no line group, or only line groups without members.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let pilots: Vec<_> = cluster
        .dial_patterns
        .iter()
        .filter(|p| p.kind == PatternKind::HuntPilot && !p.is_blocked())
        .filter_map(|p| Some((p, p.destination.as_ref().filter(|d| !names_nothing(&d.value))?)))
        .collect();
    if cluster.hunt_lists.is_empty() && !pilots.is_empty() {
        // A hunt pilot's hunt list exists in any cluster: an empty table is an export of part of
        // the cluster, not evidence that the hunt lists are gone.
        return Err(Skip::new("the export's hunt list table is empty"));
    }
    let mut lists: FxHashMap<String, &HuntList> = FxHashMap::default();
    for list in &cluster.hunt_lists {
        lists.entry(fold(&list.name.value)).or_insert(list);
    }
    // Line groups are judged only when the export has some: an empty table is no evidence.
    let groups_known = cluster.has(DataSet::LineGroups) && !cluster.line_groups.is_empty();
    let mut groups: FxHashMap<String, &LineGroup> = FxHashMap::default();
    for group in &cluster.line_groups {
        groups.entry(fold(&group.name.value)).or_insert(group);
    }
    let mut unchecked_groups = false;
    for (pilot, cell) in pilots {
        let name = cell.value.trim();
        let help = format!(
            "Call Routing > Route/Hunt > Hunt Pilot > {} in {}: choose a hunt list that exists",
            pilot.pattern.value,
            pilot.dn_key().partition_display()
        );
        let Some(list) = lists.get(&fold(name)) else {
            let message = format!(
                "{} names hunt list '{name}', which is not among the export's hunt lists: no member is ever offered a \
                 call, so callers get reorder",
                pilot.key()
            );
            sink.report(pilot.key(), cell.span, "not a hunt list in the export", message).help(help);
            continue;
        };
        let named: Vec<_> = list.line_groups.iter().filter(|g| !names_nothing(&g.value)).collect();
        if named.is_empty() {
            let message = format!(
                "{} uses hunt list {}, which has no line group: no member is ever offered a call, so callers get \
                 reorder",
                pilot.key(),
                list.name.value
            );
            let help = format!(
                "Call Routing > Route/Hunt > Hunt List > {}: add a line group that has members",
                list.name.value
            );
            sink.report(pilot.key(), cell.span, "hunt list without line groups", message)
                .label(list.name.span, "hunt list")
                .help(help);
            continue;
        }
        if !groups_known {
            unchecked_groups = true;
            continue;
        }
        let staffed = named.iter().any(|g| groups.get(&fold(&g.value)).is_some_and(|group| !group.members.is_empty()));
        if staffed {
            continue;
        }
        let described: Vec<String> = named
            .iter()
            .map(|g| match groups.get(&fold(&g.value)) {
                Some(group) => format!("{} (no members)", group.name.value),
                None => format!("{} (not in the export)", g.value.trim()),
            })
            .collect();
        let described: Vec<&str> = described.iter().map(String::as_str).collect();
        let message = format!(
            "{} uses hunt list {}, whose line groups {} offer calls to no one: hunting stops at an empty line \
             group, so callers get reorder",
            pilot.key(),
            list.name.value,
            name_list(&described)
        );
        let help = format!(
            "Call Routing > Route/Hunt > Line Group > {}: add members (or give hunt list {} a line group that has \
             members)",
            named[0].value.trim(),
            list.name.value
        );
        let mut finding = sink
            .report(pilot.key(), cell.span, "hunt list without members", message)
            .label(list.name.span, "hunt list");
        for group in &named {
            let caption = match groups.get(&fold(&group.value)) {
                Some(_) => "line group without members",
                None => "line group not in the export",
            };
            finding = finding.label(group.span, caption);
        }
        finding.help(help);
    }
    if unchecked_groups {
        sink.note("the export has no line groups: hunt lists' line groups were not checked for members");
    }
    Ok(())
}
