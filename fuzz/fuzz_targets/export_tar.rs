//! Whole exports in the real layout: the fuzz input is a CUCM Import/Export tar, written into a
//! directory beside UCCX's own exports (`fixtures/lab-like/uccx`) and checked as
//! `uclint check <dir>` checks it: texts released once parsed and read back for the report, every
//! rule (stable or not) with every deployment fact set, every format. Seeds: the lab-like tar
//! (every member of a real 14.0 export) and the demo tar.
//!
//! A custom mutator ([`export_mutator`]) edits the tar member by member: a member's bytes, name,
//! size field, kind and encoding; members are duplicated, dropped and swapped, and the archive is
//! cut short. One in twenty mutations is libFuzzer's own, on the raw archive.
//!
//! Besides any panic, every input is held to what issue #17 promises:
//! - no secret planted in the seeds ([`planted`]: every run of 32 or more hex digits in them, all
//!   in password, PIN, digest and password-reverse columns) reaches any output, not even 31 of
//!   its digits in a row, while it is in place;
//! - the terminal formats (`full`, `concise`, `github` and the summary and statistics written to
//!   standard error) carry no raw ESC or BEL;
//! - `concise` is one line per diagnostic and `github` one workflow command per line, so no value
//!   or file name can forge a line.
#![no_main]

mod common;
mod export_mutator;
mod planted;
mod tar_members;

use std::path::PathBuf;
use std::sync::OnceLock;

use planted::Secrets;
use uclint::config::{self, ConfigFile};
use uclint_rules::Settings;

const LAB_TAR: &[u8] = include_bytes!("../../fixtures/lab-like/cucm/ucmdata_export_lab.tar");
const DEMO_TAR: &[u8] = include_bytes!("../../fixtures/demo/ucmdata_export_demo.tar");
const UCCX_FILES: &[(&str, &[u8])] = &[
    ("callControlGroups.xml", include_bytes!("../../fixtures/lab-like/uccx/callControlGroups.xml")),
    ("resources.xml", include_bytes!("../../fixtures/lab-like/uccx/resources.xml")),
    ("triggers.xml", include_bytes!("../../fixtures/lab-like/uccx/triggers.xml")),
];
/// The lab's deployment facts, plus the ones it leaves unset, so that every rule that needs a
/// fact runs.
const LAB_CONFIG: &str = include_str!("../../fixtures/lab-like/uclint.toml");
const MORE_FACTS: &str =
    "fippa-user = \"fippa\"\nsrtp = true\nemcc = true\nem-proxy-logins = true\nfinesse-nodes = 2\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = workdir();
    std::fs::write(dir.join("cucm").join("ucmdata_export_lab.tar"), data).expect("writing the fuzz tar");
    let checked = common::check(std::slice::from_ref(dir), settings());

    if let Some(dump) = std::env::var_os("UCLINT_FUZZ_DUMP") {
        // Reproducing a finding: every output as a file, to read before the checks below fail.
        let dump = PathBuf::from(dump);
        std::fs::create_dir_all(&dump).expect("creating UCLINT_FUZZ_DUMP");
        for output in &checked.outputs {
            std::fs::write(dump.join(output.format), &output.text).expect("writing to UCLINT_FUZZ_DUMP");
        }
    }
    let checks = checks();
    let pieces = if checks.secrets { secrets().in_place(data) } else { Vec::new() };
    for output in &checked.outputs {
        if let Some(leak) = planted::leaked(&output.text, &pieces) {
            panic!("`{}` output shows `{leak}`, part of a secret planted in the seeds", output.format);
        }
        if checks.control && output.terminal {
            if let Some(at) = output.text.bytes().position(|b| b == 0x1b || b == 0x07) {
                let around = &output.text.as_bytes()[at.saturating_sub(60)..(at + 20).min(output.text.len())];
                panic!("`{}` output has a raw control byte: {:?}", output.format, String::from_utf8_lossy(around));
            }
        }
        match output.format {
            "concise" if checks.lines => assert_eq!(
                output.text.lines().count(),
                checked.diagnostics.len(),
                "`concise` is not one line per diagnostic"
            ),
            "github" if checks.lines => {
                if let Some(line) = output.text.lines().find(|l| !l.starts_with("::")) {
                    panic!("`github` has a line that is not a workflow command: {line:?}");
                }
            }
            _ => {}
        }
    }
});

/// Which promises are checked besides the absence of panics: all of them, less those named in
/// `UCLINT_FUZZ_SKIP` (`secrets`, `control`, `lines`, comma-separated). Skipping one lets a long
/// run look for panics past a known failure of another, until it is fixed.
struct Checks {
    secrets: bool,
    control: bool,
    lines: bool,
}

fn checks() -> &'static Checks {
    static CHECKS: OnceLock<Checks> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let skip = std::env::var("UCLINT_FUZZ_SKIP").unwrap_or_default();
        let on = |name: &str| !skip.split(',').any(|s| s.trim() == name);
        Checks { secrets: on("secrets"), control: on("control"), lines: on("lines") }
    })
}

/// The directory `uclint check` is given: `cucm/` (the fuzz tar) and `uccx/` (UCCX's exports),
/// one per process under the temporary directory. Directories of processes that have ended are
/// removed on the way.
fn workdir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        const PREFIX: &str = "uclint-fuzz-export_tar-";
        let tmp = std::env::temp_dir();
        for entry in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else { continue };
            if pid.parse::<u32>().is_ok() && !std::path::Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let dir = tmp.join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(dir.join("cucm")).expect("creating the fuzz directory");
        std::fs::create_dir_all(dir.join("uccx")).expect("creating the fuzz directory");
        for (name, bytes) in UCCX_FILES {
            std::fs::write(dir.join("uccx").join(name), bytes).expect("writing the UCCX exports");
        }
        dir
    })
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let file = ConfigFile { path: config::FILE_NAME.to_owned(), text: format!("{LAB_CONFIG}{MORE_FACTS}") };
        let (config, problems) = config::parse(&file);
        assert!(problems.is_empty(), "the fuzz target's uclint.toml has problems");
        config::settings(&config.deployment)
    })
}

/// The secrets of the seeds.
fn secrets() -> &'static Secrets {
    static SECRETS: OnceLock<Secrets> = OnceLock::new();
    SECRETS.get_or_init(|| {
        let secrets = Secrets::of(&[LAB_TAR, DEMO_TAR]);
        assert!(secrets.len() >= 40, "the seeds' secrets were not found");
        secrets
    })
}

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    export_mutator::mutate_export(data, size, max_size, seed, libfuzzer_sys::fuzzer_mutate)
});

libfuzzer_sys::fuzz_crossover!(|data1: &[u8], data2: &[u8], out: &mut [u8], seed: u32| {
    export_mutator::cross_over(data1, data2, out, seed)
});
