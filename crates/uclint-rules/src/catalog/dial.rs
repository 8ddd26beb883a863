//! How the dial plan's objects name one another: partitions in calling search spaces, calling
//! search spaces on devices, lines and patterns, hunt lists on hunt pilots, route lists on route
//! patterns.
//!
//! Whether CUCM takes two names that differ only in case for one object is not in the sources at
//! hand (`dialplan.md`). Comparing without regard to case can only keep a rule silent, never make
//! it report, so the DIAL rules compare names trimmed and case-insensitively: a difference of
//! case alone is never reported as a missing object. A name that is empty, `NULL` or `<None>`
//! names nothing.

use rustc_hash::FxHashSet;

use uclint_model::{is_system_partition, Spanned, Text};

/// A set of object names (partitions, calling search spaces, trunks, …) as the export gives
/// them, looked up trimmed and without regard to case. A name spelled as the set has it is
/// found without folding it: rules ask once per line of a megacluster.
#[derive(Debug, Default)]
pub struct Names<'a> {
    exact: FxHashSet<&'a str>,
    folded: FxHashSet<String>,
}

impl<'a> Names<'a> {
    /// The names of `cells`; unset names (see [`names_nothing`]) are left out.
    pub fn new(cells: impl IntoIterator<Item = &'a Spanned<Text>>) -> Self {
        let mut names = Names::default();
        for cell in cells.into_iter().filter(|c| !names_nothing(&c.value)) {
            names.exact.insert(cell.value.as_str());
            names.folded.insert(fold(&cell.value));
        }
        names
    }

    /// Whether the set has `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.exact.contains(name) || self.folded.contains(&fold(name))
    }
}

/// A name as the set keys it: trimmed and lower-cased.
pub fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether a reference names nothing: empty, `NULL` or `<None>` (how exports write an unset
/// calling search space or the null partition).
pub fn names_nothing(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || name.eq_ignore_ascii_case("NULL") || name.eq_ignore_ascii_case("<None>")
}

/// Whether a partition is one CUCM creates and manages itself, which an export may name without
/// listing it among the partitions: the E911 and ILS `Global Learned …` partitions
/// ([`is_system_partition`]) and `Directory URI`, the partition CUCM puts every directory URI in
/// by default. The DIAL rules say nothing of them.
pub fn is_builtin_partition(name: &str) -> bool {
    is_system_partition(name) || name.trim().eq_ignore_ascii_case("Directory URI")
}

#[cfg(test)]
mod tests {
    use uclint_model::{SourceId, Span};

    use super::*;

    fn cell(text: &str) -> Spanned<Text> {
        Spanned::new(Text::from(text), Span::new(SourceId::new(0), 0, 0))
    }

    #[test]
    fn names_are_found_trimmed_and_without_regard_to_case_and_unset_names_are_not_names() {
        let cells = [cell("PT_Internal"), cell(" pt_internal "), cell("NULL"), cell(""), cell("<None>")];
        let names = Names::new(&cells);
        assert!(names.contains("pt_INTERNAL") && names.contains(" PT_Internal"));
        assert!(!names.contains("PT_External") && !names.contains("NULL") && !names.contains(""));
        assert!(names_nothing(" null ") && names_nothing("<none>") && !names_nothing("CSS_None"));
    }

    #[test]
    fn builtin_partitions_are_cucms_own() {
        assert!(is_builtin_partition("Directory URI") && is_builtin_partition("E911"));
        assert!(is_builtin_partition("Global Learned E164 Numbers"));
        assert!(!is_builtin_partition("PT_Directory") && !is_builtin_partition("PT_Internal"));
    }
}
