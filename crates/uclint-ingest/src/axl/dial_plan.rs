//! The dial plan from AXL `get*`/`list*` responses: `routePartition`, `css`, `routePattern`,
//! `transPattern`, `huntPilot`, `huntList`, `routeList` and `sipTrunk` records, for offline
//! digit analysis (issue #21, `dialplan.md`).
//!
//! Element names are those of the AXL schema (`AXLSoap.xsd`, `R*` types; children unqualified,
//! formats.md §3) as public AXL clients write them:
//! - `css` `members/member{routePartitionName, index}`: Cisco's sample
//!   `CiscoDevNet/axl-python-zeep-samples` `axl_add_partition_css.py`;
//! - `routePattern` `pattern`, `routePartitionName`, `blockEnable`, `digitDiscardInstructionName`,
//!   `prefixDigitsOut`, `routeFilterName`, `destination/routeListName`: the same repository's
//!   `axl_add_Route_Pattern.py`; `destination/gatewayName` is the schema's other choice of
//!   destination (a gateway or trunk by name);
//! - `transPattern` `callingSearchSpaceName`, `routeNextHopByCgpn`, `useOriginatorCss`,
//!   `dontWaitForIDTOnSubsequentHops`: the fields of `addTransPattern`/`getTransPattern` as AXL
//!   clients list them (`jeokrohn/ucmprovisioning` `ucmaxl/__init__.py`, `dialplan.md` R47);
//! - `huntList` `members/member{lineGroupName, selectionOrder}` and `routeList`
//!   `members/member{routeGroupName, selectionOrder}`: `addHuntList`/`addRouteList` request
//!   bodies in public AXL scripts (requests and `get*` responses share the `X*` types).
//!
//! \[I\] `routePartition` `timeScheduleIdName` (the partition's Time Schedule) is taken from the
//! brief of issue #21 and was not seen in a captured response; `timeScheduleName` is accepted
//! too. \[I\] `patternUrgency` is read on hunt pilots as on route patterns.
//!
//! Every value is kept as written and spans its element text. An empty or `xsi:nil`
//! `routePartitionName` is the "None" partition (formats.md §1), spanning the empty element. A
//! member list is ordered by `index` or `selectionOrder`; a member without a usable one keeps its
//! position in the list (a bad value is INPUT004 at its text), and ties keep document order.
//! Records without a name (or, for patterns, a `pattern`) are not records and are skipped.

use uclint_model::{
    CalledTransform, CallingSearchSpace, DialPattern, HuntList, Partition, PatternKind, RouteList, Span, Spanned, Text,
};

use crate::xml::read::{flag, number};
use crate::xml::Element;
use crate::FileParse;

/// One `<routePartition>`: `name` and its Time Schedule.
pub fn route_partition(parse: &mut FileParse<'_>, partition: Element<'_>) {
    let Some(name) = partition.text_at(&["name"]) else { return };
    let time_schedule = partition.text_at(&["timeScheduleIdName"]).or_else(|| partition.text_at(&["timeScheduleName"]));
    parse.cluster.partitions.push(Partition { name, time_schedule, span: partition.span() });
}

/// One `<css>`: `name` and `members/member/routePartitionName` in `index` order.
pub fn css(parse: &mut FileParse<'_>, css: Element<'_>) {
    let Some(name) = css.text_at(&["name"]) else { return };
    let partitions = ordered_members(parse, css, "routePartitionName", "index");
    parse.cluster.calling_search_spaces.push(CallingSearchSpace { name, partitions, span: css.span() });
}

/// One `<routePattern>`: where it sends calls is `destination/routeListName` or
/// `destination/gatewayName` (a gateway or trunk).
pub fn route_pattern(parse: &mut FileParse<'_>, record: Element<'_>) {
    let Some(mut pattern) = dial_pattern(parse, record, PatternKind::RoutePattern) else { return };
    pattern.destination =
        record.text_at(&["destination", "routeListName"]).or_else(|| record.text_at(&["destination", "gatewayName"]));
    parse.cluster.dial_patterns.push(pattern);
}

/// One `<transPattern>`: the pattern fields plus its own calling search space and the three
/// settings that change how the translated number is routed.
pub fn trans_pattern(parse: &mut FileParse<'_>, record: Element<'_>) {
    let Some(mut pattern) = dial_pattern(parse, record, PatternKind::TranslationPattern) else { return };
    pattern.css = record.text_at(&["callingSearchSpaceName"]);
    pattern.use_originator_css = flag(parse, record, &["useOriginatorCss"]);
    pattern.dont_wait_for_idt = flag(parse, record, &["dontWaitForIDTOnSubsequentHops"]);
    pattern.route_next_hop_by_calling = flag(parse, record, &["routeNextHopByCgpn"]);
    parse.cluster.dial_patterns.push(pattern);
}

/// One `<huntPilot>`: the pattern fields and `huntListName`.
pub fn hunt_pilot(parse: &mut FileParse<'_>, record: Element<'_>) {
    let Some(mut pattern) = dial_pattern(parse, record, PatternKind::HuntPilot) else { return };
    pattern.destination = record.text_at(&["huntListName"]);
    parse.cluster.dial_patterns.push(pattern);
}

/// One `<huntList>`: `name` and `members/member/lineGroupName` in `selectionOrder`.
pub fn hunt_list(parse: &mut FileParse<'_>, list: Element<'_>) {
    let Some(name) = list.text_at(&["name"]) else { return };
    let line_groups = ordered_members(parse, list, "lineGroupName", "selectionOrder");
    parse.cluster.hunt_lists.push(HuntList { name, line_groups, span: list.span() });
}

/// One `<routeList>`: `name` and `members/member/routeGroupName` in `selectionOrder`.
pub fn route_list(parse: &mut FileParse<'_>, list: Element<'_>) {
    let Some(name) = list.text_at(&["name"]) else { return };
    let route_groups = ordered_members(parse, list, "routeGroupName", "selectionOrder");
    parse.cluster.route_lists.push(RouteList { name, route_groups, span: list.span() });
}

/// One `<sipTrunk>`: only its `name`, which a route pattern or route group may name.
pub fn sip_trunk(parse: &mut FileParse<'_>, trunk: Element<'_>) {
    let Some(name) = trunk.text_at(&["name"]) else { return };
    parse.cluster.trunks.push(name);
}

/// The fields the three kinds of pattern share: `pattern`, `routePartitionName`, `blockEnable`,
/// `patternUrgency`, `routeFilterName` and the called-party transformation
/// (`digitDiscardInstructionName`, `calledPartyTransformationMask`, `prefixDigitsOut`).
fn dial_pattern(parse: &mut FileParse<'_>, record: Element<'_>, kind: PatternKind) -> Option<DialPattern> {
    let pattern = record.text_at(&["pattern"])?;
    let partition = partition(record, pattern.span);
    let mut dial_pattern = DialPattern::new(kind, pattern, partition, record.span());
    dial_pattern.blocked = flag(parse, record, &["blockEnable"]);
    dial_pattern.urgent = flag(parse, record, &["patternUrgency"]);
    dial_pattern.route_filter = record.text_at(&["routeFilterName"]);
    dial_pattern.called = CalledTransform {
        discard: record.text_at(&["digitDiscardInstructionName"]),
        mask: record.text_at(&["calledPartyTransformationMask"]),
        prefix: record.text_at(&["prefixDigitsOut"]),
    };
    Some(dial_pattern)
}

/// `routePartitionName`, trimmed: its text, or the empty "None" partition spanning the empty
/// element (or the pattern, when the record has no such element).
fn partition(record: Element<'_>, pattern: Span) -> Spanned<Text> {
    match record.child("routePartitionName") {
        Some(element) => element.value().unwrap_or_else(|| Spanned::new(Text::default(), element.span())),
        None => Spanned::new(Text::default(), pattern),
    }
}

/// The `item` texts of `members/member`, ordered by each member's `order` number. A member
/// without an `item` value is not a member; one without a usable `order` takes its position
/// (1-based) in the list. The sort is stable, so equal orders keep document order.
fn ordered_members(parse: &mut FileParse<'_>, record: Element<'_>, item: &str, order: &str) -> Vec<Spanned<Text>> {
    let Some(list) = record.child("members") else { return Vec::new() };
    let mut members = Vec::new();
    for (position, member) in list.children_named("member").enumerate() {
        let Some(value) = member.text_at(&[item]) else { continue };
        let position = u32::try_from(position).unwrap_or(u32::MAX).saturating_add(1);
        let order = number(parse, member, &[order]).map_or(position, |o| o.value);
        members.push((order, value));
    }
    members.sort_by_key(|(order, _)| *order);
    members.into_iter().map(|(_, value)| value).collect()
}
