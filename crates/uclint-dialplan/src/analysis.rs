//! What an analysis found: every step of the call's way through the dial plan and where it ends,
//! shaped after what Cisco's Dialed Number Analyzer shows (dialplan.md §9: matched pattern and
//! partition, the CSSs searched and where they came from, the called number after each
//! transformation, alternate matches, an ambiguity flag and the interdigit-timeout flag).
//!
//! Plain data: no text formatting beyond `Display` for the small enums. Renderers live in
//! `uclint-report`; every [`Text`] and `String` here may hold export text and must be escaped
//! there.

use std::fmt;

use uclint_model::{DnKey, Span, Text};

use crate::plan::{DeviceRef, EntryId, EntryKind};
use crate::walk::SearchedCss;

/// How the digits reach digit analysis (dialplan.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// All digits at once (SIP phones without KPML, trunks, most gateways, R7): patterns must
    /// match the whole string.
    #[default]
    EnBloc,
    /// One digit at a time (SCCP phones, KPML SIP phones, R7): an urgent pattern routes as soon
    /// as it matches (R19, R20, E13); a full match with no longer potential match routes at once;
    /// otherwise analysis waits for the interdigit timeout (T302) at the end.
    DigitByDigit,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::EnBloc => "en bloc",
            Mode::DigitByDigit => "digit by digit",
        })
    }
}

/// A pattern that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The plan entry ([`crate::DialPlan::entry`]).
    pub entry: EntryId,
    /// Directory number, route pattern, translation pattern or hunt pilot.
    pub kind: EntryKind,
    /// The pattern as written.
    pub pattern: Text,
    /// The partition; empty for `<None>`.
    pub partition: Text,
    /// Where it was read.
    pub span: Span,
    /// How many strings of the dialed length it matches (the closest-match measure).
    pub count: u128,
    /// Urgent Priority.
    pub urgent: bool,
}

/// A called-number change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The called number before.
    pub before: String,
    /// The called number after discard digits, mask and prefix.
    pub after: String,
}

/// One digit analysis: one lookup of a string in a search list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The digits analysed.
    pub digits: String,
    /// The calling search spaces searched, in order, with where each came from.
    pub css: Vec<SearchedCss>,
    /// The partitions searched, in order; the empty string (`<None>`) is last.
    pub partitions: Vec<Text>,
    /// The closest match, if there was exactly one.
    pub matched: Option<Matched>,
    /// Every other pattern that matched, closest first (for an ambiguous step, every tied
    /// candidate).
    pub alternates: Vec<Matched>,
    /// Several patterns of one partition tied (dialplan.md §2.4, E7): no match is chosen.
    pub ambiguous: bool,
    /// Digit by digit: the number of digits after which the call routed, when fewer than
    /// dialed (an urgent pattern, or a full match with no longer potential match).
    pub routed_after: Option<usize>,
    /// Whether CUCM would wait for the interdigit timeout (T302) before routing: the match is not
    /// urgent and a longer string could still match (§4, E3, E14); never set after a
    /// translation pattern with "Do Not Wait For Interdigit Timeout On Subsequent Hops".
    pub interdigit_wait: bool,
    /// The called-number transformation of the matched pattern, if it changed anything or is a
    /// translation.
    pub transformation: Option<Transformation>,
    /// The calling search spaces the next step searches (after a translation pattern).
    pub next_css: Vec<SearchedCss>,
}

/// Where the call ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A directory number that rings devices: every device it appears on (a shared line, R41).
    Device {
        /// The DN.
        dn: DnKey,
        /// The devices it is on (may be empty: a DN on no exported device).
        devices: Vec<DeviceRef>,
    },
    /// A directory number handed to an application: a CTI route point or a UCCX trigger
    /// (dialplan.md §7, §8).
    Trigger {
        /// The DN.
        dn: DnKey,
        /// The devices it is on.
        devices: Vec<DeviceRef>,
    },
    /// A route pattern that routes.
    RoutePattern {
        /// The pattern as written.
        pattern: Text,
        /// Its partition.
        partition: Text,
        /// Gateway, trunk or route list, as configured.
        destination: Option<Text>,
        /// The route groups, in order, when the destination is a route list of the export.
        route_groups: Option<Vec<Text>>,
        /// The called number after the route pattern's own transformation.
        called: String,
    },
    /// A hunt pilot. Its members are offered the call whatever the caller's CSS (R2, E22), so
    /// nothing is checked against it.
    HuntPilot {
        /// The pattern as written.
        pattern: Text,
        /// Its partition.
        partition: Text,
        /// The hunt list, as configured.
        hunt_list: Option<Text>,
        /// Its line groups, in order, when the hunt list is in the export.
        line_groups: Option<Vec<Text>>,
    },
    /// A pattern that blocks the call.
    Blocked {
        /// Route pattern, translation pattern or hunt pilot.
        kind: EntryKind,
        /// The pattern as written.
        pattern: Text,
        /// Its partition.
        partition: Text,
    },
    /// Nothing matched the digits.
    NoMatch {
        /// The digits of the last step.
        digits: String,
    },
    /// Several patterns of one partition tie (E7): CUCM's choice is undocumented.
    Ambiguous {
        /// The tied patterns.
        candidates: Vec<Matched>,
    },
    /// Translations repeat a state or exceed ten (R22, E19).
    Loop {
        /// The (digits, CSS names) of each step, in order, the repeated one last.
        chain: Vec<(String, Vec<Text>)>,
    },
}

/// The analysis of one dialed string from one origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The mode of the first step (later steps receive the digits at once, R18).
    pub mode: Mode,
    /// Every digit analysis, in order.
    pub steps: Vec<Step>,
    /// Where the call ends.
    pub outcome: Outcome,
    /// What the analysis assumed or could not consider, each once, in the order met. Export text:
    /// renderers escape it.
    pub assumptions: Vec<String>,
    /// The outcome differs with [`crate::Settings::cti_device_css_first`] (E11).
    pub depends_on_cti_order: bool,
    /// The outcome differs with [`crate::Settings::originator_css_chain`] (E20).
    pub depends_on_originator_css: bool,
}
