//! Parsers never panic on input, and a file cut short is read up to the cut: every XML, JSON
//! and CSV fixture, cut off at many points and with bytes flipped, is read into records plus
//! diagnostics.
//!
//! "Read up to the cut" is checked record by record against the whole file: every record that
//! ends before the cut (its span, the whole XML element or CSV row, ends at or before it) is read
//! from the cut file exactly as from the whole file, values and spans alike, and the cut is
//! reported. A JSON file is parsed as one document, so a cut one is reported and nothing in it
//! is read (docs: "nothing in this file was read"); that is asserted instead.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{Cluster, Severity, Span};

fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["families/axl-get", "families/sql", "axl/list", "uccx", "merge/mixed"] {
        let dir = Path::new("../../fixtures").join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

fn parse_bytes(path: &str, bytes: Vec<u8>) -> Ingested {
    parse(vec![RawInput { path: path.to_owned(), bytes, error: None }])
}

/// One record read: the list it is in, the span of the whole record, and everything read from
/// it (its `Debug` form: every value and every value's span).
struct Record {
    list: &'static str,
    span: Span,
    read: String,
}

impl Record {
    /// Where everything read into the object ends in `text`: the record's end, or further when
    /// rows after it add to the object (an `executeSQLQuery` object is built from several
    /// `<row>`s and spans its first; a row is taken when it closes).
    fn extent(&self, text: &[u8]) -> usize {
        let ends = self.read.match_indices("end: ").filter_map(|(at, _)| {
            let digits = &self.read[at + 5..];
            digits[..digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len())].parse::<usize>().ok()
        });
        let last = ends.chain([self.span.end as usize]).max().unwrap_or_default();
        let row_end = text.get(last..).and_then(|rest| rest.windows(6).position(|w| w == b"</row>"));
        row_end.map_or(last, |at| last + at + 6)
    }
}

/// Every record of every object list whose objects carry the span of their whole record. A
/// list without one (EMCC remote clusters, intercluster service profiles, route plan numbers) is not here; the
/// test checks that the fixtures' objects are all in these lists, so a fixture of another kind
/// makes it fail rather than pass unchecked.
fn records(cluster: &Cluster) -> Vec<Record> {
    let mut records = Vec::new();
    macro_rules! lists {
        ($($list:ident),* $(,)?) => {$(
            records.extend(cluster.$list.iter().map(|o| Record {
                list: stringify!($list),
                span: o.span,
                read: format!("{o:?}"),
            }));
        )*};
    }
    lists!(
        phones,
        device_profiles,
        end_users,
        app_users,
        common_device_configs,
        line_groups,
        service_parameters,
        enterprise_parameters,
        ldap_authentication,
        uccx_resources,
        directory_numbers,
        phone_services,
        ldap_system,
        ldap_directories,
        intercom_numbers,
        uc_services,
        credential_policies,
        phone_security_profiles,
        access_control_groups,
        service_profiles,
        uccx_triggers,
        uccx_call_control_groups,
    );
    records
}

#[test]
fn truncated_files_are_read_up_to_the_cut() {
    for (path, bytes) in fixture_files() {
        let whole = parse_bytes(&path, bytes.clone());
        let complete = records(&whole.cluster);
        assert!(!complete.is_empty(), "{path}: the whole file yields no record, so no cut of it can be checked");
        assert_eq!(
            complete.len(),
            whole.cluster.object_count(),
            "{path}: an object list of this fixture is missing from `records`"
        );
        let json = path.ends_with(".json");
        // Cuts all through the file, and at the end of each record and one byte before it: a
        // record that ends at the cut is read, one cut by a byte is not required to be.
        let step = (bytes.len() / 61).max(1);
        let mut cuts: Vec<usize> = (0..bytes.len()).step_by(step).collect();
        cuts.extend(complete.iter().flat_map(|r| [r.span.end as usize - 1, r.span.end as usize]));
        cuts.sort_unstable();
        cuts.dedup();
        for cut in cuts {
            let ingested = parse_bytes(&path, bytes[..cut].to_vec());
            let text = &ingested.sources.get(uclint_model::SourceId::new(0)).text;
            assert!(!text.contains("a5d14d48"), "{path} cut at {cut}: a digest reached the source map");
            let read = records(&ingested.cluster);
            let lost = complete.iter().any(|r| r.span.end as usize > cut);
            if json && lost {
                // One document: cut, nothing in it is read, and once it is taken for a UCCX
                // export the cut is reported.
                assert!(read.is_empty(), "{path} cut at {cut}: a cut JSON document yielded records");
                let taken = matches!(ingested.files[0].status, FileStatus::Read(_));
                let reported = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
                assert!(!taken || reported, "{path} cut at {cut}: the cut was not reported");
                continue;
            }
            // An XML document cut after some of its records were read is an error: the export
            // was not fully read. (Cut inside its first record, a file may not be recognisable
            // as an export at all, and is reported as not read.)
            if path.ends_with(".xml") && lost && !read.is_empty() {
                let reported = ingested.diagnostics.iter().any(|d| d.severity == Severity::Error);
                assert!(reported, "{path} cut at {cut}: the cut was not reported");
            }
            for record in complete.iter().filter(|r| r.span.end as usize <= cut) {
                let found = read.iter().find(|r| r.list == record.list && r.span == record.span);
                let Some(found) = found else {
                    panic!(
                        "{path} cut at {cut}: the {} record at {}..{}, before the cut, was not read:\n{}",
                        record.list, record.span.start, record.span.end, record.read
                    );
                };
                // Read exactly as from the whole file once everything it is built from is.
                assert!(
                    record.extent(&bytes) > cut || found.read == record.read,
                    "{path} cut at {cut}: the {} record at {}..{} was not read as from the whole file:\n  whole: \
                     {}\n  cut:   {}",
                    record.list,
                    record.span.start,
                    record.span.end,
                    record.read,
                    found.read
                );
            }
        }
    }
}

#[test]
fn files_with_flipped_bytes_do_not_panic() {
    for (path, bytes) in fixture_files() {
        let step = (bytes.len() / 31).max(1);
        for (n, at) in (0..bytes.len()).step_by(step).enumerate() {
            let mut damaged = bytes.clone();
            damaged[at] = [b'<', b'>', b'"', b'&', 0xFF, b'/'][n % 6];
            parse_bytes(&path, damaged);
        }
    }
}
