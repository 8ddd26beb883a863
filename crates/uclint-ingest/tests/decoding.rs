//! Damage in the bytes of a text is reported alike in every encoding: invalid UTF-8, an
//! unpaired UTF-16 surrogate and a UTF-16 text cut in the middle of a unit are each INPUT002
//! where the damage starts, the damage shown as U+FFFD, and never repaired silently.

use uclint_ingest::{parse, RawInput};
use uclint_model::SourceId;

const PHONES: &str = "Device Name,Device Type\nSEP0011AABB0001,Cisco 8841\n";

/// The file's INPUT diagnostics as `code at: message`, and its text as read.
fn read(bytes: Vec<u8>) -> (Vec<String>, String) {
    let ingested = parse(vec![RawInput { path: "phone.csv".into(), bytes, error: None }]);
    let diagnostics =
        ingested.diagnostics.iter().map(|d| format!("{} {}: {}", d.code, d.primary.span.start, d.message)).collect();
    (diagnostics, ingested.sources.get(SourceId::new(0)).text.clone())
}

/// `text` in UTF-16 with a byte-order mark, little- or big-endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        bytes.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

#[test]
fn an_unpaired_surrogate_in_utf16_is_reported_where_it_is() {
    for little in [true, false] {
        let mut bytes = utf16(PHONES, little);
        // A high surrogate with no low one after it, in place of the `8` of `8841`.
        let at = 2 + 2 * PHONES.find("8841").unwrap();
        let surrogate: [u8; 2] = if little { 0xD800u16.to_le_bytes() } else { 0xD800u16.to_be_bytes() };
        bytes[at..at + 2].copy_from_slice(&surrogate);
        let (diagnostics, text) = read(bytes);
        let in_text = PHONES.find("8841").unwrap();
        assert_eq!(
            diagnostics,
            [format!(
                "INPUT002 {in_text}: the file is not valid UTF-16 from byte {at} on (an unpaired surrogate); invalid \
                 units were replaced with U+FFFD, so values after this point may be wrong (re-export, or save as \
                 UTF-8 without BOM)"
            )],
            "little-endian: {little}"
        );
        assert!(text.contains("Cisco \u{FFFD}841"), "{text}");
    }
}

#[test]
fn an_odd_byte_at_the_end_of_utf16_is_reported() {
    for little in [true, false] {
        let mut bytes = utf16(PHONES, little);
        bytes.push(b'x');
        let at = bytes.len() - 1;
        let (mut diagnostics, text) = read(bytes);
        // The replacement character makes a row of its own, reported as ragged.
        diagnostics.retain(|d| d.starts_with("INPUT002"));
        assert_eq!(
            diagnostics,
            [format!(
                "INPUT002 {}: the file is not valid UTF-16 from byte {at} on (an odd byte at the end, which makes no \
                 whole unit); invalid units were replaced with U+FFFD, so values after this point may be wrong \
                 (re-export, or save as UTF-8 without BOM)",
                PHONES.len()
            )],
            "little-endian: {little}"
        );
        assert!(text.ends_with("\n\u{FFFD}"), "{text:?}");
    }
}

#[test]
fn the_same_damage_in_utf8_is_reported_the_same_way() {
    let mut bytes = PHONES.as_bytes().to_vec();
    let at = PHONES.find("8841").unwrap();
    bytes[at] = 0xFF;
    let (diagnostics, text) = read(bytes);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(diagnostics[0].starts_with(&format!("INPUT002 {at}: the file is not valid UTF-8 from byte {at} on")));
    assert!(text.contains("Cisco \u{FFFD}841"), "{text}");
}

#[test]
fn whole_utf16_with_and_without_a_mark_is_read_without_a_diagnostic() {
    for little in [true, false] {
        let (diagnostics, text) = read(utf16(PHONES, little));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(text, PHONES);
    }
}
