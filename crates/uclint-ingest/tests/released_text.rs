//! Texts released after parsing (`Options::release_text`, what `uclint check` uses): positions
//! stay exact without the text, the text read back is the one parsed (secrets masked again), and
//! a file changed since it was parsed is not taken back.

use std::path::{Path, PathBuf};

use uclint_ingest::{ingest, ingest_with, Ingested, Options};
use uclint_model::{SourceId, Span};

const PHONES: &str = "Device Name,Device Type,Description,Directory Number 1,Route Partition 1\n\
                      SEP1,Cisco 8841,Empfang Müller,4001,PT\n\
                      SEP2,Cisco 8841,Lobby,4002,PT\n";
const USERS: &str = "USER ID,LAST NAME,PIN\nagent01,Groß,7391\nagent02,Lee,5150\n";

/// A tar of the two files, built in memory.
fn tar_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, text) in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, text.as_bytes()).unwrap();
    }
    builder.into_inner().unwrap()
}

fn released(paths: &[PathBuf]) -> Ingested {
    ingest_with(paths, Options { release_text: true, ..Options::default() })
}

/// Every position of every byte of every source, as `(line, column)`.
fn positions(ingested: &Ingested) -> Vec<Vec<(usize, usize)>> {
    ingested
        .sources
        .iter()
        .map(|(_, file)| (0..=file.text.len() as u32).map(|offset| file.line_col(offset)).collect())
        .collect()
}

fn setup(dir: &Path) -> Vec<PathBuf> {
    std::fs::write(dir.join("phone.csv"), PHONES).unwrap();
    std::fs::write(dir.join("export.tar"), tar_of(&[("enduser.csv", USERS)])).unwrap();
    vec![dir.join("phone.csv"), dir.join("export.tar")]
}

#[test]
fn positions_are_the_same_without_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path());
    let kept = ingest(&paths);
    let mut gone = released(&paths);
    assert!(gone.sources.iter().all(|(_, f)| f.is_released() && f.text.is_empty()));
    assert_eq!(gone.cluster.phones.len(), 2);
    assert_eq!(gone.cluster.end_users.len(), 2);
    // Same line and column (in characters: `ü` and `ß` are two bytes) for every offset.
    let expected = positions(&kept);
    for (id, file) in gone.sources.iter() {
        let got: Vec<_> = (0..expected[id.index()].len() as u32).map(|o| file.line_col(o)).collect();
        assert_eq!(got, expected[id.index()], "{}", file.path);
    }
    gone.restore_text([SourceId::new(0), SourceId::new(1)]);
    for ((_, kept), (_, back)) in kept.sources.iter().zip(gone.sources.iter()) {
        assert!(!back.is_released());
        assert_eq!(back.text, kept.text, "{}", back.path);
    }
    // The PIN cells are masked again in the text read back.
    let users = &gone.sources.get(SourceId::new(0)).text;
    assert!(users.contains("agent01,Groß,****") && !users.contains("7391"), "{users}");
}

#[test]
fn members_of_compressed_archives_are_read_back_as_they_were_parsed() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&tar_of(&[("enduser.csv", USERS), ("phone.csv", PHONES)])).unwrap();
    std::fs::write(dir.path().join("export.tgz"), gz.finish().unwrap()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PHONES.as_bytes()).unwrap();
    std::fs::write(dir.path().join("phone.csv.gz"), gz.finish().unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [("enduser.csv", USERS), ("phone.csv", PHONES)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    std::fs::write(dir.path().join("export.zip"), zip.finish().unwrap().into_inner()).unwrap();
    let paths: Vec<PathBuf> =
        ["export.tgz", "phone.csv.gz", "export.zip"].iter().map(|name| dir.path().join(name)).collect();
    let kept = ingest(&paths);
    let mut gone = released(&paths);
    assert_eq!(gone.sources.len(), 5);
    assert!(gone.sources.iter().all(|(_, f)| f.is_released()));
    let ids: Vec<SourceId> = gone.sources.iter().map(|(id, _)| id).collect();
    gone.restore_text(ids);
    for ((_, kept), (_, back)) in kept.sources.iter().zip(gone.sources.iter()) {
        assert!(!back.is_released(), "{} was not taken back", back.path);
        assert!(!back.text.is_empty() && back.text == kept.text, "{}", back.path);
    }
}

#[test]
fn only_the_files_asked_for_are_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut gone = released(&setup(dir.path()));
    let phone = gone.cluster.phones[0].name.span;
    gone.restore_text([phone.source]);
    let held: Vec<bool> = gone.sources.iter().map(|(_, f)| !f.is_released()).collect();
    assert_eq!(held, [false, true], "enduser.csv stays released, phone.csv is back");
    let file = gone.sources.get(phone.source);
    assert_eq!(file.slice(phone), "SEP1");
}

#[test]
fn a_file_changed_since_it_was_parsed_is_not_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path());
    let mut gone = released(&paths);
    // Same length, other text: only the hash tells.
    std::fs::write(&paths[0], PHONES.replace("Lobby", "Halle")).unwrap();
    std::fs::remove_file(&paths[1]).unwrap();
    gone.restore_text([SourceId::new(0), SourceId::new(1)]);
    for (_, file) in gone.sources.iter() {
        assert!(file.is_released() && file.text.is_empty(), "{}", file.path);
    }
    // Positions still stand: `4002` on line 3, column 23.
    let phone = gone.sources.iter().find(|(_, f)| f.path.ends_with("phone.csv")).unwrap().1;
    let offset = PHONES.find("4002").unwrap() as u32;
    assert_eq!(phone.line_col(offset), (3, 23));
    assert_eq!(phone.slice(Span { source: SourceId::new(1), start: offset, end: offset + 4 }), "");
}

#[test]
fn odd_encodings_and_xml_secrets_come_back_as_they_were_parsed() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-16 with a BOM, UTF-8 with a BOM, a byte that is not UTF-8, and AXL with a password.
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(PHONES.encode_utf16().flat_map(|unit| unit.to_le_bytes())).collect();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(USERS.as_bytes());
    let mut broken = PHONES.replace("SEP2", "SEP9").into_bytes();
    broken.insert(60, 0xFF);
    let axl = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\
               <ns:getUserResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return><user>\
               <userid>agent07</userid><password>hunter2</password></user></return></ns:getUserResponse>\
               </soapenv:Body></soapenv:Envelope>";
    let files: [(&str, &[u8]); 4] =
        [("a-utf16.csv", &utf16), ("b-bom.csv", &bom), ("c-broken.csv", &broken), ("d-user.xml", axl.as_bytes())];
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            std::fs::write(dir.path().join(name), bytes).unwrap();
            dir.path().join(name)
        })
        .collect();
    let kept = ingest(&paths);
    let mut gone = released(&paths);
    let ids: Vec<SourceId> = gone.sources.iter().map(|(id, _)| id).collect();
    gone.restore_text(ids);
    for ((_, kept), (_, back)) in kept.sources.iter().zip(gone.sources.iter()) {
        assert!(!back.is_released(), "{} was not taken back", back.path);
        assert_eq!(back.text, kept.text, "{}", back.path);
    }
    let xml = &gone.sources.iter().find(|(_, f)| f.path.ends_with("d-user.xml")).unwrap().1.text;
    assert!(xml.contains("<password>*******</password>") && !xml.contains("hunter2"), "{xml}");
}

#[test]
fn texts_given_in_memory_are_kept() {
    let raw = uclint_ingest::RawInput { path: "phone.csv".into(), bytes: PHONES.as_bytes().to_vec(), error: None };
    let ingested = uclint_ingest::parse(vec![raw]);
    assert_eq!(ingested.sources.get(SourceId::new(0)).text, PHONES);
}
