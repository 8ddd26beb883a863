//! Bytes to text: UTF-8 with or without BOM, UTF-16 with a BOM, anything else read lossily and
//! reported.

use uclint_model::{Diagnostic, SourceId, Span};

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
    mark_bomless_utf16_xml(&mut bytes);
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
        let status = FileStatus::NotRead("gzip-compressed: decompress it first (BAT exports are plain .tar)".into());
        return Decoded { path, text: String::new(), status: Some(status), diagnostic_builder: Vec::new() };
    }
    if looks_binary(&bytes) {
        let status = FileStatus::NotRead("binary file: not a CSV, XML or JSON export".into());
        return Decoded { path, text: String::new(), status: Some(status), diagnostic_builder: Vec::new() };
    }
    let mut builders: Vec<DiagnosticBuilder> = Vec::new();
    let text = if bytes.starts_with(b"\xEF\xBB\xBF") {
        let mut bytes = bytes;
        bytes.drain(..3);
        utf8(bytes, &mut builders)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
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

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// Gives XML saved as UTF-16 without a byte-order mark the mark it lacks, so that it is decoded
/// as UTF-16 rather than taken for a binary file (half its bytes are NUL). Such a file starts
/// with `<?` as two UTF-16 units, which is how XML 1.0 (Appendix F) tells its encoding without
/// a mark; no UTF-8 text or tar starts with those bytes.
fn mark_bomless_utf16_xml(bytes: &mut Vec<u8>) {
    let mark: &[u8] = if bytes.starts_with(b"<\0?\0") {
        b"\xFF\xFE"
    } else if bytes.starts_with(b"\0<\0?") {
        b"\xFE\xFF"
    } else {
        return;
    };
    bytes.splice(0..0, mark.iter().copied());
}
