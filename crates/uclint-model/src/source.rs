//! Source files and byte spans into them.
//!
//! Every value a rule reads keeps the span of the CSV cell or XML text it came from, so a
//! diagnostic can point at the exact place in the export. A tar member is a source file of its
//! own, named `archive.tar!member.csv`.

use std::num::NonZeroU32;
use std::sync::OnceLock;

/// Index of a [`SourceFile`] in its [`SourceMap`].
///
/// Stored as index + 1 in a `NonZeroU32`, so that an `Option<Spanned<T>>` (the shape of nearly
/// every model field) needs no tag of its own and costs what a `Spanned<T>` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(NonZeroU32);

impl SourceId {
    /// The id of the file at `index` (saturating at `u32::MAX - 1`, which no run reaches).
    pub fn new(index: usize) -> Self {
        let one_based = u32::try_from(index).ok().and_then(|i| i.checked_add(1)).unwrap_or(u32::MAX);
        SourceId(NonZeroU32::new(one_based).unwrap_or(NonZeroU32::MAX))
    }

    /// The file's index in its [`SourceMap`].
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// A half-open byte range `start..end` in one source file.
///
/// Offsets are `u32`: ingest refuses single files (and tar members) over 1 GiB with a diagnostic
/// (`uclint_ingest` `load.rs`), far below the 4 GiB an offset can address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range points into.
    pub source: SourceId,
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span over `start..end` of `source`.
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span { source, start: clamp(start), end: clamp(end.max(start)) }
    }

    /// An empty span at the start of `source`, for findings about a whole file.
    pub fn file_start(source: SourceId) -> Self {
        Span { source, start: 0, end: 0 }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A value together with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The parsed value.
    pub value: T,
    /// Where the value stands in the export.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` read from `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// Maps the value, keeping the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned { value: f(self.value), span: self.span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// One input file (or tar member) as text.
///
/// Its text may be *released* once the file is parsed (a megacluster's model is not held beside
/// its whole export): the line table stays, with the few lines that hold non-ASCII characters,
/// so every position keeps its line and column; [`SourceFile::restore`] takes back the same
/// text, checked by its hash, for a report that shows snippets.
#[derive(Debug)]
pub struct SourceFile {
    /// Display path, e.g. `fixtures/demo/ucmdata_export_demo.tar!phone.csv`.
    pub path: String,
    /// The decoded text; empty for a file that could not be read, and while it is released.
    pub text: String,
    lines: OnceLock<LineIndex>,
    /// While the text is released: what positions need of it.
    released: Option<Released>,
}

#[derive(Debug)]
struct Released {
    len: usize,
    hash: u64,
    /// The lines (by 0-based number) that hold non-ASCII characters, whose columns in
    /// characters cannot be told from byte offsets.
    wide_lines: Vec<(u32, String)>,
}

fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

impl SourceFile {
    /// A source file with the given display path and text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: text.into(), lines: OnceLock::new(), released: None }
    }

    /// Lets go of the text, keeping its line table, its non-ASCII lines, length and hash.
    pub fn release(&mut self) {
        if self.released.is_some() {
            return;
        }
        let lines = self.lines();
        let wide_lines = if self.text.is_ascii() {
            Vec::new()
        } else {
            let mut starts = lines.starts().peekable();
            let mut wide = Vec::new();
            let mut line = 0;
            while let Some(start) = starts.next() {
                let end = starts.peek().map_or(self.text.len(), |&s| s as usize);
                if let Some(text) = self.text.get(start as usize..end).filter(|t| !t.is_ascii()) {
                    wide.push((line, text.to_owned()));
                }
                line += 1;
            }
            wide
        };
        self.released = Some(Released { len: self.text.len(), hash: text_hash(&self.text), wide_lines });
        self.text = String::new();
    }

    /// Whether the text is released (and not restored).
    pub fn is_released(&self) -> bool {
        self.released.is_some()
    }

    /// Takes back a released text if it is the one released (same length and hash); returns
    /// whether it was taken.
    pub fn restore(&mut self, text: String) -> bool {
        match &self.released {
            Some(released) if text.len() == released.len && text_hash(&text) == released.hash => {
                self.text = text;
                self.released = None;
                true
            }
            _ => false,
        }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset, whether the text is held or
    /// released.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let (line, line_start) = self.lines().locate(offset);
        let line_start = line_start as usize;
        let (line_text, line_offset) = match &self.released {
            None => (self.text.as_str(), line_start),
            Some(released) => match released.wide_lines.binary_search_by_key(&(line as u32), |(n, _)| *n) {
                Ok(i) => (released.wide_lines[i].1.as_str(), 0),
                // An ASCII line: a byte is a character.
                Err(_) => ("", 0),
            },
        };
        let len = self.released.as_ref().map_or(self.text.len(), |r| r.len);
        let end = (offset as usize).min(len).max(line_start);
        let bytes = end - line_start;
        let col = line_text.get(line_offset..line_offset + bytes).map_or(bytes, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text a span covers, or `""` if the span does not fit this file.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

/// Where each line of a text starts, in about one byte per line: pretty-printed AXL runs to
/// millions of short lines, whose starts as `u32`s would take four times that. Every 64th
/// line's start is kept whole (a checkpoint), every line's length as a byte, and the start of
/// each line of 255 bytes or more whole, apart.
///
/// Kept by the performance budget of issue #20 (`docs/performance.md`): with a plain `Vec<u32>`
/// of line starts (what the `line-index` crate keeps), the mega AXL check's peak RSS rose from
/// 505 to 555 MiB (+10 %; 16.7 million lines), at the same CPU.
#[derive(Debug)]
struct LineIndex {
    checkpoints: Vec<u32>,
    /// `lengths[i]`: the length of line `i - 1` (the distance from its start to line `i`'s),
    /// [`LONG`] when that is 255 or more; `lengths[0]` is unused.
    lengths: Vec<u8>,
    /// `(line, start)` of every line that follows a long one, in line order.
    long: Vec<(u32, u32)>,
}

/// A line of 255 bytes or more, whose successor's start is in [`LineIndex::long`].
const LONG: u8 = u8::MAX;
/// Lines between checkpoints.
const CHECKPOINT_EVERY: usize = 64;

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut index = LineIndex { checkpoints: vec![0], lengths: vec![0], long: Vec::new() };
        let mut previous = 0u32;
        // `memchr` rather than `str::match_indices`: it runs over every byte of every file.
        for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
            let start = newline as u32 + 1;
            let line = index.lengths.len();
            if line.is_multiple_of(CHECKPOINT_EVERY) {
                index.checkpoints.push(start);
            }
            match u8::try_from(start - previous).ok().filter(|&length| length != LONG) {
                Some(length) => index.lengths.push(length),
                None => {
                    index.lengths.push(LONG);
                    index.long.push((line as u32, start));
                }
            }
            previous = start;
        }
        index.lengths.shrink_to_fit();
        index.checkpoints.shrink_to_fit();
        index.long.shrink_to_fit();
        index
    }

    /// The start of line `line` (0-based), given the start of the line before it and `long`, the
    /// number of [`LineIndex::long`] entries of lines before `line`, which it advances past a
    /// long line. Walking lines in order so consumes the long ones in order: no search per line
    /// (a BAT user row is a long line, and `enduser.csv` is nearly all of them).
    fn next_start(&self, line: usize, previous: u32, long: &mut usize) -> u32 {
        match self.lengths[line] {
            LONG => {
                let start = self.long.get(*long).filter(|&&(l, _)| l as usize == line).map_or(previous, |&(_, s)| s);
                *long += 1;
                start
            }
            length => previous + u32::from(length),
        }
    }

    /// The line (0-based) that holds byte `offset`, and where it starts: a binary search for the
    /// checkpoint, one for the first long line after it, and at most 63 steps; a lookup costs
    /// the same anywhere in any file, so a report's positions cost with its findings.
    fn locate(&self, offset: u32) -> (usize, u32) {
        let block = self.checkpoints.partition_point(|&c| c <= offset).saturating_sub(1);
        let mut line = block * CHECKPOINT_EVERY;
        let mut start = self.checkpoints[block];
        let block_end = ((block + 1) * CHECKPOINT_EVERY).min(self.lengths.len());
        let mut long = self.long.partition_point(|&(l, _)| l as usize <= line);
        while line + 1 < block_end {
            let mut after = long;
            let next = self.next_start(line + 1, start, &mut after);
            if next > offset {
                break;
            }
            line += 1;
            start = next;
            long = after;
        }
        (line, start)
    }

    /// Every line's start, in order.
    fn starts(&self) -> impl Iterator<Item = u32> + '_ {
        let (mut start, mut long) = (0, 0);
        (0..self.lengths.len()).map(move |line| {
            if line > 0 {
                start = self.next_start(line, start, &mut long);
            }
            start
        })
    }
}

/// All source files of one run, addressed by [`SourceId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> SourceId {
        self.files.push(file);
        SourceId::new(self.files.len() - 1)
    }

    /// The file with this id.
    ///
    /// # Panics
    /// If the id was not issued by this map, which is a programming error.
    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.index()]
    }

    /// All files in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (SourceId::new(i), f))
    }

    /// Gives a released file its text back if it is the one released; returns whether it was
    /// taken (see [`SourceFile::restore`]).
    pub fn restore(&mut self, id: SourceId, text: String) -> bool {
        self.files.get_mut(id.index()).is_some_and(|file| file.restore(text))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Moves every file of `other` after this map's, in order, and returns how far their ids
    /// moved: a span of `other` points into this map once [`SourceId::new`]`(id.index() +
    /// offset)`. `uclint diff` renders the findings of two exports, each read into a map of its
    /// own, through one.
    pub fn append(&mut self, other: SourceMap) -> usize {
        let offset = self.files.len();
        self.files.extend(other.files);
        offset
    }

    /// Whether the map holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_and_in_characters() {
        let file = SourceFile::new("x.csv", "a,b\nä,c\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(2), (1, 3));
        assert_eq!(file.line_col(4), (2, 1));
        // "ä" is two bytes; the comma after it is column 2.
        assert_eq!(file.line_col(6), (2, 2));
    }

    #[test]
    fn the_line_index_locates_every_offset_as_a_full_table_would() {
        // Lines of every length around the one-byte limit, the checkpoint spacing and empties.
        let mut text = String::new();
        for i in 0..700usize {
            text.push_str(&"x".repeat((i * 37) % 300));
            text.push(if i % 5 == 0 { '\r' } else { 'y' });
            text.push('\n');
        }
        text.push_str("no final line break");
        let starts: Vec<u32> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect();
        let index = LineIndex::new(&text);
        assert_eq!(index.starts().collect::<Vec<_>>(), starts);
        for offset in 0..=text.len() as u32 + 3 {
            let line = starts.partition_point(|&s| s <= offset) - 1;
            assert_eq!(index.locate(offset), (line, starts[line]), "offset {offset}");
        }
        assert!(index.lengths.len() + index.checkpoints.len() * 4 + index.long.len() * 8 < starts.len() * 4);
    }

    #[test]
    fn positions_in_a_file_of_long_lines_are_those_of_a_full_table() {
        // As a BAT `enduser.csv`: nearly every line is 255 bytes or more, over many
        // checkpoints, with a few short and non-ASCII lines among them.
        let mut text = String::new();
        for i in 0..1_000usize {
            match i % 97 {
                0 => text.push_str("short"),
                1 => text.push_str(&"é".repeat(200 + i % 7)),
                _ => text.push_str(&"x".repeat(255 + (i * 13) % 400)),
            }
            text.push('\n');
        }
        let starts: Vec<u32> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect();
        let mut file = SourceFile::new("enduser.csv", text.clone());
        let expected = |offset: u32| {
            let line = starts.partition_point(|&s| s <= offset) - 1;
            let before = &text[starts[line] as usize..(offset as usize).min(text.len())];
            (line + 1, before.chars().count() + 1)
        };
        let offsets: Vec<u32> =
            (0..=text.len() as u32).filter(|o| text.is_char_boundary(*o as usize)).step_by(7).collect();
        for &offset in &offsets {
            assert_eq!(file.line_col(offset), expected(offset), "offset {offset}");
        }
        file.release();
        for &offset in &offsets {
            assert_eq!(file.line_col(offset), expected(offset), "offset {offset}, released");
        }
    }

    #[test]
    fn a_released_text_keeps_its_lines_and_comes_back_only_unchanged() {
        let mut file = SourceFile::new("x.csv", "a,b\nä,c\n");
        file.release();
        assert!(file.is_released() && file.text.is_empty());
        // Positions are the same while the text is away: the non-ASCII line is kept.
        assert_eq!(file.line_col(2), (1, 3));
        assert_eq!(file.line_col(4), (2, 1));
        assert_eq!(file.line_col(6), (2, 2));
        assert!(!file.restore("a,b\nö,c\n".into()), "same length, other text");
        assert!(!file.restore("a,b\n".into()));
        assert!(file.is_released());
        assert!(file.restore("a,b\nä,c\n".into()));
        assert!(!file.is_released());
        assert_eq!(file.line_col(6), (2, 2));
    }
}
