//! Output is byte-identical whatever the order of the input paths and the number of threads.

use assert_cmd::Command;

const SOURCES: &str = "fixtures/demo-src/ucmdata_export_demo";

fn run(paths: &[String], threads: &str, format: &str) -> Vec<u8> {
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .env("RAYON_NUM_THREADS", threads)
        // The health report says when it was made: a fixed time, so that two runs on either
        // side of a second compare equal.
        .env("SOURCE_DATE_EPOCH", "0")
        .arg("check")
        .args(paths)
        .args(["--format", format, "--color", "never"])
        .output()
        .unwrap();
    let mut bytes = output.stdout;
    bytes.extend(output.stderr);
    bytes
}

/// A deterministic shuffle (a small LCG), so a failure can be replayed.
fn shuffled(items: &[String], seed: u64) -> Vec<String> {
    let mut items = items.to_vec();
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
    items
}

#[test]
fn input_order_and_thread_count_do_not_change_the_output() {
    let mut files: Vec<String> = std::fs::read_dir(format!("../../{SOURCES}"))
        .unwrap()
        .map(|e| format!("{SOURCES}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    for format in ["full", "concise", "json", "sarif", "html"] {
        let reference = run(&files, "1", format);
        assert!(!reference.is_empty());
        for seed in 1..=4 {
            for threads in ["1", "2", "8"] {
                let order = shuffled(&files, seed);
                assert!(
                    run(&order, threads, format) == reference,
                    "{format}, seed {seed}, {threads} threads: {order:?}"
                );
            }
        }
    }
}
