//! gzip and zip inputs at the ingest level: members named `archive!member` and read like a
//! tar's, refused members reported one by one while the others are read, headers that claim
//! too much refused without reading, and the account of what each given path yielded.

use std::io::Write;
use std::path::{Path, PathBuf};

use uclint_ingest::{ingest, FileStatus, GivenPath, PathKind};

const PHONES: &str = "Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP1,Cisco 8841,4001,PT\n";
const USERS: &str = "USER ID,LAST NAME\nagent01,Lee\n";

fn zip_of(members: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in members {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        writer.start_file(*name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Sets, in the local and central headers of every member, the general-purpose flags (or-ed
/// in), the method or the uncompressed size, as a hostile archive may.
fn patch_zip(bytes: &mut [u8], member: usize, flags: u16, method: Option<u16>, size: Option<u32>) {
    let mut seen = [0usize; 2];
    for at in 0..bytes.len().saturating_sub(30) {
        let (kind, flags_at, method_at, size_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (0, 6, 8, 22),
            b"PK\x01\x02" => (1, 8, 10, 24),
            _ => continue,
        };
        seen[kind] += 1;
        if seen[kind] != member + 1 {
            continue;
        }
        let old = u16::from_le_bytes([bytes[at + flags_at], bytes[at + flags_at + 1]]);
        bytes[at + flags_at..at + flags_at + 2].copy_from_slice(&(old | flags).to_le_bytes());
        if let Some(method) = method {
            bytes[at + method_at..at + method_at + 2].copy_from_slice(&method.to_le_bytes());
        }
        if let Some(size) = size {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
    assert_eq!(seen, [3, 3], "three members, each with a local and a central header");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Each file's path (the temporary directory left out) and outcome; each INPUT001's object and
/// message.
fn outcome(ingested: &uclint_ingest::Ingested, dir: &Path) -> (Vec<String>, Vec<String>) {
    let prefix = format!("{}/", dir.display());
    let files = ingested
        .files
        .iter()
        .map(|f| {
            let status = match &f.status {
                FileStatus::Read(kind) => format!("read {kind}"),
                FileStatus::NotRead { reason, .. } => format!("not read: {reason}"),
                FileStatus::Failed => "failed".to_owned(),
            };
            format!("{} {status}", f.path.replace(&prefix, ""))
        })
        .collect();
    let errors = ingested
        .diagnostics
        .iter()
        .filter(|d| d.code == "INPUT001")
        .map(|d| format!("{} {}", d.object, d.message).replace(&prefix, ""))
        .collect();
    (files, errors)
}

#[test]
fn an_encrypted_member_or_another_method_is_refused_and_the_others_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = zip_of(&[("enduser.csv", USERS), ("phone.csv", PHONES), ("secret.csv", USERS)]);
    patch_zip(&mut bytes, 2, 1, None, None);
    patch_zip(&mut bytes, 0, 0, Some(12), None);
    let path = write(dir.path(), "x.zip", &bytes);
    let ingested = ingest(&[path]);
    let (files, errors) = outcome(&ingested, dir.path());
    assert_eq!(files, ["x.zip!enduser.csv failed", "x.zip!phone.csv read BAT phone.csv", "x.zip!secret.csv failed"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("file:x.zip!enduser.csv could not read this input: the member is compressed with"));
    assert!(errors[0].ends_with("decompress it first"), "{errors:?}");
    assert!(errors[1].contains("x.zip!secret.csv could not read this input: the member is encrypted"), "{errors:?}");
    assert_eq!(ingested.cluster.phones.len(), 1);
}

#[test]
fn a_member_claiming_more_than_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = zip_of(&[("enduser.csv", USERS), ("phone.csv", PHONES), ("huge.csv", "x")]);
    // 3.75 GiB in a 300-byte archive: over the 1 GiB a member may have (0xFFFFFFFF would
    // mean "see the zip64 field").
    patch_zip(&mut bytes, 2, 0, None, Some(0xF000_0000));
    let path = write(dir.path(), "bomb.zip", &bytes);
    let ingested = ingest(&[path]);
    let (files, errors) = outcome(&ingested, dir.path());
    assert_eq!(files[1], "bomb.zip!huge.csv failed");
    assert_eq!(
        errors,
        ["file:bomb.zip!huge.csv could not read this input: the member is 4026531840 bytes; uclint reads no file or \
          tar member over 1 GiB (a megacluster's largest export file is a fraction of that), so it was not read"]
    );
    assert_eq!(ingested.cluster.phones.len(), 1);
}

#[test]
fn a_gzip_stream_of_one_file_is_read_as_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PHONES.as_bytes()).unwrap();
    // Named for what it holds: recognised by magic, not by `.gz`.
    let path = write(dir.path(), "phone.csv.gz", &gz.finish().unwrap());
    let renamed = dir.path().join("phone.csv");
    std::fs::copy(&path, &renamed).unwrap();
    let ingested = ingest(&[path, renamed]);
    let (files, errors) = outcome(&ingested, dir.path());
    assert_eq!(files, ["phone.csv!phone.csv read BAT phone.csv", "phone.csv.gz!phone.csv read BAT phone.csv"]);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_damaged_gzip_or_zip_is_reported_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PHONES.repeat(50).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let cut = write(dir.path(), "cut.csv.gz", &gz[..gz.len() / 2]);
    let zip = zip_of(&[("phone.csv", PHONES)]);
    let broken = write(dir.path(), "broken.zip", &zip[..zip.len() - 30]);
    let ingested = ingest(&[cut, broken]);
    let (_, errors) = outcome(&ingested, dir.path());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("file:broken.zip could not read this input: the zip archive is damaged"),
        "{errors:?}"
    );
    assert!(errors[1].starts_with("file:cut.csv.gz!cut.csv could not read this input: the gzip stream is damaged"));
}

fn account(given: &GivenPath) -> (PathKind, usize, usize, Option<String>) {
    (given.kind, given.files, given.read, given.nothing_read())
}

#[test]
fn each_given_path_says_what_it_yielded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("export")).unwrap();
    let phone = write(&root.join("export"), "phone.csv", PHONES.as_bytes());
    write(&root.join("export"), "notes.txt", b"hello\n");
    std::fs::create_dir(root.join("hidden")).unwrap();
    write(&root.join("hidden"), ".phone.csv", PHONES.as_bytes());
    let empty_zip = write(root, "empty.zip", &zip_of(&[]));
    let notes = write(root, "notes.md", b"# notes\n");
    let paths = [root.join("export"), phone, root.join("hidden"), empty_zip, notes, root.join("missing")];
    let ingested = ingest(&paths);
    let accounts: Vec<_> = ingested.given.iter().map(account).collect();
    assert_eq!(accounts[0], (PathKind::Directory { empty: false }, 2, 1, None));
    // The same file under a directory given and given itself is read once, for both.
    assert_eq!(accounts[1], (PathKind::File, 1, 1, None));
    assert_eq!(
        accounts[2],
        (
            PathKind::Directory { empty: false },
            0,
            0,
            Some("is a directory that holds only hidden files and directories, which are skipped".into())
        )
    );
    assert_eq!(accounts[3], (PathKind::Zip, 0, 0, Some("is a zip archive that holds no file".into())));
    assert_eq!(
        accounts[4],
        (PathKind::File, 1, 0, Some("is not an export uclint reads: not a format uclint reads".into()))
    );
    let missing = accounts[5].3.clone().unwrap();
    assert!(missing.starts_with("could not be read: No such file or directory"), "{missing}");
    assert_eq!(ingested.given[0].path, format!("{}/export", root.display()));
}
