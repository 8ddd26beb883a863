//! UCCX `adminapi/trigger` and `adminapi/callControlGroup` exports in XML: every value with
//! its span (each CTI port name spans its own piece of `listOfCTIPorts`), lone roots, empty
//! lists, files that only share a root name, and broken or hostile files.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DataSet, DnRef, Severity, Span, Spanned, Text, UccxCallControlGroup, UccxTrigger};

const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

fn ingest_text(path: &str, text: &str) -> Ingested {
    parse(vec![RawInput { path: path.into(), bytes: text.as_bytes().to_vec(), error: None }])
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("../../fixtures/uccx").join(name)).unwrap()
}

fn status(ingested: &Ingested) -> FileStatus {
    ingested.files[0].status.clone()
}

fn codes(ingested: &Ingested) -> Vec<&str> {
    ingested.diagnostics.iter().map(|d| d.code.id).collect()
}

/// A value and the text its span points at, which must be the same.
fn spanned<'a>(ingested: &'a Ingested, value: Option<&'a Spanned<Text>>) -> Option<&'a str> {
    let value = value?;
    assert_eq!(slice(ingested, value.span), value.value, "the span points at the value");
    Some(value.value.as_str())
}

fn trigger_line(ingested: &Ingested, t: &UccxTrigger) -> String {
    let dn = slice(ingested, t.directory_number.span);
    assert_eq!(DnRef::pattern_only(dn).pattern, t.directory_number.value.pattern, "the DN spans its pattern");
    let whole = slice(ingested, t.span);
    assert!(whole.starts_with("<trigger>") && whole.ends_with("</trigger>"), "{whole}");
    let enabled = t.enabled.as_ref().map(|e| {
        assert_eq!(slice(ingested, e.span), e.value.to_string());
        e.value
    });
    format!(
        "{} device {:?} ccg {:?} app {:?} css {:?} redirect {:?} enabled {enabled:?}",
        t.directory_number.value,
        spanned(ingested, t.device_name.as_ref()),
        spanned(ingested, t.call_control_group.as_ref()),
        spanned(ingested, t.application.as_ref()),
        spanned(ingested, t.calling_search_space.as_ref()),
        spanned(ingested, t.redirect_calling_search_space.as_ref()),
    )
}

/// A group as `id description prefix` and one line per port group: host, ports, redirect CSS.
fn group_lines(ingested: &Ingested, g: &UccxCallControlGroup) -> Vec<String> {
    let whole = slice(ingested, g.span);
    assert!(whole.starts_with("<callControlGroup>") && whole.ends_with("</callControlGroup>"), "{whole}");
    let mut lines = vec![format!(
        "{:?} {:?} {:?}",
        spanned(ingested, g.id.as_ref()),
        spanned(ingested, g.description.as_ref()),
        spanned(ingested, g.device_name_prefix.as_ref())
    )];
    for pg in &g.port_groups {
        let whole = slice(ingested, pg.span);
        assert!(whole.starts_with("<portGroupConfiguration>") && whole.ends_with("</portGroupConfiguration>"));
        let ports: Vec<_> = pg.ports.iter().map(|p| spanned(ingested, Some(p)).unwrap()).collect();
        lines.push(format!(
            "  host {:?} ports {ports:?} redirect {:?}",
            spanned(ingested, pg.host.as_ref()),
            spanned(ingested, pg.redirect_calling_search_space.as_ref())
        ));
    }
    lines
}

#[test]
fn the_trigger_export_is_read_with_spans() {
    let text = fixture("triggers.xml");
    assert_eq!(text.trim_end().lines().count(), 1, "real files are one line");
    let ingested = ingest_text("triggers.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(status(&ingested), FileStatus::Read("UCCX adminapi triggers".into()));
    assert!(ingested.cluster.has(DataSet::UccxTriggers));
    assert!(!ingested.cluster.has(DataSet::UccxCallControlGroups));
    let triggers = &ingested.cluster.uccx_triggers;
    let lines: Vec<_> = triggers.iter().map(|t| trigger_line(&ingested, t)).collect();
    assert_eq!(
        lines,
        [
            "5000@PT_Internal device Some(\"CXBA_RP\") ccg Some(\"CCG_Inbound\") app Some(\"Sales\") \
             css Some(\"CSS_Internal\") redirect Some(\"default\") enabled Some(true)",
            "5001@<None> device Some(\"CXBA_RP2\") ccg Some(\"CCG_Inbound\") app Some(\"Support\") \
             css Some(\"None\") redirect Some(\"default\") enabled Some(true)",
        ]
    );
    assert_eq!(triggers[0].directory_number.value, DnRef::with_partition("5000", "PT_Internal"));
    assert_eq!(
        triggers[1].directory_number.value,
        DnRef::with_partition("5001", ""),
        "partition `None` is CUCM's <None>"
    );
    assert_eq!(triggers[0].key().to_string(), "uccxtrigger:5000@PT_Internal");
}

#[test]
fn the_call_control_group_export_is_read_with_a_span_for_every_port() {
    let text = fixture("callControlGroups.xml");
    assert_eq!(text.trim_end().lines().count(), 1, "real files are one line");
    let ingested = ingest_text("callControlGroups.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(status(&ingested), FileStatus::Read("UCCX adminapi call control groups".into()));
    assert!(ingested.cluster.has(DataSet::UccxCallControlGroups));
    assert!(!ingested.cluster.has(DataSet::UccxTriggers));
    let groups = &ingested.cluster.uccx_call_control_groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(
        group_lines(&ingested, &groups[0]),
        [
            "Some(\"1\") Some(\"CCG_Inbound\") Some(\"CXBA\")",
            "  host Some(\"uccx-a\") ports [\"CXBA_6000\", \"CXBA_6001\"] redirect Some(\"Redirect Party\")",
            "  host Some(\"uccx-b\") ports [\"CXBA_6002\", \"CXBA_6003\"] redirect Some(\"Redirect Party\")",
        ]
    );
    let port = &groups[0].port_groups[1].ports[1];
    assert_eq!(slice(&ingested, port.span), "CXBA_6003");
    assert_eq!(port.span.start as usize, text.find("CXBA_6003").unwrap());
}

#[test]
fn the_uccx_fixtures_are_all_read_together() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/uccx").to_path_buf()]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    for data in [DataSet::UccxResources, DataSet::UccxTriggers, DataSet::UccxCallControlGroups] {
        assert!(ingested.cluster.has(data), "{data:?}");
    }
    assert_eq!(ingested.cluster.uccx_triggers.len(), 2);
    assert_eq!(ingested.cluster.uccx_call_control_groups.len(), 1);
}

#[test]
fn a_lone_trigger_root_is_one_trigger() {
    let text = format!(
        "{DECLARATION}\n<trigger>\n  <directoryNumber> \\+14085550100 </directoryNumber>\n  \
         <application name=\"\"><refURL>x</refURL></application>\n  <callControlGroup name=\"CCG_A\"/>\n  \
         <triggerEnabled>false</triggerEnabled>\n  <partition></partition>\n</trigger>\n"
    );
    let ingested = ingest_text("trigger.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(status(&ingested), FileStatus::Read("UCCX adminapi triggers".into()));
    let [trigger] = &ingested.cluster.uccx_triggers[..] else { panic!("one trigger") };
    assert_eq!(trigger.directory_number.value, DnRef::pattern_only("+14085550100"));
    assert_eq!(slice(&ingested, trigger.directory_number.span), "\\+14085550100");
    assert!(trigger.application.is_none(), "an empty name is unset");
    assert_eq!(spanned(&ingested, trigger.call_control_group.as_ref()), Some("CCG_A"));
    assert_eq!(trigger.enabled.as_ref().map(|e| e.value), Some(false));
    assert!(trigger.device_name.is_none());
}

#[test]
fn a_lone_call_control_group_on_one_node_splits_a_wrapped_port_list() {
    let list = "testc_68900,testc_68907, testc_68908 ,,\n   testc_68909 ,\r\ntestc_68910,";
    let text = format!(
        "{DECLARATION}\n<callControlGroup>\n  <id>107</id>\n  <description>testccg</description>\n  \
         <deviceNamePrefix>testc</deviceNamePrefix>\n  <portGroupConfiguration>\n    \
         <listOfCTIPorts>{list}</listOfCTIPorts>\n    <startingDirectoryNumber>68900</startingDirectoryNumber>\n  \
         </portGroupConfiguration>\n</callControlGroup>\n"
    );
    let ingested = ingest_text("callControlGroup-107.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let [group] = &ingested.cluster.uccx_call_control_groups[..] else { panic!("one group") };
    let [ports] = &group.port_groups[..] else { panic!("one port group") };
    assert!(ports.host.is_none(), "a single node has no hostName");
    assert!(ports.redirect_calling_search_space.is_none());
    let names: Vec<_> = ports.ports.iter().map(|p| spanned(&ingested, Some(p)).unwrap()).collect();
    assert_eq!(names, ["testc_68900", "testc_68907", "testc_68908", "testc_68909", "testc_68910"]);
    let spans: Vec<_> = ports.ports.iter().map(|p| p.span.start as usize).collect();
    let expected: Vec<_> = names.iter().map(|n| text.find(n).unwrap()).collect();
    assert_eq!(spans, expected);
}

#[test]
fn an_empty_list_means_uccx_has_none() {
    for (text, data) in [
        (format!("{DECLARATION}<triggers/>"), DataSet::UccxTriggers),
        (format!("{DECLARATION}\n<triggers>\n</triggers>\n"), DataSet::UccxTriggers),
        (format!("{DECLARATION}<callControlGroups></callControlGroups>"), DataSet::UccxCallControlGroups),
    ] {
        let ingested = ingest_text("empty.xml", &text);
        assert!(ingested.diagnostics.is_empty(), "{text}: {:#?}", ingested.diagnostics);
        assert!(matches!(status(&ingested), FileStatus::Read(_)), "{text}");
        assert!(ingested.cluster.has(data), "{text}");
        assert!(ingested.cluster.uccx_triggers.is_empty() && ingested.cluster.uccx_call_control_groups.is_empty());
    }
}

#[test]
fn files_that_only_share_a_root_name_are_left_alone() {
    for text in [
        "<triggers><rule><name>x</name></rule></triggers>",
        "<triggers>text</triggers>",
        "<trigger><name>t</name></trigger>",
        "<triggers><trigger><name>t</name></trigger></triggers>",
        "<callControlGroups><callControlGroup><id>1</id></callControlGroup></callControlGroups>",
        "<callControlGroup><id>1</id><description>x</description></callControlGroup>",
        "<config><trigger><directoryNumber>5000</directoryNumber></trigger></config>",
    ] {
        let ingested = ingest_text("other.xml", text);
        assert!(matches!(status(&ingested), FileStatus::NotRead { .. }), "{text}: {:?}", status(&ingested));
        assert!(ingested.diagnostics.is_empty(), "{text}");
        assert!(!ingested.cluster.has(DataSet::UccxTriggers), "{text}");
        assert!(!ingested.cluster.has(DataSet::UccxCallControlGroups), "{text}");
    }
}

#[test]
fn a_trigger_without_a_directory_number_is_skipped_and_named() {
    let text = format!(
        "{DECLARATION}<triggers><trigger><directoryNumber>5000</directoryNumber></trigger>\
         <trigger><deviceName>CXBA_RP9</deviceName><triggerEnabled>maybe</triggerEnabled></trigger>\
         <trigger><directoryNumber>5002</directoryNumber><triggerEnabled>yes</triggerEnabled></trigger></triggers>"
    );
    let ingested = ingest_text("triggers.xml", &text);
    let dns: Vec<_> = ingested.cluster.uccx_triggers.iter().map(|t| t.directory_number.value.to_string()).collect();
    assert_eq!(dns, ["5000", "5002"]);
    assert_eq!(codes(&ingested), ["INPUT004", "INPUT004"], "{:#?}", ingested.diagnostics);
    let skipped = &ingested.diagnostics[0];
    assert!(skipped.message.contains("`<trigger>`") && skipped.message.contains("CXBA_RP9"), "{}", skipped.message);
    assert_eq!(slice(&ingested, skipped.primary.span), "<trigger>");
    let flag = &ingested.diagnostics[1];
    assert_eq!(slice(&ingested, flag.primary.span), "yes", "a value that is not a boolean");
    assert!(ingested.cluster.uccx_triggers[1].enabled.is_none());
}

/// The line and column of a diagnostic's start.
fn line_col(ingested: &Ingested, at: usize) -> (usize, usize) {
    let span = ingested.diagnostics[at].primary.span;
    ingested.sources.get(span.source).line_col(span.start)
}

#[test]
fn a_truncated_trigger_export_keeps_what_came_before_the_cut() {
    let text = fixture("triggers.xml");
    // Cut inside the second trigger, before its directoryNumber: nothing of it is read, and
    // only the INPUT002 about the cut is given.
    let second =
        text.find("<trigger><self type=\"trigger\" href=\"https://uccx.example.com/adminapi/trigger/5001").unwrap();
    let ingested = ingest_text("triggers.xml", &text[..second + 30]);
    assert_eq!(status(&ingested), FileStatus::Read("UCCX adminapi triggers".into()));
    let dns: Vec<_> = ingested.cluster.uccx_triggers.iter().map(|t| t.directory_number.value.to_string()).collect();
    assert_eq!(dns, ["5000@PT_Internal"]);
    assert_eq!(codes(&ingested), ["INPUT002"], "{:#?}", ingested.diagnostics);
    assert_eq!(ingested.diagnostics[0].severity, Severity::Error);
    let (line, column) = line_col(&ingested, 0);
    assert_eq!(line, 1);
    assert!(column > 1, "a column past the records read: {column}");

    // Cut inside a later value: the second trigger is read as far as it goes.
    let cut = text.find("CXBA_RP2").unwrap() + 4;
    let ingested = ingest_text("triggers.xml", &text[..cut]);
    let dns: Vec<_> = ingested.cluster.uccx_triggers.iter().map(|t| t.directory_number.value.to_string()).collect();
    assert_eq!(dns, ["5000@PT_Internal", "5001"]);
    assert_eq!(codes(&ingested), ["INPUT002"]);
}

#[test]
fn a_broken_call_control_group_export_keeps_what_came_before_the_break() {
    let text =
        fixture("callControlGroups.xml").replacen("<hostName>uccx-b</hostName>", "<hostName>uccx-b</hostname>", 1);
    let ingested = ingest_text("callControlGroups.xml", &text);
    assert_eq!(codes(&ingested), ["INPUT002"], "{:#?}", ingested.diagnostics);
    let (line, column) = line_col(&ingested, 0);
    assert_eq!((line, column - 1), (1, text.find("</hostname>").unwrap()), "1-based column of the bad end tag");
    let [group] = &ingested.cluster.uccx_call_control_groups[..] else { panic!("one group") };
    let hosts: Vec<_> = group.port_groups.iter().map(|pg| pg.host.as_ref().map(|h| h.value.as_str())).collect();
    assert_eq!(hosts, [Some("uccx-a"), Some("uccx-b")], "the second port group is read up to the break");
    assert_eq!(group.port_groups[0].ports.len(), 2);
    assert!(group.port_groups[1].ports.is_empty());
}

#[test]
fn entity_encoded_port_names_span_the_whole_list() {
    let text = format!(
        "{DECLARATION}<callControlGroups><callControlGroup><deviceNamePrefix>A&amp;B</deviceNamePrefix>\
         <portGroupConfiguration><listOfCTIPorts>A&amp;B_1, A&#95;2,A_3</listOfCTIPorts></portGroupConfiguration>\
         </callControlGroup></callControlGroups>"
    );
    let ingested = ingest_text("callControlGroups.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let group = &ingested.cluster.uccx_call_control_groups[0];
    assert_eq!(group.device_name_prefix.as_ref().unwrap().value, "A&B");
    let ports = &group.port_groups[0].ports;
    let names: Vec<_> = ports.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(names, ["A&B_1", "A_2", "A_3"]);
    for port in ports {
        assert_eq!(slice(&ingested, port.span), "A&amp;B_1, A&#95;2,A_3", "the decoded offsets are not the text's");
    }
}

#[test]
fn a_doctype_and_its_entities_are_not_acted_on() {
    let text = format!(
        "{DECLARATION}<!DOCTYPE triggers [<!ENTITY rp \"EXPANDED\"><!ENTITY f SYSTEM \"file:///etc/passwd\">\
         <!ENTITY a \"&rp;&rp;&rp;&rp;&rp;&rp;&rp;&rp;\">]><triggers><trigger><directoryNumber>5000</directoryNumber>\
         <deviceName>&a;</deviceName><callControlGroup name=\"&f;\"/><callingSearchSpace>&f;</callingSearchSpace>\
         </trigger></triggers>"
    );
    let ingested = ingest_text("triggers.xml", &text);
    assert_eq!(codes(&ingested), ["INPUT002"], "the DTD is reported: {:#?}", ingested.diagnostics);
    let [trigger] = &ingested.cluster.uccx_triggers[..] else { panic!("one trigger") };
    assert_eq!(trigger.device_name.as_ref().unwrap().value, "&a;");
    assert_eq!(trigger.calling_search_space.as_ref().unwrap().value, "&f;");
    assert!(!format!("{trigger:?}").contains("EXPANDED"));
}

#[test]
fn hostile_and_damaged_files_do_not_panic() {
    let mut texts = vec![
        "<triggers><trigger><directoryNumber>".repeat(200),
        format!("<callControlGroups>{}", "<callControlGroup><portGroupConfiguration>".repeat(300)),
        "<callControlGroup><deviceNamePrefix>x</deviceNamePrefix><portGroupConfiguration><listOfCTIPorts>,,, ,\n,</listOfCTIPorts></portGroupConfiguration></callControlGroup>".into(),
        "<callControlGroup><portGroupConfiguration><listOfCTIPorts><![CDATA[a,b]]>,c<!-- x -->,d</listOfCTIPorts></portGroupConfiguration></callControlGroup>".into(),
        "<triggers><trigger><directoryNumber>&#xD800;</directoryNumber><application name=\"&bogus;\"/></trigger></triggers>".into(),
        "<triggers><trigger><directoryNumber>\u{e9}\u{e9}</directoryNumber><partition>P\u{e9}</partition></trigger></triggers>".into(),
    ];
    for name in ["triggers.xml", "callControlGroups.xml"] {
        let text = fixture(name);
        for cut in (0..text.len()).step_by(7) {
            if text.is_char_boundary(cut) {
                texts.push(text[..cut].to_owned());
            }
        }
    }
    for text in &texts {
        let ingested = ingest_text("hostile.xml", text);
        for group in &ingested.cluster.uccx_call_control_groups {
            for port in group.port_groups.iter().flat_map(|pg| &pg.ports) {
                assert!(!port.value.is_empty() && !slice(&ingested, port.span).is_empty(), "{text}");
            }
        }
    }
    let cdata = ingest_text("cdata.xml", &texts[3]);
    let ports: Vec<_> =
        cdata.cluster.uccx_call_control_groups[0].port_groups[0].ports.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(ports, ["a", "b", "c", "d"]);
}
