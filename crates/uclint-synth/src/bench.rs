//! The scale benchmark: for each size and export form, (a) the parse floor, reading every byte
//! and parsing every CSV record or XML event with no model and no rules on one thread; (b) `uclint check` end
//! to end; (c) its peak memory. Figures are medians over several runs, reported as ratios to the
//! floor and to the input size, so they carry across machines.
//!
//! The render benchmark ([`measure_formats`]) runs `uclint check --timings --format F=FILE` for
//! each output format, on an export with many findings ([`crate::Faults::Systematic`]), and
//! reports uclint's own parse stage ("read and parse") beside its render stage: everything after
//! the rules ("select and render", which includes sorting, the baseline, reading texts back and
//! writing the file). A format meets the target when its render stage takes no longer
//! than the parse stage of the same run, and its peak memory is at most twice the input.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{generate, Faults, Form, Spec};

/// One measured configuration.
#[derive(Debug)]
pub struct Measurement {
    /// Size name.
    pub size: &'static str,
    /// Export form.
    pub form: &'static str,
    /// Input bytes.
    pub input_bytes: u64,
    /// Median parse floor.
    pub floor: Duration,
    /// Median end-to-end `uclint check`.
    pub check: Duration,
    /// Median peak resident memory of `uclint check`, if it could be measured.
    pub peak_rss_bytes: Option<u64>,
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

/// The parse floor of a BAT tar: every member read and every CSV record parsed, one thread.
pub fn parse_floor_bat(tar_path: &Path) -> std::io::Result<(Duration, u64)> {
    let start = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(tar_path)?);
    let mut archive = tar::Archive::new(file);
    let mut records = 0u64;
    for entry in archive.entries()? {
        let entry = entry?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(entry);
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).map_err(std::io::Error::other)? {
            records += 1;
        }
    }
    Ok((start.elapsed(), records))
}

/// The parse floor of a tar of AXL responses: every member read and every XML event parsed
/// (quick-xml, the parser uclint uses), one thread.
pub fn parse_floor_axl(tar_path: &Path) -> std::io::Result<(Duration, u64)> {
    use std::io::Read;
    let start = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(tar_path)?);
    let mut archive = tar::Archive::new(file);
    let mut events = 0u64;
    let mut bytes = Vec::new();
    for entry in archive.entries()? {
        bytes.clear();
        entry?.read_to_end(&mut bytes)?;
        let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => events += 1,
                Err(err) => return Err(std::io::Error::other(err)),
            }
            buf.clear();
        }
    }
    Ok((start.elapsed(), events))
}

/// Runs `uclint check` once: wall time and, with GNU time available, peak RSS.
fn run_check(uclint: &Path, input: &Path) -> std::io::Result<(Duration, Option<u64>)> {
    run_uclint(uclint, input, &["--format", "concise"]).map(|(elapsed, peak, _)| (elapsed, peak))
}

/// Runs `uclint check INPUT ARGS…` once: wall time, peak RSS (with GNU time) and standard error.
fn run_uclint(uclint: &Path, input: &Path, args: &[&str]) -> std::io::Result<(Duration, Option<u64>, String)> {
    let gnu_time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let output = if gnu_time.is_file() {
        Command::new(gnu_time).args(["-f", "%M"]).arg(uclint).arg("check").arg(input).args(args).output()?
    } else {
        Command::new(uclint).arg("check").arg(input).args(args).output()?
    };
    let elapsed = start.elapsed();
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(std::io::Error::other(format!(
            "uclint check failed ({:?}): {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    // GNU time prints the peak in KiB as the last line of stderr.
    let peak = gnu_time.is_file().then(|| {
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<u64>().ok())
            .map(|k| k * 1024)
    });
    Ok((elapsed, peak.flatten(), String::from_utf8_lossy(&output.stderr).into_owned()))
}

/// Generates the export `spec` describes in `form` into `dir`: its path and size.
fn write_export(spec: &Spec, form: Form, dir: &Path) -> std::io::Result<(PathBuf, u64)> {
    let export = generate(spec, form);
    let suffix = match (spec.faults, spec.dial_plan) {
        (Faults::Random, false) => "",
        (Faults::Systematic, false) => "_systematic",
        (Faults::Random, true) => "_dialplan",
        (Faults::Systematic, true) => "_systematic_dialplan",
    };
    let tar_path: PathBuf = dir.join(match form {
        Form::Bat => format!("ucmdata_export_{}{suffix}.tar", spec.size.name),
        Form::Axl => format!("axl_export_{}{suffix}.tar", spec.size.name),
    });
    std::fs::write(&tar_path, export.to_tar()?)?;
    drop(export);
    let input_bytes = std::fs::metadata(&tar_path)?.len();
    Ok((tar_path, input_bytes))
}

/// Generates the export `spec` describes in `form` into `dir` and measures it `runs` times.
pub fn measure(spec: &Spec, form: Form, dir: &Path, uclint: &Path, runs: usize) -> std::io::Result<Measurement> {
    let size = spec.size;
    let (tar_path, input_bytes) = write_export(spec, form, dir)?;
    let mut floors = Vec::new();
    let mut checks = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs {
        let floor = match form {
            Form::Bat => parse_floor_bat(&tar_path)?,
            Form::Axl => parse_floor_axl(&tar_path)?,
        };
        floors.push(floor.0);
        let (elapsed, peak) = run_check(uclint, &tar_path)?;
        checks.push(elapsed);
        peaks.extend(peak);
    }
    Ok(Measurement {
        size: size.name,
        form: form.label(),
        input_bytes,
        floor: median(floors),
        check: median(checks),
        peak_rss_bytes: (!peaks.is_empty()).then(|| median(peaks)),
    })
}

/// One output format measured on one export.
#[derive(Debug)]
pub struct FormatMeasurement {
    /// Size name.
    pub size: &'static str,
    /// Export form.
    pub form: &'static str,
    /// The `--format` name.
    pub format: String,
    /// Input bytes.
    pub input_bytes: u64,
    /// Median of uclint's "read and parse" stage (`--timings`).
    pub parse: Option<Duration>,
    /// Median of everything after the rules (`--timings` "select and render", which includes
    /// "of which read back").
    pub render: Option<Duration>,
    /// Median end-to-end wall time of the run.
    pub check: Duration,
    /// Median peak resident memory, if it could be measured.
    pub peak_rss_bytes: Option<u64>,
    /// Bytes of the report written.
    pub output_bytes: u64,
}

/// A stage's time from `--timings` output: the row whose name (after its indentation) is `name`.
fn stage(timings: &str, name: &str) -> Option<Duration> {
    timings.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix(name)?;
        let seconds: f64 = rest.split_whitespace().next()?.parse().ok()?;
        Some(Duration::from_secs_f64(seconds))
    })
}

/// Generates the export `spec` describes in `form` and measures `uclint check` with each of
/// `formats` written to a file, `runs` times, the formats alternating within each round.
pub fn measure_formats(
    spec: &Spec,
    form: Form,
    formats: &[String],
    dir: &Path,
    uclint: &Path,
    runs: usize,
) -> std::io::Result<Vec<FormatMeasurement>> {
    let (tar_path, input_bytes) = write_export(spec, form, dir)?;
    let out_path = dir.join("report.out");
    let mut samples: Vec<Samples> = formats.iter().map(|_| Samples::default()).collect();
    for _ in 0..runs {
        for (format, sample) in formats.iter().zip(&mut samples) {
            let output = format!("{format}={}", out_path.display());
            let (elapsed, peak, stderr) = run_uclint(uclint, &tar_path, &["--timings", "--format", &output])?;
            sample.parses.extend(stage(&stderr, "read and parse"));
            sample.renders.extend(stage(&stderr, "select and render"));
            sample.checks.push(elapsed);
            sample.peaks.extend(peak);
            sample.output_bytes = std::fs::metadata(&out_path)?.len();
        }
    }
    let _ = std::fs::remove_file(&out_path);
    Ok(formats
        .iter()
        .zip(samples)
        .map(|(format, s)| FormatMeasurement {
            size: spec.size.name,
            form: form.label(),
            format: format.clone(),
            input_bytes,
            parse: (!s.parses.is_empty()).then(|| median(s.parses)),
            render: (!s.renders.is_empty()).then(|| median(s.renders)),
            check: median(s.checks),
            peak_rss_bytes: (!s.peaks.is_empty()).then(|| median(s.peaks)),
            output_bytes: s.output_bytes,
        })
        .collect())
}

/// One format's runs.
#[derive(Default)]
struct Samples {
    parses: Vec<Duration>,
    renders: Vec<Duration>,
    checks: Vec<Duration>,
    peaks: Vec<u64>,
    output_bytes: u64,
}

impl FormatMeasurement {
    /// A Markdown table row.
    pub fn row(&self) -> String {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        let secs = |d: Option<Duration>| d.map_or("n/a".to_owned(), |d| format!("{:.3} s", d.as_secs_f64()));
        let ratio = match (self.render, self.parse) {
            (Some(r), Some(p)) if !p.is_zero() => format!("{:.2}", r.as_secs_f64() / p.as_secs_f64()),
            _ => "n/a".to_owned(),
        };
        let (peak, peak_ratio) = match self.peak_rss_bytes {
            Some(p) => (format!("{:.0} MiB", mib(p)), format!("{:.2}", p as f64 / self.input_bytes as f64)),
            None => ("n/a".to_owned(), "n/a".to_owned()),
        };
        format!(
            "| {} | {} | {} | {:.0} MiB | {} | {} | {ratio} | {:.3} s | {peak} | {peak_ratio} | {:.1} MiB |",
            self.size,
            self.form,
            self.format,
            mib(self.input_bytes),
            secs(self.parse),
            secs(self.render),
            self.check.as_secs_f64(),
            mib(self.output_bytes),
        )
    }

    /// The table header matching [`FormatMeasurement::row`].
    pub fn header() -> &'static str {
        "| size | form | format | input | parse stage | render stage | render / parse | uclint check | peak RSS | \
         peak / input | output |\n|---|---|---|---|---|---|---|---|---|---|---|"
    }
}

impl Measurement {
    /// A Markdown table row.
    pub fn row(&self) -> String {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        let (peak, ratio) = match self.peak_rss_bytes {
            Some(p) => (format!("{:.0} MiB", mib(p)), format!("{:.2}", p as f64 / self.input_bytes as f64)),
            None => ("n/a".to_owned(), "n/a".to_owned()),
        };
        format!(
            "| {} | {} | {:.0} MiB | {:.3} s | {:.3} s | {:.2} | {peak} | {ratio} |",
            self.size,
            self.form,
            mib(self.input_bytes),
            self.floor.as_secs_f64(),
            self.check.as_secs_f64(),
            self.check.as_secs_f64() / self.floor.as_secs_f64(),
        )
    }

    /// The table header matching [`Measurement::row`].
    pub fn header() -> &'static str {
        "| size | form | input | parse floor (a) | uclint check (b) | b/a | peak RSS | peak / input |\n|---|---|---|---|---|---|---|---|"
    }
}
