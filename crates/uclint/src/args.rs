//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use uclint_model::Severity;

/// Offline configuration linter for Cisco UC exports (CUCM, UCCX, Extension Mobility, IM and Presence).
#[derive(Debug, Parser)]
#[command(name = "uclint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint exports: BAT Import/Export tars, BAT CSV files, AXL and UCCX XML, or directories of them.
    #[command(after_long_help = INPUTS_HELP)]
    Check(CheckArgs),
    /// Write a self-contained cluster health report: HTML, or Markdown for tickets and pull requests.
    ///
    /// The report is not a gate: it exits 0 once the page is written, whatever it found, unless
    /// --fail-on is given (then 1 as `uclint check` would). It exits 2 on a usage, configuration
    /// or input error, as `check` does.
    #[command(after_long_help = INPUTS_HELP)]
    Report(ReportArgs),
    /// Trace where a dialed number goes, offline, as Dialed Number Analyzer does on a live
    /// cluster: each calling search space searched, the pattern matched, translations, the result.
    ///
    /// Exits 0 once the analysis is printed, whatever the result; 2 for a usage error (an origin
    /// the export does not have), an input error, or a path nothing was read from.
    #[command(after_long_help = ROUTE_HELP)]
    Route(RouteArgs),
    /// Write the fixes of the findings a rule can fix: AXL requests, a BAT Import/Export tar and
    /// the fixed export, then prove them by checking the fixed export.
    ///
    /// Nothing is sent to a cluster: an admin reviews DIR/plan.md and applies DIR/axl/ or DIR/bat/.
    /// Exits 0 when every fix is written and the re-check finds them gone and nothing new (or
    /// there is nothing to fix, in which case nothing is written); 1 when the re-check does not
    /// prove the fixes; 2 for a usage, configuration or input error, or a DIR that could not be
    /// written.
    #[command(after_long_help = INPUTS_HELP)]
    Fix(FixArgs),
    /// Compare two exports of one cluster: the findings a change introduced and resolved, and
    /// the objects it added, removed and changed (for pull requests on config repositories).
    ///
    /// Exits 1 when a new finding reaches --fail-on (resolved and unchanged ones never fail);
    /// 0 otherwise; 2 for a usage or configuration error, an input not read whole on either
    /// side, or a path nothing was read from. See docs/diff.md.
    #[command(after_long_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// List every rule: code, name, family, default severity, status.
    Rules,
    /// Show the documentation of one rule, input diagnostic or configuration diagnostic.
    Rule {
        /// Code (UCCX001, INPUT001, CONFIG001; any case) or name (ipcc-extension-shared).
        code: String,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page uclint(1), or write it and one page per subcommand into a directory.
    Manpage {
        /// Write uclint.1 and one page per subcommand (uclint-check.1 and so on) into this directory,
        /// creating it, instead of printing uclint.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The input families `check` and `report` read, for their `--help` (`-h` stays short).
const INPUTS_HELP: &str = "\
Inputs (recognised by content, never by extension; every file of a directory is read):
  - CUCM BAT Import/Export tars (ucmdata_export_*.tar), member by member, and the same
    archives compressed: .tar.gz, .tgz, .zip
  - BAT CSV files on their own (phone.csv, enduser.csv, ...), known by their header
  - the tar's header.txt manifest (which members the export lacks)
  - AXL responses saved as XML: get* and list* responses, and executeSQLQuery rows
  - UCCX adminapi exports: resources (XML or JSON), triggers and call control groups (XML)
Files uclint does not read are counted in the summary; -v lists them, --show-files lists every
input and how it was read.";

/// What `route` reads and assumes, for its `--help`.
const ROUTE_HELP: &str = "\
The export must hold the dial plan: partitions, calling search spaces, route and translation
patterns, hunt pilots and lists (BAT partition.csv, css.csv, routepattern.csv, ...; AXL getCss,
getRoutePattern, ...) and the devices with their CSSs. Digits are analysed en bloc unless
--digit-by-digit is given. Where the export cannot say (a partition's time schedule, the @
macro, a disputed CUCM behaviour) the output says what was assumed. See docs/route.md.

Examples:
  uclint route export.tar --from SEP0011AABB0001 --digits 914085551234
  uclint route export.tar --from SEP0011AABB0001:2 --digits 6001 --format json
  uclint route export.tar --css CSS_Gateway_In --digits 5000
  uclint route export.tar --line-css CSS_Profile_Intl --device-css CSS_Lobby --digits 9011441234567#";

/// `route`'s arguments.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("origin").required(true).multiple(true).args(["from", "css", "line_css", "device_css"])
))]
pub struct RouteArgs {
    /// Files, directories (read recursively) and tars holding the export.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// The calling device (phone, CTI port, device profile) and optionally its line: a button
    /// index (`SEP0011AABB0001:2`) or the line's number (`SEP0011AABB0001:4001`). Without a line,
    /// the device's first line. The line's CSS is searched before the device's.
    #[arg(long, value_name = "DEVICE[:LINE]", conflicts_with_all = ["css", "line_css", "device_css"])]
    pub from: Option<String>,

    /// Analyse with this calling search space alone (a gateway's or trunk's inbound CSS).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["line_css", "device_css"])]
    pub css: Option<String>,

    /// Analyse with this line CSS, searched before --device-css: with both, an Extension
    /// Mobility login (the profile line's CSS and the phone's device CSS) or any pairing to try.
    #[arg(long, value_name = "NAME")]
    pub line_css: Option<String>,

    /// Analyse with this device CSS, searched after --line-css.
    #[arg(long, value_name = "NAME")]
    pub device_css: Option<String>,

    /// The dialed digits: 0-9, *, #, and + for an E.164 number.
    #[arg(long, value_name = "DIGITS")]
    pub digits: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RouteFormat::Text)]
    pub format: RouteFormat,

    /// Analyse digit by digit (SCCP and KPML phones) instead of en bloc: urgent patterns route as
    /// soon as they match, and waits for the interdigit timeout are shown.
    #[arg(long)]
    pub digit_by_digit: bool,

    /// For CTI ports and route points, search the device CSS before the line CSS, as the SRND
    /// says, instead of line first as the UCCX guide says (the sources disagree).
    #[arg(long)]
    pub cti_device_css_first: bool,

    /// When translation patterns chain, "Use Originator's Calling Search Space" means the first
    /// caller's CSS (a training blog's reading), not the CSS in effect when the translation
    /// engaged (Cisco's wording, the default).
    #[arg(long)]
    pub originator_css_is_first_caller: bool,
}

/// `route`'s output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RouteFormat {
    /// Each step and the result, for a person.
    Text,
    /// One JSON document (docs/route.md).
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (read recursively) and tars to lint.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format, optionally written to a file: `json=uclint.json`. Repeat for several
    /// formats in one run; at most one may go to standard output. [default: full]
    ///
    /// Formats: full, concise, json, sarif, junit, github, markdown, html, health-markdown.
    #[arg(long = "format", value_name = "FORMAT[=FILE]", value_parser = parse_output)]
    pub outputs: Vec<Output>,

    /// Lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Exit 0 even when findings reach --fail-on; usage, configuration and input errors still
    /// exit 2.
    #[arg(long)]
    pub exit_zero: bool,

    /// Only findings not in this baseline file count: report and fail on new ones alone.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write every current finding to this baseline file (sorted JSON, keyed by rule and
    /// object), and apply it to this run.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Print the number of findings per code (to standard error, before the summary).
    #[arg(long)]
    pub statistics: bool,

    /// Print how long each stage and the slowest rules took (to standard error).
    #[arg(long)]
    pub timings: bool,

    /// When to colour the full output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Only run these rules: comma-separated codes or family prefixes (UCCX001,RMCM).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Also run these rules, on top of the selection: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// List every file not checked and every rule skipped, one per line, on standard error.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print findings only: no summary and no notes on standard error (errors still print).
    #[arg(short, long)]
    pub quiet: bool,

    /// List every input file with how it was read, or why not, and exit without linting.
    #[arg(long, conflicts_with = "show_settings")]
    pub show_files: bool,

    /// Show which uclint.toml was used and every resolved setting, and exit without linting.
    #[arg(long)]
    pub show_settings: bool,

    /// Render every finding: no caps on the full, github, markdown and sarif outputs (which by
    /// default group findings and keep what a terminal, GitHub or code scanning can take;
    /// docs/output-formats.md). json, concise and junit are never capped.
    #[arg(long)]
    pub no_cap: bool,

    /// Base URL of the rule documentation pages (the repository's docs/ folder as published,
    /// e.g. https://github.com/ORG/uclint/blob/main/docs): SARIF and Markdown link each code to
    /// BASE/rules/CODE.md. Without it, no output links to documentation.
    #[arg(long, value_name = "URL")]
    pub doc_base_url: Option<String>,

    /// The configuration file and the deployment facts given on the command line.
    #[command(flatten)]
    pub deployment: DeploymentArgs,
}

impl CheckArgs {
    /// The `check` another command runs on `paths` (`report`, `fix`, `diff`): no output of its
    /// own, quiet, every rule of the default selection, failing on errors; each command sets what
    /// it takes from its own flags on top.
    fn derived(paths: Vec<PathBuf>, deployment: &DeploymentArgs) -> CheckArgs {
        CheckArgs {
            paths,
            outputs: Vec::new(),
            fail_on: FailOn::Error,
            exit_zero: false,
            baseline: None,
            write_baseline: None,
            statistics: false,
            timings: false,
            color: Color::Never,
            select: Vec::new(),
            extend_select: Vec::new(),
            ignore: Vec::new(),
            verbose: false,
            quiet: true,
            show_files: false,
            show_settings: false,
            no_cap: false,
            doc_base_url: None,
            deployment: deployment.clone(),
        }
    }
}

/// The configuration file and the deployment facts that `check` and `report` share; each flag
/// overrides the configuration's value.
#[derive(Clone, Debug, Args)]
pub struct DeploymentArgs {
    /// Configuration file [default: the first uclint.toml in the working directory or above].
    /// Command-line flags override its values.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Name of the UCCX RMCM application user (default: the one whose name contains "rmcm").
    #[arg(long, value_name = "NAME")]
    pub rmcm_user: Option<String>,

    /// Name of the Finesse IP Phone Agent application user (FIPPA rules are skipped without it).
    #[arg(long, value_name = "NAME")]
    pub fippa_user: Option<String>,

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

    /// Exit 1 when a finding reaches this severity, as `check` does [default: exit 0 once the
    /// report is written, whatever it found].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Exit 0 even when findings reach --fail-on; usage, configuration and input errors still
    /// exit 2.
    #[arg(long)]
    pub exit_zero: bool,

    /// List every file not checked and every rule skipped, one per line, on standard error.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// The configuration file and the deployment facts given on the command line.
    #[command(flatten)]
    pub deployment: DeploymentArgs,
}

impl ReportArgs {
    /// The `check` that writes this report: the same pipeline, with one health-report output.
    pub fn to_check(&self) -> CheckArgs {
        let markdown = self.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        let format = match self.format {
            Some(ReportFormat::Html) => Format::Html,
            Some(ReportFormat::Markdown) => Format::HealthMarkdown,
            None if markdown => Format::HealthMarkdown,
            None => Format::Html,
        };
        CheckArgs {
            outputs: vec![Output { format, file: Some(self.output.clone()) }],
            // Not a gate unless asked to be one (docs/exit-codes.md).
            fail_on: self.fail_on.unwrap_or(FailOn::Error),
            exit_zero: self.exit_zero || self.fail_on.is_none(),
            verbose: self.verbose,
            quiet: self.quiet,
            ..CheckArgs::derived(self.paths.clone(), &self.deployment)
        }
    }
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files, directories (read recursively) and tars to fix.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// The directory to write into: plan.md, plan.json, axl/, bat/ and fixed/. It must not
    /// exist, or be empty, unless --force.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Also apply the fixes that need judgement (marked unsafe in `uclint rules`).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Replace DIR when it exists and is not empty.
    #[arg(long)]
    pub force: bool,

    /// What to print on standard output: the plan as text lines, or plan.json.
    #[arg(long, value_enum, default_value_t = FixFormat::Text)]
    pub format: FixFormat,

    /// Only fix the findings of these rules: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not fix the findings of these rules: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// The configuration file and the deployment facts given on the command line.
    #[command(flatten)]
    pub deployment: DeploymentArgs,
}

impl FixArgs {
    /// The `check` whose findings are fixed, and which re-checks the fixed export.
    pub fn to_check(&self) -> CheckArgs {
        CheckArgs {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            ..CheckArgs::derived(self.paths.clone(), &self.deployment)
        }
    }
}

/// What `uclint fix` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FixFormat {
    /// A line per change, then the re-check's verdict.
    Text,
    /// plan.json.
    Json,
}

/// What `diff` reads and how, for its `--help`.
const DIFF_HELP: &str = "\
OLD and NEW are each anything `check` takes: a tar, a directory (read recursively) or a file.
Both are read with the same configuration and rules; findings are matched by rule code and
object key, as a baseline matches them, so a moved row or a reworded message is unchanged.
To compare git revisions, check the base out beside the working tree first (docs/diff.md):
  git worktree add ../base origin/main
  uclint diff ../base/exports/cluster.tar exports/cluster.tar --format markdown=diff.md

Examples:
  uclint diff old.tar new.tar
  uclint diff old.tar new.tar --format markdown=comment.md --format sarif=diff.sarif --fail-on warning";

/// `diff`'s arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The export before the change: a tar, a directory or a file.
    pub old: PathBuf,

    /// The export after the change.
    pub new: PathBuf,

    /// Output format, optionally written to a file: `markdown=comment.md`. Repeat for several;
    /// at most one may go to standard output. [default: full]
    ///
    /// Formats: full, json, markdown, sarif, github.
    #[arg(long = "format", value_name = "FORMAT[=FILE]", value_parser = parse_diff_output)]
    pub outputs: Vec<DiffOutput>,

    /// Lowest severity of a new finding that fails the run (exit 1).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Exit 0 even when new findings reach --fail-on; usage, configuration and input errors
    /// still exit 2.
    #[arg(long)]
    pub exit_zero: bool,

    /// Only run these rules: comma-separated codes or family prefixes (UCCX001,RMCM).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Also run these rules, on top of the selection: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules: comma-separated codes or family prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// List every entry: no caps on the full, markdown, github and sarif outputs.
    #[arg(long)]
    pub no_cap: bool,

    /// The configuration file and the deployment facts given on the command line.
    #[command(flatten)]
    pub deployment: DeploymentArgs,
}

impl DiffArgs {
    /// The `check` each side is read and linted as: the same rules and settings for both.
    pub fn to_check(&self) -> CheckArgs {
        CheckArgs {
            fail_on: self.fail_on,
            exit_zero: self.exit_zero,
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            no_cap: self.no_cap,
            ..CheckArgs::derived(vec![self.old.clone(), self.new.clone()], &self.deployment)
        }
    }
}

/// One `--format X[=FILE]` of `diff`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffOutput {
    /// The format.
    pub format: DiffFormat,
    /// Where to write it; standard output when `None`.
    pub file: Option<PathBuf>,
}

/// `diff`'s output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For a terminal: the counts, then each finding and object, capped.
    Full,
    /// One JSON document: `new`, `resolved`, `unchanged` and `objects` (docs/diff.md).
    Json,
    /// A pull-request comment: a summary table, then capped sections, under 65,536 characters.
    Markdown,
    /// SARIF 2.1.0 with each result's baselineState (new, unchanged, absent).
    Sarif,
    /// GitHub Actions annotations for the new findings.
    Github,
}

fn parse_diff_output(value: &str) -> Result<DiffOutput, String> {
    let (format, file) = format_and_file::<DiffFormat>(value)?;
    Ok(DiffOutput { format, file })
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
    /// One versioned JSON document (docs/json-format.md).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// JUnit XML: a suite per rule, a case per finding, failed at --fail-on.
    Junit,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A Markdown table, for pull requests and tickets.
    Markdown,
    /// The cluster health report: one self-contained HTML page.
    Html,
    /// The cluster health report in Markdown.
    HealthMarkdown,
}

/// One requested output: a format and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The format.
    pub format: Format,
    /// The file to write; standard output when `None`.
    pub file: Option<PathBuf>,
}

fn parse_output(value: &str) -> Result<Output, String> {
    let (format, file) = format_and_file::<Format>(value)?;
    Ok(Output { format, file })
}

/// `FORMAT[=FILE]`: a format of `F` (any case), and the file to write it to, if any.
fn format_and_file<F: ValueEnum>(value: &str) -> Result<(F, Option<PathBuf>), String> {
    let (name, file) = match value.split_once('=') {
        Some((name, file)) if !file.is_empty() => (name, Some(PathBuf::from(file))),
        Some(_) => return Err(format!("`{value}` names no file after `=`")),
        None => (value, None),
    };
    let format = F::from_str(name, true).map_err(|_| {
        let known: Vec<String> =
            F::value_variants().iter().filter_map(|f| f.to_possible_value()).map(|v| v.get_name().to_owned()).collect();
        format!("unknown format `{name}` (one of: {})", known.join(", "))
    })?;
    Ok((format, file))
}

/// The `--fail-on` threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on error-level findings only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

impl FailOn {
    /// The lowest severity that fails.
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
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
