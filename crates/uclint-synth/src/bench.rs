//! The scale benchmark: for each size and export form, (a) the parse floor, reading every byte
//! and parsing every CSV record or XML event with no model and no rules on one thread; (b) `uclint check` end
//! to end; (c) its peak memory. Figures are medians over several runs, reported as ratios to the
//! floor and to the input size, so they carry across machines.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{generate, Form, Size, Spec};

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
    let gnu_time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let output = if gnu_time.is_file() {
        Command::new(gnu_time)
            .args(["-f", "%M"])
            .arg(uclint)
            .arg("check")
            .arg(input)
            .args(["--format", "concise"])
            .output()?
    } else {
        Command::new(uclint).arg("check").arg(input).args(["--format", "concise"]).output()?
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
    Ok((elapsed, peak.flatten()))
}

/// Generates the export of `size` in `form` into `dir` and measures it `runs` times.
pub fn measure(size: Size, form: Form, dir: &Path, uclint: &Path, runs: usize) -> std::io::Result<Measurement> {
    let export = generate(&Spec { size, seed: 1, fault_rate: 0.05 }, form);
    let tar_path: PathBuf = dir.join(match form {
        Form::Bat => format!("ucmdata_export_{}.tar", size.name),
        Form::Axl => format!("axl_export_{}.tar", size.name),
    });
    std::fs::write(&tar_path, export.to_tar()?)?;
    drop(export);
    let input_bytes = std::fs::metadata(&tar_path)?.len();
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
