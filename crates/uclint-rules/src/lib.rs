//! The uclint rule set.
//!
//! One file per rule under `rules/<family>/`, each declaring its metadata and documentation with
//! [`declare_rule!`](crate::rule::declare_rule) next to its check function; [`registry::RULES`]
//! is the single table of all rules. Rules do no IO: they read a [`uclint_model::Cluster`] through
//! a [`Context`] and report [`uclint_model::Diagnostic`]s. [`run`] runs the selected rules in
//! parallel and sorts the result, so output never depends on the number of threads.

mod context;
mod provisioned;
pub mod registry;
mod rule;
mod rules;
mod run;
mod service_url;
mod settings;

pub use context::{Agent, Context, Role};
pub use provisioned::Trigger;
pub use rule::{Family, Finding, RuleMeta, Sink, Skip, Status};
pub use run::{run, RunResult, RunTimings, Skipped};
pub use settings::{Setting, Settings};
