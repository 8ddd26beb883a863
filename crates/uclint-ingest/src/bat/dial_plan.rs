//! The dial plan of the Import/Export tar: `partition.csv`, `css.csv`, the route plan patterns of
//! `routepattern.csv`, `translationpattern.csv` and `huntpilot.csv` (read whole here, beside the
//! numbers they own, `super::numbers`), `huntlist.csv`, `routelist.csv`, `routegroup.csv` and the
//! trunk names of `trunk.csv`. Offline digit analysis (`uclint_dialplan`) works on these.
//!
//! Headers are those of a real 14.0 export (`../shared/domain/bat-export-14.0.md`), mapped by
//! name. Values are trimmed (a real `routepattern.csv` pads `ROUTE PARTITION` with spaces,
//! formats.md §17), `NULL` is unset, and the "None" partition (empty, `NULL` or `<None>`) is the
//! empty string, as in a DN key.
//!
//! Which column says a pattern is blocked is read from real exports (formats.md §17): patterns
//! that route show `ROUTE OPTION` = `f` (route and translation patterns) and hunt pilots that
//! route `ROUTETHIS PATTERN` = `f`, while `BLOCK THIS PATTERN OPTION` (translation patterns) and
//! `BLOCKTHIS PATTERN` (hunt pilots) hold a release cause (`No Error`). So `ROUTE OPTION` and
//! `ROUTETHIS PATTERN` are read as "blocked?" flags, `t` = blocked, and the release cause
//! columns are not read as flags [I: every routing pattern seen has these values; no blocking
//! one was seen]. A `BLOCKTHIS PATTERN` that holds `t` or `f` is read as the flag only in a file
//! without `ROUTETHIS PATTERN`.
//!
//! `intercomcss.csv` has the header of `css.csv` but holds intercom calling search spaces: it is
//! never read as calling search spaces (`super::members`), and `css.csv` is known by name only.

use uclint_model::{
    CallingSearchSpace, DnKey, HuntList, Partition, PatternKind, RouteGroup, RouteList, Span, Spanned, Text,
};

use super::numbers::NumberMember;
use crate::table::{Col, HeaderMap, Row};
use crate::values::parse_bool;
use crate::FileParse;

/// One `partition.csv` row: `NAME`, `TIME SCHEDULE`.
pub fn partition(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let time_schedule = row.value(header, "time schedule");
    parse.cluster.partitions.push(Partition { name, time_schedule, span: row.span });
}

/// One `css.csv` row: `NAME` and its partitions, `ROUTE PARTITION n` in the order of `n` (the
/// search order; empty cells are the padding of a CSS shorter than the export's longest).
pub fn css(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let partitions = row.group_values(header, "route partition");
    parse.cluster.calling_search_spaces.push(CallingSearchSpace { name, partitions, span: row.span });
}

/// One `huntlist.csv` row: `NAME` and its `LINE GROUP n` by `SELECTION ORDER n`.
pub fn hunt_list(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let line_groups = by_order(parse, header, row, "line group", "selection order");
    parse.cluster.hunt_lists.push(HuntList { name, line_groups, span: row.span });
}

/// One `routelist.csv` row: `NAME` and its `ROUTE GROUP n` by `SELECTION ORDER n`.
pub fn route_list(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let route_groups = by_order(parse, header, row, "route group", "selection order");
    parse.cluster.route_lists.push(RouteList { name, route_groups, span: row.span });
}

/// One `routegroup.csv` row: `NAME` and its `DEVICE NAME n` by `DEVICE SELECTION ORDER n`.
pub fn route_group(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let devices = by_order(parse, header, row, "device name", "device selection order");
    parse.cluster.route_groups.push(RouteGroup { name, devices, span: row.span });
}

/// One `trunk.csv` row: only the trunk's name (`DEVICE NAME`), which a route pattern or a route
/// group may name.
pub fn trunk(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    if let Some(name) = row.value(header, "device name") {
        parse.cluster.trunks.push(name);
    }
}

/// The values of the numbered group `base` ordered by the group `order` of the same numbers
/// (then by number, where orders are equal or unset); a member without a value is no member.
fn by_order(
    parse: &mut FileParse<'_>,
    header: &HeaderMap,
    row: &Row<'_>,
    base: &str,
    order: &str,
) -> Vec<Spanned<Text>> {
    let mut members: Vec<(u32, u32, Spanned<Text>)> = Vec::new();
    for n in row.group_numbers(header, base) {
        let Some(value) = row.value(header, Col::n(base, n)) else { continue };
        let at = row.number(parse, header, Col::n(order, n)).map_or(n, |o| o.value);
        members.push((at, n, value));
    }
    members.sort_by_key(|&(at, n, _)| (at, n));
    members.into_iter().map(|(_, _, value)| value).collect()
}

/// The columns of a route plan pattern file, looked up once per file.
pub struct PatternColumns {
    kind: PatternKind,
    pattern: Option<usize>,
    partition: Option<usize>,
    /// The "blocked?" flag: `ROUTE OPTION`, or a hunt pilot's `ROUTETHIS PATTERN`.
    blocked: Option<usize>,
    /// A hunt pilot's `BLOCKTHIS PATTERN`, read as the flag only when it holds one and the file
    /// has no `ROUTETHIS PATTERN`.
    block_fallback: Option<usize>,
    urgent: Option<usize>,
    route_filter: Option<usize>,
    discard: Option<usize>,
    mask: Option<usize>,
    prefix: Option<usize>,
    destination: Option<usize>,
    css: Option<usize>,
    use_originator_css: Option<usize>,
    dont_wait_for_idt: Option<usize>,
    route_next_hop_by_calling: Option<usize>,
}

/// The `blocked` column's name in messages, by kind.
fn blocked_name(kind: PatternKind) -> &'static str {
    match kind {
        PatternKind::HuntPilot => "routethis pattern",
        PatternKind::RoutePattern | PatternKind::TranslationPattern => "route option",
    }
}

impl PatternColumns {
    /// Looks the columns of `member` (a member whose rows are patterns of `kind`) up in a header.
    pub fn new(header: &HeaderMap, member: &NumberMember, kind: PatternKind) -> Self {
        let col = |name: &str| header.col(name);
        let translation = |name: &str| if kind == PatternKind::TranslationPattern { col(name) } else { None };
        let (blocked, block_fallback) = match kind {
            PatternKind::HuntPilot => {
                let route_this = col("routethis pattern");
                (route_this, if route_this.is_none() { col("blockthis pattern") } else { None })
            }
            PatternKind::RoutePattern | PatternKind::TranslationPattern => (col("route option"), None),
        };
        // Each member spells the called party prefix its own way (`CALLED PARTY PREFIX DIGITS `
        // of huntpilot.csv ends in a space, trimmed away).
        let prefix =
            ["prefix_digits_called_party", "called party prefix digits (outgoing calls)", "called party prefix digits"]
                .iter()
                .find_map(|name| col(name));
        let destination = match kind {
            PatternKind::RoutePattern => col("gateway/route list"),
            PatternKind::HuntPilot => header.resolve(Col::n("hunt list", 1)),
            PatternKind::TranslationPattern => None,
        };
        PatternColumns {
            kind,
            pattern: col(member.pattern),
            partition: col(member.partition),
            blocked,
            block_fallback,
            urgent: col("urgent priority"),
            route_filter: col("route filter"),
            discard: col("discard digits"),
            mask: col("called party transform mask"),
            prefix,
            destination,
            css: translation("calling search space"),
            use_originator_css: translation("use originator's calling search space"),
            dont_wait_for_idt: translation("do not wait for interdigit timeout on subsequent hops"),
            route_next_hop_by_calling: translation("route next hop by calling party number"),
        }
    }
}

/// One row of a route plan pattern file, as a [`uclint_model::DialPattern`].
pub fn dial_pattern(parse: &mut FileParse<'_>, cols: &PatternColumns, row: &Row<'_>) {
    let Some(pattern) = row.value_at(cols.pattern) else { return };
    let partition = partition_at(row, cols.partition, pattern.span);
    let mut dial = uclint_model::DialPattern::new(cols.kind, pattern, partition, row.span);
    dial.blocked = row.flag_at(parse, cols.blocked, blocked_name(cols.kind).into()).or_else(|| {
        // A release cause (`No Error`) is no flag: only `t`/`f` are read, silently.
        let value = row.value_at(cols.block_fallback)?;
        Some(Spanned::new(parse_bool(&value.value)?, value.span))
    });
    dial.urgent = row.flag_at(parse, cols.urgent, "urgent priority".into());
    dial.route_filter = row.value_at(cols.route_filter);
    dial.called.discard = row.value_at(cols.discard);
    dial.called.mask = row.value_at(cols.mask);
    dial.called.prefix = row.value_at(cols.prefix);
    dial.destination = row.value_at(cols.destination);
    dial.css = row.value_at(cols.css);
    dial.use_originator_css =
        row.flag_at(parse, cols.use_originator_css, "use originator's calling search space".into());
    dial.dont_wait_for_idt =
        row.flag_at(parse, cols.dont_wait_for_idt, "do not wait for interdigit timeout on subsequent hops".into());
    dial.route_next_hop_by_calling =
        row.flag_at(parse, cols.route_next_hop_by_calling, "route next hop by calling party number".into());
    parse.cluster.dial_patterns.push(dial);
}

/// A pattern's partition, trimmed, the "None" partition (empty, `NULL`, `<None>`) as the empty
/// string; it spans its cell, or the pattern's when the file has no partition column.
fn partition_at(row: &Row<'_>, col: Option<usize>, pattern: Span) -> Spanned<Text> {
    match row.value_at(col) {
        Some(value) => Spanned::new(DnKey::new("", &value.value).partition, value.span),
        None => Spanned::new(Text::default(), row.cell_span_at(col).unwrap_or(pattern)),
    }
}
