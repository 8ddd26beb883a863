//! One allocation for a cell value that a column repeats.
//!
//! Most long values in a BAT file repeat row after row: access control groups (`Standard CTI
//! Allow Control of Phones supporting Connected Xfer and conf`), locales, device pools, calling
//! search spaces. A [`Text`] longer than its inline limit is reference-counted, so every row can
//! hold the same allocation. [`SharedValues`] finds it: per column, it remembers the long values
//! seen so far, and gives up on a column whose values turn out to be mostly unique (e-mail
//! addresses, descriptions, PKIDs), so those cost no more than a fresh allocation.

use std::cell::RefCell;

use rustc_hash::FxHashSet;
use uclint_model::Text;

/// Lookups a column gets before it is judged.
const TRIAL: u32 = 64;
/// Distinct long values one column may hold: enough for any categorical setting.
const MOST_DISTINCT: usize = 512;

/// Long values seen so far, per column, for one pass over one file (or one piece of it).
#[derive(Default)]
pub(crate) struct SharedValues {
    columns: RefCell<Vec<Column>>,
}

#[derive(Default)]
struct Column {
    seen: FxHashSet<Text>,
    lookups: u32,
    misses: u32,
    /// Set once the column's values prove mostly unique, or too many.
    unique: bool,
}

impl SharedValues {
    /// `value`, read from column `col`, as a [`Text`] that shares its allocation with the same
    /// value seen earlier in the column.
    pub(crate) fn text(&self, col: usize, value: &str) -> Text {
        if value.len() <= Text::INLINE_LIMIT {
            return Text::from(value);
        }
        let mut columns = self.columns.borrow_mut();
        if columns.len() <= col {
            columns.resize_with(col + 1, Column::default);
        }
        let column = &mut columns[col];
        if column.unique {
            return Text::from(value);
        }
        column.lookups += 1;
        if let Some(text) = column.seen.get(value) {
            return text.clone();
        }
        column.misses += 1;
        let text = Text::from(value);
        let mostly_unique = column.lookups >= TRIAL && column.misses * 2 > column.lookups;
        if mostly_unique || column.seen.len() >= MOST_DISTINCT {
            column.unique = true;
            column.seen = FxHashSet::default();
        } else {
            column.seen.insert(text.clone());
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: &str = "Standard CTI Allow Control of Phones supporting Connected Xfer and conf";

    #[test]
    fn a_repeated_long_value_is_one_allocation() {
        let shared = SharedValues::default();
        let a = shared.text(3, GROUP);
        let b = shared.text(3, GROUP);
        assert_eq!(a, GROUP);
        assert_eq!(a.as_ptr(), b.as_ptr(), "the second row's value shares the first one's allocation");
    }

    #[test]
    fn columns_are_kept_apart_and_short_values_stay_inline() {
        let shared = SharedValues::default();
        let a = shared.text(0, GROUP);
        let b = shared.text(1, GROUP);
        assert_ne!(a.as_ptr(), b.as_ptr());
        let short = shared.text(0, "t");
        assert_eq!(short, "t");
    }

    #[test]
    fn a_column_of_unique_values_is_given_up_and_still_read_right() {
        let shared = SharedValues::default();
        for n in 0..1_000 {
            let value = format!("agent{n:05}@example.com");
            assert_eq!(shared.text(2, &value), value.as_str());
        }
        let columns = shared.columns.borrow();
        assert!(columns[2].unique);
        assert!(columns[2].seen.is_empty(), "a given-up column keeps nothing");
    }
}
