//! CSV records and cells found in an export's own bytes, for the byte edits of a BAT file.
//!
//! `csv_core` (the parser ingest reads BAT files with, `uclint-ingest`'s `table.rs`) decides
//! where each field and record ends; its field results are placed back in the bytes here, since
//! an edit replaces a cell where it stands. A field ends on the byte that ends it (a `,` or a line
//! break), which `csv_core` consumes in the call that reports the field; the last field of the
//! input ends with the input. A quoted cell's content is placed as ingest places it: from past
//! the opening quote to the first quote that is not doubled, so that a value's span (which is
//! that content) can be checked against it.
//!
//! Header names are compared as ingest compares them: trimmed, inner whitespace collapsed,
//! lower-cased (`table.rs`'s `normalise_header`), and a numbered column (`DEVICE NAME 3`) is its
//! base and number; the first column of a name or number wins, as there.

use std::borrow::Cow;
use std::ops::Range;

/// One field of a record: where it stands in the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The whole field, quotes included, without the delimiter after it.
    pub raw: Range<usize>,
    /// The content: `raw` without the quotes of a quoted field.
    pub content: Range<usize>,
    /// Whether the field is quoted.
    pub quoted: bool,
}

impl Cell {
    /// The cell's value as ingest reads it: the content trimmed of whitespace (`uclint-ingest`'s
    /// `values::trim`), then a quoted cell's doubled quotes undone.
    pub fn value<'b>(&self, bytes: &'b [u8]) -> Cow<'b, str> {
        let content = bytes.get(self.content.clone()).unwrap_or_default();
        match String::from_utf8_lossy(content) {
            text if self.quoted && text.contains("\"\"") => Cow::Owned(text.trim().replace("\"\"", "\"")),
            Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
            Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
        }
    }

    /// Whether the cell means "unset" to ingest: empty, blank or `NULL`.
    pub fn is_unset(&self, bytes: &[u8]) -> bool {
        let value = self.value(bytes);
        value.is_empty() || value.eq_ignore_ascii_case("NULL")
    }
}

/// One record: its fields and its range without the line end.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    /// The fields, in order.
    pub cells: Vec<Cell>,
    /// From its first byte to the end of its last field (no line end).
    pub range: Range<usize>,
}

/// Reads records one after the other from a byte offset.
pub(crate) struct Records<'b> {
    bytes: &'b [u8],
    at: usize,
    reader: csv_core::Reader,
    /// Scratch space `csv_core` copies field bytes to; they are read from `bytes` instead.
    scratch: Vec<u8>,
}

impl<'b> Records<'b> {
    /// Records of `bytes` from offset `from` (the start of a record, or line breaks before one).
    pub fn new(bytes: &'b [u8], from: usize) -> Self {
        Records { bytes, at: from.min(bytes.len()), reader: csv_core::Reader::new(), scratch: vec![0; 4096] }
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let bytes = self.bytes;
        let mut pos = skip_line_breaks(bytes, self.at);
        if pos >= bytes.len() {
            self.at = bytes.len();
            return None;
        }
        let start = pos;
        let mut cells = Vec::new();
        let mut field_start = pos;
        loop {
            let (result, read, _) = self.reader.read_field(&bytes[pos..], &mut self.scratch);
            pos += read;
            match result {
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::Field { record_end } => {
                    // The byte that ended the field was consumed with it, unless the input did.
                    let end = if read > 0 && matches!(bytes.get(pos - 1), Some(b',' | b'\r' | b'\n')) {
                        pos - 1
                    } else {
                        pos
                    };
                    cells.push(place(bytes, field_start, end.max(field_start)));
                    field_start = pos;
                    if record_end {
                        break;
                    }
                }
                csv_core::ReadFieldResult::End => break,
            }
            if read == 0 && pos < bytes.len() && !matches!(result, csv_core::ReadFieldResult::Field { .. }) {
                // No progress on input that is there: never expected from csv_core, but a loop
                // on hostile bytes must end.
                break;
            }
        }
        self.at = pos.max(start + 1);
        let end = cells.last().map_or(start, |c| c.raw.end);
        (!cells.is_empty()).then_some(Record { cells, range: start..end })
    }
}

/// The cell of the field at `start..end`: a quoted field's content is placed as ingest places it.
fn place(bytes: &[u8], start: usize, end: usize) -> Cell {
    if bytes.get(start) != Some(&b'"') {
        return Cell { raw: start..end, content: start..end, quoted: false };
    }
    let content = start + 1;
    let mut i = content;
    while i < end {
        if bytes[i] == b'"' {
            if i + 1 < end && bytes[i + 1] == b'"' {
                i += 2;
                continue;
            }
            break;
        }
        i += 1;
    }
    Cell { raw: start..end, content: content.min(end)..i.min(end), quoted: true }
}

/// The first byte at or after `pos` that is not a line break.
fn skip_line_breaks(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
        pos += 1;
    }
    pos
}

/// The record that starts at `from` (past any line breaks).
pub(crate) fn record_at(bytes: &[u8], from: usize) -> Option<Record> {
    Records::new(bytes, from).next()
}

/// A header name as ingest compares it: trimmed, inner whitespace collapsed, lower-cased.
pub(crate) fn normalise(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The file's header: each column's normalised name.
pub(crate) struct Header {
    names: Vec<String>,
    /// Where the header record ends (no line end).
    pub end: usize,
}

impl Header {
    /// The header of a file whose text (past any byte-order mark) is `bytes`.
    pub fn read(bytes: &[u8]) -> Option<Header> {
        let record = record_at(bytes, 0)?;
        let names = record.cells.iter().map(|c| normalise(&c.value(bytes))).collect();
        Some(Header { names, end: record.range.end })
    }

    /// The members of the numbered group `base`, as (number, column) by number: the first
    /// column of each number.
    pub fn group(&self, base: &str) -> Vec<(u32, usize)> {
        let mut members: Vec<(u32, usize)> = self
            .names
            .iter()
            .enumerate()
            .filter_map(|(col, name)| {
                let (b, n) = name.rsplit_once(' ')?;
                (b == base).then(|| n.parse::<u32>().ok().map(|n| (n, col))).flatten()
            })
            .collect();
        members.sort_unstable();
        members.dedup_by_key(|(n, _)| *n);
        members
    }

    /// Column `n` of the numbered group `base`.
    pub fn numbered(&self, base: &str, n: u32) -> Option<usize> {
        self.group(base).into_iter().find(|&(k, _)| k == n).map(|(_, col)| col)
    }
}

/// `value` written as a CSV field: as it is, or quoted (quotes doubled) when it holds a `,`, a
/// quote or a line break, or starts or ends with whitespace.
pub(crate) fn field(value: &str) -> String {
    let needs_quotes = value.contains([',', '"', '\r', '\n'])
        || value.starts_with(|c: char| c.is_whitespace())
        || value.ends_with(|c: char| c.is_whitespace());
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(String, bool)> {
        let record = record_at(text.as_bytes(), 0).expect("a record");
        record.cells.iter().map(|c| (text[c.raw.clone()].to_owned(), c.quoted)).collect()
    }

    #[test]
    fn fields_are_placed_in_the_bytes() {
        assert_eq!(
            cells("a,\"b,c\",,\"d\"\"e\"\r\nnext"),
            [("a".into(), false), ("\"b,c\"".into(), true), (String::new(), false), ("\"d\"\"e\"".into(), true)]
        );
        let text = "h1,h2\r\nx,\"y\"\r\n\r\nz,w";
        let records: Vec<_> = Records::new(text.as_bytes(), 0).map(|r| &text[r.range]).collect();
        assert_eq!(records, ["h1,h2", "x,\"y\"", "z,w"]);
    }

    #[test]
    fn a_quoted_value_is_read_as_ingest_reads_it() {
        let text = "\" a \"\"b\"\" \",NULL";
        let record = record_at(text.as_bytes(), 0).expect("a record");
        assert_eq!(record.cells[0].value(text.as_bytes()), "a \"b\"");
        assert_eq!(&text[record.cells[0].content.clone()], " a \"\"b\"\" ");
        assert!(record.cells[1].is_unset(text.as_bytes()));
    }

    #[test]
    fn numbered_columns_are_found_by_base_and_number() {
        let header = Header::read(b"DEVICE NAME 2,Device  Name 1 ,DEVICE NAME 1,X").expect("a header");
        assert_eq!(header.group("device name"), [(1, 1), (2, 0)]);
        assert_eq!(header.numbered("device name", 1), Some(1));
        assert_eq!(header.group("x"), []);
    }

    #[test]
    fn values_that_need_quotes_get_them() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field(" pad"), "\" pad\"");
    }
}
