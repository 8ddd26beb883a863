//! The rules, one file per rule, grouped by family.

pub(crate) mod dial;
pub(crate) mod em;
pub(crate) mod fippa;
pub(crate) mod gen;
pub(crate) mod imp;
pub(crate) mod ldap;
pub(crate) mod rmcm;
pub(crate) mod sec;
pub(crate) mod uccx;
