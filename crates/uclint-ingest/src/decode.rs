//! Bytes to text: UTF-8 with or without BOM, UTF-16 with a BOM, anything else read lossily and
//! reported. Damage is reported alike in both encodings (INPUT002 where it starts): invalid
//! UTF-8, an unpaired UTF-16 surrogate and a UTF-16 text with an odd byte at its end are all
//! replaced with U+FFFD, and never silently.

use uclint_model::{Diagnostic, NotReadClass, SourceId, Span};

use crate::codes;
use crate::load::RawInput;
use crate::FileStatus;

/// Builds a diagnostic once the file has a source id.
pub type DiagnosticBuilder = Box<dyn FnOnce(&str, SourceId) -> Diagnostic + Send>;

/// A decoded input, ready for the source map.
pub struct Decoded {
    pub path: String,
    pub text: String,
    /// Set when the file needs no parsing (it failed to load).
    pub status: Option<FileStatus>,
    pub diagnostic_builder: Vec<DiagnosticBuilder>,
}

pub fn decode(input: RawInput) -> Decoded {
    let RawInput { path, mut bytes, error } = input;
    // The mark is not in the file: offsets in messages count without it.
    let marked = if mark_bomless_utf16_xml(&mut bytes) { 2 } else { 0 };
    if let Some(error) = error {
        let builder: DiagnosticBuilder = Box::new(move |path, id| {
            codes::UNREADABLE_FILE.at(path, Span::file_start(id), format!("could not read this input: {error}"))
        });
        return Decoded {
            path,
            text: String::new(),
            status: Some(FileStatus::Failed),
            diagnostic_builder: vec![builder],
        };
    }
    if bytes.starts_with(b"\x1F\x8B") {
        let status = FileStatus::not_read("gzip-compressed: decompress it first", NotReadClass::Other);
        return Decoded { path, text: String::new(), status: Some(status), diagnostic_builder: Vec::new() };
    }
    if looks_binary(&bytes) {
        let status = FileStatus::not_read("binary file: not a CSV, XML or JSON export", NotReadClass::Other);
        return Decoded { path, text: String::new(), status: Some(status), diagnostic_builder: Vec::new() };
    }
    let mut builders: Vec<DiagnosticBuilder> = Vec::new();
    let text = if bytes.starts_with(b"\xEF\xBB\xBF") {
        let mut bytes = bytes;
        bytes.drain(..3);
        utf8(bytes, &mut builders)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, 2 - marked, u16::from_le_bytes, &mut builders)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, 2 - marked, u16::from_be_bytes, &mut builders)
    } else {
        utf8(bytes, &mut builders)
    };
    // `memchr`, not `str::find`: this looks at every byte of every file.
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let count = memchr::memchr_iter(0, text.as_bytes()).count();
        builders.push(Box::new(move |path, id| {
            codes::UNEXPECTED_BYTES.at(
                path,
                Span::new(id, at, at + 1),
                format!(
                    "the file holds {count} NUL byte(s), the first here; exports never contain them, so the \
                     file may be truncated or corrupted (values around them may be wrong)"
                ),
            )
        }));
    }
    Decoded { path, text, status: None, diagnostic_builder: builders }
}

/// A file with no byte-order mark whose first 8 KiB are more than a tenth NUL bytes, or that
/// holds an ELF or zip magic, is binary: a stray NUL in a text export is reported instead.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let magic: [&[u8]; 2] = [b"\x7FELF", b"PK\x03\x04"];
    if magic.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.iter().filter(|b| **b == 0).count() * 10 > head.len()
}

/// Takes the bytes as they are when they are valid UTF-8 (no copy: exports run to hundreds of
/// megabytes), else decodes them lossily and reports where the damage starts.
fn utf8(bytes: Vec<u8>, builders: &mut Vec<DiagnosticBuilder>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            builders.push(Box::new(move |path, id| {
                codes::MALFORMED_FILE.at(
                    path,
                    Span::new(id, at, at),
                    format!(
                        "the file is not valid UTF-8 from byte {at} on; invalid bytes were replaced \
                         with U+FFFD, so values after this point may be wrong (re-export, or save as \
                         UTF-8 without BOM)"
                    ),
                )
            }));
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    }
}

/// Decodes UTF-16 `bytes` (what follows the byte-order mark, which ends at byte `offset` of
/// the file) and reports where the damage starts, as [`utf8`] does: an unpaired surrogate, or
/// an odd byte at the end that makes no whole unit, becomes U+FFFD.
fn utf16(bytes: &[u8], offset: usize, unit: fn([u8; 2]) -> u16, builders: &mut Vec<DiagnosticBuilder>) -> String {
    let mut text = String::with_capacity(bytes.len() / 2);
    // Where the first damage is in the text and in the file, and what it is.
    let mut damage: Option<(usize, usize, &'static str)> = None;
    let mut units_read = 0;
    for decoded in char::decode_utf16(bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]))) {
        match decoded {
            Ok(c) => {
                text.push(c);
                units_read += c.len_utf16();
            }
            Err(_) => {
                damage.get_or_insert((text.len(), offset + 2 * units_read, "an unpaired surrogate"));
                text.push(char::REPLACEMENT_CHARACTER);
                units_read += 1;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        damage.get_or_insert((
            text.len(),
            offset + bytes.len() - 1,
            "an odd byte at the end, which makes no whole unit",
        ));
        text.push(char::REPLACEMENT_CHARACTER);
    }
    if let Some((at, byte, what)) = damage {
        builders.push(Box::new(move |path, id| {
            codes::MALFORMED_FILE.at(
                path,
                Span::new(id, at, at),
                format!(
                    "the file is not valid UTF-16 from byte {byte} on ({what}); invalid units were replaced with \
                     U+FFFD, so values after this point may be wrong (re-export, or save as UTF-8 without BOM)"
                ),
            )
        }));
    }
    text
}

/// Gives XML saved as UTF-16 without a byte-order mark the mark it lacks, so that it is decoded
/// as UTF-16 rather than taken for a binary file (half its bytes are NUL). Such a file starts
/// with `<?` as two UTF-16 units, which is how XML 1.0 (Appendix F) tells its encoding without
/// a mark; no UTF-8 text or tar starts with those bytes. Whether it gave one.
fn mark_bomless_utf16_xml(bytes: &mut Vec<u8>) -> bool {
    let mark: &[u8] = if bytes.starts_with(b"<\0?\0") {
        b"\xFF\xFE"
    } else if bytes.starts_with(b"\0<\0?") {
        b"\xFE\xFF"
    } else {
        return false;
    };
    bytes.splice(0..0, mark.iter().copied());
    true
}
