//! Renders diagnostics. Only this crate knows output formats; each format is one small module
//! over the same [`Report`].
//!
//! Renderers expect diagnostics already sorted ([`uclint_model::sort_diagnostics`]), so output
//! is identical run to run and for any thread count.

mod concise;
mod full;
mod health;
mod summary;

use uclint_model::{Diagnostic, SourceMap};

pub use concise::render_concise;
pub use full::{render_full, FullOptions};
pub use health::{
    render_health_html, render_health_markdown, AgentReadiness, BlockingFinding, Health, ReadinessSummary,
};
pub use summary::{render_summary, Summary};

/// What a run has to show: the sorted diagnostics, their sources and the run summary.
#[derive(Debug)]
pub struct Report<'a> {
    /// Sorted diagnostics (input diagnostics and findings together).
    pub diagnostics: &'a [Diagnostic],
    /// The sources the spans point into.
    pub sources: &'a SourceMap,
    /// Counts, skipped rules, notes.
    pub summary: &'a Summary,
}
