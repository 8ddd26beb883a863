//! The rules, one file per rule, grouped by family.

pub(crate) mod em;
pub(crate) mod rmcm;
pub(crate) mod uccx;
