//! DIAL009: a route pattern that routes calls names no route, a route list without route
//! groups, or a destination the export does not have.

use rustc_hash::FxHashMap;

use uclint_model::{DataSet, PatternKind, RouteList, Severity};

use crate::catalog::dial::{fold, is_builtin_partition, names_nothing, Names};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every route pattern that routes calls (BAT `routepattern.csv` `ROUTE OPTION`, AXL
    /// `blockEnable` false) has somewhere to send them (BAT `GATEWAY/ROUTE LIST`, AXL
    /// `destination`):
    /// - a destination at all (error);
    /// - when it names a route list of the export (BAT `routelist.csv`, AXL `getRouteList`), a
    ///   route list with at least one route group (`ROUTE GROUP n`) (error);
    /// - when the export has both its route lists and its trunks (BAT `trunk.csv`, AXL
    ///   `getSipTrunk`), a destination that is one of them (warning: see below).
    ///
    /// Names are compared trimmed and without regard to case.
    ///
    /// ## What it leaves alone
    /// - Blocking route patterns, and patterns whose route option the export does not give
    ///   when their destination is empty.
    /// - Patterns in CUCM's own partitions, such as the auto-created `911` in `E911`, which
    ///   CUCM creates without a destination.
    /// - Destinations that look like gateways: an MGCP endpoint (`…@gateway`) or an H.323
    ///   gateway named by its address or domain name (with `.` or `:`). No export uclint reads
    ///   lists gateways (a 14.0 BAT tar's `gateway.csv` has no columns), so a gateway is never
    ///   "known". A gateway named by a bare host name looks like any other name: that is why a
    ///   destination that is neither a route list nor a trunk is a warning, and why it is
    ///   reported only when both route lists and trunks were exported.
    /// - Route groups' own members (gateways, trunks) and local route groups.
    ///
    /// ## Why it breaks
    /// A route pattern that matches sends the call to its gateway, trunk or route list, whose
    /// route groups hold the gateways and trunks to try in order (`dialplan.md` §6). With no
    /// destination, or a route list without route groups, a call that matches has nowhere to
    /// go and fails (reorder), although digit analysis chose this pattern over others.
    ///
    /// ## Example
    /// ```csv
    /// NAME,DESCRIPTION,ENABLE THIS ROUTE LIST,SELECTION ORDER 1,ROUTE GROUP 1
    /// RL_PSTN,PSTN,t,,
    /// ```
    /// (`routelist.csv`, some columns) with `routepattern.csv` sending `9.1[2-9]XX[2-9]XXXXXX`
    /// to `RL_PSTN`.
    ///
    /// ## How to fix
    /// Call Routing > Route/Hunt > Route List > the list: add a route group (Route List
    /// Details); or Call Routing > Route/Hunt > Route Pattern > the pattern: choose a Gateway/
    /// Route List that exists, or set Route Option to "Block this pattern" if calls must not go
    /// anywhere.
    ///
    /// ## Sources
    /// - Cisco, System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing"
    ///   (route patterns, route lists, route groups); `dialplan.md` §6 (R1).
    code: "DIAL009",
    name: "route-pattern-without-route",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [RoutePatterns],
    summary: "A routing route pattern has no destination, a route list without route groups, or one not in the export.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let mut route_lists: FxHashMap<String, &RouteList> = FxHashMap::default();
    for list in &cluster.route_lists {
        route_lists.entry(fold(&list.name.value)).or_insert(list);
    }
    let trunks = Names::new(&cluster.trunks);
    let destinations_known = cluster.has(DataSet::RouteLists) && cluster.has(DataSet::Trunks);
    let patterns = cluster.dial_patterns.iter().filter(|p| p.kind == PatternKind::RoutePattern && !p.is_blocked());
    for pattern in patterns.filter(|p| !is_builtin_partition(&p.partition.value)) {
        let object = pattern.key();
        let page = format!(
            "Call Routing > Route/Hunt > Route Pattern > {} in {}",
            pattern.pattern.value,
            pattern.dn_key().partition_display()
        );
        let Some(cell) = pattern.destination.as_ref().filter(|d| !names_nothing(&d.value)) else {
            // Only a pattern the export says routes: an empty destination is what a block has.
            if pattern.blocked.as_ref().is_some_and(|b| !b.value) {
                let span = pattern.destination.as_ref().map_or(pattern.pattern.span, |d| d.span);
                let message = format!(
                    "{object} routes calls but names no gateway or route list: a call that matches it has nowhere to \
                     go and fails"
                );
                sink.report(object, span, "no Gateway/Route List", message)
                    .help(format!("{page}: choose a Gateway/Route List, or set Route Option to block the pattern"));
            }
            continue;
        };
        let name = cell.value.trim();
        if let Some(list) = route_lists.get(&fold(name)) {
            if list.route_groups.iter().all(|g| names_nothing(&g.value)) {
                let message = format!(
                    "{object} routes calls to route list {}, which has no route group: a call that matches it has \
                     nowhere to go and fails",
                    list.name.value
                );
                sink.report(object, cell.span, "route list without route groups", message)
                    .label(list.name.span, "route list")
                    .help(format!(
                        "Call Routing > Route/Hunt > Route List > {}: add a route group (or choose another route \
                         list on {page})",
                        list.name.value
                    ));
            }
            continue;
        }
        if !destinations_known || trunks.contains(name) || looks_like_gateway(name) {
            continue;
        }
        let message = format!(
            "{object} routes calls to '{name}', which is neither a route list nor a trunk in the export: if it is not \
             a gateway (gateways are not exported), a call that matches it fails"
        );
        sink.report(object, cell.span, "not a route list or trunk in the export", message)
            .severity(Severity::Warning)
            .help(format!("{page}: choose a Gateway/Route List that exists"));
    }
    Ok(())
}

/// Whether a destination reads as a gateway: an MGCP endpoint (`S0/SU0/DS1-0@gw.example.com`) or
/// an H.323 gateway named by its IP address or domain name.
fn looks_like_gateway(name: &str) -> bool {
    name.contains(['@', '.', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateways_are_endpoints_addresses_and_domain_names() {
        assert!(looks_like_gateway("S0/SU0/DS1-0@gw1.example.com"));
        assert!(looks_like_gateway("10.1.1.1") && looks_like_gateway("gw1.example.com"));
        assert!(looks_like_gateway("2001:db8::1"));
        assert!(!looks_like_gateway("RL_PSTN") && !looks_like_gateway("SIP_Trunk_ITSP"));
    }
}
