//! The BAT form of the fixes: an Import/Export tar holding only the changed rows of the changed
//! members, for Bulk Administration > Import/Export > Import with "override the existing
//! configuration" (issue #22). It is worth trying on a lab cluster first.
//!
//! A row is the fixed export's row: [`changed_rows`] takes it from the original bytes of the
//! member and the byte edits of [`crate::export::file_edits`], so the tar carries exactly what
//! the fixed export carries, in the member's own spelling, quoting and line ends. The tar is laid
//! out as CUCM's own export is (`bat-export-14.0.md`): a `header.txt` naming each member with a
//! `File : <member without .csv>` line after the export's `Time`, `IP Address` and `CCM`
//! lines, and each member's header line followed by its rows.
//!
//! The bytes are the same for the same input: members sorted by name after `header.txt`,
//! modification time 0, mode 0644, owner 0, ustar headers.

use std::io;
use std::ops::Range;

use crate::export::{apply, csv_header, csv_values, ByteEdit};

/// The changed rows of one member, ready for [`changed_rows_tar`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedMember {
    /// The member's name in the tar (`phone.csv`): a file name, without directories.
    pub name: String,
    /// The header line as the original writes it (with its UTF-8 byte-order mark, if it has
    /// one), without its line end.
    pub header: Vec<u8>,
    /// Each changed row as the fixed export writes it, without its line end, in file order.
    pub rows: Vec<Vec<u8>>,
    /// Whether lines end with CRLF (else LF), as the original's header line ends.
    pub crlf: bool,
}

impl ChangedMember {
    /// The columns whose cells hold a value in the changed rows and that `is_secret` names as
    /// secret material (a password, PIN or digest hash: `uclint_ingest::secrets::is_secret_name`),
    /// sorted. The fix writes no such member: uclint never puts a secret into a file of its own,
    /// and a BAT import of the row without the cell is not known to leave the secret as it is.
    /// Check boxes (`t`, `f`, `true`, `false`) under such a name are settings, not secrets.
    pub fn secret_columns(&self, is_secret: &dyn Fn(&str) -> bool) -> Vec<String> {
        let header = csv_values(&self.header);
        let mut found = std::collections::BTreeSet::new();
        for row in &self.rows {
            for (name, value) in header.iter().zip(csv_values(row)) {
                let flag = ["t", "f", "true", "false"].iter().any(|b| value.eq_ignore_ascii_case(b));
                if !value.is_empty() && !flag && is_secret(name) {
                    found.insert(name.clone());
                }
            }
        }
        found.into_iter().collect()
    }
}

/// The changed rows of a BAT CSV: `original` is the member's bytes as exported, `edits` its
/// byte edits and `rows` the ranges of the rows they change, both as [`crate::export::FileEdits`]
/// gives them for the file (ranges of the original, sorted). Each row is its range of the
/// original with the edits inside it applied; an edit outside every row is not in any.
///
/// A file whose header line has no line end (no rows) is given CRLF lines.
pub fn changed_rows(name: &str, original: &[u8], edits: &[ByteEdit], rows: &[Range<usize>]) -> ChangedMember {
    let (header, line_end) = csv_header(original);
    let fixed = rows
        .iter()
        .filter(|row| row.start <= row.end && row.end <= original.len())
        .map(|row| {
            let first = edits.partition_point(|e| e.range.start < row.start);
            let inside: Vec<ByteEdit> = edits[first..]
                .iter()
                .take_while(|e| e.range.start <= row.end)
                .filter(|e| e.range.start <= e.range.end && e.range.end <= row.end)
                .map(|e| ByteEdit {
                    range: e.range.start - row.start..e.range.end - row.start,
                    replacement: e.replacement.clone(),
                })
                .collect();
            apply(&original[row.clone()], &inside)
        })
        .collect();
    ChangedMember { name: name.to_owned(), header: header.to_vec(), rows: fixed, crlf: line_end != b"\n" }
}

/// The changed member of the BAT CSV read from `path` (a display path: `export.tar!phone.csv`,
/// `dir/phone.csv`), from its original bytes, its fixed bytes (the original with `edits`
/// applied, as the fixed export writes it) and the `rows` its edits change, as
/// [`crate::export::FileEdits`] gives them for the file. The member is named by the file name at
/// the end of `path`, and holds the rows as [`changed_rows`] makes them; each is checked to be
/// where the edits before it move it in `fixed`, so the tar carries what the fixed export does.
///
/// `None` when there is no row, `path` ends in no file name, or `fixed` is not `original` with
/// `edits` applied.
pub fn changed_member(
    path: &str,
    original: &[u8],
    fixed: &[u8],
    rows: &[Range<usize>],
    edits: Option<&Vec<ByteEdit>>,
) -> Option<ChangedMember> {
    let name = path.rsplit(['!', '/', '\\']).next().filter(|n| !n.is_empty())?;
    if rows.is_empty() {
        return None;
    }
    let edits = edits.map_or(&[][..], Vec::as_slice);
    let member = changed_rows(name, original, edits, rows);
    let in_fixed = rows.iter().zip(&member.rows).all(|(row, bytes)| {
        // The edits before the row move it by what they add or take away.
        let before = &edits[..edits.partition_point(|e| e.range.start < row.start)];
        let grown: usize = before.iter().map(|e| e.replacement.len()).sum();
        let taken: usize = before.iter().map(|e| e.range.len()).sum();
        let start = (row.start + grown).checked_sub(taken);
        start.and_then(|s| fixed.get(s..s + bytes.len())) == Some(bytes.as_slice())
    });
    (member.rows.len() == rows.len() && in_fixed).then_some(member)
}

/// The Import/Export tar of `members`: `header.txt` first, then each member (its header line and
/// changed rows), sorted by name.
///
/// `header.txt` keeps the `Time :`, `IP Address :` and `CCM :` lines of `original_header_txt`
/// (the original export's, when there is one) as they are, with its line ends; without one it
/// holds only the `File :` lines (uclint does not make up when or where an export was taken),
/// with the first member's line ends. Two members of one name, or one named `header.txt`, are
/// an error, as is a name the tar format cannot hold.
pub fn changed_rows_tar(members: &[ChangedMember], original_header_txt: Option<&[u8]>) -> io::Result<Vec<u8>> {
    let mut sorted: Vec<&ChangedMember> = members.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    if sorted.windows(2).any(|pair| pair[0].name == pair[1].name) || sorted.iter().any(|m| m.name == "header.txt") {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "two members of the tar would have one name"));
    }
    let mut builder = tar::Builder::new(Vec::new());
    let header_txt = header_txt(&sorted, original_header_txt);
    append(&mut builder, "header.txt", &header_txt)?;
    for member in sorted {
        let line_end: &[u8] = if member.crlf { b"\r\n" } else { b"\n" };
        let mut content = member.header.clone();
        content.extend_from_slice(line_end);
        for row in &member.rows {
            content.extend_from_slice(row);
            content.extend_from_slice(line_end);
        }
        append(&mut builder, &member.name, &content)?;
    }
    builder.into_inner()
}

/// The keys of the lines of the original `header.txt` that are kept.
const KEPT_KEYS: [&str; 3] = ["time", "ip address", "ccm"];

/// The text of `header.txt` for `members` (sorted).
fn header_txt(members: &[&ChangedMember], original: Option<&[u8]>) -> Vec<u8> {
    let mut text = Vec::new();
    let line_end: &[u8] = match original {
        Some(original) if original.windows(2).any(|w| w == b"\r\n") => b"\r\n",
        Some(_) => b"\n",
        None if members.first().is_some_and(|m| m.crlf) => b"\r\n",
        None => b"\n",
    };
    if let Some(original) = original {
        let original = original.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(original);
        for line in original.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let key = line.split(|&b| b == b':').next().unwrap_or_default();
            let key = String::from_utf8_lossy(key).trim().to_ascii_lowercase();
            if line.contains(&b':') && KEPT_KEYS.contains(&key.as_str()) {
                text.extend_from_slice(line);
                text.extend_from_slice(line_end);
            }
        }
    }
    for member in members {
        let name = member.name.as_str();
        let stem = match name.len().checked_sub(4) {
            Some(at) if name.get(at..).is_some_and(|ext| ext.eq_ignore_ascii_case(".csv")) => &name[..at],
            _ => name,
        };
        text.extend_from_slice(b"File : ");
        text.extend_from_slice(stem.as_bytes());
        text.extend_from_slice(line_end);
    }
    text
}

/// Appends a regular file with a fixed header: mode 0644, owner 0, time 0.
fn append(builder: &mut tar::Builder<Vec<u8>>, name: &str, content: &[u8]) -> io::Result<()> {
    if name.contains(['/', '\\']) || name.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "a member's name must be a plain file name"));
    }
    let mut header = tar::Header::new_ustar();
    header.set_path(name)?;
    header.set_size(content.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    builder.append(&header, content)
}
