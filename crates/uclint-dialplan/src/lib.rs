//! CUCM digit analysis, offline: the core that a Dialed Number Analyzer built on an export needs.
//!
//! Cisco's Dialed Number Analyzer runs only on a live cluster; issue #21 makes uclint answer
//! "where does this call go?" from the export alone. This crate is the first step: the part of
//! digit analysis that needs no configuration but the patterns themselves.
//!
//! - [`Pattern`] parses CUCM route-pattern syntax (the wildcard table shared by route patterns,
//!   translation patterns, hunt pilots and directory numbers), matches a dialed string en bloc,
//!   counts the distinct strings of a given length a pattern accepts, and applies the PreDot
//!   discard instruction ([`Pattern::pre_dot`]).
//! - [`closest`] picks the closest match among the patterns of a calling search space: fewest
//!   strings of the dialed length, ties broken by partition order, and a tie inside one partition
//!   reported as [`Closest::Ambiguous`] rather than decided silently.
//!
//! What it is not yet: there is no calling-search-space walk (line before device CSS, the null
//! partition, time schedules), no urgent priority or digit-by-digit timing, no translation
//! (discard, masks, prefixes, re-analysis, loops) and no route output; those are later steps of
//! issue #21 and will build on this crate. **`@` is not expanded**: it stands for the North
//! American Numbering Plan as Cisco's numbering-plan file and route filters define it, which an
//! export does not carry, so [`Pattern::parse`] refuses it with
//! [`PatternErrorKind::MacroNotExpanded`] instead of guessing (public tools that treat it as one
//! `X` or as "any digits" give wrong closest-match answers).
//!
//! The crate has no dependencies and does no IO: it is pure functions over strings, so the model,
//! the rules and the CLI can all use it. The reference for every behaviour is
//! `dialplan.md`, the cited digit-analysis reference written for issue #21 (sections 1, 2 and
//! 10); the modules cite its Cisco sources.

mod closest;
mod pattern;

pub use closest::{closest, Closest};
pub use pattern::{Pattern, PatternError, PatternErrorKind, MAX_DIGITS};
