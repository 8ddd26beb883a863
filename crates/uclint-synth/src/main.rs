//! `uclint-synth`: writes deterministic synthetic exports, and runs the scale benchmark on them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use uclint_synth::bench::{measure, measure_formats, FormatMeasurement, Measurement};
use uclint_synth::{generate, Faults, Form, Spec, SIZES};

#[derive(Debug, Parser)]
#[command(name = "uclint-synth", version, about = "Synthetic CUCM/UCCX exports for uclint's tests and benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a synthetic export: a BAT Import/Export tar, or a tar of AXL responses.
    Generate {
        /// bat (BAT Import/Export CSVs) or axl (AXL get* responses).
        #[arg(long, default_value = "bat")]
        form: String,
        /// small, large or mega.
        #[arg(long, default_value = "small")]
        size: String,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Probability that an agent has each fault.
        #[arg(long, default_value_t = 0.05)]
        fault_rate: f64,
        /// random (agents' faults at the rate), or systematic (those, and every end user lacks
        /// "Standard CTI Enabled": IMP003 for each who controls a desk phone, 81,800 on mega).
        #[arg(long, default_value = "random")]
        faults: String,
        /// Add a realistic dial plan (BAT form only): partitions, 50 CSSs, thousands of route and
        /// translation patterns, hunt pilots, UCCX CTI ports and triggers, and a few dial-plan faults.
        #[arg(long)]
        dial_plan: bool,
        /// The tar to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Measure the parse floor, `uclint check` end to end and its peak memory.
    Bench {
        /// Sizes to measure.
        #[arg(long, value_delimiter = ',', default_value = "large,mega")]
        sizes: Vec<String>,
        /// Export forms to measure.
        #[arg(long, value_delimiter = ',', default_value = "bat,axl")]
        forms: Vec<String>,
        /// Runs per configuration (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The uclint binary to measure (build it with `cargo build --profile dist -p uclint`).
        #[arg(long, default_value = "target/dist/uclint")]
        uclint: PathBuf,
        /// Where to write the generated exports.
        #[arg(long, default_value = "target/bench")]
        dir: PathBuf,
        /// random or systematic (see `generate --help`).
        #[arg(long, default_value = "random")]
        faults: String,
        /// Measure these output formats instead (full, concise, json, sarif, junit, github,
        /// markdown, html, health-markdown): per format, the parse and render stages of
        /// `uclint check --timings --format F=FILE`, end-to-end time and peak memory.
        #[arg(long, value_delimiter = ',')]
        formats: Vec<String>,
        /// Measure exports with the dial plan (`generate --dial-plan`; BAT form only).
        #[arg(long)]
        dial_plan: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { form, size, seed, fault_rate, faults, dial_plan, output } => {
            let Some(size) = SIZES.iter().find(|s| s.name == size) else {
                eprintln!("error: unknown size `{size}` (small, large, mega)");
                return ExitCode::from(2);
            };
            let Some(form) = Form::ALL.into_iter().find(|f| f.name() == form) else {
                eprintln!("error: unknown form `{form}` (bat, axl)");
                return ExitCode::from(2);
            };
            let Some(faults) = faults_named(&faults) else {
                return ExitCode::from(2);
            };
            if dial_plan && form != Form::Bat {
                eprintln!("error: --dial-plan is available in the BAT form only");
                return ExitCode::from(2);
            }
            let export = generate(&Spec { size: *size, seed, fault_rate, faults, dial_plan }, form);
            if let Err(err) = export.to_tar().and_then(|tar| std::fs::write(&output, tar)) {
                eprintln!("error: could not write {}: {err}", output.display());
                return ExitCode::from(2);
            }
            eprintln!("wrote {} ({} bytes in {} files)", output.display(), export.bytes(), export.files.len());
            for (code, n) in &export.expected {
                eprintln!("expected {code}: {n}");
            }
            ExitCode::SUCCESS
        }
        Command::Bench { sizes, forms, runs, uclint, dir, faults, formats, dial_plan } => {
            let Some(faults) = faults_named(&faults) else {
                return ExitCode::from(2);
            };
            if let Err(err) = std::fs::create_dir_all(&dir) {
                eprintln!("error: {}: {err}", dir.display());
                return ExitCode::from(2);
            }
            println!("{}", if formats.is_empty() { Measurement::header() } else { FormatMeasurement::header() });
            for name in sizes {
                let Some(size) = SIZES.iter().find(|s| s.name == name) else {
                    eprintln!("error: unknown size `{name}`");
                    return ExitCode::from(2);
                };
                for form_name in &forms {
                    let Some(form) = Form::ALL.into_iter().find(|f| f.name() == form_name) else {
                        eprintln!("error: unknown form `{form_name}` (bat, axl)");
                        return ExitCode::from(2);
                    };
                    if dial_plan && form != Form::Bat {
                        eprintln!("error: --dial-plan is available in the BAT form only");
                        return ExitCode::from(2);
                    }
                    let spec = Spec { size: *size, seed: 1, fault_rate: 0.05, faults, dial_plan };
                    let measured = if formats.is_empty() {
                        measure(&spec, form, &dir, &uclint, runs.max(1)).map(|m| println!("{}", m.row()))
                    } else {
                        measure_formats(&spec, form, &formats, &dir, &uclint, runs.max(1))
                            .map(|rows| rows.iter().for_each(|m| println!("{}", m.row())))
                    };
                    if let Err(err) = measured {
                        eprintln!("error: {name} {form_name}: {err}");
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// The fault mode named on the command line, or `None` after saying what is known.
fn faults_named(name: &str) -> Option<Faults> {
    let faults = Faults::ALL.into_iter().find(|f| f.name() == name);
    if faults.is_none() {
        eprintln!("error: unknown faults `{name}` (random, systematic)");
    }
    faults
}
