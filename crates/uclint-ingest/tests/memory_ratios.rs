//! No input costs more than three times its size in memory while it is read: the shapes that
//! cost 6 to 17 times (a CSV of a million columns, a header line of millions of words, a JSON
//! file of a million keys or items) are read with peak memory, counted by a global allocator
//! that this test binary alone installs, under three times the input plus a small constant.

use std::alloc::System;
use std::sync::{Mutex, MutexGuard};

use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use uclint_ingest::{parse, FileStatus, RawInput};

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The allocator counts for the whole process: one test at a time, each test holding this
/// from its start (building one test's inputs would count in another's measurement).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn alone() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// What does not grow with the input: the reading buffers, a header of the most columns read,
/// the rule-free model of a file.
const CONSTANT: usize = 4 << 20;

/// Parses `bytes` as the file `path` and checks that memory peaked under three times their
/// size (the bytes themselves included) plus [`CONSTANT`]; returns what became of the file.
fn assert_peak_under_three_times(path: &str, make: impl FnOnce() -> Vec<u8>) -> FileStatus {
    let bytes = make();
    let size = bytes.len();
    // Counted from here, with the bytes, which are already allocated, added.
    ALLOCATOR.reset_peak_memory();
    let ingested = parse(vec![RawInput { path: path.into(), bytes, error: None }]);
    let peak = ALLOCATOR.get_peak_memory() + size;
    let status = ingested.files[0].status.clone();
    drop(ingested);
    assert!(
        peak <= 3 * size + CONSTANT,
        "{path}: {size} bytes peaked at {peak} ({:.2} times), {status:?}",
        peak as f64 / size as f64
    );
    status
}

/// `count` items written by `item`, with `separator` between them.
fn joined(count: usize, separator: &str, item: impl Fn(&mut String, usize)) -> String {
    let mut out = String::new();
    for i in 0..count {
        if i > 0 {
            out.push_str(separator);
        }
        item(&mut out, i);
    }
    out
}

/// Writes `prefix` and the number `i`.
fn numbered(prefix: &'static str) -> impl Fn(&mut String, usize) {
    move |out, i| {
        use std::fmt::Write;
        let _ = write!(out, "{prefix}{i}");
    }
}

#[test]
fn a_csv_of_a_million_columns() {
    let _alone = alone();
    let columns = 1_000_000;
    let header = |first: &str| format!("{first},{}\n", joined(columns, ",", numbered("c")));
    // Recognised by its header: it is too wide to be a BAT header, and not read.
    let status = assert_peak_under_three_times("wide.csv", || header("Device Name,Device Type").into_bytes());
    assert!(matches!(status, FileStatus::NotRead { .. }), "{status:?}");
    // Read as its name says, with a row of a million cells.
    let status = assert_peak_under_three_times("phone.csv", || {
        format!(
            "{}SEP1,Cisco 8841,{}\n",
            header("Device Name,Device Type"),
            joined(columns, ",", |out, _| out.push('v'))
        )
        .into_bytes()
    });
    assert!(matches!(status, FileStatus::Read(_)), "{status:?}");
}

#[test]
fn a_header_line_of_millions_of_words() {
    let _alone = alone();
    let words = "a ".repeat(2_000_000);
    for path in ["phone.csv", "export.csv"] {
        assert_peak_under_three_times(path, || format!("Device Name,Device Type,{words}\nSEP1,x,y\n").into_bytes());
    }
    let name = "N".repeat(4_000_000);
    assert_peak_under_three_times("phone.csv", || format!("Device Name,Device Type,{name}\nSEP1,x,y\n").into_bytes());
}

#[test]
fn json_of_a_million_keys_or_items() {
    let _alone = alone();
    let keys = joined(300_000, ",", |out, i| {
        numbered("\"key")(out, i);
        out.push_str("\":1");
    });
    let status =
        assert_peak_under_three_times("resource.json", || format!("{{\"userID\":\"agent01\",{keys}}}").into_bytes());
    assert!(matches!(status, FileStatus::Read(_)), "{status:?}");
    let items = joined(1_000_000, ",", |out, _| out.push('1'));
    assert_peak_under_three_times("resources.json", || {
        format!("[{{\"userID\":\"agent01\",\"x\":[{items}]}},{items}]").into_bytes()
    });
    // A list of resources as UCCX writes them.
    let resources = joined(8_000, ",", |out, i| {
        out.push_str(&format!(
            r#"{{"self":"https://uccx.example.com/adminapi/resource/agent{i}","userID":"agent{i}","firstName":"Agent","lastName":"Number {i}","extension":"{}","alias":"","resourceGroup":{{"@name":"RG_Sales","refURL":"https://uccx.example.com/adminapi/resourceGroup/1"}},"skillMap":{{"skillCompetency":[{{"competencelevel":5,"skillNameUriPair":{{"@name":"Sales","refURL":"https://uccx.example.com/adminapi/skill/1"}}}}]}},"autoAvailable":true,"type":1,"team":{{"@name":"Default","refURL":"https://uccx.example.com/adminapi/team/1"}},"primarySupervisorOf":{{}},"secondarySupervisorOf":{{}}}}"#,
            40_000 + i
        ))
    });
    assert_peak_under_three_times("resources.json", || format!("{{\"resource\":[{resources}]}}").into_bytes());
}
