//! The uclint rule set.
//!
//! One file per rule under `rules/<family>/`, each declaring its metadata and documentation with
//! `declare_rule!` next to its check function; [`registry::RULES`]
//! is the single table of all rules. Rules do no IO: they read a [`uclint_model::Cluster`] through
//! a [`Context`] and report [`uclint_model::Diagnostic`]s. [`run`] runs the selected rules in
//! parallel and sorts the result, so output never depends on the number of threads.
//!
//! The modules form layers, each naming only those below it (no module cycle):
//!
//! - `catalog` (`groups`, `devices`, `dial`, `parameters`, `service_url`): the domain facts that
//!   hold for every run, such as the standard access control groups, device classes and CTI
//!   kinds, the model-specific CTI groups, how dial-plan names compare and how a parameter value
//!   is spelled. It names nothing else of the crate.
//! - `settings`: the deployment facts of `uclint.toml`.
//! - `provisioned` (what UCCX provisions in CUCM) and, above it, `context`: the view of one run,
//!   resolved once (agents, the RMCM and JTAPI users, the devices they control, parameter
//!   lookups), built on the catalog and the settings.
//! - `rule`: a rule's metadata, whose check takes the view, and the sink it reports into.
//! - `rules/<family>`: the rules, each naming the view, the catalog and the rule API, and a
//!   family's shared helpers in its `mod.rs` (a family may use another's: SEC uses FIPPA's).
//! - `registry` (the table of rules) and `run` (runs them over a view) on top.

mod catalog;
mod context;
mod provisioned;
pub mod registry;
mod rule;
mod rules;
mod run;
mod settings;

pub use catalog::call_path::{line_css, PortRedirect, TriggerRedirect};
pub use catalog::dial::names_nothing;
pub use catalog::Role;
pub use context::{Agent, Context, RuleNeeds};
pub use provisioned::Trigger;
pub use rule::{Finding, FixMeta, RuleMeta, Sink, Skip};
pub use run::{run, run_fixing, run_in, RunResult, RunTimings, Skipped};
pub use settings::{Setting, Settings};
pub use uclint_model::{Family, Status};
