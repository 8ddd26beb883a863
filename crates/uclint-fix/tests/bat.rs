//! The BAT changed-rows tar: `bat::changed_rows` from the fixed export's edits, and
//! `bat::changed_rows_tar`'s members, `header.txt` and bytes.

use std::io::Read;

use uclint_fix::bat::{changed_member, changed_rows, changed_rows_tar, ChangedMember};
use uclint_fix::export::{apply, file_edits, ByteEdit};
use uclint_fix::{Chosen, Source, SourceForm};
use uclint_ingest::RawInput;
use uclint_model::{Edit, Field, ObjectKey, Spanned, Value};

const PHONES: &str =
    "Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1\r\n\
SEP0011AABB0001,Cisco 8841,4001,PT_Internal,4,2\r\n\
SEP0011AABB0002,Cisco 8841,4002,PT_Internal,2,1\r\n\
SEP0011AABB0003,Cisco 8841,4003,PT_Internal,\"3\",3\r\n";

/// Max calls 2 and busy trigger 1 on the first line of phones 1 and 3, as file edits of PHONES.
fn phone_edits() -> (Vec<ByteEdit>, Vec<std::ops::Range<usize>>) {
    let ingested = uclint_ingest::parse(vec![RawInput {
        path: "phone.csv".to_owned(),
        bytes: PHONES.as_bytes().to_vec(),
        error: None,
    }]);
    let mut edits = Vec::new();
    for phone in ingested.cluster.phones.iter().filter(|p| p.name.value != "SEP0011AABB0002") {
        let line = &phone.lines[0];
        let (max, busy) = (line.max_calls.as_ref().expect("max"), line.busy_trigger.as_ref().expect("busy"));
        edits.push(Edit::Set {
            object: ObjectKey::Phone(phone.name.value.clone()),
            field: Field::LineMaxCalls { line: 1 },
            before: Spanned::new(max.value.to_string().into(), max.span),
            after: Value::Number(2),
        });
        edits.push(Edit::Set {
            object: ObjectKey::Phone(phone.name.value.clone()),
            field: Field::LineBusyTrigger { line: 1 },
            before: Spanned::new(busy.value.to_string().into(), busy.span),
            after: Value::Number(1),
        });
    }
    let chosen: Vec<Chosen<'_>> = edits.iter().enumerate().map(|(finding, edit)| Chosen { finding, edit }).collect();
    let (id, _) = ingested.sources.iter().next().expect("one source");
    let source = Source { id, path: "phone.csv", form: SourceForm::BatCsv, bytes: PHONES.as_bytes() };
    let result = file_edits(&ingested.cluster, &chosen, &|wanted| (wanted == id).then_some(source));
    assert_eq!(result.applied, [0, 1, 2, 3], "{:?}", result.declined);
    (result.files[&id].clone(), result.rows[&id].clone())
}

#[test]
fn the_changed_rows_are_the_fixed_rows_alone() {
    let (edits, rows) = phone_edits();
    assert_eq!(rows.len(), 2, "two rows changed, each once");
    let member = changed_rows("phone.csv", PHONES.as_bytes(), &edits, &rows);
    assert_eq!(
        member,
        ChangedMember {
            name: "phone.csv".to_owned(),
            header: PHONES.lines().next().expect("header").trim_end().as_bytes().to_vec(),
            rows: vec![
                b"SEP0011AABB0001,Cisco 8841,4001,PT_Internal,2,1".to_vec(),
                b"SEP0011AABB0003,Cisco 8841,4003,PT_Internal,\"2\",1".to_vec(),
            ],
            crlf: true,
        }
    );
    // LF files stay LF.
    let lf = PHONES.replace("\r\n", "\n");
    let member = changed_rows("phone.csv", lf.as_bytes(), &[], &[]);
    assert!(!member.crlf);
    assert!(member.rows.is_empty());
}

#[test]
fn the_changed_member_of_a_path_is_checked_against_the_fixed_bytes() {
    let (edits, rows) = phone_edits();
    let fixed = apply(PHONES.as_bytes(), &edits);
    let member = changed_member("export.tar!phone.csv", PHONES.as_bytes(), &fixed, &rows, Some(&edits));
    assert_eq!(member, Some(changed_rows("phone.csv", PHONES.as_bytes(), &edits, &rows)));
    let member = changed_member("dir/sub\\phone.csv", PHONES.as_bytes(), &fixed, &rows, Some(&edits));
    assert_eq!(member.map(|m| m.name), Some("phone.csv".to_owned()));
    // Bytes that are not the original with the edits applied give no member.
    assert_eq!(changed_member("phone.csv", PHONES.as_bytes(), PHONES.as_bytes(), &rows, Some(&edits)), None);
    assert_eq!(changed_member("dir/", PHONES.as_bytes(), &fixed, &rows, Some(&edits)), None);
    assert_eq!(changed_member("phone.csv", PHONES.as_bytes(), &fixed, &[], Some(&edits)), None);
}

/// Each member of a tar: (name, mode, mtime, content).
fn read_tar(tar: &[u8]) -> Vec<(String, u32, u64, String)> {
    let mut archive = tar::Archive::new(tar);
    let mut out = Vec::new();
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let header = entry.header().clone();
        let mut content = String::new();
        entry.read_to_string(&mut content).expect("text");
        let name = String::from_utf8_lossy(&header.path_bytes()).into_owned();
        out.push((name, header.mode().expect("mode"), header.mtime().expect("mtime"), content));
    }
    out
}

fn members() -> Vec<ChangedMember> {
    vec![
        ChangedMember {
            name: "phone.csv".to_owned(),
            header: b"Device Name,Maximum Number of Calls 1".to_vec(),
            rows: vec![b"SEP1,2".to_vec(), b"SEP3,2".to_vec()],
            crlf: true,
        },
        ChangedMember {
            name: "enduser.csv".to_owned(),
            header: b"USER ID,ACCESS CONTROL GROUP 1".to_vec(),
            rows: vec![b"agent01,Standard CTI Enabled".to_vec()],
            crlf: false,
        },
    ]
}

#[test]
fn the_tar_holds_header_txt_and_each_member_sorted() {
    let original =
        b"Time : Jun 09, 2023 13:03:18 PM PDT\r\nIP Address : 10.1.1.10\r\nCCM : master-14.0.1.10000-20.i386\r\n\
File : routegroup\r\nFile : phone\r\n";
    let tar = changed_rows_tar(&members(), Some(original)).expect("tar");
    let read = read_tar(&tar);
    let names: Vec<&str> = read.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(names, ["header.txt", "enduser.csv", "phone.csv"]);
    assert_eq!(
        read[0].3,
        "Time : Jun 09, 2023 13:03:18 PM PDT\r\nIP Address : 10.1.1.10\r\nCCM : master-14.0.1.10000-20.i386\r\n\
         File : enduser\r\nFile : phone\r\n"
    );
    assert_eq!(read[1].3, "USER ID,ACCESS CONTROL GROUP 1\nagent01,Standard CTI Enabled\n");
    assert_eq!(read[2].3, "Device Name,Maximum Number of Calls 1\r\nSEP1,2\r\nSEP3,2\r\n");
    assert!(read.iter().all(|&(_, mode, mtime, _)| mode == 0o644 && mtime == 0));
    // The same bytes whatever the members' order.
    let mut reversed = members();
    reversed.reverse();
    assert_eq!(changed_rows_tar(&reversed, Some(original)).expect("tar"), tar);
}

#[test]
fn without_the_original_header_txt_only_the_file_lines_are_written() {
    let tar = changed_rows_tar(&members(), None).expect("tar");
    // Sorted first is enduser.csv, whose lines end with LF.
    assert_eq!(read_tar(&tar)[0].3, "File : enduser\nFile : phone\n");
}

#[test]
fn members_that_would_share_a_name_are_refused() {
    let mut twice = members();
    twice.push(twice[0].clone());
    assert!(changed_rows_tar(&twice, None).is_err());
    let mut header = members();
    header[0].name = "header.txt".to_owned();
    assert!(changed_rows_tar(&header, None).is_err());
    header[0].name = "../phone.csv".to_owned();
    assert!(changed_rows_tar(&header, None).is_err());
}

/// A changed row with a password or digest value names its column; check boxes under such a
/// name, empty and `NULL` cells do not.
#[test]
fn secret_columns_name_the_secret_values_of_the_changed_rows() {
    let member = |row: &str| ChangedMember {
        name: "enduser.csv".to_owned(),
        header: b"\xEF\xBB\xBFUSER ID,PASSWORD 1,DIGEST CREDENTIALS,PIN LOCKED BY ADMIN 1,ACCESS CONTROL GROUP 1"
            .to_vec(),
        rows: vec![row.as_bytes().to_vec()],
        crlf: false,
    };
    let secret = |name: &str| uclint_ingest::secrets::is_secret_name(name);
    assert_eq!(
        member("ann,\"5f4dcc3b5aa765d61d8327deb882cf99\",abc123,f,Standard CTI Enabled").secret_columns(&secret),
        ["DIGEST CREDENTIALS", "PASSWORD 1"]
    );
    assert!(member("ann,NULL,,t,Standard CTI Enabled").secret_columns(&secret).is_empty());
    assert!(member("ann, ,f,f,Standard CTI Enabled").secret_columns(&secret).is_empty());
}
