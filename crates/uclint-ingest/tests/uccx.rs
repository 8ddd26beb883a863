//! UCCX `adminapi/resource` exports in XML and JSON: user ID, extension, type and team, each
//! spanning its text.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DataSet, DnRef, Span};

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

fn ingest_text(path: &str, text: &str) -> Ingested {
    parse(vec![RawInput { path: path.into(), bytes: text.as_bytes().to_vec(), error: None }])
}

#[test]
fn xml_and_json_resources_are_read_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/uccx").to_path_buf()]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(ingested.cluster.has(DataSet::UccxResources));
    let statuses: Vec<_> = ingested.files.iter().map(|f| f.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            FileStatus::Read("UCCX adminapi call control groups".into()),
            FileStatus::Read("UCCX adminapi resources (JSON)".into()),
            FileStatus::Read("UCCX adminapi resources".into()),
            FileStatus::Read("UCCX adminapi triggers".into()),
        ]
    );
    let found: Vec<_> = ingested
        .cluster
        .uccx_resources
        .iter()
        .map(|r| {
            let extension = r.extension.as_ref().unwrap();
            assert_eq!(extension.value, DnRef::pattern_only(slice(&ingested, extension.span)));
            let team = r.team.as_ref().map_or("", |t| slice(&ingested, t.span));
            let kind = r.resource_type.as_ref().map_or("", |t| slice(&ingested, t.span));
            format!("{} ext {} type {kind} team {team}", slice(&ingested, r.user_id.span), extension.value)
        })
        .collect();
    assert_eq!(
        found,
        [
            "agent02 ext 4002 type 1 team Default",
            "agent01 ext 4001 type 1 team Default",
            "super01 ext 4090 type 2 team Default"
        ]
    );
}

#[test]
fn a_json_list_is_read_and_noted_as_inferred() {
    let text =
        r#"{"resource": [{"userID": "a1", "extension": "4001", "type": 1}, {"userID": "a2", "extension": null}]}"#;
    let ingested = ingest_text("resources.json", text);
    let users: Vec<_> = ingested.cluster.uccx_resources.iter().map(|r| r.user_id.value.as_str()).collect();
    assert_eq!(users, ["a1", "a2"]);
    assert!(ingested.cluster.uccx_resources[1].extension.is_none(), "null is unset");
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005"]);
}

#[test]
fn malformed_json_is_input002_at_the_error() {
    let text = "{\n  \"userID\": \"a1\",\n  \"extension\": 4001x\n}";
    let ingested = ingest_text("resource.json", text);
    let errors: Vec<_> = ingested.diagnostics.iter().filter(|d| d.code == "INPUT002").collect();
    assert_eq!(errors.len(), 1, "{:#?}", ingested.diagnostics);
    let file = ingested.sources.get(errors[0].primary.span.source);
    assert_eq!(file.line_col(errors[0].primary.span.start).0, 3);
}
