//! The JSON form of `adminapi/resource`: one resource object (as `/resource/<userID>` returns,
//! [C]), or a list of them, bare or under a `resource` / `resources` key ([I], reported once).
//!
//! serde_json's `RawValue` keeps each value as a slice of the input, so every field still has its
//! span: the value inside the quotes for strings, the literal for numbers.
//!
//! The text is walked, not read into a tree: a list's items are taken one at a time, and of an
//! object's keys only the few read here are kept, each with its value as a slice of the text.
//! A list of a million numbers, or an object of a million keys, costs no memory but the records
//! read (a vector of every item, and a map of every key, cost 7 to 10 times the file's size).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use uclint_model::{DataSet, DnRef, Span, Spanned, Text, UccxResource};

use crate::codes;
use crate::FileParse;

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
    // Each resource names a `userID`: a list of them is allocated once, at most that long,
    // rather than doubling its way up and leaving up to half of it unused.
    parse.cluster.uccx_resources.reserve_exact(memchr::memmem::find_iter(text.as_bytes(), "\"userID\"").count());
    walk(parse, root);
}

/// Reads the resource objects in `value`: the value itself, or the items of a list wrapper.
fn walk<'a>(parse: &mut FileParse<'_>, value: &'a RawValue) {
    match value.get().trim_start().as_bytes().first() {
        Some(b'[') => {
            note_list_form(parse, value);
            // The whole text was parsed once already: an item cannot fail here.
            let mut item = |item: &'a RawValue| walk(parse, item);
            let _ = serde_json::Deserializer::from_str(value.get()).deserialize_seq(Items(&mut item));
        }
        Some(b'{') => {
            let Some(object) = Fields::of(value, &RESOURCE_KEYS) else { return };
            if object.get("userID").is_some() {
                read_resource(parse, value, &object);
            } else if let Some(inner) = object.get("resource").or_else(|| object.get("resources")) {
                note_list_form(parse, value);
                walk(parse, inner);
            }
        }
        _ => {}
    }
}

/// The keys of a resource, or of a list wrapper, that are read.
const RESOURCE_KEYS: [&str; 6] = ["userID", "extension", "type", "team", "resource", "resources"];

/// The values of the keys asked for in one JSON object, as slices of the text (the last one of
/// a key given twice, as a map would keep).
struct Fields<'a, const N: usize> {
    keys: &'static [&'static str; N],
    values: [Option<&'a RawValue>; N],
}

impl<'a, const N: usize> Fields<'a, N> {
    /// The fields of the object `value`, or `None` when it is not an object.
    fn of(value: &'a RawValue, keys: &'static [&'static str; N]) -> Option<Self> {
        let mut fields = Fields { keys, values: [None; N] };
        serde_json::Deserializer::from_str(value.get()).deserialize_map(&mut fields).ok()?;
        Some(fields)
    }

    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.keys.iter().position(|k| *k == key).and_then(|at| self.values[at])
    }
}

impl<'de, const N: usize> Visitor<'de> for &mut Fields<'de, N> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(at)) = map.next_key_seed(KeyOf(self.keys))? {
            match at {
                Some(at) => self.values[at] = Some(map.next_value::<&'de RawValue>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key of an object: the place of the key among those asked for, if it is one.
struct Key(Option<usize>);

/// Reads a key as [`Key`], borrowed or unescaped, without keeping it.
struct KeyOf<const N: usize>(&'static [&'static str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyOf<N> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<const N: usize> Visitor<'_> for KeyOf<N> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(Key(self.0.iter().position(|k| *k == key)))
    }
}

/// Hands each item of a JSON array to a function, as it is read.
struct Items<'f, 'a>(&'f mut dyn FnMut(&'a RawValue));

impl<'a> Visitor<'a> for Items<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'a>>(self, mut items: A) -> Result<(), A::Error> {
        while let Some(item) = items.next_element::<&'a RawValue>()? {
            (self.0)(item);
        }
        Ok(())
    }
}

fn note_list_form(parse: &mut FileParse<'_>, value: &RawValue) {
    let message = "a list of UCCX resources in JSON is read as an array of resource objects, \
                   bare or under `resource`/`resources`; only the single-resource form is confirmed";
    let span = span_of(parse, value.get(), false);
    parse.note_once("uccx-json-list", Span { end: span.start + 1, ..span }, message);
}

fn read_resource(parse: &mut FileParse<'_>, value: &RawValue, object: &Fields<'_, 6>) {
    let Some(user_id) = scalar(parse, object.get("userID")) else { return };
    let team = object.get("team").and_then(|t| Fields::of(t, &["@name"]));
    let record = UccxResource {
        user_id,
        extension: scalar(parse, object.get("extension")).map(|e| e.map(|p| DnRef::pattern_only(&p))),
        resource_type: scalar(parse, object.get("type")),
        team: team.and_then(|t| scalar(parse, t.get("@name"))),
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
    // Masked as every value read into the model is (a secret in it becomes `****`).
    Some(Spanned::new(Text::from(crate::secrets::mask_value(trimmed).as_ref()), span_of(parse, raw, quoted)))
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
