//! `executeSQLQuery` responses: rows recognised by their columns (case-insensitive), values
//! spanning their element text, and the rows of one object merged into one record.

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DeviceKind, DnKey, DnRef, Span};

fn ingest_rows(rows: &str) -> Ingested {
    let text = format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\n\
         <ns:executeSQLQueryResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return>\n{rows}\n\
         </return></ns:executeSQLQueryResponse></soapenv:Body></soapenv:Envelope>\n"
    );
    parse(vec![RawInput { path: "sql.xml".into(), bytes: text.into_bytes(), error: None }])
}

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

#[test]
fn device_line_rows_of_one_device_become_one_device() {
    let ingested = ingest_rows(
        "<row><name>SEP1</name><numplanindex>1</numplanindex><dnorpattern>4001</dnorpattern>\
         <routepartition>PT_Internal</routepartition><maxnumcalls>4</maxnumcalls><busytrigger>2</busytrigger></row>\n\
         <row><NAME>SEP1</NAME><NumPlanIndex>2</NumPlanIndex><DnOrPattern>\\+14085554001</DnOrPattern>\
         <RoutePartitionName/><MaxNumCalls>2</MaxNumCalls><BusyTrigger>1</BusyTrigger></row>\n\
         <row><name>UDP_a</name><tkclass>254</tkclass><numplanindex>1</numplanindex><dnorpattern>4006</dnorpattern>\
         <routepartition>PT_Internal</routepartition></row>",
    );
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(ingested.files[0].status, FileStatus::Read("AXL 14.0 executeSQLQuery (device lines)".into()));
    let cluster = &ingested.cluster;
    assert_eq!(cluster.phones.len(), 1);
    let phone = &cluster.phones[0];
    let lines = phone.lines_by_index();
    assert_eq!(lines[0].dn.value, DnKey::new("4001", "PT_Internal"));
    assert_eq!(slice(&ingested, lines[0].dn.span), "4001");
    assert_eq!(slice(&ingested, lines[0].max_calls.as_ref().unwrap().span), "4");
    assert_eq!(lines[1].dn.value, DnKey::new("+14085554001", ""));
    assert_eq!(cluster.device_profiles[0].kind, DeviceKind::DeviceProfile);
}

#[test]
fn user_rows_give_extensions_by_usage_and_controlled_devices() {
    let ingested = ingest_rows(
        "<row><userid>agent01</userid><dnorpattern>4001</dnorpattern><routepartition>PT_Internal</routepartition>\
         <tkdnusage>2</tkdnusage></row>\n\
         <row><userid>agent01</userid><dnorpattern>\\+14085554001</dnorpattern><routepartition>PT_E164</routepartition>\
         <tkdnusage>1</tkdnusage></row>\n\
         <row><userid>agent01</userid><devicename>SEP1</devicename><tkuserassociation>1</tkuserassociation></row>\n\
         <row><userid>agent01</userid><devicename>SEP9</devicename><tkuserassociation>3</tkuserassociation></row>",
    );
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let users = &ingested.cluster.end_users;
    assert_eq!(users.len(), 1);
    let ipcc = users[0].ipcc_extension.as_ref().unwrap();
    assert_eq!(ipcc.value, DnRef::with_partition("4001", "PT_Internal"));
    assert_eq!(slice(&ingested, ipcc.span), "4001");
    assert_eq!(users[0].primary_extension.as_ref().unwrap().value, DnRef::with_partition("+14085554001", "PT_E164"));
    let devices: Vec<_> = users[0].controlled_devices.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(devices, ["SEP1"], "only tkuserassociation 1 is a controlled device");
}

#[test]
fn application_user_device_rows_and_unknown_columns() {
    let ingested = ingest_rows(
        "<row><appuser>uccxrmcmuser</appuser><devicename>SEP1</devicename></row>\n\
         <row><appuser>uccxrmcmuser</appuser><devicename>UDP_a</devicename></row>\n\
         <row><pkid>7d3b</pkid><description>Front desk</description></row>",
    );
    let app_user = &ingested.cluster.app_users[0];
    assert!(app_user.controls("SEP1") && app_user.controls("UDP_a"));
    let notes: Vec<_> = ingested.diagnostics.iter().map(|d| (d.code.id, slice(&ingested, d.primary.span))).collect();
    assert_eq!(notes, [("INPUT005", "<row>")], "rows uclint cannot map are named, not guessed at");
}

#[test]
fn an_unaliased_partition_name_is_read_and_noted() {
    // SELECT d.name, m.numplanindex, n.dnorpattern, rp.name … gives two <name> elements.
    let ingested = ingest_rows(
        "<row><name>SEP1</name><numplanindex>1</numplanindex><dnorpattern>4001</dnorpattern><name>PT_Internal</name></row>\n\
         <row><userid>agent01</userid><dnorpattern>4001</dnorpattern><name>PT_Internal</name><tkdnusage>2</tkdnusage></row>",
    );
    assert_eq!(ingested.cluster.phones[0].lines[0].dn.value, DnKey::new("4001", "PT_Internal"));
    let ipcc = &ingested.cluster.end_users[0].ipcc_extension.as_ref().unwrap().value;
    assert_eq!(ipcc, &DnRef::with_partition("4001", "PT_Internal"));
    let notes: Vec<_> = ingested.diagnostics.iter().map(|d| (d.code.id, slice(&ingested, d.primary.span))).collect();
    assert_eq!(notes, [("INPUT005", "<name>")]);
}
