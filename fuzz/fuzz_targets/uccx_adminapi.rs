//! UCCX `adminapi/resource` exports in XML and JSON. A whole document (the seeds in
//! `fixtures/uccx`) is read as it is; any other input continues a resource list whose first
//! byte chooses the form, so the fuzzer reaches the resource readers without having to find
//! `<resources>` or `"userID"` first.
#![no_main]

mod common;

const HEADS: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<resources><resource><userID>agent01</userID>",
    "[{\"userID\": \"agent01\", \"extension\": \"4001\"}, ",
    "{\"userID\": ",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let file = match data.split_first() {
        Some((b'<' | b'{' | b'[', _)) | None => data.to_vec(),
        Some((&which, body)) => [HEADS[which as usize % HEADS.len()].as_bytes(), body].concat(),
    };
    common::lint(vec![common::raw("fuzz", file)]);
});
