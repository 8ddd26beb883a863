//! CUCM digit analysis, offline: a Dialed Number Analyzer built on an export.
//!
//! Cisco's Dialed Number Analyzer runs only on a live cluster; issue #21 makes uclint answer
//! "where does this call go?" from the export alone. The reference for every behaviour is
//! `dialplan.md`, the cited digit-analysis reference written for issue #21; the modules cite its
//! Cisco sources, chiefly the closest-match rule: the winning pattern "matches the fewest strings
//! other than the dialed string", and "the order of the partitions that are listed in the calling
//! search space serves only to break ties … Digit analysis always looks through the null
//! partition last" (CUCM System Configuration Guide, "Configure Call Routing", R1; CallManager
//! System Guide, "Partitions and Calling Search Spaces", R3; R5; R8).
//!
//! - [`Pattern`] parses CUCM route-pattern syntax, matches en bloc, counts the distinct strings
//!   of a length a pattern accepts and applies PreDot.
//! - [`closest`] picks the closest match among candidates; a tie inside one partition is
//!   [`Closest::Ambiguous`], never a silent pick.
//! - [`DialPlan`] is built once from a [`uclint_model::Cluster`]: every DN, route pattern,
//!   translation pattern and hunt pilot, per partition (patterns indexed by literal prefix, the
//!   literal DNs, nearly all of them, by their digits and never parsed), and what could not be
//!   analysed ([`Unanalysed`]).
//! - [`Origin`] says where a call comes from; the calling-search-space walk (line CSS, then
//!   device CSS, `<None>` last) gives the partitions searched.
//! - [`DialPlan::analyze`] follows the digits through translations to an [`Outcome`], with every
//!   [`Step`] a renderer needs for a DNA-like trace and the assumptions made; [`DialPlan::reaches`]
//!   answers "does this origin reach this DN?" for rules.
//!
//! **`@` is not expanded**: it stands for the North American Numbering Plan as Cisco's
//! numbering-plan file and route filters define it, which an export does not carry, so
//! [`Pattern::parse`] refuses it with [`PatternErrorKind::MacroNotExpanded`] instead of guessing
//! (public tools that treat it as one `X` or as "any digits" give wrong closest-match answers);
//! every analysis that searches a partition holding one says so.
//!
//! The crate does no IO and depends only on `uclint-model`: pure functions over the model, so
//! the rules and the CLI can both use it.

mod analysis;
mod analyze;
mod closest;
mod pattern;
mod plan;
mod reach;
mod transform;
mod walk;

pub use analysis::{Analysis, Matched, Mode, Outcome, Step, Transformation};
pub use analyze::MAX_TRANSLATIONS;
pub use closest::{closest, Closest};
pub use pattern::{Pattern, PatternError, PatternErrorKind, MAX_DIGITS};
pub use plan::{
    partition_display, DeviceRef, DialPlan, DnRecord, Entry, EntryId, EntryKind, OriginatorCss, Record, Settings,
    Unanalysed,
};
pub use reach::{dialable, Reach};
pub use walk::{CssSource, Origin, SearchedCss};
