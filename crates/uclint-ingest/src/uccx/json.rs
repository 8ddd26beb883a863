//! The JSON form of `adminapi/resource`: one resource object (as `/resource/<userID>` returns,
//! [C]), or a list of them, bare or under a `resource` / `resources` key ([I], reported once).
//!
//! serde_json's `RawValue` keeps each value as a slice of the input, so every field still has its
//! span: the value inside the quotes for strings, the literal for numbers.

use rustc_hash::FxHashMap;

use serde_json::value::RawValue;
use uclint_model::{DataSet, DnRef, Span, Spanned, Text, UccxResource};

use crate::codes;
use crate::FileParse;

type Object<'a> = FxHashMap<String, &'a RawValue>;

/// Whether a text looks like the JSON form: an object or array that names a `userID`.
pub fn looks_like_resources(text: &str) -> bool {
    let start = text.trim_start();
    (start.starts_with('{') || start.starts_with('[')) && text.contains("\"userID\"")
}

/// Reads the resources of a JSON text into `parse.cluster`.
pub fn read(parse: &mut FileParse<'_>) {
    let text = parse.text;
    let root: &RawValue = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(err) => {
            let at = offset_of_line_column(text, err.line(), err.column());
            let message = format!("the JSON could not be parsed ({err}); nothing in this file was read");
            parse.report(codes::MALFORMED_FILE.at(parse.path, Span::new(parse.source, at, at), message));
            return;
        }
    };
    parse.cluster.present.insert(DataSet::UccxResources);
    let mut resources = Vec::new();
    collect(parse, root, &mut resources);
    for resource in resources {
        read_resource(parse, resource);
    }
}

/// Finds the resource objects: the root itself, or the items of a list wrapper.
fn collect<'a>(parse: &mut FileParse<'_>, value: &'a RawValue, out: &mut Vec<&'a RawValue>) {
    if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(value.get()) {
        note_list_form(parse, value);
        items.into_iter().for_each(|item| collect(parse, item, out));
    } else if let Ok(object) = serde_json::from_str::<Object<'a>>(value.get()) {
        if object.contains_key("userID") {
            out.push(value);
        } else if let Some(inner) = object.get("resource").or_else(|| object.get("resources")) {
            note_list_form(parse, value);
            collect(parse, inner, out);
        }
    }
}

fn note_list_form(parse: &mut FileParse<'_>, value: &RawValue) {
    let message = "a list of UCCX resources in JSON is read as an array of resource objects, \
                   bare or under `resource`/`resources`; only the single-resource form is confirmed";
    let span = span_of(parse, value.get(), false);
    parse.note_once("uccx-json-list", Span { end: span.start + 1, ..span }, message);
}

fn read_resource(parse: &mut FileParse<'_>, value: &RawValue) {
    let Ok(object) = serde_json::from_str::<Object<'_>>(value.get()) else { return };
    let Some(user_id) = scalar(parse, object.get("userID").copied()) else { return };
    let team = object.get("team").and_then(|t| serde_json::from_str::<Object<'_>>(t.get()).ok());
    let record = UccxResource {
        user_id,
        extension: scalar(parse, object.get("extension").copied()).map(|e| e.map(|p| DnRef::pattern_only(&p))),
        resource_type: scalar(parse, object.get("type").copied()),
        team: team.and_then(|t| scalar(parse, t.get("@name").copied())),
        span: span_of(parse, value.get(), false),
    };
    parse.cluster.uccx_resources.push(record);
}

/// A string or number value with its span; `null`, empty strings and other shapes are unset.
fn scalar(parse: &FileParse<'_>, value: Option<&RawValue>) -> Option<Spanned<Text>> {
    let raw = value?.get();
    let (text, quoted) = match serde_json::from_str::<String>(raw) {
        Ok(s) => (s, true),
        Err(_) if raw.parse::<f64>().is_ok() => (raw.to_owned(), false),
        Err(_) => return None,
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(Spanned::new(Text::from(trimmed), span_of(parse, raw, quoted)))
}

/// The span of a slice of the file's text (inside the quotes for a string).
fn span_of(parse: &FileParse<'_>, raw: &str, quoted: bool) -> Span {
    let start = (raw.as_ptr() as usize).saturating_sub(parse.text.as_ptr() as usize).min(parse.text.len());
    let end = (start + raw.len()).min(parse.text.len());
    if quoted && end >= start + 2 {
        Span::new(parse.source, start + 1, end - 1)
    } else {
        Span::new(parse.source, start, end)
    }
}

/// serde_json reports 1-based lines and columns; spans need byte offsets. Its column counts
/// bytes and can land inside a multi-byte character (a U+FFFD that replaced an invalid byte,
/// say), where no span may point: renderers slice the text there. Such an offset moves back to
/// the start of that character.
fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
