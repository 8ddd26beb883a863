//! Typed values out of an [`Element`]: booleans in the six CUCM spellings, whole numbers and
//! DN keys. A value of the wrong form is reported (INPUT004) at its text and treated as unset,
//! the same as in the CSV readers.

use uclint_model::{DnKey, Spanned, Text};

use super::Element;
use crate::codes;
use crate::values::parse_bool;
use crate::FileParse;

/// The boolean at `path` under `element`.
pub fn flag(parse: &mut FileParse<'_>, element: Element<'_>, path: &[&str]) -> Option<Spanned<bool>> {
    let text = element.text_at(path)?;
    match parse_bool(&text.value) {
        Some(b) => Some(Spanned::new(b, text.span)),
        None => {
            let message =
                format!("`{}` is not a boolean (expected t/f, true/false or 1/0); treated as unset", path.join("/"));
            parse.report(codes::INVALID_VALUE.at(parse.path, text.span, message));
            None
        }
    }
}

/// The whole number at `path` under `element`.
pub fn number(parse: &mut FileParse<'_>, element: Element<'_>, path: &[&str]) -> Option<Spanned<u32>> {
    let text = element.text_at(path)?;
    match text.value.parse::<u32>() {
        Ok(n) => Some(Spanned::new(n, text.span)),
        Err(_) => {
            let message = format!("`{}` is not a whole number; treated as unset", path.join("/"));
            parse.report(codes::INVALID_VALUE.at(parse.path, text.span, message));
            None
        }
    }
}

/// The texts of every `item` child of the child `list`, e.g. `associatedDevices/device`.
pub fn texts(element: Element<'_>, list: &str, item: &str) -> Vec<Spanned<Text>> {
    element.child(list).map(|l| l.children_named(item).filter_map(Element::value).collect()).unwrap_or_default()
}

/// A DN from a pattern child and a partition child of `element`, spanning the pattern.
/// An empty or absent partition is the "None" partition.
pub fn dn(element: Element<'_>, pattern: &str, partition: &str) -> Option<Spanned<DnKey>> {
    let pattern = element.text_at(&[pattern])?;
    let partition = element.text_at(&[partition]).map(|p| p.value).unwrap_or_default();
    Some(Spanned::new(DnKey::new(&pattern.value, &partition), pattern.span))
}
