//! The fixed export's byte edits (`export::file_edits`, `export::apply`) on small exports read by
//! ingest, so that every span is one ingest made; and the archive rewrite (`export::rewrite_tar`).

use std::io::Read;

use uclint_fix::export::{apply, file_edits, rewrite_tar, FileEdits};
use uclint_fix::{Chosen, Source, SourceForm};
use uclint_ingest::{Ingested, RawInput};
use uclint_model::{Edit, Field, List, ObjectKey, SourceId, Spanned, Text, Value};

/// Reads `files` (display path, bytes) with ingest.
fn ingest(files: &[(&str, &[u8])]) -> Ingested {
    let inputs =
        files.iter().map(|(path, bytes)| RawInput { path: (*path).to_owned(), bytes: bytes.to_vec(), error: None });
    uclint_ingest::parse(inputs.collect())
}

/// The id of the source read from `path`.
fn id(ingested: &Ingested, path: &str) -> SourceId {
    ingested.sources.iter().find(|(_, f)| f.path == path).map(|(id, _)| id).expect("the file was read")
}

/// The edits of `edits` (as findings 0, 1, ...), with `files` as the sources in the form given.
fn edits_of(ingested: &Ingested, files: &[(&str, &[u8], SourceForm)], edits: &[Edit]) -> FileEdits {
    let chosen: Vec<Chosen<'_>> = edits.iter().enumerate().map(|(finding, edit)| Chosen { finding, edit }).collect();
    let sources: Vec<Source<'_>> =
        files.iter().map(|&(path, bytes, form)| Source { id: id(ingested, path), path, form, bytes }).collect();
    let lookup = |wanted: SourceId| sources.iter().find(|s| s.id == wanted).copied();
    file_edits(&ingested.cluster, &chosen, &lookup)
}

/// The fixed bytes of the file `path`.
fn fixed(ingested: &Ingested, edits: &FileEdits, path: &str, original: &[u8]) -> String {
    let changes = edits.files.get(&id(ingested, path)).map(Vec::as_slice).unwrap_or_default();
    String::from_utf8(apply(original, changes)).expect("UTF-8")
}

/// The edit that sets Maximum Number of Calls of line `line` of phone `name` to 2, from what
/// ingest read.
fn max_calls_to_two(ingested: &Ingested, name: &str, line: u32) -> Edit {
    let phone = ingested.cluster.phones.iter().find(|p| p.name.value == name).expect("the phone");
    let line_read = phone.lines.iter().find(|l| l.index.value == line).expect("the line");
    let max_calls = line_read.max_calls.as_ref().expect("max calls read");
    Edit::Set {
        object: ObjectKey::Phone(name.into()),
        field: Field::LineMaxCalls { line },
        before: Spanned::new(max_calls.value.to_string().into(), max_calls.span),
        after: Value::Number(2),
    }
}

const PHONES: &str = "Device Name,Description,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1\r\n\
SEP0011AABB0001,Agent one,Cisco 8841,4001,PT_Internal,4,2\r\n\
SEP0011AABB0002,\"Agent, two\",Cisco 8841,4002,PT_Internal,\" 3\",2\r\n";

#[test]
fn a_bat_max_calls_cell_is_the_only_bytes_changed() {
    let ingested = ingest(&[("phone.csv", PHONES.as_bytes())]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0001", 1);
    let edits = edits_of(&ingested, &[("phone.csv", PHONES.as_bytes(), SourceForm::BatCsv)], &[edit]);
    assert_eq!(edits.declined, []);
    assert_eq!(edits.applied, [0]);
    let expected = PHONES.replacen("PT_Internal,4,2", "PT_Internal,2,2", 1);
    assert_eq!(fixed(&ingested, &edits, "phone.csv", PHONES.as_bytes()), expected);
    // The row changed, without its line end, in the original's offsets.
    let row_start = PHONES.find("SEP0011AABB0001").expect("row");
    let row_end = PHONES[row_start..].find("\r\n").expect("line end") + row_start;
    let rows = edits.rows.get(&id(&ingested, "phone.csv")).expect("rows");
    assert_eq!((rows.len(), rows.first()), (1, Some(&(row_start..row_end))));
}

#[test]
fn a_quoted_cell_keeps_its_quotes_and_padding() {
    let ingested = ingest(&[("phone.csv", PHONES.as_bytes())]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0002", 1);
    let edits = edits_of(&ingested, &[("phone.csv", PHONES.as_bytes(), SourceForm::BatCsv)], &[edit]);
    assert_eq!(edits.applied, [0], "{:?}", edits.declined);
    let expected = PHONES.replacen("\" 3\"", "\" 2\"", 1);
    assert_eq!(fixed(&ingested, &edits, "phone.csv", PHONES.as_bytes()), expected);
}

#[test]
fn a_file_with_a_byte_order_mark_is_edited_past_it() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), PHONES.as_bytes()].concat();
    let ingested = ingest(&[("phone.csv", &bytes)]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0001", 1);
    let edits = edits_of(&ingested, &[("phone.csv", &bytes, SourceForm::BatCsv)], &[edit]);
    assert_eq!(edits.applied, [0], "{:?}", edits.declined);
    let expected = format!("\u{FEFF}{}", PHONES.replacen("PT_Internal,4,2", "PT_Internal,2,2", 1));
    assert_eq!(fixed(&ingested, &edits, "phone.csv", &bytes), expected);
    let row_start = 3 + PHONES.find("SEP0011AABB0001").expect("row");
    assert_eq!(edits.rows.values().next().map(|rows| rows[0].start), Some(row_start));
}

#[test]
fn a_utf16_file_is_declined() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(PHONES.encode_utf16().flat_map(u16::to_le_bytes));
    let ingested = ingest(&[("phone.csv", &bytes)]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0001", 1);
    let edits = edits_of(&ingested, &[("phone.csv", &bytes, SourceForm::BatCsv)], &[edit]);
    assert_eq!(edits.applied, Vec::<usize>::new());
    assert!(edits.files.is_empty());
    assert_eq!(edits.declined.len(), 1);
    assert!(edits.declined[0].reason.contains("UTF-16"), "{}", edits.declined[0].reason);
}

#[test]
fn bytes_that_do_not_read_as_the_value_are_declined() {
    let ingested = ingest(&[("phone.csv", PHONES.as_bytes())]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0001", 1);
    // The file changed since it was read: the cell now says 5.
    let changed = PHONES.replacen("PT_Internal,4,2", "PT_Internal,5,2", 1);
    let edits =
        edits_of(&ingested, &[("phone.csv", changed.as_bytes(), SourceForm::BatCsv)], std::slice::from_ref(&edit));
    assert!(edits.files.is_empty());
    assert_eq!(edits.declined.len(), 1);
    assert_eq!(edits.declined[0].reason, "the export's bytes at the cell do not read as uclint read them");
    // A span that is not a cell's is declined alike.
    let Edit::Set { object, field, before, after } = edit else { unreachable!() };
    let mut shifted = before.clone();
    shifted.span.start -= 1;
    let edit = Edit::Set { object, field, before: shifted, after };
    let edits = edits_of(&ingested, &[("phone.csv", PHONES.as_bytes(), SourceForm::BatCsv)], &[edit]);
    assert_eq!(edits.declined.len(), 1);
}

#[test]
fn two_fixes_of_one_cell_are_one_edit_and_a_conflicting_one_is_declined() {
    let ingested = ingest(&[("phone.csv", PHONES.as_bytes())]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0001", 1);
    let Edit::Set { object, field, before, .. } = edit.clone() else { unreachable!() };
    let other = Edit::Set { object, field, before, after: Value::Number(3) };
    let second_phone = max_calls_to_two(&ingested, "SEP0011AABB0002", 1);
    let edits = edits_of(
        &ingested,
        &[("phone.csv", PHONES.as_bytes(), SourceForm::BatCsv)],
        &[edit.clone(), edit, other.clone(), second_phone, other],
    );
    assert_eq!(edits.applied, [0, 1, 3]);
    // The conflicting change stays declined when it is asked for again.
    assert_eq!(edits.declined.iter().map(|d| d.finding).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(edits.files.values().next().map(Vec::len), Some(2));
}

const USERS: &str = "FIRST NAME,USER ID,ACCESS CONTROL GROUP 1,ACCESS CONTROL GROUP 2,ACCESS CONTROL GROUP 3,DEVICE NAME 1,TYPE USER ASSOCIATION 1\n\
Ann,agent01,Standard CCM End Users,NULL,,SEP0011AABB0001,Cti Control In\n\
Bob,agent02,Standard CCM End Users,Standard CTI Enabled,\"Group, with comma\",NULL,NULL\n";

/// The edit that adds the access control group `group` to end user `user`.
fn add_group(user: &str, group: &str) -> Edit {
    Edit::Add { object: ObjectKey::User(user.into()), list: List::Groups, item: Text::from(group) }
}

#[test]
fn an_end_user_group_goes_into_the_first_free_column() {
    let ingested = ingest(&[("enduser.csv", USERS.as_bytes())]);
    let files = [("enduser.csv", USERS.as_bytes(), SourceForm::BatCsv)];
    let edits = edits_of(
        &ingested,
        &files,
        &[add_group("agent01", "Standard CTI Enabled"), add_group("agent01", "Third, quoted")],
    );
    assert_eq!(edits.applied, [0, 1], "{:?}", edits.declined);
    let expected = USERS.replacen(
        "Standard CCM End Users,NULL,,SEP",
        "Standard CCM End Users,Standard CTI Enabled,\"Third, quoted\",SEP",
        1,
    );
    assert_eq!(fixed(&ingested, &edits, "enduser.csv", USERS.as_bytes()), expected);
}

#[test]
fn a_row_with_no_free_column_is_declined_and_a_group_it_has_is_already_there() {
    let ingested = ingest(&[("enduser.csv", USERS.as_bytes())]);
    let files = [("enduser.csv", USERS.as_bytes(), SourceForm::BatCsv)];
    let edits = edits_of(
        &ingested,
        &files,
        &[add_group("agent02", "Standard CTI Allow Call Monitoring"), add_group("agent02", "Standard CTI Enabled")],
    );
    assert!(edits.files.is_empty());
    assert_eq!(edits.applied, Vec::<usize>::new());
    assert_eq!(edits.declined.len(), 2);
    assert_eq!(
        edits.declined[0].reason,
        "the header has no free ACCESS CONTROL GROUP column in this row; BAT import needs one"
    );
    assert!(edits.declined[1].reason.starts_with("already there"), "{}", edits.declined[1].reason);
}

#[test]
fn a_controlled_device_is_added_with_its_association() {
    let ingested = ingest(&[("enduser.csv", USERS.as_bytes())]);
    let files = [("enduser.csv", USERS.as_bytes(), SourceForm::BatCsv)];
    let add = Edit::Add {
        object: ObjectKey::User("agent02".into()),
        list: List::ControlledDevices,
        item: Text::from("SEP0011AABB0002"),
    };
    let edits = edits_of(&ingested, &files, &[add]);
    assert_eq!(edits.applied, [0], "{:?}", edits.declined);
    let expected = USERS.replacen("comma\",NULL,NULL", "comma\",SEP0011AABB0002,Cti Control In", 1);
    assert_eq!(fixed(&ingested, &edits, "enduser.csv", USERS.as_bytes()), expected);
}

const GET_USER: &str = "<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">
  <soapenv:Body>
    <ns:getUserResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\">
      <return>
        <user uuid=\"{86B52717-F489-2B96-69EB-C6EA3AB381F8}\">
          <userid>agent01</userid>
          <associatedDevices>
            <device>SEP0011AABB0001</device>
          </associatedDevices>
          <associatedGroups>
            <userGroup>
              <name>Standard CCM End Users</name>
            </userGroup>
          </associatedGroups>
          <enableCti>true</enableCti>
        </user>
      </return>
    </ns:getUserResponse>
  </soapenv:Body>
</soapenv:Envelope>
";

#[test]
fn an_axl_group_is_added_after_the_last_one() {
    let ingested = ingest(&[("getUser.xml", GET_USER.as_bytes())]);
    let files = [("getUser.xml", GET_USER.as_bytes(), SourceForm::AxlGet)];
    let edits = edits_of(
        &ingested,
        &files,
        &[
            add_group("agent01", "Standard CTI Enabled"),
            add_group("agent01", "A & B"),
            add_group("agent01", "Standard CTI Enabled"),
        ],
    );
    assert_eq!(edits.applied, [0, 1, 2], "{:?}", edits.declined);
    let expected = GET_USER.replacen(
        "            </userGroup>\n          </associatedGroups>",
        "            </userGroup>\n            <userGroup><name>Standard CTI Enabled</name></userGroup>\n            \
         <userGroup><name>A &amp; B</name></userGroup>\n          </associatedGroups>",
        1,
    );
    let out = fixed(&ingested, &edits, "getUser.xml", GET_USER.as_bytes());
    assert_eq!(out, expected);
    // Read again, the user has the groups.
    let again = ingest(&[("getUser.xml", out.as_bytes())]);
    let groups: Vec<&str> = again.cluster.end_users[0].groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(groups, ["Standard CCM End Users", "Standard CTI Enabled", "A & B"]);
}

#[test]
fn a_self_closing_axl_list_is_expanded_and_an_absent_one_declined() {
    let text = GET_USER.replacen(
        "<associatedGroups>\n            <userGroup>\n              <name>Standard CCM End Users</name>\n            </userGroup>\n          </associatedGroups>",
        "<associatedGroups/>",
        1,
    );
    let ingested = ingest(&[("getUser.xml", text.as_bytes())]);
    let files = [("getUser.xml", text.as_bytes(), SourceForm::AxlGet)];
    let edits = edits_of(&ingested, &files, &[add_group("agent01", "Standard CTI Enabled")]);
    assert_eq!(edits.applied, [0], "{:?}", edits.declined);
    let expected = text.replacen(
        "<associatedGroups/>",
        "<associatedGroups>\n            <userGroup><name>Standard CTI Enabled</name></userGroup>\n          </associatedGroups>",
        1,
    );
    assert_eq!(fixed(&ingested, &edits, "getUser.xml", text.as_bytes()), expected);

    let without = text.replacen("          <associatedGroups/>\n", "", 1);
    let ingested = ingest(&[("getUser.xml", without.as_bytes())]);
    let files = [("getUser.xml", without.as_bytes(), SourceForm::AxlGet)];
    let edits = edits_of(&ingested, &files, &[add_group("agent01", "Standard CTI Enabled")]);
    assert!(edits.files.is_empty());
    assert_eq!(
        edits.declined[0].reason,
        "the response does not carry <associatedGroups>, so the whole list is not known"
    );
    // From a list response, lists are partial: declined too.
    let files = [("getUser.xml", text.as_bytes(), SourceForm::AxlPartial)];
    let ingested = ingest(&[("getUser.xml", text.as_bytes())]);
    let edits = edits_of(&ingested, &files, &[add_group("agent01", "Standard CTI Enabled")]);
    assert!(edits.files.is_empty() && edits.declined.len() == 1);
}

const GET_PHONE: &str = "<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">
  <soapenv:Body>
    <ns:getPhoneResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\">
      <return>
        <phone uuid=\"{E0B567BB-EFA5-E944-6783-FCD5B9FB6C11}\">
          <name>SEP0011AABB0002</name>
          <product>Cisco 8841</product>
          <lines>
            <line>
              <index>1</index>
              <dirn>
                <pattern>4002</pattern>
                <routePartitionName>PT_Internal</routePartitionName>
              </dirn>
              <maxNumCalls> 4 </maxNumCalls>
              <busyTrigger>2</busyTrigger>
            </line>
          </lines>
        </phone>
      </return>
    </ns:getPhoneResponse>
  </soapenv:Body>
</soapenv:Envelope>
";

#[test]
fn an_axl_max_calls_element_is_set() {
    let ingested = ingest(&[("getPhone.xml", GET_PHONE.as_bytes())]);
    let edit = max_calls_to_two(&ingested, "SEP0011AABB0002", 1);
    let files = [("getPhone.xml", GET_PHONE.as_bytes(), SourceForm::AxlGet)];
    let edits = edits_of(&ingested, &files, &[edit]);
    assert_eq!(edits.applied, [0], "{:?}", edits.declined);
    assert!(edits.rows.is_empty(), "rows are for BAT files");
    let expected = GET_PHONE.replacen("<maxNumCalls> 4 </maxNumCalls>", "<maxNumCalls> 2 </maxNumCalls>", 1);
    assert_eq!(fixed(&ingested, &edits, "getPhone.xml", GET_PHONE.as_bytes()), expected);
}

/// A tar of `members` (name, bytes), written by the tar crate with a fixed header each.
fn tar_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (at, (name, bytes)) in members.iter().enumerate() {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600 + at as u32);
        header.set_mtime(1_700_000_000 + at as u64);
        header.set_entry_type(tar::EntryType::Regular);
        builder.append_data(&mut header, name, *bytes).expect("append");
    }
    builder.into_inner().expect("tar")
}

/// Each member's 512-byte header and content.
fn members(tar: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut archive = tar::Archive::new(tar);
    let mut out = Vec::new();
    for entry in archive.entries().expect("entries").raw(true) {
        let mut entry = entry.expect("entry");
        let header = entry.header().as_bytes().to_vec();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read");
        out.push((header, content));
    }
    out
}

#[test]
fn a_tar_is_rewritten_member_by_member() {
    let long = format!("{}/phone.csv", "d".repeat(120));
    let original = tar_of(&[
        ("header.txt", b"File : phone\n"),
        ("phone.csv", PHONES.as_bytes()),
        (&long, b"a,b\n"),
        ("enduser.csv", USERS.as_bytes()),
    ]);
    let fixed_phones = PHONES.replacen("PT_Internal,4,2", "PT_Internal,2,2", 1);
    let mut asked = Vec::new();
    let mut out = Vec::new();
    rewrite_tar(original.as_slice(), &mut out, &mut |name| {
        asked.push(name.to_owned());
        (name == "phone.csv" || name == long).then(|| fixed_phones.clone().into_bytes())
    })
    .expect("rewritten");
    assert_eq!(asked, ["header.txt", "phone.csv", long.as_str(), "enduser.csv"]);
    let (before, after) = (members(&original), members(&out));
    assert_eq!(before.len(), after.len(), "the long name's record is copied as a member of its own");
    for ((header, content), (new_header, new_content)) in before.iter().zip(&after) {
        let name = tar::Header::from_byte_slice(header).path_bytes().into_owned();
        if name == b"phone.csv" || name.starts_with(b"ddd") {
            assert_eq!(new_content, fixed_phones.as_bytes());
            let (old, new) = (tar::Header::from_byte_slice(header), tar::Header::from_byte_slice(new_header));
            assert_eq!(new.size().ok(), Some(fixed_phones.len() as u64));
            assert_eq!(
                (new.mode().ok(), new.mtime().ok(), new.path_bytes()),
                (old.mode().ok(), old.mtime().ok(), old.path_bytes())
            );
            assert!(new.cksum().ok() == Some(checksum(new_header)), "checksum updated");
        } else {
            assert_eq!((header, content), (new_header, new_content), "unchanged members are byte-identical");
        }
    }
    // A name that is not UTF-8 is asked about as ingest names the member; a directory is not
    // asked about.
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.as_old_mut().name[..7].copy_from_slice(b"a\xFFb.csv");
    header.set_size(3);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    builder.append(&header, b"x,y".as_slice()).expect("append");
    let mut directory = tar::Header::new_gnu();
    directory.set_path("phone.csv").expect("path");
    directory.set_size(0);
    directory.set_entry_type(tar::EntryType::Directory);
    directory.set_cksum();
    builder.append(&directory, [].as_slice()).expect("append");
    let odd = builder.into_inner().expect("tar");
    let mut asked = Vec::new();
    rewrite_tar(odd.as_slice(), Vec::new(), &mut |name| {
        asked.push(name.to_owned());
        None
    })
    .expect("rewritten");
    assert_eq!(asked, ["a\\xFFb.csv"]);
    // Nothing replaced: the same bytes (the tar crate's end is the same two zero blocks).
    let mut same = Vec::new();
    rewrite_tar(original.as_slice(), &mut same, &mut |_| None).expect("copied");
    assert_eq!(same, original);
}

/// A tar header's checksum as the format defines it (the checksum field read as spaces).
fn checksum(header: &[u8]) -> u32 {
    header.iter().enumerate().map(|(at, &b)| if (148..156).contains(&at) { 32 } else { u32::from(b) }).sum()
}

#[test]
fn a_broken_tar_is_an_error_not_a_panic() {
    let original = tar_of(&[("phone.csv", PHONES.as_bytes())]);
    let mut out = Vec::new();
    let cut = &original[..600];
    assert!(rewrite_tar(cut, &mut out, &mut |_| None).is_err());
    let mut garbage = original.clone();
    garbage[148..156].copy_from_slice(b"xxxxxxxx");
    assert!(rewrite_tar(garbage.as_slice(), &mut Vec::new(), &mut |_| None).is_err());
    // Any bytes of a header or a size changed: an answer, never a panic.
    let long = format!("{}/x.csv", "d".repeat(120));
    let original = tar_of(&[("phone.csv", PHONES.as_bytes()), (&long, b"a,b\n")]);
    let mut rng = Rng(7);
    for _ in 0..2000 {
        let mut broken = original.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(broken.len());
            let choices = b"0123456789 \0xLKS7g";
            broken[at] = choices[rng.below(choices.len())];
        }
        let _ = rewrite_tar(broken.as_slice(), Vec::new(), &mut |_| Some(b"y".to_vec()));
    }
}

const APP_USERS: &str = "APPLICATION USER NAME,DIR GROUP NAME 1,DIR GROUP NAME 2,DEVICE DESCRIPTION 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE DESCRIPTION 2,DEVICE NAME 2,TYPE USER ASSOCIATION 2,DEVICE DESCRIPTION 3,DEVICE NAME 3,TYPE USER ASSOCIATION 3\r\n\
uccxrmcmuser,Standard CTI Enabled,,,SEP0011AABB0001,Cti Control In,,,,,,\r\n\
jtapiuser,Standard CTI Enabled,,,UDP_agent07,CTI Controlled Profile,,,,,,\r\n";

/// The edit that adds `item` to `list` of application user `user`.
fn add_to_app_user(user: &str, list: List, item: &str) -> Edit {
    Edit::Add { object: ObjectKey::AppUser(user.into()), list, item: Text::from(item) }
}

#[test]
fn an_rmcm_user_gets_a_device_and_a_profile_spelled_as_the_file_spells_profiles() {
    let ingested = ingest(&[("appuser.csv", APP_USERS.as_bytes())]);
    let files = [("appuser.csv", APP_USERS.as_bytes(), SourceForm::BatCsv)];
    let edits = edits_of(
        &ingested,
        &files,
        &[
            add_to_app_user("uccxrmcmuser", List::ControlledDevices, "SEP0011AABB0002"),
            add_to_app_user("uccxrmcmuser", List::ControlledProfiles, "UDP_agent06"),
            add_to_app_user("uccxrmcmuser", List::Groups, "Standard CTI Allow Control of All Devices"),
        ],
    );
    assert_eq!(edits.applied, [0, 1, 2], "{:?}", edits.declined);
    let out = fixed(&ingested, &edits, "appuser.csv", APP_USERS.as_bytes());
    let expected = APP_USERS.replacen(
        "uccxrmcmuser,Standard CTI Enabled,,,SEP0011AABB0001,Cti Control In,,,,,,",
        "uccxrmcmuser,Standard CTI Enabled,Standard CTI Allow Control of All Devices,,SEP0011AABB0001,Cti Control In,,\
         SEP0011AABB0002,Cti Control In,,UDP_agent06,CTI Controlled Profile",
        1,
    );
    assert_eq!(out, expected);
    // Read again, the user controls both, each as what it is.
    let again = ingest(&[("appuser.csv", out.as_bytes())]);
    let rmcm = again.cluster.app_users.iter().find(|u| u.name.value == "uccxrmcmuser").expect("user");
    let names = |list: &[Spanned<Text>]| list.iter().map(|d| d.value.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&rmcm.controlled_devices), ["SEP0011AABB0001", "SEP0011AABB0002"]);
    assert_eq!(names(&rmcm.controlled_profiles), ["UDP_agent06"]);
}

#[test]
fn a_profile_is_not_added_where_no_row_shows_how_profiles_are_marked() {
    let text = APP_USERS.replacen("CTI Controlled Profile", "Cti Control In", 1);
    let ingested = ingest(&[("appuser.csv", text.as_bytes())]);
    let files = [("appuser.csv", text.as_bytes(), SourceForm::BatCsv)];
    let edits =
        edits_of(&ingested, &files, &[add_to_app_user("uccxrmcmuser", List::ControlledProfiles, "UDP_agent06")]);
    assert!(edits.files.is_empty());
    assert!(edits.declined[0].reason.starts_with("no row of this file shows how it marks a CTI controlled profile"));
    // An end user's CTI controlled profiles are not written at all.
    let ingested = ingest(&[("enduser.csv", USERS.as_bytes())]);
    let files = [("enduser.csv", USERS.as_bytes(), SourceForm::BatCsv)];
    let add = Edit::Add { object: ObjectKey::User("agent01".into()), list: List::ControlledProfiles, item: "P".into() };
    let edits = edits_of(&ingested, &files, &[add]);
    assert!(edits.files.is_empty() && edits.declined.len() == 1);
}

const GET_APP_USER: &str = "<?xml version='1.0' encoding='UTF-8'?>
<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">
  <soapenv:Body>
    <ns:getAppUserResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\">
      <return>
        <appUser uuid=\"{53975D9A-1A06-6DA0-3431-85CF6332E113}\">
          <userid>uccxrmcmuser</userid>
          <associatedDevices>
            <device>SEP0011AABB0001</device>
          </associatedDevices>
          <associatedGroups>
          </associatedGroups>
          <ctiControlledDeviceProfiles/>
        </appUser>
      </return>
    </ns:getAppUserResponse>
  </soapenv:Body>
</soapenv:Envelope>
";

#[test]
fn an_axl_app_user_gets_devices_profiles_and_groups() {
    let ingested = ingest(&[("getAppUser.xml", GET_APP_USER.as_bytes())]);
    let files = [("getAppUser.xml", GET_APP_USER.as_bytes(), SourceForm::AxlGet)];
    let edits = edits_of(
        &ingested,
        &files,
        &[
            add_to_app_user("uccxrmcmuser", List::ControlledDevices, "SEP0011AABB0002"),
            add_to_app_user("uccxrmcmuser", List::ControlledProfiles, "UDP_agent06"),
            add_to_app_user("uccxrmcmuser", List::Groups, "Standard CTI Enabled"),
            add_to_app_user("uccxrmcmuser", List::ControlledDevices, "SEP0011AABB0001"),
        ],
    );
    assert_eq!(edits.applied, [0, 1, 2]);
    assert_eq!(edits.declined.iter().map(|d| d.finding).collect::<Vec<_>>(), [3], "already there");
    let out = fixed(&ingested, &edits, "getAppUser.xml", GET_APP_USER.as_bytes());
    let again = ingest(&[("getAppUser.xml", out.as_bytes())]);
    assert_eq!(again.diagnostics.len(), ingested.diagnostics.len(), "{out}");
    let user = &again.cluster.app_users[0];
    let names = |list: &[Spanned<Text>]| list.iter().map(|d| d.value.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&user.controlled_devices), ["SEP0011AABB0001", "SEP0011AABB0002"]);
    assert_eq!(names(&user.controlled_profiles), ["UDP_agent06"]);
    assert_eq!(names(&user.groups), ["Standard CTI Enabled"]);
    assert!(out.contains(
        "          <ctiControlledDeviceProfiles>\n            <deviceProfile>UDP_agent06</deviceProfile>\n          \
         </ctiControlledDeviceProfiles>\n"
    ));
    assert!(out.contains(
        "          <associatedGroups>\n            <userGroup><name>Standard CTI Enabled</name></userGroup>\n          \
         </associatedGroups>\n"
    ));
}

/// A small deterministic generator (no dependency): xorshift.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const PIECES: [&[u8]; 24] = [
    b"<",
    b">",
    b"</",
    b"/>",
    b"appUser",
    b"associatedGroups",
    b"userGroup",
    b"<name>",
    b"\"",
    b",",
    b"\r\n",
    b"\n",
    b"NULL",
    b"APPLICATION USER NAME,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1\n",
    b"a",
    b" ",
    b"\xEF\xBB\xBF",
    b"<![CDATA[",
    b"]]>",
    b"&amp;",
    b"\xC3\xA9",
    b"\xFF",
    b"<associatedGroups>",
    b"</associatedGroups>",
];

#[test]
fn hostile_bytes_and_spans_never_panic_and_every_finding_is_accounted_for() {
    use uclint_model::{AppUser, Cluster, Span};
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut applied = 0;
    for _ in 0..3000 {
        // Pieces joined, with the offsets between them: spans mostly fall on them, as real ones do.
        let mut bytes: Vec<u8> = Vec::new();
        let mut bounds = vec![0];
        for _ in 0..rng.below(40) {
            bytes.extend_from_slice(PIECES[rng.below(PIECES.len())]);
            bounds.push(bytes.len());
        }
        let form = [SourceForm::BatCsv, SourceForm::AxlGet, SourceForm::AxlPartial, SourceForm::Other][rng.below(4)];
        let id = SourceId::new(0);
        let span = |rng: &mut Rng| {
            if rng.below(4) == 0 {
                let start = rng.below(bytes.len() + 2);
                return Span::new(id, start, start + rng.below(bytes.len() + 2));
            }
            let (a, b) = (bounds[rng.below(bounds.len())], bounds[rng.below(bounds.len())]);
            Span::new(id, a.min(b), a.max(b))
        };
        // The text at a span, as a value read there would be.
        let text_at = |span: Span| {
            let raw = bytes.get(span.start as usize..span.end as usize).unwrap_or_default();
            Text::from(String::from_utf8_lossy(raw).trim())
        };
        let mut cluster = Cluster::default();
        cluster.app_users.push(AppUser {
            name: Spanned::new("u".into(), span(&mut rng)),
            controlled_devices: Vec::new(),
            controlled_profiles: Vec::new(),
            groups: Vec::new(),
            span: span(&mut rng),
        });
        let lists = [List::Groups, List::ControlledDevices, List::ControlledProfiles];
        let edits: Vec<Edit> = (0..1 + rng.below(4))
            .map(|_| {
                if rng.below(2) == 0 {
                    let at = span(&mut rng);
                    Edit::Set {
                        object: ObjectKey::Phone("p".into()),
                        field: Field::LineMaxCalls { line: 1 },
                        before: Spanned::new(text_at(at), at),
                        after: Value::Number(2),
                    }
                } else {
                    let item = ["g", "a,\"b\"", "<x>"][rng.below(3)];
                    Edit::Add { object: ObjectKey::AppUser("u".into()), list: lists[rng.below(3)], item: item.into() }
                }
            })
            .collect();
        let chosen: Vec<Chosen<'_>> =
            edits.iter().enumerate().map(|(finding, edit)| Chosen { finding, edit }).collect();
        let source = Source { id, path: "f", form, bytes: &bytes };
        let result = file_edits(&cluster, &chosen, &|wanted| (wanted == id).then_some(source));
        applied += result.applied.len();
        let mut seen: Vec<usize> =
            result.applied.iter().copied().chain(result.declined.iter().map(|d| d.finding)).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..edits.len()).collect::<Vec<_>>(), "each finding applied or declined, once");
        for changes in result.files.values() {
            assert!(changes
                .windows(2)
                .all(|w| w[0].range.end <= w[1].range.start && w[0].range.start < w[1].range.start));
            assert!(changes.iter().all(|c| c.range.start <= c.range.end && c.range.end <= bytes.len()));
            let _ = apply(&bytes, changes);
        }
        let _ = rewrite_tar(bytes.as_slice(), Vec::new(), &mut |_| Some(b"x".to_vec()));
    }
    assert!(applied > 100, "the cases reach the writers, not only the checks before them: {applied}");
}
