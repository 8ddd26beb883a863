//! `uclint-synth`: writes deterministic synthetic exports, and runs the scale benchmark on them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use uclint_synth::bench::{measure_bat, Measurement};
use uclint_synth::{generate_bat, Spec, SIZES};

#[derive(Debug, Parser)]
#[command(name = "uclint-synth", version, about = "Synthetic CUCM/UCCX exports for uclint's tests and benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a synthetic BAT Import/Export tar.
    Generate {
        /// small, large or mega.
        #[arg(long, default_value = "small")]
        size: String,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Probability that an agent has each fault.
        #[arg(long, default_value_t = 0.05)]
        fault_rate: f64,
        /// The tar to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Measure the parse floor, `uclint check` end to end and its peak memory.
    Bench {
        /// Sizes to measure.
        #[arg(long, value_delimiter = ',', default_value = "large,mega")]
        sizes: Vec<String>,
        /// Runs per configuration (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The uclint binary to measure (build it with --release).
        #[arg(long, default_value = "target/release/uclint")]
        uclint: PathBuf,
        /// Where to write the generated exports.
        #[arg(long, default_value = "target/bench")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { size, seed, fault_rate, output } => {
            let Some(size) = SIZES.iter().find(|s| s.name == size) else {
                eprintln!("error: unknown size `{size}` (small, large, mega)");
                return ExitCode::from(2);
            };
            let export = generate_bat(&Spec { size: *size, seed, fault_rate });
            if let Err(err) = export.to_tar().and_then(|tar| std::fs::write(&output, tar)) {
                eprintln!("error: could not write {}: {err}", output.display());
                return ExitCode::from(2);
            }
            eprintln!("wrote {} ({} bytes of CSV)", output.display(), export.bytes());
            for (code, n) in &export.expected {
                eprintln!("expected {code}: {n}");
            }
            ExitCode::SUCCESS
        }
        Command::Bench { sizes, runs, uclint, dir } => {
            if let Err(err) = std::fs::create_dir_all(&dir) {
                eprintln!("error: {}: {err}", dir.display());
                return ExitCode::from(2);
            }
            println!("{}", Measurement::header());
            for name in sizes {
                let Some(size) = SIZES.iter().find(|s| s.name == name) else {
                    eprintln!("error: unknown size `{name}`");
                    return ExitCode::from(2);
                };
                match measure_bat(*size, &dir, &uclint, runs.max(1)) {
                    Ok(m) => println!("{}", m.row()),
                    Err(err) => {
                        eprintln!("error: {name}: {err}");
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}
