//! Source files and byte spans into them.
//!
//! Every value a rule reads keeps the span of the CSV cell or XML text it came from, so a
//! diagnostic can point at the exact place in the export. A tar member is a source file of its
//! own, named `archive.tar!member.csv`.

use std::sync::OnceLock;

/// Index of a [`SourceFile`] in its [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub u32);

/// A half-open byte range `start..end` in one source file.
///
/// Offsets are `u32`: ingest refuses single files of 4 GiB or more with a diagnostic.
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
    line_starts: OnceLock<Vec<u32>>,
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
        SourceFile { path: path.into(), text: text.into(), line_starts: OnceLock::new(), released: None }
    }

    /// Lets go of the text, keeping its line table, its non-ASCII lines, length and hash.
    pub fn release(&mut self) {
        if self.released.is_some() {
            return;
        }
        let starts = self.line_starts();
        let wide_lines = (0..starts.len())
            .filter_map(|line| {
                let start = starts[line] as usize;
                let end = starts.get(line + 1).map_or(self.text.len(), |&s| s as usize);
                let text = self.text.get(start..end)?;
                (!text.is_ascii()).then(|| (line as u32, text.to_owned()))
            })
            .collect();
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

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| (i + 1) as u32)).collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset, whether the text is held or
    /// released.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = starts[line] as usize;
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
        SourceId((self.files.len() - 1) as u32)
    }

    /// The file with this id.
    ///
    /// # Panics
    /// If the id was not issued by this map, which is a programming error.
    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (SourceId(i as u32), f))
    }

    /// Gives a released file its text back if it is the one released; returns whether it was
    /// taken (see [`SourceFile::restore`]).
    pub fn restore(&mut self, id: SourceId, text: String) -> bool {
        self.files.get_mut(id.0 as usize).is_some_and(|file| file.restore(text))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
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
