//! Column spellings known only by inference: the first present variant is read, and the file
//! gets one INPUT005 note saying so.

use uclint_model::Span;

use crate::table::HeaderMap;
use crate::FileParse;

/// The first of `variants` (normalised header names) that the header has.
pub fn pick(header: &HeaderMap, variants: &[&'static str]) -> Option<&'static str> {
    variants.iter().copied().find(|v| header.has(v))
}

/// Reports, once per file and `key`, that a column set is read in an inferred spelling.
pub fn note_inferred(parse: &mut FileParse<'_>, key: &'static str, span: Span, message: &str) {
    parse.note_once(key, span, message);
}
