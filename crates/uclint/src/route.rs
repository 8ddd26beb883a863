//! `uclint route`: where a dialed number goes, from the export alone.
//!
//! The export is read as `check` reads it; the dial plan is built from the model
//! (`uclint_dialplan::DialPlan`), the origin is resolved here (a device and line, or a CSS by
//! name), and the analysis is printed by `uclint_report`'s route renderers. The command is not a
//! gate: it exits 0 once the analysis is printed, whatever the call's fate. It exits 2 when the
//! origin is not in the export (with the nearest name, as `uclint rule` does for codes), when an
//! input could not be fully read (its diagnostics are printed on standard error, and the analysis
//! of what was read is still printed), or when a path yielded nothing (docs/exit-codes.md).

use uclint::config;
use uclint_dialplan::{dialable, DialPlan, Mode, Origin, OriginatorCss, Settings};
use uclint_model::{Cluster, DataSet, Device, DnKey, Severity, Text};
use uclint_report::{text, RouteOrigin, RouteReport};

use crate::args::{RouteArgs, RouteFormat};
use crate::exit::{EXIT_CLEAN, EXIT_ERROR};
use crate::output;

pub fn run(args: &RouteArgs) -> u8 {
    let digits = args.digits.trim();
    if !dialable(digits) {
        return usage(&format!(
            "--digits must be dialable digits (0-9, *, #, +), got `{}`",
            text::terminal_message(&args.digits)
        ));
    }
    let options = uclint_ingest::Options { release_text: true, ..Default::default() };
    let ingested = uclint_ingest::ingest_with(&args.paths, options);
    let nothing_read = crate::inputs::report_nothing_read(&ingested.given);
    let input_failed = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
    // What went wrong reading the export; notes (`info`) are `check`'s to give.
    let problems: Vec<_> = ingested.diagnostics.iter().filter(|d| d.severity > Severity::Info).cloned().collect();
    if !problems.is_empty() {
        let summary = uclint_report::Summary::default();
        let report = uclint_report::Report { diagnostics: &problems, sources: &ingested.sources, summary: &summary };
        output::to_stderr(&uclint_report::render_concise(&report));
    }
    let cluster = &ingested.cluster;
    if !cluster.has(DataSet::CallingSearchSpaces) && !cluster.has(DataSet::Partitions) {
        output::to_stderr(
            "warning: the export holds no calling search spaces or partitions (BAT css.csv and partition.csv, \
             AXL getCss and getRoutePartition): only the <None> partition can be searched\n",
        );
    }
    let (origin, shown) = match resolve(cluster, args) {
        Ok(resolved) => resolved,
        Err(message) => return usage(&message),
    };
    let settings = Settings {
        cti_device_css_first: args.cti_device_css_first,
        originator_css_chain: if args.originator_css_is_first_caller {
            OriginatorCss::FirstOriginator
        } else {
            OriginatorCss::InEffect
        },
    };
    let plan = DialPlan::new(cluster, settings);
    let mode = if args.digit_by_digit { Mode::DigitByDigit } else { Mode::EnBloc };
    let analysis = plan.analyze_with(&origin, digits, mode);
    let report = RouteReport { origin: &shown, digits, analysis: &analysis, sources: &ingested.sources };
    let rendered = match args.format {
        RouteFormat::Text => uclint_report::render_route_text(&report),
        RouteFormat::Json => uclint_report::render_route_json(&report),
    };
    if let Err(message) = output::write_stdout(|out| out.write_all(rendered.as_bytes())) {
        return usage(&message);
    }
    if input_failed || nothing_read {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    }
}

fn usage(message: &str) -> u8 {
    output::to_stderr(&format!("error: {message}\n"));
    EXIT_ERROR
}

/// The origin to analyse from, and how to show it; or why the export does not have it.
fn resolve(cluster: &Cluster, args: &RouteArgs) -> Result<(Origin, RouteOrigin), String> {
    if let Some(css) = &args.css {
        let name = known_css(cluster, css)?;
        return Ok((Origin::Css(Text::from(name)), RouteOrigin::Css(name.to_owned())));
    }
    if args.line_css.is_some() || args.device_css.is_some() {
        let line_css = args.line_css.as_deref().map(|n| known_css(cluster, n)).transpose()?;
        let device_css = args.device_css.as_deref().map(|n| known_css(cluster, n)).transpose()?;
        let origin = Origin::Explicit { line_css: line_css.map(Text::from), device_css: device_css.map(Text::from) };
        let shown =
            RouteOrigin::CssPair { line_css: line_css.map(str::to_owned), device_css: device_css.map(str::to_owned) };
        return Ok((origin, shown));
    }
    let from = args.from.as_deref().unwrap_or_default();
    // A device name has no colon (`SEP…`, `CSF…`, a profile name may: try the whole first).
    let (name, line) = match find_device(cluster, from) {
        Some(_) => (from, None),
        None => match from.rsplit_once(':') {
            Some((name, line)) => (name, Some(line)),
            None => (from, None),
        },
    };
    let Some(device) = find_device(cluster, name) else {
        let names = cluster.phones.iter().chain(&cluster.device_profiles).map(|d| d.name.value.as_str());
        return Err(format!("no device or device profile named `{}` in the export{}", t(name), hint(name, names)));
    };
    let lines = device.lines_by_index();
    let chosen = match line {
        None => lines.first().copied(),
        Some(line) => {
            let line = line.trim();
            let by_index = line.parse::<u32>().ok().and_then(|i| lines.iter().copied().find(|l| l.index.value == i));
            let by_dn = || {
                let (pattern, partition) = line.split_once('@').map_or((line, None), |(p, pt)| (p, Some(pt)));
                let wanted = DnKey::new(pattern, partition.unwrap_or_default());
                lines.iter().copied().find(|l| {
                    l.dn.value.pattern == wanted.pattern
                        && partition.is_none_or(|_| l.dn.value.partition == wanted.partition)
                })
            };
            match by_index.or_else(by_dn) {
                Some(found) => Some(found),
                None => {
                    let have: Vec<String> =
                        lines.iter().map(|l| format!("{} ({})", l.index.value, t(&l.dn.value.to_string()))).collect();
                    let have = if have.is_empty() { "no lines".to_owned() } else { have.join(", ") };
                    return Err(format!(
                        "{} `{}` has no line `{}`: it has {have}",
                        device.kind.describe(),
                        t(name),
                        t(line)
                    ));
                }
            }
        }
    };
    let origin = Origin::Device { device: device.name.value.clone(), line: chosen.map(|l| l.dn.value.clone()) };
    let shown = RouteOrigin::Device {
        device: device.name.value.to_string(),
        line: chosen.map(|l| l.index.value),
        dn: chosen.map(|l| l.dn.value.to_string()),
    };
    Ok((origin, shown))
}

/// `name` trimmed, if it is a CSS of the export or the `<None>` CSS; otherwise why not, with the
/// nearest name.
fn known_css<'n>(cluster: &Cluster, name: &'n str) -> Result<&'n str, String> {
    let name = name.trim();
    if name.is_empty() || name == "<None>" || cluster.calling_search_spaces.iter().any(|c| c.name.value == name) {
        return Ok(name);
    }
    let names = cluster.calling_search_spaces.iter().map(|c| c.name.value.as_str());
    Err(format!("no calling search space named `{}` in the export{}", t(name), hint(name, names)))
}

fn find_device<'c>(cluster: &'c Cluster, name: &str) -> Option<&'c Device> {
    let name = name.trim();
    cluster.phones.iter().chain(&cluster.device_profiles).find(|d| d.name.value == name)
}

/// ` (did you mean `X`?)` for the nearest of `names` ([`config::suggest`], as for rule codes), or
/// nothing.
fn hint<'n>(wanted: &str, names: impl Iterator<Item = &'n str>) -> String {
    config::suggest(wanted, names).map(|n| format!(" (did you mean `{}`?)", t(n))).unwrap_or_default()
}

fn t(value: &str) -> String {
    text::terminal_message(value).into_owned()
}
