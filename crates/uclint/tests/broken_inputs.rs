//! Hostile and broken input: every case gets a clear diagnostic with file, line and column, and
//! the good file read beside it is still read in full. Cases are built here, byte by byte, so
//! the corpus documents itself and nothing large is committed.

mod broken_input;

use broken_input::check;

const HEADER: &str =
    "Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1\n";

#[test]
fn unterminated_quote_is_an_error_at_the_quote() {
    let text =
        format!("{HEADER}SEP1,Cisco 8841,4001,PT,2,1\nSEP2,\"Cisco 8841,4002,PT,2,1\nSEP3,Cisco 8841,4003,PT,2,1\n");
    let (ingested, rendered) = check("phone.csv", text.into_bytes());
    assert!(ingested.cluster.phones.iter().any(|p| p.name.value == "SEP1"), "rows before the quote are kept");
    insta::assert_snapshot!(rendered, @r#"
    broken/phone.csv:3:1: INPUT003 [warning] this row has 2 fields but the header has 6; cells were read by position
    broken/phone.csv:3:6: INPUT002 [error] this quote opens a field that is never closed, so the rest of the file (1 more lines) was read as one cell; expected a closing `"` before the next `,` or line end
    "#);
}

#[test]
fn rows_with_too_many_or_too_few_fields_are_read_by_position() {
    let text = format!("{HEADER}SEP1,Cisco 8841,4001,PT,2\nSEP2,Cisco 8841,4002,PT,2,1,extra\n");
    let (ingested, rendered) = check("phone.csv", text.into_bytes());
    let read = ingested.cluster.phones.iter().filter(|p| ["SEP1", "SEP2"].contains(&p.name.value.as_str()));
    assert_eq!(read.count(), 2);
    insta::assert_snapshot!(rendered, @r"
    broken/phone.csv:2:1: INPUT003 [warning] this row has 5 fields but the header has 6; cells were read by position
    broken/phone.csv:3:1: INPUT003 [warning] this row has 7 fields but the header has 6; cells were read by position
    ");
}

#[test]
fn bom_and_crlf_are_read_cleanly() {
    let text = format!("\u{feff}{}SEP1,Cisco 8841,4001,PT,3,1\r\n", HEADER.replace('\n', "\r\n"));
    let (ingested, rendered) = check("phone.csv", text.into_bytes());
    let phone = ingested.cluster.phones.iter().find(|p| p.name.value == "SEP1").unwrap();
    assert_eq!(phone.lines[0].max_calls.as_ref().unwrap().value, 3);
    assert_eq!(rendered, "");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = format!("{HEADER}SEP1,Cisco 8841,4001,PT,2,1\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (ingested, rendered) = check("phone.csv", bytes);
    assert!(ingested.cluster.phones.iter().any(|p| p.name.value == "SEP1"));
    assert_eq!(rendered, "");
}

#[test]
fn invalid_utf8_is_reported_where_it_starts() {
    let mut bytes = format!("{HEADER}SEP1,Cisco 8841,").into_bytes();
    bytes.extend([0xC3, 0x28]);
    bytes.extend(b",PT,2,1\n");
    let (_, rendered) = check("phone.csv", bytes);
    insta::assert_snapshot!(rendered, @"broken/phone.csv:2:17: INPUT002 [error] the file is not valid UTF-8 from byte 118 on; invalid bytes were replaced with U+FFFD, so values after this point may be wrong (re-export, or save as UTF-8 without BOM)");
}

#[test]
fn nul_bytes_in_a_text_export_are_reported() {
    let text = format!("{HEADER}SEP1,Cisco 8841,40\u{0}01,PT,2,1\n");
    let (_, rendered) = check("phone.csv", text.into_bytes());
    insta::assert_snapshot!(rendered, @"broken/phone.csv:2:19: INPUT008 [warning] the file holds 1 NUL byte(s), the first here; exports never contain them, so the file may be truncated or corrupted (values around them may be wrong)");
}

#[test]
fn a_ten_megabyte_field_is_read() {
    let text = format!("{HEADER}SEP1,{},4001,PT,2,1\n", "x".repeat(10 * 1024 * 1024));
    let (ingested, rendered) = check("phone.csv", text.into_bytes());
    assert!(ingested.cluster.phones.iter().any(|p| p.name.value == "SEP1"));
    assert_eq!(rendered, "");
}

#[test]
fn empty_binary_compressed_and_unknown_files_are_listed_as_not_read() {
    for (name, bytes, reason) in [
        ("empty.csv", Vec::new(), "empty file"),
        ("blob.bin", vec![0u8; 4096], "binary file"),
        ("export.tar.gz", vec![0x1F, 0x8B, 8, 0, 0, 0], "gzip-compressed"),
        ("notes.txt", b"call Bob about the agents\n".to_vec(), "not a format uclint reads"),
    ] {
        let (_, rendered) = check(name, bytes);
        assert!(rendered.contains(&format!("not read: broken/{name} ({reason}")), "{name}: {rendered}");
        assert!(!rendered.contains("INPUT"), "{name}: {rendered}");
    }
}

#[test]
fn a_header_only_file_reads_as_an_empty_table() {
    let (ingested, rendered) = check("phone.csv", HEADER.as_bytes().to_vec());
    assert_eq!(rendered, "");
    assert!(ingested.cluster.has(uclint_model::DataSet::Phones));
}
