//! DIAL: the dial plan and call paths (issue #21): partitions, calling search spaces, the
//! patterns digit analysis matches and where they send calls.
//!
//! These rules check the dial plan's structure, object against object, as the export gives it:
//! a calling search space naming a partition the export does not have, a device, line or
//! translation pattern naming a calling search space it does not have, a partition no calling
//! search space reaches, a hunt pilot that can reach no member, a route pattern that routes to
//! nothing. Names are compared trimmed and without regard to case (`catalog::dial`). How CUCM
//! searches the partitions and picks a pattern is in the dial-plan reference (`dialplan.md` §3,
//! §6, §7).
//!
//! DIAL004-007 follow calls instead: they dial numbers through digit analysis
//! (`uclint_dialplan`, the engine behind `uclint route`) on the plan the `Context` builds once
//! per run, to find UCCX agents and CTI ports that a redirect cannot reach, UCCX numbers another
//! pattern shadows, and translation loops (`dialplan.md` §2, §5, §8). Each analyses what many
//! objects share once (ports grouped by the CSS they search, analyses cached per origin), and
//! stays silent where the outcome depends on what the export does not show (the caller's CSS
//! of a call from outside, a tie, a setting the sources disagree on), saying so in a note.

pub(crate) mod agent_extension_unreachable;
pub(crate) mod css_missing;
pub(crate) mod css_partition_missing;
pub(crate) mod cti_port_unreachable_from_trigger;
pub(crate) mod hunt_pilot_without_members;
pub(crate) mod partition_unreachable;
pub(crate) mod route_pattern_without_route;
pub(crate) mod translation_loop;
pub(crate) mod uccx_number_shadowed;

/// What the fixtures cannot show: how the rules behave when a table is empty or absent, built
/// in memory rather than as exports that no CUCM writes.
#[cfg(test)]
mod tests {
    use uclint_model::{
        CallingSearchSpace, Cluster, DataSet, Device, DeviceKind, DialPattern, DnKey, HuntList, Line, Partition,
        PatternKind, SourceId, Span, Spanned, Text,
    };

    use crate::rule::{RuleMeta, Sink};
    use crate::{Context, Settings};

    fn cell(text: &str) -> Spanned<Text> {
        Spanned::new(Text::from(text), Span::new(SourceId::new(0), 0, 0))
    }

    fn pattern(kind: PatternKind, pattern: &str, partition: &str, destination: &str) -> DialPattern {
        let mut p = DialPattern::new(kind, cell(pattern), cell(partition), cell(pattern).span);
        p.blocked = Some(Spanned::new(false, cell("f").span));
        p.destination = Some(cell(destination)).filter(|d| !d.value.is_empty());
        p
    }

    fn cluster(present: &[DataSet]) -> Cluster {
        Cluster { present: present.iter().copied().collect(), ..Cluster::default() }
    }

    /// Runs one rule's check on `cluster` (its `requires` are the test's to meet): the
    /// severity and object of each finding, the skip reason if any, and the notes.
    fn check(rule: &'static RuleMeta, cluster: &Cluster) -> (Vec<String>, Vec<String>, Vec<String>) {
        let settings = Settings::default();
        let ctx = Context::new(cluster, &settings);
        let mut sink = Sink::new(rule, rule.code.severity);
        let skipped = (rule.check)(&ctx, &mut sink).err().map(|s| s.reason().to_owned());
        let findings = sink.diagnostics.iter().map(|d| format!("{} {}", d.severity, d.object)).collect();
        (findings, skipped.into_iter().collect(), sink.notes)
    }

    /// The findings and skip reasons of one rule on `cluster`.
    fn outcome(rule: &'static RuleMeta, cluster: &Cluster) -> (Vec<String>, Vec<String>) {
        let (findings, skipped, _) = check(rule, cluster);
        (findings, skipped)
    }

    #[test]
    fn an_empty_table_is_a_skip_only_when_something_names_what_it_should_hold() {
        let mut c = cluster(&[DataSet::Partitions, DataSet::CallingSearchSpaces, DataSet::Phones]);
        c.partitions.push(Partition { name: cell("PT_Lobby"), time_schedule: None, span: cell("").span });
        let rule = &super::partition_unreachable::RULE;
        assert_eq!(outcome(rule, &c), (vec![], vec![]), "a partition that holds nothing is not judged");
        let mut phone = Device::new(DeviceKind::Phone, cell("SEP0011AABB0001"), cell("").span);
        phone.lines.push(Line::new(
            Spanned::new(1, cell("").span),
            Spanned::new(DnKey::new("4100", "PT_Lobby"), cell("").span),
        ));
        c.phones.push(phone);
        let skipped = vec!["the export's calling search space table is empty".to_owned()];
        assert_eq!(outcome(rule, &c), (vec![], skipped));
        c.calling_search_spaces.push(CallingSearchSpace {
            name: cell("CSS_Internal"),
            partitions: vec![cell("PT_Internal")],
            span: cell("").span,
        });
        assert_eq!(outcome(rule, &c), (vec!["warning partition:PT_Lobby".to_owned()], vec![]));

        let mut c = cluster(&[DataSet::HuntPilots, DataSet::HuntLists]);
        let rule = &super::hunt_pilot_without_members::RULE;
        assert_eq!(outcome(rule, &c), (vec![], vec![]));
        c.dial_patterns.push(pattern(PatternKind::HuntPilot, "3000", "PT_Internal", "HL_Sales"));
        assert_eq!(outcome(rule, &c), (vec![], vec!["the export's hunt list table is empty".to_owned()]));
    }

    #[test]
    fn hunt_lists_line_groups_are_judged_only_when_the_export_has_line_groups() {
        let mut c = cluster(&[DataSet::HuntPilots, DataSet::HuntLists]);
        c.dial_patterns.push(pattern(PatternKind::HuntPilot, "3000", "PT_Internal", "HL_Sales"));
        c.hunt_lists.push(HuntList {
            name: cell("HL_Sales"),
            line_groups: vec![cell("LG_Sales")],
            span: cell("").span,
        });
        let (findings, skipped, notes) = check(&super::hunt_pilot_without_members::RULE, &c);
        assert!(findings.is_empty() && skipped.is_empty());
        assert_eq!(
            notes,
            ["DIAL008: the export has no line groups: hunt lists' line groups were not checked for members"]
        );
    }

    #[test]
    fn a_destination_is_not_in_the_export_only_when_route_lists_and_trunks_both_are() {
        let rule = &super::route_pattern_without_route::RULE;
        let with = |present: &[DataSet]| {
            let mut c = cluster(present);
            c.dial_patterns.push(pattern(PatternKind::RoutePattern, "8.XXXX", "PT_PSTN", "SIP_Trunk_Branch"));
            c.dial_patterns.push(pattern(PatternKind::RoutePattern, "7.XXXX", "PT_PSTN", "gw1.example.com"));
            outcome(rule, &c)
        };
        assert_eq!(with(&[DataSet::RoutePatterns, DataSet::RouteLists]), (vec![], vec![]));
        assert_eq!(with(&[DataSet::RoutePatterns, DataSet::Trunks]), (vec![], vec![]));
        let both = [DataSet::RoutePatterns, DataSet::RouteLists, DataSet::Trunks];
        assert_eq!(with(&both), (vec!["warning routepattern:8.XXXX@PT_PSTN".to_owned()], vec![]));
    }
}
