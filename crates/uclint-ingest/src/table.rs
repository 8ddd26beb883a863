//! A BAT CSV file read as a header map plus rows whose every cell keeps its source span.
//!
//! `csv_core` (the `csv` crate's parser) does the parsing (quoting, escaped quotes, CRLF),
//! straight from the text. It tells where each record ends and how many fields it has but not
//! where each field stands in the source, so [`cell_spans`] walks the raw bytes of one record to
//! find them; quoted cells span their content inside the quotes.
//!
//! This is the hot path of a large export (hundreds of thousands of rows of hundreds of cells),
//! so cells are read as borrowed text and only the values kept are allocated, the big files'
//! parsers look their columns up once per file ([`HeaderMap::plan`]), numbered columns are
//! looked up without building their names ([`Col::n`]), and secret cells are recorded in the
//! same pass for masking (see `redact.rs`).

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use uclint_model::{DnKey, SourceId, Span, Spanned, Text};

use crate::codes;
use crate::redact::is_secret_column;
use crate::shared::SharedValues;
use crate::values::{is_unset, parse_bool, trim};
use crate::FileParse;

/// Header names normalised the way real exports need: trimmed, inner whitespace collapsed,
/// lower-cased. `Directory Number  1 ` and `DIRECTORY NUMBER 1` are the same column.
pub fn normalise_header(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A column by normalised name (`"device name"`, or a `&str` converts) or as member `n` of a
/// numbered group (`Col::n("busy trigger", 1)` is `busy trigger 1`).
#[derive(Clone, Copy, Debug)]
pub enum Col<'a> {
    /// A plain column.
    Named(&'a str),
    /// Member `n` of a numbered group.
    Numbered(&'a str, u32),
}

impl<'a> Col<'a> {
    /// Member `n` of the numbered group `base`.
    pub fn n(base: &'a str, n: u32) -> Self {
        Col::Numbered(base, n)
    }
}

impl<'a> From<&'a str> for Col<'a> {
    fn from(name: &'a str) -> Self {
        Col::Named(name)
    }
}

impl<'a> From<&'a String> for Col<'a> {
    fn from(name: &'a String) -> Self {
        Col::Named(name)
    }
}

/// The header name as users know it (`BUSY TRIGGER 1`), for messages.
impl fmt::Display for Col<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Col::Named(name) => f.write_str(&name.to_uppercase()),
            Col::Numbered(base, n) => write!(f, "{} {n}", base.to_uppercase()),
        }
    }
}

/// Column lookup by normalised header name, with numbered groups (`Directory Number 1..k`).
#[derive(Debug, Default)]
pub struct HeaderMap {
    columns: FxHashMap<String, usize>,
    groups: FxHashMap<String, Vec<(u32, usize)>>,
    /// A parser's columns, resolved once per file ([`HeaderMap::plan`]).
    plan: OnceLock<Box<dyn Any + Send + Sync>>,
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

    /// The column a [`Col`] names.
    pub fn resolve(&self, col: Col<'_>) -> Option<usize> {
        match col {
            Col::Named(name) => self.col(name),
            Col::Numbered(base, n) => {
                let members = self.groups.get(base)?;
                members.binary_search_by_key(&n, |(k, _)| *k).ok().map(|i| members[i].1)
            }
        }
    }

    /// The parser's plan of this file's columns, built by `build` for the first row and kept
    /// for the others (a file is read by one parser, with one plan type): the big files'
    /// parsers look their columns up by name once per file instead of once per row.
    pub fn plan<P: Any + Send + Sync>(&self, build: impl FnOnce(&HeaderMap) -> P) -> &P {
        let plan = self.plan.get_or_init(|| Box::new(build(self)));
        plan.downcast_ref().expect("one plan type per header")
    }

    /// The numbers present for a numbered group, e.g. `[1, 2, 3]` for `directory number`.
    pub fn group_numbers(&self, base: &str) -> Vec<u32> {
        self.groups.get(base).map(|g| g.iter().map(|(n, _)| *n).collect()).unwrap_or_default()
    }
}

/// One CSV row: its cells and their spans.
pub struct Row<'t> {
    text: &'t str,
    cells: &'t [(usize, usize)],
    /// Whether the record holds a quote (else no cell can hold a doubled one).
    quoted: bool,
    source: SourceId,
    /// Long values already read from each column, to share their allocations.
    shared: &'t SharedValues,
    /// The whole record.
    pub span: Span,
}

/// A CSV file's header record: its column map, its width and where the rows start.
pub struct Header {
    /// The columns by normalised name.
    pub map: HeaderMap,
    width: usize,
    secret_columns: Vec<usize>,
    /// The byte offset just past the header record.
    pub rows_start: usize,
}

/// Reads the header record; `None` for a file with no record at all (or one that cannot be
/// parsed from the start, which is reported).
pub fn read_header(parse: &mut FileParse<'_>) -> Option<Header> {
    let mut found = None;
    read_records(parse, 0, None, &mut |_, text, record| {
        let names: Vec<String> = record.cells.iter().map(|&(s, e)| normalise_header(&text[s..e])).collect();
        let secret_columns = names.iter().enumerate().filter(|(_, n)| is_secret_column(n)).map(|(i, _)| i).collect();
        let map = HeaderMap::new(names.into_iter());
        found = Some(Header { map, width: record.fields, secret_columns, rows_start: record.end });
        false
    });
    found
}

/// How a run of rows ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowsEnd {
    /// At the end of the text.
    End,
    /// At `stop_at`, which is the start of a record.
    Stopped,
}

/// Reads the rows from byte `from` (the start of a record) to the end of the text, or up to
/// `stop_at` if a record starts there; when no record starts at `stop_at` (a quoted field runs
/// across it), reading goes on to the end. Each row goes to `each`; rows with a field count
/// other than the header's are reported (INPUT003) and still read by position.
pub fn read_rows(
    parse: &mut FileParse<'_>,
    header: &Header,
    from: usize,
    stop_at: Option<usize>,
    each: &mut impl FnMut(&mut FileParse<'_>, &HeaderMap, &Row<'_>),
) -> RowsEnd {
    let shared = SharedValues::default();
    read_records(parse, from, stop_at, &mut |parse, text, record| {
        let RawRecord { fields, cells, quoted, span: (start, end), .. } = record;
        let span = Span::new(parse.source, start, end);
        if fields != header.width {
            parse.report(codes::RAGGED_ROW.at(
                parse.path,
                span,
                format!(
                    "this row has {fields} fields but the header has {}; cells were read by position",
                    header.width
                ),
            ));
        }
        for &col in &header.secret_columns {
            if let Some(&(s, e)) = cells.get(col) {
                if !is_unset(&text[s..e]) {
                    parse.secrets.push((s, e));
                }
            }
        }
        let row = Row { text, cells, quoted, source: parse.source, shared: &shared, span };
        each(parse, &header.map, &row);
        true
    })
}

/// One CSV record as [`read_records`] finds it.
struct RawRecord<'c> {
    /// Its number of fields.
    fields: usize,
    /// Each field's byte range (a quoted field's content inside the quotes).
    cells: &'c [(usize, usize)],
    /// Whether the record holds a quote.
    quoted: bool,
    /// The record without its line break.
    span: (usize, usize),
    /// The offset just past the record and its line break.
    end: usize,
}

/// The record loop under [`read_header`] and [`read_rows`]: hands each record to `record`
/// until it returns false, the text ends, or a record starts at `stop_at`.
fn read_records(
    parse: &mut FileParse<'_>,
    from: usize,
    stop_at: Option<usize>,
    record: &mut dyn FnMut(&mut FileParse<'_>, &str, RawRecord<'_>) -> bool,
) -> RowsEnd {
    let text = parse.text;
    let bytes = text.as_bytes();
    // `csv_core` finds where each record ends and how many fields it has, straight from the
    // text (the `csv` reader would copy the text through a buffer first); `cell_spans` then
    // finds each field in the source.
    let mut reader = csv_core::ReaderBuilder::new().build();
    let (mut fields, mut ends) = (vec![0u8; 1024], vec![0usize; 64]);
    let mut position = from.min(bytes.len());
    // One vector of cell ranges for every record: a row is handed on and done with before the
    // next is read.
    let mut cells = Vec::new();
    loop {
        if let Some(stop) = stop_at {
            // A record starts at `stop` when only line breaks lie between here and there.
            if position <= stop && skip_line_breaks(bytes, position) >= stop {
                return RowsEnd::Stopped;
            }
        }
        // The reader's position before any skipped blank lines, as `cell_spans` expects.
        let start = position;
        let (mut out, mut count) = (0, 0);
        let found = loop {
            let (result, read, written, ended) =
                reader.read_record(&bytes[position..], &mut fields[out..], &mut ends[count..]);
            position += read;
            out += written;
            count += ended;
            match result {
                csv_core::ReadRecordResult::Record => break true,
                csv_core::ReadRecordResult::End => break false,
                csv_core::ReadRecordResult::OutputFull => fields.resize(fields.len() * 2, 0),
                csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                // At the end of the text: the next call, with no input, ends the last record.
                csv_core::ReadRecordResult::InputEmpty => {}
            }
        };
        if !found {
            return RowsEnd::End;
        }
        let end = position;
        let row_start = skip_line_breaks(bytes, start);
        let quoted = memchr::memchr(b'"', &bytes[row_start.min(end)..end]).is_some();
        let unterminated = if !quoted {
            // No quotes: each field is its bytes as written, so its place follows from the field
            // ends `csv_core` reported (one delimiter between fields), without a second scan.
            cells.clear();
            let mut field_start = 0;
            for (i, &field_end) in ends[..count].iter().enumerate() {
                cells.push((row_start + field_start + i, row_start + field_end + i));
                field_start = field_end;
            }
            None
        } else {
            cell_spans(&bytes[..end], start, count, &mut cells)
        };
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
        let span = (row_start, trim_line_end(text, row_start, end));
        if !record(parse, text, RawRecord { fields: count, cells: &cells, quoted, span, end }) {
            return RowsEnd::End;
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

/// Fills `spans` with the source byte ranges of the `count` fields of the record starting at
/// `start`, and returns the position of a quote that opens a field but is never closed (the
/// field then runs to the end of input).
///
/// A quoted field's range is its content between the quotes (doubled quotes included).
pub(crate) fn cell_spans(bytes: &[u8], start: usize, count: usize, spans: &mut Vec<(usize, usize)>) -> Option<usize> {
    // The end of an unquoted field: the next delimiter or line break, found with memchr.
    let field_end = |from: usize| memchr::memchr3(b',', b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    spans.clear();
    let mut unterminated = None;
    let mut pos = skip_line_breaks(bytes, start);
    for _ in 0..count {
        if pos < bytes.len() && bytes[pos] == b'"' {
            let content = pos + 1;
            let mut i = content;
            // The closing quote is the first one not doubled.
            loop {
                match memchr::memchr(b'"', &bytes[i.min(bytes.len())..]) {
                    Some(q) if bytes.get(i + q + 1) == Some(&b'"') => i += q + 2,
                    Some(q) => {
                        i += q;
                        break;
                    }
                    None => {
                        i = bytes.len();
                        break;
                    }
                }
            }
            if i >= bytes.len() {
                unterminated = Some(pos);
            }
            spans.push((content, i.min(bytes.len())));
            pos = field_end((i + 1).min(bytes.len()));
        } else {
            let field = pos.min(bytes.len());
            pos = field_end(field);
            spans.push((field, pos));
        }
        // Step over the delimiter (or stay at the line end for the last field).
        if pos < bytes.len() && bytes[pos] == b',' {
            pos += 1;
        }
    }
    unterminated
}

impl Row<'_> {
    /// The trimmed text of the cell in column `col`, quotes removed and doubled quotes undone,
    /// with the cell's span; `None` when the column is absent or the cell empty or `NULL`.
    /// Borrowed unless the cell held doubled quotes.
    fn text_at(&self, col: Option<usize>) -> Option<(Cow<'_, str>, Span)> {
        let &(s, e) = self.cells.get(col?)?;
        let trimmed = trim(&self.text[s..e]);
        if is_unset(trimmed) {
            return None;
        }
        let value = if self.quoted && trimmed.contains("\"\"") {
            Cow::Owned(trimmed.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(trimmed)
        };
        Some((value, Span::new(self.source, s, e)))
    }

    /// Whether column `col` has a value (is present, not empty and not `NULL`).
    pub fn is_set_at(&self, col: Option<usize>) -> bool {
        self.text_at(col).is_some()
    }

    /// The span of the cell in column `col`, empty or not; `None` when the column or the cell
    /// is absent.
    pub fn cell_span_at(&self, col: Option<usize>) -> Option<Span> {
        let &(s, e) = self.cells.get(col?)?;
        Some(Span::new(self.source, s, e))
    }

    /// The trimmed value in column `col`, or `None` if the column is absent, empty or `NULL`.
    pub fn value_at(&self, col: Option<usize>) -> Option<Spanned<Text>> {
        let col = col?;
        self.text_at(Some(col)).map(|(value, span)| Spanned::new(self.shared.text(col, &value), span))
    }

    /// The value in column `col` (named `name` in messages) as a boolean; an unrecognised
    /// spelling is reported and treated as absent.
    pub fn flag_at(&self, parse: &mut FileParse<'_>, col: Option<usize>, name: Col<'_>) -> Option<Spanned<bool>> {
        let (value, span) = self.text_at(col)?;
        match parse_bool(&value) {
            Some(b) => Some(Spanned::new(b, span)),
            None => {
                let message = format!("`{name}` is not a boolean (expected t/f, true/false or 1/0); treated as unset");
                parse.report(codes::INVALID_VALUE.at(parse.path, span, message));
                None
            }
        }
    }

    /// The value in column `col` (named `name` in messages) as a whole number; anything else is
    /// reported and treated as absent.
    pub fn number_at(&self, parse: &mut FileParse<'_>, col: Option<usize>, name: Col<'_>) -> Option<Spanned<u32>> {
        let (value, span) = self.text_at(col)?;
        match value.parse::<u32>() {
            Ok(n) => Some(Spanned::new(n, span)),
            Err(_) => {
                let message = format!("`{name}` is not a whole number; treated as unset");
                parse.report(codes::INVALID_VALUE.at(parse.path, span, message));
                None
            }
        }
    }

    /// A DN from a pattern column and a partition column, spanning the pattern cell.
    pub fn dn_at(&self, pattern: Option<usize>, partition: Option<usize>) -> Option<Spanned<DnKey>> {
        let (pattern, span) = self.text_at(pattern)?;
        let partition = self.text_at(partition).map(|(p, _)| p).unwrap_or_default();
        Some(Spanned::new(DnKey::new(&pattern, &partition), span))
    }

    /// The trimmed value of a column, or `None` if the column is absent, empty or `NULL`.
    pub fn value<'c>(&self, header: &HeaderMap, col: impl Into<Col<'c>>) -> Option<Spanned<Text>> {
        self.value_at(header.resolve(col.into()))
    }

    /// A column's value as a boolean; an unrecognised spelling is reported and treated as absent.
    pub fn flag<'c>(
        &self,
        parse: &mut FileParse<'_>,
        header: &HeaderMap,
        col: impl Into<Col<'c>>,
    ) -> Option<Spanned<bool>> {
        let col = col.into();
        self.flag_at(parse, header.resolve(col), col)
    }

    /// A column's value as a whole number; anything else is reported and treated as absent.
    pub fn number<'c>(
        &self,
        parse: &mut FileParse<'_>,
        header: &HeaderMap,
        col: impl Into<Col<'c>>,
    ) -> Option<Spanned<u32>> {
        let col = col.into();
        self.number_at(parse, header.resolve(col), col)
    }

    /// Every non-empty value of a numbered group, in number order (e.g. `access control group`).
    pub fn group_values(&self, header: &HeaderMap, base: &str) -> Vec<Spanned<Text>> {
        header.group_numbers(base).into_iter().filter_map(|n| self.value(header, Col::n(base, n))).collect()
    }

    /// Every non-empty value of the given columns, in their order.
    pub fn values_at(&self, cols: &[usize]) -> Vec<Spanned<Text>> {
        cols.iter().filter_map(|&col| self.value_at(Some(col))).collect()
    }

    /// A DN from a pattern column and a partition column, spanning the pattern cell.
    pub fn dn<'c>(
        &self,
        header: &HeaderMap,
        pattern: impl Into<Col<'c>>,
        partition: impl Into<Col<'c>>,
    ) -> Option<Spanned<DnKey>> {
        self.dn_at(header.resolve(pattern.into()), header.resolve(partition.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Cells = Vec<(usize, usize)>;

    /// Every record of `text` as `read_records` finds it, with its cells as `cell_spans`
    /// finds them from the record's start.
    fn records_both_ways(text: &str) -> Vec<(Cells, Cells)> {
        let mut parse = crate::FileParse::new(text, SourceId::new(0), "x.csv");
        let mut out = Vec::new();
        read_records(&mut parse, 0, None, &mut |_, text, record| {
            let mut scanned = Vec::new();
            cell_spans(&text.as_bytes()[..record.end], record.span.0, record.fields, &mut scanned);
            out.push((record.cells.to_vec(), scanned));
            true
        });
        out
    }

    #[test]
    fn cells_of_records_without_quotes_are_placed_from_the_field_ends() {
        // Random texts of delimiters, line ends, blanks and two-byte characters, no quotes.
        let pieces = ["a", "bc", "é", ",", ",", "\n", "\r\n", "\r", " ", "\n\n"];
        for text in crate::random_texts::random_texts(&pieces, 2_000, 40, 7) {
            for (fast, scanned) in records_both_ways(&text) {
                assert_eq!(fast, scanned, "{text:?}");
            }
        }
    }

    #[test]
    fn doubled_quotes_are_undone_only_in_records_that_have_quotes() {
        let text = "Device Name,Device Type\nSEP1,\"Cisco \"\"8841\"\"\"\nSEP2,Cisco 8841\n";
        let raw = crate::RawInput { path: "phone.csv".into(), bytes: text.as_bytes().to_vec(), error: None };
        let ingested = crate::parse(vec![raw]);
        let models: Vec<&str> =
            ingested.cluster.phones.iter().map(|p| p.model.as_ref().unwrap().value.as_str()).collect();
        assert_eq!(models, ["Cisco \"8841\"", "Cisco 8841"]);
    }

    #[test]
    fn quoted_cells_span_their_content() {
        let text = b"a,\"x,\"\"y\",c\n";
        let mut spans = Vec::new();
        let unterminated = cell_spans(text, 0, 3, &mut spans);
        assert_eq!(unterminated, None);
        assert_eq!(spans, vec![(0, 1), (3, 8), (10, 11)]);
        assert_eq!(&text[3..8], b"x,\"\"y");
    }

    #[test]
    fn crlf_records_start_after_the_line_break() {
        let text = b"a,b\r\nc,d\r\n";
        // Position 4 is the `\n` of the first record's CRLF.
        let mut spans = vec![(9, 9)];
        cell_spans(text, 4, 2, &mut spans);
        assert_eq!(spans, vec![(5, 6), (7, 8)]);
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        let text = b"a,\"never closed\nb,c\n";
        let unterminated = cell_spans(text, 0, 2, &mut Vec::new());
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
