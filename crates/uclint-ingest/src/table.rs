//! A BAT CSV file read as a header map plus rows whose every cell keeps its source span.
//!
//! `csv_core` (the `csv` crate's parser) does the parsing (quoting, escaped quotes, CRLF),
//! straight from the text. It tells where each record ends and how many fields it has but not
//! where each field stands in the source, so [`cell_spans`] walks the raw bytes of one record to
//! find them; quoted cells span their content inside the quotes.
//!
//! This is the hot path of a large export (hundreds of thousands of rows of hundreds of cells),
//! so cells are read as borrowed text and only the values kept are allocated, the big files'
//! parsers look their columns up once per file (`bat::row_parser`), numbered columns are
//! looked up without building their names ([`Col::n`]), and secret cells are recorded in the
//! same pass for masking (see `redact.rs`).

use std::borrow::Cow;
use std::fmt;

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use uclint_model::{DnKey, SourceId, Span, Spanned, Text};

use crate::codes;
use crate::secrets::{self, is_secret_value, secret_columns};
use crate::shared::SharedValues;
use crate::values::{is_unset, parse_bool, trim};
use crate::work;
use crate::FileParse;

/// Header names normalised the way real exports need: trimmed, inner whitespace collapsed,
/// lower-cased. `Directory Number  1 ` and `DIRECTORY NUMBER 1` are the same column.
///
/// Written straight into one string of the name's size: a list of its words first cost 16 bytes
/// a word, 8 times the size of a header of one-letter words.
pub fn normalise_header(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if name.is_ascii() {
        name.make_ascii_lowercase();
        name
    } else {
        name.to_lowercase()
    }
}

/// The most columns a CSV record is read with: 65,536. The widest header of a real export is
/// a few hundred columns (`phone.csv` of CUCM 14.0 has 273; a BAT export of phones with a
/// hundred lines, a few thousand). Fields past it are counted but not placed, so that a header
/// or row of a million fields costs no more memory than this many: a header past it is
/// reported (INPUT002) and its columns past it are not read, and a row's cells past it are
/// masked, since nothing reads them.
pub const MAX_COLUMNS: usize = 1 << 16;

/// The longest header name judged for secrecy by its parts (real ones are under 80 bytes);
/// a longer one is taken for a secret's.
const LONGEST_JUDGED_NAME: usize = 1 << 10;

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
///
/// The names are the strings the header was read into; the lookups are tables of column
/// numbers, hashed by name (a map from a copy of each name cost 17 times the size of a header
/// of short names).
#[derive(Debug, Default)]
pub struct HeaderMap {
    /// Every column's normalised name.
    names: Vec<String>,
    /// The first column of each name, by the name's hash.
    columns: HashTable<u32>,
    /// The numbered groups, by the hash of their base name: (the column whose name starts with
    /// the base, the base's length, where the group's members start in `members`, where they
    /// end).
    groups: HashTable<(u32, u32, u32, u32)>,
    /// Each group's members as (number, column), by number (then column), one group after the
    /// other.
    members: Vec<(u32, u32)>,
    /// Each group's members as (column, number), by column, in the same places as `members`:
    /// a short row looks at the members it has cells for, not at the whole group.
    by_column: Vec<(u32, u32)>,
}

/// A member of a numbered group: its number and its column, or its column and its number.
type Member = (u32, u32);

/// The hash names are looked up by.
fn name_hash(name: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(name);
    hasher.finish()
}

impl HeaderMap {
    /// The map of a header whose names are `names`, normalised here.
    #[cfg(test)]
    fn new(names: impl Iterator<Item = String>) -> Self {
        HeaderMap::from_names(names.map(|name| normalise_header(&name)).collect())
    }

    /// The map of a header whose normalised names are `names`.
    fn from_names(names: Vec<String>) -> Self {
        let mut map = HeaderMap { names, ..HeaderMap::default() };
        // (group, number, column) of every numbered column.
        let mut numbered: Vec<(u32, u32, u32)> = Vec::new();
        let mut group_count = 0;
        let names = &map.names;
        let name_of = |c: u32| names.get(c as usize).map_or("", String::as_str);
        let base_of = |&(col, len, _, _): &(u32, u32, u32, u32)| name_of(col).get(..len as usize).unwrap_or_default();
        for (col, name) in names.iter().enumerate() {
            let col = col as u32;
            let hash = name_hash(name.as_bytes());
            // Real exports repeat some header names; the first one wins.
            if map.columns.find(hash, |&c| name_of(c) == name).is_none() {
                map.columns.insert_unique(hash, col, |&c| name_hash(name_of(c).as_bytes()));
            }
            let Some((base, n)) = name.rsplit_once(' ') else { continue };
            let Ok(n) = n.parse::<u32>() else { continue };
            let hash = name_hash(base.as_bytes());
            let group = match map.groups.find(hash, |g| base_of(g) == base) {
                Some(&(_, _, group, _)) => group,
                None => {
                    let entry = (col, base.len() as u32, group_count, 0);
                    map.groups.insert_unique(hash, entry, |g| name_hash(base_of(g).as_bytes()));
                    group_count += 1;
                    group_count - 1
                }
            };
            numbered.push((group, n, col));
        }
        numbered.sort_unstable();
        // Each group's members, in `numbered`'s order: where they start and end.
        let mut ranges = vec![(0u32, 0u32); group_count as usize];
        for (at, &(group, _, _)) in numbered.iter().enumerate() {
            let range = &mut ranges[group as usize];
            if range.1 == 0 {
                range.0 = at as u32;
            }
            range.1 = at as u32 + 1;
        }
        for entry in map.groups.iter_mut() {
            let (start, end) = ranges[entry.2 as usize];
            *entry = (entry.0, entry.1, start, end);
        }
        map.members = numbered.iter().map(|&(_, n, col)| (n, col)).collect();
        map.by_column = numbered.iter().map(|&(_, n, col)| (col, n)).collect();
        for &(start, end) in &ranges {
            map.by_column[start as usize..end as usize].sort_unstable();
        }
        map
    }

    /// The normalised name of column `col`.
    fn name(&self, col: usize) -> &str {
        self.names.get(col).map_or("", String::as_str)
    }

    /// The column of a header, by normalised name.
    pub fn col(&self, name: &str) -> Option<usize> {
        let found = self.columns.find(name_hash(name.as_bytes()), |&c| self.name(c as usize) == name);
        found.map(|&c| c as usize)
    }

    /// Whether the header has this column.
    pub fn has(&self, name: &str) -> bool {
        self.col(name).is_some()
    }

    /// The members of the group `base` as (number, column) by number, and as (column, number)
    /// by column.
    fn group(&self, base: &str) -> (&[Member], &[Member]) {
        let base_of = |&(col, len, _, _): &(u32, u32, u32, u32)| self.name(col as usize).get(..len as usize);
        match self.groups.find(name_hash(base.as_bytes()), |g| base_of(g) == Some(base)) {
            Some(&(_, _, start, end)) => {
                (&self.members[start as usize..end as usize], &self.by_column[start as usize..end as usize])
            }
            None => (&[], &[]),
        }
    }

    /// The column a [`Col`] names.
    pub fn resolve(&self, col: Col<'_>) -> Option<usize> {
        match col {
            Col::Named(name) => self.col(name),
            Col::Numbered(base, n) => {
                let (members, _) = self.group(base);
                // The first column with that number, as for a plain name.
                let at = members.partition_point(|&(k, _)| k < n);
                members.get(at).filter(|&&(k, _)| k == n).map(|&(_, col)| col as usize)
            }
        }
    }

    /// The numbers present for a numbered group, e.g. `[1, 2, 3]` for `directory number`.
    pub fn group_numbers(&self, base: &str) -> Vec<u32> {
        self.group(base).0.iter().map(|&(n, _)| n).collect()
    }

    /// Whether the header has a numbered group `base`.
    pub fn has_group(&self, base: &str) -> bool {
        !self.group(base).0.is_empty()
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
    /// The header's secret columns, in order: their values read as [`secrets::MASK`].
    secret_columns: &'t [usize],
    /// Where a broken record may hold secrets out of their columns ([`shifted_secrets`],
    /// [`line_secrets`]), in order and apart: masked in the values read from it.
    out_of_place: &'t [(usize, usize)],
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

/// The fields of one line of CSV, unquoted (`""` read as `"`), as [`read_header`] would read
/// them; `None` when the line holds no record. [`crate::bat::detect`] reads a header this way
/// before it knows whether the file is a BAT file at all.
pub fn line_fields(line: &str) -> Option<Vec<String>> {
    let mut reader = csv_core::Reader::new();
    let mut input = line.as_bytes();
    let (mut fields, mut field) = (Vec::new(), Vec::new());
    let mut out = [0u8; 1024];
    loop {
        // With no input left, the call ends the last field (the line has no line break).
        let (result, read, written) = reader.read_field(input, &mut out);
        input = &input[read..];
        field.extend_from_slice(&out[..written]);
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                // Fields end at ASCII delimiters, so each is whole UTF-8, as the line is.
                fields.push(String::from_utf8(std::mem::take(&mut field)).ok()?);
                if record_end {
                    return Some(fields);
                }
            }
            csv_core::ReadFieldResult::End => return (!fields.is_empty()).then_some(fields),
        }
    }
}

/// Reads the header record; `None` for a file with no record at all (or one that cannot be
/// parsed from the start, which is reported).
pub fn read_header(parse: &mut FileParse<'_>) -> Option<Header> {
    let mut found = None;
    read_records(parse, 0, &mut |parse, text, record| {
        // One string a column (no more than `MAX_COLUMNS` of them), kept by the map.
        let mut names: Vec<String> = record.cells.iter().map(|&(s, e)| normalise_header(&text[s..e])).collect();
        // A name longer than any real one is taken for a secret's without being judged (judging
        // splits a name into parts, at many times its size): nothing reads its column by name,
        // so masking its cells costs nothing.
        let long: Vec<(usize, String)> = names
            .iter_mut()
            .enumerate()
            .filter(|(_, name)| name.len() > LONGEST_JUDGED_NAME)
            .map(|(col, name)| (col, std::mem::take(name)))
            .collect();
        let mut secret_columns = secret_columns(&names);
        if !long.is_empty() {
            secret_columns.extend(long.iter().map(|(col, _)| *col));
            secret_columns.sort_unstable();
            secret_columns.dedup();
            for (col, name) in long {
                names[col] = name;
            }
        }
        if let Some((start, _)) = record.overflow {
            let message = format!(
                "the header has {} columns, and uclint reads no more than {MAX_COLUMNS} (no export has more than a \
                 few thousand): the columns from here on were not read, and their cells are masked",
                record.fields
            );
            parse.report(codes::MALFORMED_FILE.at(parse.path, Span::new(parse.source, start, start), message));
        }
        let map = HeaderMap::from_names(names);
        found = Some(Header { map, width: record.fields, secret_columns, rows_start: record.end });
        false
    });
    found
}

/// Reads the rows, from just past the header to the end of the text. Each row goes to `each`;
/// rows with a field count other than the header's are reported (INPUT003) and still read by
/// position.
pub fn read_rows(
    parse: &mut FileParse<'_>,
    header: &Header,
    each: &mut impl FnMut(&mut FileParse<'_>, &HeaderMap, &Row<'_>),
) {
    let shared = SharedValues::default();
    let mut out_of_place = Vec::new();
    read_records(parse, header.rows_start, &mut |parse, text, record| {
        let RawRecord { fields, cells, quoted, span: (start, end), overflow, .. } = record;
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
        // (The secret columns are in order: a short row stops at its last cell.)
        for &col in header.secret_columns.iter().take_while(|&&col| col < cells.len()) {
            let (s, e) = cells[col];
            if is_secret_value(&text[s..e]) {
                parse.secrets.push((s, e));
            }
        }
        out_of_place.clear();
        if fields > header.width {
            shifted_secrets(text, cells, &header.secret_columns, fields - header.width, &mut out_of_place);
        }
        if quoted {
            // The whole-text scan ends a value at a `,` (a cell ends there); a quoted cell can
            // hold one, so such a cell is scanned on its own.
            for &(s, e) in cells {
                if memchr::memchr(b',', &text.as_bytes()[s..e]).is_some() {
                    let found = secrets::value_secret_ranges(&text[s..e]);
                    parse.secrets.extend(found.into_iter().map(|(a, b)| (s + a, s + b)));
                }
            }
            // A quote that swallowed line breaks (often a stray one) shifts every later cell
            // out of its column: the lines it swallowed are masked as the rows they may be.
            if memchr::memchr2(b'\n', b'\r', &text.as_bytes()[start..end]).is_some() {
                line_secrets(text, (start, end), &header.secret_columns, &mut out_of_place);
            }
        }
        secrets::merge_ranges(&mut out_of_place);
        parse.secrets.extend_from_slice(&out_of_place);
        // Cells past the most columns read are never placed, so no column name says whether
        // they are secret: mask them all.
        parse.secrets.extend(overflow);
        let row = Row {
            text,
            cells,
            quoted,
            source: parse.source,
            shared: &shared,
            secret_columns: &header.secret_columns,
            out_of_place: &out_of_place,
            span,
        };
        each(parse, &header.map, &row);
        true
    });
}

/// One CSV record as [`read_records`] finds it.
struct RawRecord<'c> {
    /// Its number of fields.
    fields: usize,
    /// Each field's byte range (a quoted field's content inside the quotes), for the first
    /// [`MAX_COLUMNS`] fields.
    cells: &'c [(usize, usize)],
    /// The byte range of the fields past the first [`MAX_COLUMNS`], if there are any.
    overflow: Option<(usize, usize)>,
    /// Whether the record holds a quote.
    quoted: bool,
    /// The record without its line break.
    span: (usize, usize),
    /// The offset just past the record and its line break.
    end: usize,
}

/// The record loop under [`read_header`] and [`read_rows`]: hands each record from byte `from`
/// (the start of a record) to `record` until it returns false or the text ends.
fn read_records(
    parse: &mut FileParse<'_>,
    from: usize,
    record: &mut dyn FnMut(&mut FileParse<'_>, &str, RawRecord<'_>) -> bool,
) {
    let text = parse.text;
    let bytes = text.as_bytes();
    // `csv_core` finds where each record ends and how many fields it has, straight from the
    // text (the `csv` reader would copy the text through a buffer first); `cell_spans` then
    // finds each field in the source.
    let mut reader = csv_core::ReaderBuilder::new().build();
    // `csv_core` copies each field's bytes out, and they are never used (cells are read from
    // the text): one small buffer is written over again and again. The field ends it reports
    // count from the start of the record whatever the buffer (its default DFA reader keeps the
    // count), so they still place the fields. Ends are kept for the first `MAX_COLUMNS`
    // fields; those of later fields go to a scratch list, so that only their number is kept.
    let mut fields = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 64];
    let mut scratch = [0usize; 64];
    let mut position = from.min(bytes.len());
    // One vector of cell ranges for every record: a row is handed on and done with before the
    // next is read.
    let mut cells = Vec::new();
    loop {
        // The reader's position before any skipped blank lines, as `cell_spans` expects.
        let start = position;
        // Fields found, and how many of their ends are kept in `ends`.
        let (mut count, mut kept) = (0, 0);
        let found = loop {
            let window = if kept < ends.len() { &mut ends[kept..] } else { &mut scratch[..] };
            let (result, read, _, ended) = reader.read_record(&bytes[position..], &mut fields, window);
            position += read;
            count += ended;
            if kept < ends.len() {
                kept += ended;
            }
            match result {
                csv_core::ReadRecordResult::Record => break true,
                csv_core::ReadRecordResult::End => break false,
                // The copied bytes are not needed: the next call writes over them.
                csv_core::ReadRecordResult::OutputFull => {}
                csv_core::ReadRecordResult::OutputEndsFull if ends.len() < MAX_COLUMNS => {
                    ends.resize((ends.len() * 2).min(MAX_COLUMNS), 0);
                }
                // Past the ends kept: the next call counts fields in the scratch list.
                csv_core::ReadRecordResult::OutputEndsFull => {}
                // At the end of the text: the next call, with no input, ends the last record.
                csv_core::ReadRecordResult::InputEmpty => {}
            }
        };
        if !found {
            return;
        }
        work::add(1 + count);
        let end = position;
        let row_start = skip_line_breaks(bytes, start);
        let quoted = memchr::memchr(b'"', &bytes[row_start.min(end)..end]).is_some();
        let (unterminated, overflow_start) = if !quoted {
            // No quotes: each field is its bytes as written, so its place follows from the field
            // ends `csv_core` reported (one delimiter between fields), without a second scan.
            cells.clear();
            let mut field_start = 0;
            for (i, &field_end) in ends[..kept.min(count)].iter().enumerate() {
                cells.push((row_start + field_start + i, row_start + field_end + i));
                field_start = field_end;
            }
            // The field after the last one placed starts past its delimiter.
            (None, (count > cells.len()).then(|| cells.last().map_or(row_start, |&(_, e)| e + 1)))
        } else {
            cell_spans(&bytes[..end], start, count, &mut cells)
        };
        let span = (row_start, trim_line_end(text, row_start, end));
        let overflow = overflow_start.map(|from| (from.min(span.1), span.1));
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
        if !record(parse, text, RawRecord { fields: count, cells: &cells, overflow, quoted, span, end }) {
            return;
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
/// `start` (of the first [`MAX_COLUMNS`] of them), and returns the position of a quote that
/// opens a field but is never closed (the field then runs to the end of input), and where the
/// fields past those placed start, if there are any.
///
/// A quoted field's range is its content between the quotes (doubled quotes included).
pub(crate) fn cell_spans(
    bytes: &[u8],
    start: usize,
    count: usize,
    spans: &mut Vec<(usize, usize)>,
) -> (Option<usize>, Option<usize>) {
    // The end of an unquoted field: the next delimiter or line break, found with memchr.
    let field_end = |from: usize| memchr::memchr3(b',', b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    spans.clear();
    let mut unterminated = None;
    let mut overflow = None;
    let mut pos = skip_line_breaks(bytes, start);
    for field in 0..count {
        if field == MAX_COLUMNS {
            overflow = Some(pos.min(bytes.len()));
        }
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
        // Fields past the most placed are scanned over (to find an unclosed quote) but not kept.
        spans.truncate(MAX_COLUMNS);
        // Step over the delimiter (or stay at the line end for the last field).
        if pos < bytes.len() && bytes[pos] == b',' {
            pos += 1;
        }
    }
    (unterminated, overflow)
}

/// The cells of a row with `extra` more fields than its header where its secrets may stand: a
/// stray `,` before a secret column (a value written unquoted) moves its value right by as many
/// cells as the row has fields too many. Each secret column's window of cells is masked (what
/// is unset or a flag aside), each cell once. A row with too few fields is one cut short (or
/// one a quote ran on from, which [`line_secrets`] masks): the cells it has are in place.
fn shifted_secrets(
    text: &str,
    cells: &[(usize, usize)],
    secret_columns: &[usize],
    extra: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let mut next = 0;
    for &col in secret_columns {
        let (low, high) = (col, col.saturating_add(extra));
        for &(s, e) in cells.iter().take(high.saturating_add(1)).skip(low.max(next)) {
            if is_secret_value(&text[s..e]) {
                out.push((s, e));
            }
        }
        next = next.max(high.saturating_add(1));
        if next >= cells.len() {
            break;
        }
    }
}

/// The secret cells of the lines of the record `record` (start and end) read each as a row:
/// split at every `,` as written, and as CSV (quotes kept within the line). Either reading can
/// be the right one for a line a stray quote swallowed, so both are masked; a line that belongs
/// to a cell (a description of two lines) loses at most a few characters of its snippet.
///
/// Each line costs its length: only the secret columns it has cells for are looked at.
fn line_secrets(text: &str, record: (usize, usize), secret_columns: &[usize], out: &mut Vec<(usize, usize)>) {
    let Some(&last) = secret_columns.last() else { return };
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let push = |out: &mut Vec<(usize, usize)>, cells: &[(usize, usize)]| {
        for &col in secret_columns.iter().take_while(|&&col| col < cells.len()) {
            let (s, e) = cells[col];
            if is_secret_value(&text[s..e]) {
                out.push((s, e));
            }
        }
    };
    let mut line_start = record.0;
    while line_start < record.1 {
        let line_end =
            memchr::memchr2(b'\n', b'\r', &bytes[line_start..record.1]).map_or(record.1, |at| line_start + at);
        if line_end > line_start {
            cells.clear();
            let mut cell_start = line_start;
            for comma in memchr::memchr_iter(b',', &bytes[line_start..line_end]).take(last + 1) {
                cells.push((cell_start, line_start + comma));
                cell_start = line_start + comma + 1;
            }
            cells.push((cell_start, line_end));
            push(out, &cells);
            // Read as CSV a line has no more fields than commas and one.
            let fields = cells.len().min(last + 1);
            cell_spans(&bytes[..line_end], line_start, fields, &mut cells);
            push(out, &cells);
        }
        line_start = line_end + 1;
    }
}

impl Row<'_> {
    /// The trimmed text of the cell in column `col`, quotes removed and doubled quotes undone,
    /// with the cell's span; `None` when the column is absent or the cell empty or `NULL`.
    /// Borrowed unless the cell held doubled quotes.
    ///
    /// A secret column's value is [`secrets::MASK`], and every secret in any other value is
    /// masked ([`secrets::mask_value`]): rules see the model, and may quote what they see.
    fn text_at(&self, col: Option<usize>) -> Option<(Cow<'_, str>, Span)> {
        work::add(1);
        let col = col?;
        let &(s, e) = self.cells.get(col)?;
        let raw = &self.text[s..e];
        let trimmed = trim(raw);
        if is_unset(trimmed) {
            return None;
        }
        let span = Span::new(self.source, s, e);
        if self.secret_columns.binary_search(&col).is_ok() && is_secret_value(trimmed) {
            return Some((Cow::Borrowed(secrets::MASK), span));
        }
        // The ranges are in order and apart: those in the cell are found by halving, so a cell
        // read from a record of a million broken lines costs what it holds.
        let first = self.out_of_place.partition_point(|&(_, b)| b <= s);
        let in_lines: Vec<(usize, usize)> = self.out_of_place[first..]
            .iter()
            .take_while(|&&(a, _)| a < e)
            .map(|&(a, b)| (a.max(s) - s, b.min(e) - s))
            .collect();
        let mut value = if !in_lines.is_empty() {
            Cow::Owned(trim(&secrets::replace_ranges(raw, &in_lines)).replace("\"\"", "\""))
        } else if self.quoted && trimmed.contains("\"\"") {
            Cow::Owned(trimmed.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(trimmed)
        };
        let masked = match secrets::mask_value(&value) {
            Cow::Owned(masked) => Some(masked),
            Cow::Borrowed(_) => None,
        };
        if let Some(masked) = masked {
            value = Cow::Owned(masked);
        }
        Some((value, span))
    }

    /// Whether column `col` has a value (is present, not empty and not `NULL`).
    pub fn is_set_at(&self, col: Option<usize>) -> bool {
        self.text_at(col).is_some()
    }

    /// The span of the cell in column `col`, empty or not; `None` when the column or the cell
    /// is absent.
    pub fn cell_span_at(&self, col: Option<usize>) -> Option<Span> {
        work::add(1);
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

    /// The numbers of a numbered group that this row has cells for, in number order: those of
    /// [`HeaderMap::group_numbers`], less the ones whose column is past the row's last cell. A
    /// row shorter than its header is read in time that depends on its own length, not on the
    /// header's width: a wide header over many short rows would otherwise cost their product.
    pub fn group_numbers(&self, header: &HeaderMap, base: &str) -> Vec<u32> {
        let (members, by_column) = header.group(base);
        let present = by_column.partition_point(|&(col, _)| (col as usize) < self.cells.len());
        work::add(1 + present);
        if present == members.len() {
            return members.iter().map(|&(n, _)| n).collect();
        }
        let mut numbers: Vec<u32> = by_column[..present].iter().map(|&(_, n)| n).collect();
        numbers.sort_unstable();
        numbers
    }

    /// Every non-empty value of a numbered group, in number order (e.g. `access control group`).
    pub fn group_values(&self, header: &HeaderMap, base: &str) -> Vec<Spanned<Text>> {
        self.group_numbers(header, base).into_iter().filter_map(|n| self.value(header, Col::n(base, n))).collect()
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
        read_records(&mut parse, 0, &mut |_, text, record| {
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
        let (unterminated, overflow) = cell_spans(text, 0, 3, &mut spans);
        assert_eq!((unterminated, overflow), (None, None));
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
        let (unterminated, _) = cell_spans(text, 0, 2, &mut Vec::new());
        assert_eq!(unterminated, Some(2));
    }

    /// The work of reading the file `name` of `shape(n)` and `shape(2n)`, per byte: the second
    /// must be no more than 1.25 times the first (a reading in O(n log n) at most; a quadratic
    /// one doubles).
    fn assert_work_grows_linearly(name: &str, n: usize, shape: impl Fn(usize) -> String) {
        let work_per_byte = |n: usize| {
            let text = shape(n);
            let len = text.len();
            let raw = crate::RawInput { path: name.into(), bytes: text.into_bytes(), error: None };
            // On this thread: one file is parsed on the thread that calls, when it is the only one.
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            work::take();
            let ingested = pool.install(|| crate::parse(vec![raw]));
            assert!(matches!(ingested.files[0].status, crate::FileStatus::Read(_)), "{name}");
            (len, pool.install(work::take) as f64 / len as f64)
        };
        let (small_len, small) = work_per_byte(n);
        let (large_len, large) = work_per_byte(2 * n);
        assert!(large_len * 10 >= small_len * 19, "{name}: the input doubles");
        let growth = large / small;
        assert!(
            growth <= 1.25,
            "{name}: {small:.3} steps a byte of {small_len}, {large:.3} of {large_len} ({growth:.2}x)"
        );
    }

    #[test]
    fn a_wide_header_over_short_rows_costs_no_more_than_their_size() {
        // A numbered group of `n` columns over `n` rows that have one cell each: each row looked
        // at every member of the group, `n` times `n` in all.
        let wide = |base: &'static str, first: &'static str| {
            move |n: usize| {
                let group: String = (1..=n).map(|i| format!(",{base} {i}")).collect();
                format!("{first}{group}\n{}", (0..n).map(|i| format!("r{i}\n")).collect::<String>())
            }
        };
        assert_work_grows_linearly("linegroup.csv", 1_000, wide("DN OR PATTERN", "NAME"));
        assert_work_grows_linearly("appuser.csv", 1_000, wide("DEVICE NAME", "APPLICATION USER NAME"));
        assert_work_grows_linearly("ldapdir.csv", 1_000, wide("HOST NAME", "NAME"));
        assert_work_grows_linearly("accesscntrlgrp.csv", 1_000, wide("FUNCTION ROLE NAME", "DIR GROUP NAME"));
    }

    #[test]
    fn a_phone_of_many_lines_costs_no_more_than_its_size() {
        // Each line's pickup group was found by a search through every line column.
        assert_work_grows_linearly("phone.csv", 1_000, |n| {
            let header: String =
                (1..=n).map(|i| format!(",Directory Number {i},Route Partition {i},Call Pickup Group {i}")).collect();
            let row: String = (1..=n).map(|i| format!(",{i},PT,PG")).collect();
            format!("Device Name,Device Type{header}\nSEP1,Cisco 8841{row}\n")
        });
    }

    #[test]
    fn a_header_of_more_columns_than_are_read_is_reported_and_its_cells_past_them_masked() {
        let width = MAX_COLUMNS + 3;
        let header: String = (0..width).map(|i| format!("c{i},")).collect();
        let row: String = (0..width).map(|i| format!("v{i},")).collect();
        let text = format!("Device Name,Device Type,{header}\nSEP1,x,{row}\n");
        let raw = crate::RawInput { path: "phone.csv".into(), bytes: text.clone().into_bytes(), error: None };
        let ingested = crate::parse(vec![raw]);
        let codes: Vec<&str> = ingested.diagnostics.iter().map(|d| d.code.id).collect();
        assert_eq!(codes, ["INPUT002"], "{:?}", ingested.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
        assert_eq!(ingested.cluster.phones.len(), 1);
        let kept = &ingested.sources.get(SourceId::new(0)).text;
        let last_read = format!("v{}", MAX_COLUMNS - 3);
        assert!(kept.contains(&format!("{last_read},")), "the cells read are kept");
        assert!(!kept.contains(&format!("v{}", MAX_COLUMNS - 2)), "the cells past them are masked");
        assert_eq!(kept.len(), text.len());
    }

    #[test]
    fn records_longer_than_the_reading_buffer_are_placed_right() {
        // Fields of 70,000 bytes, past the buffer `csv_core` copies them into, and more fields
        // than the ends first kept.
        let long = "x".repeat(70_000);
        let text = format!("{long},a,{long}\n{}\n", ["b"; 100].join(","));
        for (fast, scanned) in records_both_ways(&text) {
            assert_eq!(fast, scanned);
        }
        let cells = records_both_ways(&text);
        assert_eq!(cells[0].0, vec![(0, 70_000), (70_001, 70_002), (70_003, 140_003)]);
        assert_eq!(cells[1].0.len(), 100);
    }

    #[test]
    fn header_names_are_trimmed_collapsed_and_case_folded() {
        let map = HeaderMap::new(["DIRECTORY NUMBER  1 ", "Directory Number 2", "Name"].into_iter().map(String::from));
        assert_eq!(map.col("directory number 1"), Some(0));
        assert_eq!(map.group_numbers("directory number"), vec![1, 2]);
        assert_eq!(map.col("name"), Some(2));
    }

    #[test]
    fn a_lines_fields_are_read_unquoted_as_the_csv_reader_reads_them() {
        let fields = |line: &str| line_fields(line).map(|f| f.iter().map(String::as_str).collect::<Vec<_>>().join("|"));
        assert_eq!(fields("Device Name,Description,").as_deref(), Some("Device Name|Description|"));
        assert_eq!(fields("\"a,b\",\"say \"\"hi\"\"\",c").as_deref(), Some("a,b|say \"hi\"|c"));
        assert_eq!(fields("USER ID,NAMÉ ÜBER").as_deref(), Some("USER ID|NAMÉ ÜBER"));
        assert_eq!(fields("x\r").as_deref(), Some("x"), "a line end ends the record");
        assert_eq!(fields(&"y".repeat(3000)).map(|f| f.len()), Some(3000), "a field longer than the buffer");
        assert_eq!(fields(""), None, "no record");
    }
}
