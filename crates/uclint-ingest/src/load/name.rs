//! How an input's name is shown: file names and archive member names are bytes, not always
//! UTF-8, and two different names must never show the same way.
//!
//! A module of its own so that both `load.rs` (paths on disk, tar members) and
//! `load/archive.rs` (members of a gzip-compressed tar) name inputs alike, without either
//! depending on the other's items.

use std::path::Path;

/// How a path is shown: as written when it is UTF-8, else with each byte that is not part of
/// a UTF-8 character as `\xNN` (a replacement character would show two different names the
/// same way).
pub fn display_path(path: &Path) -> String {
    display_bytes(path.as_os_str().as_encoded_bytes())
}

/// [`display_path`] for the raw bytes of a name (a tar member's).
pub(crate) fn display_bytes(bytes: &[u8]) -> String {
    let mut shown = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02X}"));
        }
    }
    shown
}
