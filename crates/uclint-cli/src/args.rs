//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Offline configuration linter for Cisco UC exports (CUCM, UCCX, Extension Mobility, IM and Presence).
#[derive(Debug, Parser)]
#[command(name = "uclint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint exports: BAT Import/Export tars, BAT CSV files, or directories of them.
    Check(CheckArgs),
    /// Write a self-contained cluster health report: HTML, or Markdown for tickets and pull requests.
    Report(ReportArgs),
    /// List every rule: code, name, family, default severity, status.
    Rules,
    /// Show the documentation of one rule.
    Rule {
        /// Rule code (UCCX001) or name (ipcc-extension-shared).
        code: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (read recursively) and tars to lint.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,

    /// When to colour the full output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Only run these rules: comma-separated codes or family prefixes (UCCX001,RMCM).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Name of the UCCX RMCM application user (default: the one whose name contains "rmcm").
    #[arg(long, value_name = "NAME")]
    pub rmcm_user: Option<String>,

    /// UCCX 12.5(1)SU1+ Agent Device Selection is enabled (shared IPCC extensions become info).
    #[arg(long)]
    pub agent_device_selection: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files, directories (read recursively) and tars to report on.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Where to write the report.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Report format (default: from the output file's extension, `.md` for Markdown, else HTML).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Name of the UCCX RMCM application user (default: the one whose name contains "rmcm").
    #[arg(long, value_name = "NAME")]
    pub rmcm_user: Option<String>,

    /// UCCX 12.5(1)SU1+ Agent Device Selection is enabled (shared IPCC extensions become info).
    #[arg(long)]
    pub agent_device_selection: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// Markdown.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical report with the export snippet and the fix.
    Full,
    /// One line per finding: path:line:col: CODE [severity] message.
    Concise,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
