//! Why an input file was not read, as a class the summary can count by.
//!
//! Real Import/Export tars hold well over a hundred members no rule reads and a few that only
//! look like live objects (templates); a summary lists those by count, while a file that is not
//! recognised at all may be a mistake (a wrong export, a renamed file) and is named. The reader
//! that decides a file is not read knows which it is, so it says so here rather than leaving the
//! summary to guess from the wording of the reason.

/// Why a file was not read, as far as a summary groups it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotReadClass {
    /// A member of the Import/Export tar that no rule reads.
    NoRuleReads,
    /// A member that looks like objects rules read but is not (templates with a live object's
    /// header, default device profiles, CAPF profiles, …).
    LookAlike,
    /// An empty file (real exports hold empty members).
    Empty,
    /// Anything else (not a format uclint reads, binary, an AXL fault), which may be a fault.
    #[default]
    Other,
}
