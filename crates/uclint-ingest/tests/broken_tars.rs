//! Hostile tars: member names that try to escape, a member that claims to be huge, a tar cut
//! short. Members are never written to disk, so names cannot escape; what can be read is read.

use uclint_ingest::ingest;

const PHONES: &str = "Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP1,Cisco 8841,4001,PT\n";

/// A ustar header for `name` (written raw, so names the `tar` crate would refuse are possible)
/// claiming `size` bytes.
fn header(name: &str, size: u64) -> tar::Header {
    let mut header = tar::Header::new_ustar();
    header.as_mut_bytes()[..name.len()].copy_from_slice(name.as_bytes());
    header.set_size(size);
    header.set_mode(0o644);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    header
}

fn member(out: &mut Vec<u8>, name: &str, data: &[u8]) {
    out.extend_from_slice(header(name, data.len() as u64).as_bytes());
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(512) * 512, 0);
}

fn run(tar: Vec<u8>) -> (uclint_ingest::Ingested, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.tar");
    std::fs::write(&path, tar).unwrap();
    let prefix = format!("{}/", dir.path().display());
    let ingested = ingest(&[path]);
    (ingested, prefix)
}

#[test]
fn member_names_that_climb_out_are_only_names() {
    let mut tar = Vec::new();
    member(&mut tar, "../../../../tmp/uclint-escape.csv", PHONES.as_bytes());
    tar.extend([0u8; 1024]);
    let (ingested, prefix) = run(tar);
    assert!(!std::path::Path::new("/tmp/uclint-escape.csv").exists());
    let paths: Vec<String> = ingested.files.iter().map(|f| f.path.replace(&prefix, "")).collect();
    assert_eq!(paths, ["export.tar!../../../../tmp/uclint-escape.csv"]);
    assert_eq!(ingested.cluster.phones.len(), 1, "the member is still read");
}

#[test]
fn a_member_claiming_to_be_huge_is_reported_and_earlier_members_kept() {
    let mut tar = Vec::new();
    member(&mut tar, "phone.csv", PHONES.as_bytes());
    tar.extend_from_slice(header("enduser.csv", 8 << 30).as_bytes());
    tar.extend_from_slice(b"USER ID\nagent01\n");
    let (ingested, prefix) = run(tar);
    assert_eq!(ingested.cluster.phones.len(), 1);
    let messages: Vec<String> = ingested
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.object, d.message).replace(&prefix, ""))
        .collect();
    assert_eq!(
        messages,
        [
            "INPUT001 file:export.tar could not read this input: the tar is damaged: it ends at byte 1552, inside \
             member `enduser.csv`, whose data and padding run to byte 8589936128",
            "INPUT001 file:export.tar!enduser.csv could not read this input: the member is 8589934592 bytes; uclint \
             reads no file or tar member over 1 GiB (a megacluster's largest export file is a fraction of that), so \
             it was not read",
        ]
    );
}

#[test]
fn a_tar_cut_short_keeps_what_came_before() {
    let mut tar = Vec::new();
    member(&mut tar, "phone.csv", PHONES.as_bytes());
    let mut second = Vec::new();
    member(&mut second, "enduser.csv", b"USER ID\nagent01\n");
    tar.extend_from_slice(&second[..600]);
    let (ingested, prefix) = run(tar);
    assert_eq!(ingested.cluster.phones.len(), 1);
    let codes: Vec<String> =
        ingested.diagnostics.iter().map(|d| format!("{} {}", d.code, d.object).replace(&prefix, "")).collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(codes[0].starts_with("INPUT001 file:export.tar"), "{codes:?}");
}
