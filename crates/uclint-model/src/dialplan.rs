//! The dial plan as the export gives it: route partitions, calling search spaces, the patterns
//! digit analysis matches besides directory numbers (route patterns, translation patterns, hunt
//! pilots), and where they send calls (hunt lists, route lists, route groups).
//!
//! These records hold what was read, as it was written: a pattern keeps its `\+` escapes and its
//! `.` (digit analysis parses it, `uclint_dialplan`), a partition name is trimmed with the
//! "None" partition stored as the empty string (as in [`DnKey`]). Headers and element names are
//! those of a real 14.0 export (`bat-export-14.0.md`) and of AXL 14.0 (`get*` responses).

use crate::{DnKey, ObjectKey, Span, Spanned, Text};

/// A route partition (Call Routing > Class of Control > Partition).
#[derive(Clone, Debug)]
pub struct Partition {
    /// Name.
    pub name: Spanned<Text>,
    /// Time Schedule: when set, the partition takes calls only while the schedule is active.
    /// Offline analysis cannot know the time of the call, so it assumes the partition active
    /// and says so.
    pub time_schedule: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl Partition {
    /// The object key: `partition:<name>`.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::Partition(self.name.value.clone())
    }
}

/// A calling search space (Call Routing > Class of Control > Calling Search Space): partitions
/// in search order.
#[derive(Clone, Debug)]
pub struct CallingSearchSpace {
    /// Name.
    pub name: Spanned<Text>,
    /// Member partitions in search order (BAT `ROUTE PARTITION n`, AXL `members/member` by
    /// `index`), each as written.
    pub partitions: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl CallingSearchSpace {
    /// The object key: `css:<name>`.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::Css(self.name.value.clone())
    }
}

/// What kind of route plan entry a [`DialPattern`] is (CUCM's `tkpatternusage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PatternKind {
    /// A route pattern (Call Routing > Route/Hunt > Route Pattern).
    RoutePattern,
    /// A translation pattern (Call Routing > Translation Pattern).
    TranslationPattern,
    /// A hunt pilot (Call Routing > Route/Hunt > Hunt Pilot).
    HuntPilot,
}

impl PatternKind {
    /// "route pattern", "translation pattern" or "hunt pilot", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            PatternKind::RoutePattern => "route pattern",
            PatternKind::TranslationPattern => "translation pattern",
            PatternKind::HuntPilot => "hunt pilot",
        }
    }
}

/// Called-party digit manipulation, applied in this order: discard digits, transformation
/// mask, prefix (`dialplan.md` §5).
#[derive(Clone, Debug, Default)]
pub struct CalledTransform {
    /// Discard Digits instruction, e.g. `PreDot` (BAT `DISCARD DIGITS`, AXL
    /// `digitDiscardInstructionName`).
    pub discard: Option<Spanned<Text>>,
    /// Called Party Transform Mask (BAT `CALLED PARTY TRANSFORM MASK`, AXL
    /// `calledPartyTransformationMask`).
    pub mask: Option<Spanned<Text>>,
    /// Called party prefix digits (BAT `CALLED PARTY PREFIX DIGITS (OUTGOING CALLS)` or
    /// `PREFIX_DIGITS_CALLED_PARTY`, AXL `prefixDigitsOut`).
    pub prefix: Option<Spanned<Text>>,
}

/// A route pattern, translation pattern or hunt pilot: a pattern in a partition that digit
/// analysis matches beside the directory numbers.
#[derive(Clone, Debug)]
pub struct DialPattern {
    /// Which of the three it is.
    pub kind: PatternKind,
    /// The pattern as written (`9.1[2-9]XX[2-9]XXXXXX`, `\+!`): escapes and the `.` kept.
    pub pattern: Spanned<Text>,
    /// The partition, trimmed; empty for the "None" partition.
    pub partition: Spanned<Text>,
    /// Whether the pattern blocks calls rather than routing them (BAT `ROUTE OPTION` or
    /// `BLOCKTHIS PATTERN` read as "blocked?", AXL `blockEnable`).
    pub blocked: Option<Spanned<bool>>,
    /// Urgent Priority (BAT `URGENT PRIORITY`, AXL `patternUrgency`).
    pub urgent: Option<Spanned<bool>>,
    /// Route Filter, for `@` patterns.
    pub route_filter: Option<Spanned<Text>>,
    /// Called-party transformation.
    pub called: CalledTransform,
    /// Where a route pattern sends calls (BAT `GATEWAY/ROUTE LIST`, AXL `destination`), or a
    /// hunt pilot's hunt list (BAT `HUNT LIST 1`, AXL `huntListName`); `None` for a translation
    /// pattern.
    pub destination: Option<Spanned<Text>>,
    /// A translation pattern's Calling Search Space (BAT `CALLING SEARCH SPACE`, AXL
    /// `callingSearchSpaceName`).
    pub css: Option<Spanned<Text>>,
    /// A translation pattern's "Use Originator's Calling Search Space".
    pub use_originator_css: Option<Spanned<bool>>,
    /// A translation pattern's "Do Not Wait For Interdigit Timeout On Subsequent Hops".
    pub dont_wait_for_idt: Option<Spanned<bool>>,
    /// A translation pattern's "Route Next Hop By Calling Party Number".
    pub route_next_hop_by_calling: Option<Spanned<bool>>,
    /// The whole record.
    pub span: Span,
}

impl DialPattern {
    /// A pattern with nothing known but its kind, pattern and partition.
    pub fn new(kind: PatternKind, pattern: Spanned<Text>, partition: Spanned<Text>, span: Span) -> Self {
        DialPattern {
            kind,
            pattern,
            partition,
            blocked: None,
            urgent: None,
            route_filter: None,
            called: CalledTransform::default(),
            destination: None,
            css: None,
            use_originator_css: None,
            dont_wait_for_idt: None,
            route_next_hop_by_calling: None,
            span,
        }
    }

    /// The pattern and partition as a key (`\+` normalised to `+`, as directory numbers are).
    pub fn dn_key(&self) -> DnKey {
        DnKey::new(&self.pattern.value, &self.partition.value)
    }

    /// The object key: `routepattern:`, `transpattern:` or `huntpilot:` with `pattern@partition`.
    pub fn key(&self) -> ObjectKey {
        let key = self.dn_key();
        match self.kind {
            PatternKind::RoutePattern => ObjectKey::RoutePattern(key),
            PatternKind::TranslationPattern => ObjectKey::TranslationPattern(key),
            PatternKind::HuntPilot => ObjectKey::HuntPilot(key),
        }
    }

    /// Whether the pattern blocks calls.
    pub fn is_blocked(&self) -> bool {
        self.blocked.as_ref().is_some_and(|b| b.value)
    }

    /// Whether the pattern is urgent.
    pub fn is_urgent(&self) -> bool {
        self.urgent.as_ref().is_some_and(|u| u.value)
    }
}

/// A hunt list (Call Routing > Route/Hunt > Hunt List): line groups in selection order.
#[derive(Clone, Debug)]
pub struct HuntList {
    /// Name.
    pub name: Spanned<Text>,
    /// Member line groups in selection order (BAT `LINE GROUP n` by `SELECTION ORDER n`, AXL
    /// `members/member/lineGroupName` by `selectionOrder`).
    pub line_groups: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl HuntList {
    /// The object key: `huntlist:<name>`.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::HuntList(self.name.value.clone())
    }
}

/// A route list (Call Routing > Route/Hunt > Route List): route groups in selection order.
#[derive(Clone, Debug)]
pub struct RouteList {
    /// Name.
    pub name: Spanned<Text>,
    /// Member route groups in selection order (BAT `ROUTE GROUP n` by `SELECTION ORDER n`, AXL
    /// `members/member/routeGroupName` by `selectionOrder`).
    pub route_groups: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl RouteList {
    /// The object key: `routelist:<name>`.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::RouteList(self.name.value.clone())
    }
}

/// A route group (Call Routing > Route/Hunt > Route Group): gateways and trunks.
#[derive(Clone, Debug)]
pub struct RouteGroup {
    /// Name.
    pub name: Spanned<Text>,
    /// Member devices (gateways, trunks) in selection order (BAT `DEVICE NAME n`).
    pub devices: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}
