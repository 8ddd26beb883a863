//! Members whose records own a number in the route plan without being a line: route and
//! translation patterns, hunt pilots, the Mobile Voice Access number, meet-me, call park and
//! pickup numbers, …. Only the number and its partition are read, as [`OwnedNumber`]s: a number
//! one of them owns is not an unassigned directory number (GEN007), whatever
//! `directorynumber.csv` says of it. Headers are those of a real 14.0 export
//! (`../shared/domain/bat-export-14.0.md`).
//!
//! Route patterns, translation patterns and hunt pilots are also read whole, as
//! [`DialPattern`](uclint_model::DialPattern)s (`super::dial_plan`): a row gives both records.

use uclint_model::{OwnedNumber, PatternKind};

use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// One member that owns numbers: who owns them and in which columns they are.
#[derive(Debug, PartialEq, Eq)]
pub struct NumberMember {
    /// The member's file name.
    pub file: &'static str,
    /// For messages and file statuses: `route pattern`, `hunt pilot`, ….
    pub owner: &'static str,
    /// The number's column, normalised.
    pub pattern: &'static str,
    /// The partition's column, normalised.
    pub partition: &'static str,
    /// The kind of route plan pattern each row also is, read whole by `super::dial_plan`;
    /// `None` for members whose rows only own numbers.
    pub dial: Option<PatternKind>,
}

const fn member(
    file: &'static str,
    owner: &'static str,
    pattern: &'static str,
    partition: &'static str,
) -> NumberMember {
    NumberMember { file, owner, pattern, partition, dial: None }
}

const fn dial(member: NumberMember, kind: PatternKind) -> NumberMember {
    NumberMember { dial: Some(kind), ..member }
}

/// `routepattern.csv`.
pub const ROUTE_PATTERN: NumberMember =
    dial(member("routepattern.csv", "route pattern", "route pattern", "route partition"), PatternKind::RoutePattern);
/// `translationpattern.csv`.
pub const TRANSLATION_PATTERN: NumberMember = dial(
    member("translationpattern.csv", "translation pattern", "translation pattern", "route partition"),
    PatternKind::TranslationPattern,
);
/// `huntpilot.csv`.
pub const HUNT_PILOT: NumberMember =
    dial(member("huntpilot.csv", "hunt pilot", "hunt pilot", "route partition"), PatternKind::HuntPilot);
/// `mobilevoiceaccess.csv` (`DIRECTORY NUMBER,ROUTE PARTITION,`: the look of a DN file).
pub const MOBILE_VOICE_ACCESS: NumberMember =
    member("mobilevoiceaccess.csv", "Mobile Voice Access number", "directory number", "route partition");
/// `meetmenumber.csv`.
pub const MEET_ME: NumberMember = member("meetmenumber.csv", "meet-me number", "meetme number", "routepartition");
/// `callpark.csv`.
pub const CALL_PARK: NumberMember = member("callpark.csv", "call park number", "call park number", "route partition");
/// `directedcallpark.csv`.
pub const DIRECTED_CALL_PARK: NumberMember =
    member("directedcallpark.csv", "directed call park number", "number", "route partition");
/// `callpickupgroup.csv`.
pub const CALL_PICKUP_GROUP: NumberMember =
    member("callpickupgroup.csv", "call pickup group number", "cpg number", "route partition");
/// `messagewaitingnumbers.csv`.
pub const MESSAGE_WAITING: NumberMember =
    member("messagewaitingnumbers.csv", "message waiting number", "message waiting numbers", "route partition");
/// `conferencenow.csv`.
pub const CONFERENCE_NOW: NumberMember =
    member("conferencenow.csv", "Conference Now number", "conference now", "route partition");
/// `handoffconfiguration.csv`.
pub const HANDOFF: NumberMember = member("handoffconfiguration.csv", "handoff number", "number", "route partition");
/// `enterprisefeatureaccessconfiguration.csv`.
pub const ENTERPRISE_FEATURE_ACCESS: NumberMember =
    member("enterprisefeatureaccessconfiguration.csv", "enterprise feature access number", "number", "route partition");

/// One row of a member that owns numbers.
pub fn owned_number(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>, member: &'static NumberMember) {
    let Some(dn) = row.dn_at(header.col(member.pattern), header.col(member.partition)) else { return };
    parse.cluster.owned_numbers.push(OwnedNumber { dn, owner: member.owner });
}
