//! `uclint report`: the one-off cluster health report, as a self-contained HTML page or Markdown.
//!
//! It is `uclint check` with one health-report output (`--format html=FILE` works there too);
//! what the report shows beyond the diagnostics is gathered by the library's `health` module.
//!
//! A report is not a gate: it exits 0 once the page is written, whatever it found, unless
//! `--fail-on` is given, and then exactly as `check` does (`ReportArgs::to_check` turns the
//! absence of `--fail-on` into `--exit-zero`). Usage, configuration and input errors exit 2 as
//! in `check` (docs/exit-codes.md).

use crate::args::ReportArgs;
use crate::check;
use crate::exit::EXIT_ERROR;

pub fn run(args: &ReportArgs) -> u8 {
    let code = check::run(&args.to_check());
    if code != EXIT_ERROR && !args.quiet {
        let path = uclint_report::text::terminal(&args.output.display().to_string()).into_owned();
        crate::output::to_stderr(&format!("report written to {path}\n"));
    }
    code
}
