//! A BAT CSV file read as a header map plus rows whose every cell keeps its source span.
//!
//! The `csv` crate does the parsing (quoting, escaped quotes, CRLF). It reports where each
//! record starts but not where each field stands in the source, so [`cell_spans`] walks the raw
//! bytes of one record to find them; quoted cells span their content inside the quotes.

use std::collections::HashMap;

use csv::{ByteRecord, ReaderBuilder};
use uclint_model::{DnKey, SourceId, Span, Spanned};

use crate::codes;
use crate::values::{is_unset, parse_bool};
use crate::FileParse;

/// Header names normalised the way real exports need: trimmed, inner whitespace collapsed,
/// lower-cased. `Directory Number  1 ` and `DIRECTORY NUMBER 1` are the same column.
pub fn normalise_header(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Column lookup by normalised header name, with numbered groups (`Directory Number 1..k`).
#[derive(Debug, Default)]
pub struct HeaderMap {
    columns: HashMap<String, usize>,
    groups: HashMap<String, Vec<(u32, usize)>>,
}

impl HeaderMap {
    fn new(names: impl Iterator<Item = String>) -> Self {
        let mut map = HeaderMap::default();
        for (col, name) in names.enumerate() {
            let name = normalise_header(&name);
            if let Some((base, n)) = name.rsplit_once(' ') {
                if let Ok(n) = n.parse::<u32>() {
                    map.groups.entry(base.to_owned()).or_default().push((n, col));
                }
            }
            // Real exports repeat some header names; the first one wins.
            map.columns.entry(name).or_insert(col);
        }
        for members in map.groups.values_mut() {
            members.sort_unstable();
        }
        map
    }

    /// The column of a header, by normalised name.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    /// Whether the header has this column.
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    /// The numbers present for a numbered group, e.g. `[1, 2, 3]` for `directory number`.
    pub fn group_numbers(&self, base: &str) -> Vec<u32> {
        self.groups.get(base).map(|g| g.iter().map(|(n, _)| *n).collect()).unwrap_or_default()
    }
}

/// One CSV row: its cells and their spans.
pub struct Row<'t> {
    text: &'t str,
    cells: Vec<(usize, usize)>,
    source: SourceId,
    /// The whole record.
    pub span: Span,
}

/// Reads a CSV table and hands every row to `each`. Rows with a field count other than the
/// header's are reported (INPUT003) and still read by position.
pub fn read_table(parse: &mut FileParse<'_>, mut each: impl FnMut(&mut FileParse<'_>, &HeaderMap, &Row<'_>)) {
    let text = parse.text;
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    let mut header: Option<(HeaderMap, usize)> = None;
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let at = err.position().map_or(start, |p| p.byte() as usize);
                let span = Span::new(parse.source, at, at);
                parse.report(codes::MALFORMED_FILE.at(
                    parse.path,
                    span,
                    format!("the CSV could not be parsed past this point: {err}"),
                ));
                break;
            }
        }
        // The csv reader reports the position before any skipped blank lines.
        let start = record.position().map_or(start, |p| p.byte() as usize);
        let end = reader.position().byte() as usize;
        let (cells, unterminated) = cell_spans(&text.as_bytes()[..end.min(text.len())], start, record.len());
        if let Some(quote) = unterminated {
            let lost = text[quote..].lines().count().saturating_sub(1);
            parse.report(codes::MALFORMED_FILE.at(
                parse.path,
                Span::new(parse.source, quote, quote + 1),
                format!(
                    "this quote opens a field that is never closed, so the rest of the file ({lost} more \
                     lines) was read as one cell; expected a closing `\"` before the next `,` or line end"
                ),
            ));
        }
        let row_start = skip_line_breaks(text.as_bytes(), start);
        let row_span = Span::new(parse.source, row_start, trim_line_end(text, row_start, end));
        match &header {
            None => {
                let names = cells.iter().map(|&(s, e)| text[s..e].to_owned());
                header = Some((HeaderMap::new(names), record.len()));
            }
            Some((map, width)) => {
                if record.len() != *width {
                    parse.report(codes::RAGGED_ROW.at(
                        parse.path,
                        row_span,
                        format!(
                            "this row has {} fields but the header has {width}; cells were read by position",
                            record.len()
                        ),
                    ));
                }
                let row = Row { text, cells, source: parse.source, span: row_span };
                each(parse, map, &row);
            }
        }
    }
}

fn trim_line_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = end.min(bytes.len());
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The first byte at or after `pos` that is not a line break. With CRLF line ends the csv reader
/// can place a record's start on the `\n` that ends the previous record.
fn skip_line_breaks(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
        pos += 1;
    }
    pos
}

/// Source byte ranges of the `count` fields of the record starting at `start`, and the position
/// of a quote that opens a field but is never closed (the field then runs to the end of input).
///
/// A quoted field's range is its content between the quotes (doubled quotes included).
pub(crate) fn cell_spans(bytes: &[u8], start: usize, count: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut spans = Vec::with_capacity(count);
    let mut unterminated = None;
    let mut pos = skip_line_breaks(bytes, start);
    for _ in 0..count {
        if pos < bytes.len() && bytes[pos] == b'"' {
            let content = pos + 1;
            let mut i = content;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            if i >= bytes.len() {
                unterminated = Some(pos);
            }
            spans.push((content, i.min(bytes.len())));
            pos = i + 1;
            while pos < bytes.len() && !matches!(bytes[pos], b',' | b'\n' | b'\r') {
                pos += 1;
            }
        } else {
            let field = pos;
            while pos < bytes.len() && !matches!(bytes[pos], b',' | b'\n' | b'\r') {
                pos += 1;
            }
            spans.push((field, pos));
        }
        // Step over the delimiter (or stay at the line end for the last field).
        if pos < bytes.len() && bytes[pos] == b',' {
            pos += 1;
        }
    }
    (spans, unterminated)
}

impl Row<'_> {
    /// The raw text of a cell by column number (quotes removed, doubled quotes undone).
    fn cell(&self, col: usize) -> Option<Spanned<String>> {
        let &(s, e) = self.cells.get(col)?;
        let raw = &self.text[s..e];
        let value = if raw.contains("\"\"") { raw.replace("\"\"", "\"") } else { raw.to_owned() };
        Some(Spanned::new(value, Span::new(self.source, s, e)))
    }

    /// The trimmed value of a column, or `None` if the column is absent, empty or `NULL`.
    pub fn value(&self, header: &HeaderMap, name: &str) -> Option<Spanned<String>> {
        let cell = self.cell(header.col(name)?)?;
        if is_unset(&cell.value) {
            return None;
        }
        Some(cell.map(|v| v.trim().to_owned()))
    }

    /// A column's value as a boolean; an unrecognised spelling is reported and treated as absent.
    pub fn flag(&self, parse: &mut FileParse<'_>, header: &HeaderMap, name: &str) -> Option<Spanned<bool>> {
        let cell = self.value(header, name)?;
        match parse_bool(&cell.value) {
            Some(b) => Some(Spanned::new(b, cell.span)),
            None => {
                parse.report(codes::INVALID_VALUE.at(
                    parse.path,
                    cell.span,
                    format!(
                        "`{}` is not a boolean (expected t/f, true/false or 1/0); treated as unset",
                        column_label(name)
                    ),
                ));
                None
            }
        }
    }

    /// A column's value as a whole number; anything else is reported and treated as absent.
    pub fn number(&self, parse: &mut FileParse<'_>, header: &HeaderMap, name: &str) -> Option<Spanned<u32>> {
        let cell = self.value(header, name)?;
        match cell.value.parse::<u32>() {
            Ok(n) => Some(Spanned::new(n, cell.span)),
            Err(_) => {
                parse.report(codes::INVALID_VALUE.at(
                    parse.path,
                    cell.span,
                    format!("`{}` is not a whole number; treated as unset", column_label(name)),
                ));
                None
            }
        }
    }

    /// Every non-empty value of a numbered group, in number order (e.g. `access control group`).
    pub fn group_values(&self, header: &HeaderMap, base: &str) -> Vec<Spanned<String>> {
        header.group_numbers(base).into_iter().filter_map(|n| self.value(header, &format!("{base} {n}"))).collect()
    }

    /// A DN from a pattern column and a partition column, spanning the pattern cell.
    pub fn dn(&self, header: &HeaderMap, pattern: &str, partition: &str) -> Option<Spanned<DnKey>> {
        let pattern = self.value(header, pattern)?;
        let partition = self.value(header, partition).map(|p| p.value).unwrap_or_default();
        Some(Spanned::new(DnKey::new(&pattern.value, &partition), pattern.span))
    }
}

/// A header name as users know it (`Busy Trigger 1` rather than `busy trigger 1`).
fn column_label(normalised: &str) -> String {
    normalised.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_span_their_content() {
        let text = b"a,\"x,\"\"y\",c\n";
        let (spans, unterminated) = cell_spans(text, 0, 3);
        assert_eq!(unterminated, None);
        assert_eq!(spans, vec![(0, 1), (3, 8), (10, 11)]);
        assert_eq!(&text[3..8], b"x,\"\"y");
    }

    #[test]
    fn crlf_records_start_after_the_line_break() {
        let text = b"a,b\r\nc,d\r\n";
        // Position 4 is the `\n` of the first record's CRLF.
        let (spans, _) = cell_spans(text, 4, 2);
        assert_eq!(spans, vec![(5, 6), (7, 8)]);
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        let text = b"a,\"never closed\nb,c\n";
        let (_, unterminated) = cell_spans(text, 0, 2);
        assert_eq!(unterminated, Some(2));
    }

    #[test]
    fn header_names_are_trimmed_collapsed_and_case_folded() {
        let map = HeaderMap::new(["DIRECTORY NUMBER  1 ", "Directory Number 2", "Name"].into_iter().map(String::from));
        assert_eq!(map.col("directory number 1"), Some(0));
        assert_eq!(map.group_numbers("directory number"), vec![1, 2]);
        assert_eq!(map.col("name"), Some(2));
    }
}
