//! A small element tree over quick-xml's event stream, with the source span of every element
//! and text, and of every attribute value when it is asked for.
//!
//! AXL, `executeSQLQuery` and UCCX `adminapi` responses are a few levels deep and their readers
//! look up children by local name, so each file is streamed once into this tree and the family
//! readers walk it. A reader of many records (AXL `get*` and `list*` responses) takes each one
//! out of the tree as soon as it closes ([`read_document_with`]), so only one record's elements
//! are held at a time. Names are local (prefix dropped), because AXL children are unqualified and
//! only the response element carries the `http://www.cisco.com/AXL/API/<ver>` namespace.
//!
//! Reading never fails: malformed XML ends the tree at the error, keeps every element read so
//! far (open elements are closed there) and returns the error position for an INPUT002.
//!
//! Hostile input is read safely: a DTD is recorded ([`Document::doctype`]) but never acted on
//! (quick-xml expands no entity it defines and reads no external entity, so a "billion laughs"
//! or a `SYSTEM "file:///etc/passwd"` entity stays the literal `&name;`), and nesting deeper
//! than [`MAX_DEPTH`] ends reading there, because the tree's drop and the readers' walks are
//! recursive and a 100,000-deep file would overflow the stack.

pub mod read;

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::FxHashMap;
use uclint_model::{SourceId, Span, Spanned, Text};

use crate::redact;
use crate::shared::SharedValues;
use crate::values::trim;

/// One XML element.
#[derive(Debug)]
pub struct Element {
    /// Local name, e.g. `phone` for `<ns:phone>`.
    pub name: Text,
    /// The namespace URI the element is bound to, if any; shared by the elements bound to it.
    pub namespace: Option<Arc<str>>,
    /// Where the start tag's attributes stand in the text (after the name). They are read
    /// when asked for ([`Element::attribute`]): nearly all are the `uuid` of a reference,
    /// which nothing reads.
    attributes: Span,
    /// The element's own text, trimmed; `None` when it is empty or blank.
    pub text: Option<Spanned<Text>>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Whether it carries `xsi:nil="true"`.
    pub nil: bool,
    /// From `<` of the start tag to `>` of the end tag.
    pub span: Span,
    /// The start tag alone, for diagnostics about the element as a whole.
    pub tag: Span,
}

/// How deep elements may nest. AXL responses are about eight levels deep (envelope, body,
/// response, return, phone, lines, line, dirn, pattern) and UCCX exports fewer; anything near
/// this limit is not an export, and stopping here keeps every recursive walk of the tree shallow.
pub const MAX_DEPTH: usize = 256;

/// What was read from one XML text.
#[derive(Debug, Default)]
pub struct Document {
    /// Top-level elements (a file may hold several responses one after the other).
    pub roots: Vec<Element>,
    /// Where and why reading stopped early.
    pub error: Option<(usize, String)>,
    /// Where a `<!DOCTYPE …>` declaration starts and ends, if the file has one. Exports never
    /// do; its entities are not expanded, so references to them stay as written.
    pub doctype: Option<(usize, usize)>,
    /// The byte ranges of the text to mask: the content of every secret element read
    /// (`password`, `pin`, `digestCredentials`, …; see [`crate::redact`]). Those elements'
    /// values are masked already.
    pub secrets: Vec<(usize, usize)>,
}

impl Element {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element at a path of child names, e.g. `["dirn", "pattern"]`.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |el, name| el.child(name))
    }

    /// The text of the element at `path`, or `None` when it is absent, empty or `xsi:nil`.
    pub fn text_at(&self, path: &[&str]) -> Option<Spanned<Text>> {
        self.at(path).and_then(Element::value)
    }

    /// This element's text, or `None` when it is empty or `xsi:nil` (AXL's "unset").
    pub fn value(&self) -> Option<Spanned<Text>> {
        if self.nil {
            return None;
        }
        self.text.clone()
    }

    /// An attribute's value by local name, unescaped, spanning the value inside the quotes;
    /// `text` is the text the element was read from.
    pub fn attribute(&self, text: &str, name: &str) -> Option<Spanned<Text>> {
        let raw = text.get(self.attributes.start as usize..self.attributes.end as usize)?;
        let attribute = Attributes::new(raw, 0)
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name.as_bytes())?;
        let value = match attribute.unescape_value() {
            Ok(value) => Text::from(value.as_ref()),
            Err(_) => Text::from(String::from_utf8_lossy(&attribute.value).as_ref()),
        };
        let start = offset_in(text, &attribute.value).unwrap_or(self.attributes.start as usize);
        Some(Spanned::new(value, Span::new(self.attributes.source, start, start + attribute.value.len())))
    }
}

/// A piece of an element's text: its byte range and its unescaped value.
type TextPiece<'t> = (usize, usize, Cow<'t, str>);

/// An element still open while reading.
#[derive(Clone, Copy)]
struct OpenElement {
    /// Where it stands on the stack of elements; its children are the ones above it.
    at: usize,
    /// Where its text pieces start on the stack of pieces.
    pieces: usize,
    /// Its name's number in [`Names`].
    name: usize,
    /// How many namespace bindings it declares.
    declared: usize,
}

/// Where a reader takes records out of the tree as they close (see [`read_document_with`]).
pub struct Records<'s> {
    /// Whether the children of an open element are records, given the element's parent and
    /// the element itself (an AXL `get*Response` and its `return`).
    pub holds_records: &'s dyn Fn(&Element, &Element) -> bool,
    /// Takes a record that has just closed, with its grandparent (the element that gives the
    /// records their meaning, such as an AXL `get*Response`).
    pub take: &'s mut dyn FnMut(&Element, Element),
}

/// Reads `text` (the whole file) into a tree. Spans point into `text`.
pub fn read_document(text: &str, source: SourceId) -> Document {
    read_document_with(text, source, None)
}

/// Reads `text` into a tree as [`read_document`] does, except that every element whose parent
/// and grandparent `records` picks goes to `records.take` as soon as it closes, complete (text,
/// children, span), instead of staying in the tree: a file of a thousand responses is then
/// read one record at a time, each record's elements freed (and their memory reused) before
/// the next is read. The parent stays in the tree without those children.
pub fn read_document_with(text: &str, source: SourceId, mut records: Option<Records<'_>>) -> Document {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<OpenElement> = Vec::new();
    // Elements whose parent is still open, in document order, open ones included: an element
    // stays where it was pushed until its parent closes, and its children are moved off the top
    // of this stack into a vector of their exact number when it closes itself, rather than
    // pushed one by one into a vector that grows (and copies them) as it goes.
    let mut elements: Vec<Element> = Vec::new();
    // The text pieces of the open elements, the innermost's on top (a text event belongs to the
    // innermost open element, and an element's pieces go when it closes).
    let mut pieces: Vec<TextPiece> = Vec::new();
    let mut doc = Document::default();
    let mut namespaces = Namespaces::default();
    let mut names = Names::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event();
        let after = reader.buffer_position() as usize;
        match event {
            Ok(Event::Start(_)) if open.len() >= MAX_DEPTH => {
                let message = format!("elements are nested more than {MAX_DEPTH} deep; exports are a few levels deep");
                doc.error = Some((before, message));
                break;
            }
            Ok(Event::Start(start)) => {
                let (mut element, name, declared) =
                    start_element(&start, &mut namespaces, &mut names, text, source, before);
                element.tag = Span::new(source, before, after);
                open.push(OpenElement { at: elements.len(), pieces: pieces.len(), name, declared });
                elements.push(element);
            }
            Ok(Event::Empty(start)) => {
                let (mut element, _, declared) =
                    start_element(&start, &mut namespaces, &mut names, text, source, before);
                namespaces.end(declared);
                element.span = Span::new(source, before, after);
                element.tag = element.span;
                elements.push(element);
                hand_over(&open, &mut elements, &mut records);
            }
            Ok(Event::End(_)) => {
                if let Some(element) = open.pop() {
                    namespaces.end(element.declared);
                    close(element, &mut elements, &mut pieces, after, &names, text, &mut doc.secrets);
                    hand_over(&open, &mut elements, &mut records);
                }
            }
            // The indentation between elements is blank: nothing to keep (`join_texts` drops it).
            Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
            Ok(Event::Text(t)) => {
                if !open.is_empty() {
                    // Borrowed from the file unless it holds an entity reference.
                    let value = match t.into_inner() {
                        Cow::Borrowed(raw) => {
                            // A slice of the (already valid) text: taken back as `str` by its
                            // place, without checking its bytes again.
                            let raw = offset_in(text, raw)
                                .and_then(|at| text.get(at..at + raw.len()))
                                .map_or_else(|| String::from_utf8_lossy(raw), Cow::Borrowed);
                            match quick_xml::escape::unescape(&raw) {
                                Ok(Cow::Borrowed(_)) => raw,
                                Ok(Cow::Owned(unescaped)) => Cow::Owned(unescaped),
                                Err(_) => raw,
                            }
                        }
                        Cow::Owned(raw) => {
                            let raw = String::from_utf8_lossy(&raw).into_owned();
                            match quick_xml::escape::unescape(&raw) {
                                Ok(Cow::Owned(unescaped)) => Cow::Owned(unescaped),
                                _ => Cow::Owned(raw),
                            }
                        }
                    };
                    pieces.push((before, after, value));
                }
            }
            Ok(Event::CData(c)) => {
                if !open.is_empty() {
                    // The span covers the content, inside `<![CDATA[` and `]]>`.
                    let content = (before + 9).min(after)..after.saturating_sub(3).max(before);
                    pieces.push((content.start, content.end, Cow::Owned(String::from_utf8_lossy(&c).into_owned())));
                }
            }
            Ok(Event::Eof) => {
                if let Some(innermost) = open.last() {
                    let name = &elements[innermost.at].name;
                    doc.error = Some((text.len(), format!("the file ends inside `<{name}>`")));
                }
                break;
            }
            Ok(Event::DocType(_)) => {
                doc.doctype.get_or_insert((before, after));
            }
            Ok(_) => {}
            Err(err) => {
                doc.error = Some((reader.error_position() as usize, err.to_string()));
                break;
            }
        }
    }
    // Close whatever is still open at the point reading stopped, so what was read stays.
    let end = doc.error.as_ref().map_or(text.len(), |(at, _)| *at);
    while let Some(element) = open.pop() {
        close(element, &mut elements, &mut pieces, end, &names, text, &mut doc.secrets);
        hand_over(&open, &mut elements, &mut records);
    }
    // What is left are the top-level elements.
    doc.roots = elements;
    doc
}

/// Ends the open element at `open` at byte `end`: its text joined, and its children (the
/// elements above it) taken off the stack. A secret element's content goes to `secrets` and
/// its value is masked.
fn close(
    open: OpenElement,
    elements: &mut Vec<Element>,
    pieces: &mut Vec<TextPiece<'_>>,
    end: usize,
    names: &Names,
    text: &str,
    secrets: &mut Vec<(usize, usize)>,
) {
    let OpenElement { at, pieces: pieces_start, name, .. } = open;
    let children: Vec<Element> = elements.drain((at + 1).min(elements.len())..).collect();
    let Some(element) = elements.get_mut(at) else { return };
    let source = element.span.source;
    element.span.end = Span::new(source, end, end).end.max(element.span.start);
    let pieces_start = pieces_start.min(pieces.len());
    let own_pieces = &pieces[pieces_start..];
    element.text = if names.secret[name] {
        secret_text(text, element.tag.end as usize, own_pieces, source, secrets)
    } else {
        join_texts(own_pieces, source, |value| names.values.text(name, value))
    };
    pieces.truncate(pieces_start);
    element.children = children;
}

/// The value of a secret element whose start tag ends at `content_start`, masked, and the
/// ranges of the text to mask. As the plain scan does ([`redact::scanned_xml_secrets`]), the
/// content runs to the first `<` that is not a comment, CDATA section or processing
/// instruction, which are masked with it (a value split by one is masked whole); text after a
/// child element is masked too, though nothing reads it.
fn secret_text(
    text: &str,
    content_start: usize,
    pieces: &[TextPiece<'_>],
    source: SourceId,
    secrets: &mut Vec<(usize, usize)>,
) -> Option<Spanned<Text>> {
    let content_end = redact::secret_content_end(text.as_bytes(), content_start.min(text.len()));
    secrets.push((content_start, content_end));
    secrets.extend(
        pieces
            .iter()
            .map(|&(start, end, _)| (start, end))
            .filter(|&(start, end)| start < content_start || end > content_end),
    );
    let masked = redact::masked(text.get(content_start..content_end)?);
    let value = masked.trim();
    if value.is_empty() {
        return None;
    }
    let start = content_start + (masked.len() - masked.trim_start().len());
    Some(Spanned::new(Text::from(value), Span::new(source, start, start + value.len())))
}

/// Hands the element that has just closed (the last one on the stack) to `records` when its
/// open parent and grandparent make it a record.
fn hand_over(open: &[OpenElement], elements: &mut Vec<Element>, records: &mut Option<Records<'_>>) {
    let (Some(records), [.., grandparent, parent]) = (records, open) else { return };
    let (grandparent, parent) = (grandparent.at, parent.at);
    // The element is the last on the stack, above its parent.
    if elements.len() <= parent + 1 || !(records.holds_records)(&elements[grandparent], &elements[parent]) {
        return;
    }
    if let Some(record) = elements.pop() {
        (records.take)(&elements[grandparent], record);
    }
}

/// The namespace bindings in scope while reading (XML Namespaces 1.0 §5): each `xmlns` or
/// `xmlns:p` attribute binds a prefix until its element closes, an inner binding hides an outer
/// one, and `xmlns=""` unbinds the default namespace. Only element names are resolved, as
/// nothing reads an attribute's namespace; each URI is allocated once however many elements
/// it binds.
#[derive(Default)]
struct Namespaces {
    /// Prefix (empty for the default namespace) and URI (`None` when unbound), innermost last.
    bindings: Vec<(Vec<u8>, Option<Arc<str>>)>,
    uris: Vec<Arc<str>>,
}

impl Namespaces {
    /// Binds `prefix` to `uri` until [`Namespaces::end`] takes the binding back.
    fn declare(&mut self, prefix: &[u8], uri: &[u8]) {
        let uri = (!uri.is_empty()).then(|| {
            let uri = String::from_utf8_lossy(uri);
            if let Some(seen) = self.uris.iter().find(|s| ***s == *uri) {
                return seen.clone();
            }
            let uri: Arc<str> = Arc::from(uri.as_ref());
            self.uris.push(uri.clone());
            uri
        });
        self.bindings.push((prefix.to_vec(), uri));
    }

    /// The URI `prefix` (empty for none) is bound to here; `None` when it is unbound.
    fn resolve(&self, prefix: &[u8]) -> Option<Arc<str>> {
        self.bindings.iter().rev().find(|(p, _)| p == prefix).and_then(|(_, uri)| uri.clone())
    }

    /// Takes back the last `declared` bindings, those of an element that has closed.
    fn end(&mut self, declared: usize) {
        self.bindings.truncate(self.bindings.len().saturating_sub(declared));
    }
}

/// The element names of one document, and the values of each.
///
/// A name longer than [`Text`]'s inline limit (`routePartitionName`, `callingSearchSpaceName`)
/// is allocated once and shared by every element that bears it; so is a long text that elements
/// of one name repeat (`Standard Presence group` in every `presenceGroupName`), through
/// [`SharedValues`] keyed by the name's number.
#[derive(Default)]
struct Names {
    seen: FxHashMap<Vec<u8>, (Text, usize)>,
    values: SharedValues,
    /// Whether each name is a secret element's ([`redact::is_secret_element`]).
    secret: Vec<bool>,
}

impl Names {
    /// The name as a [`Text`], and its number in this document.
    fn get(&mut self, name: &[u8]) -> (Text, usize) {
        if let Some((text, id)) = self.seen.get(name) {
            return (text.clone(), *id);
        }
        let entry = (Text::from(String::from_utf8_lossy(name)), self.seen.len());
        self.secret.push(redact::is_secret_element(&entry.0));
        self.seen.insert(name.to_vec(), entry.clone());
        entry
    }
}

/// The element a start tag opens, its name's number, and how many namespace bindings its
/// attributes declare (in scope from here until it closes).
fn start_element(
    start: &BytesStart<'_>,
    namespaces: &mut Namespaces,
    names: &mut Names,
    text: &str,
    source: SourceId,
    at: usize,
) -> (Element, usize, usize) {
    let (name, id) = names.get(start.local_name().as_ref());
    let mut nil = false;
    let mut declared = 0;
    // Only namespace declarations and `xsi:nil` matter while reading; other values are read
    // when asked for. Nearly every attribute is a reference's `uuid` (`uuid="{9E3779B9-…}"`,
    // without an `n` or an `x`): a tag whose attributes have neither letter, so neither name,
    // is not parsed further.
    let raw = start.attributes_raw();
    if memchr::memchr2(b'n', b'x', raw).is_some() {
        for attribute in start.attributes().with_checks(false).flatten() {
            let key = attribute.key.as_ref();
            if let Some(prefix) =
                key.strip_prefix(b"xmlns").and_then(|rest| rest.strip_prefix(b":").or(rest.is_empty().then_some(rest)))
            {
                namespaces.declare(prefix, &attribute.value);
                declared += 1;
            } else if attribute.key.local_name().as_ref() == b"nil" {
                nil |= attribute.unescape_value().is_ok_and(|value| value.trim() == "true");
            }
        }
    }
    let attributes = offset_in(text, raw).map_or(Span::new(source, at, at), |s| Span::new(source, s, s + raw.len()));
    let prefix = start.name().prefix().map_or(&[][..], |p| p.into_inner());
    let namespace = namespaces.resolve(prefix);
    let span = Span::new(source, at, at);
    (Element { name, namespace, attributes, text: None, children: Vec::new(), nil, span, tag: span }, id, declared)
}

/// Where a slice borrowed from `text` starts in it. The reader borrows attribute values from
/// the input, so the address difference is the offset; anything else (an owned copy) is `None`.
fn offset_in(text: &str, part: &[u8]) -> Option<usize> {
    let base = text.as_ptr() as usize;
    let at = (part.as_ptr() as usize).checked_sub(base)?;
    (at + part.len() <= text.len()).then_some(at)
}

/// Joins the text pieces of one element, trimmed, with the span of the non-blank part.
fn join_texts(pieces: &[TextPiece<'_>], source: SourceId, text: impl Fn(&str) -> Text) -> Option<Spanned<Text>> {
    // Nearly every element holds one piece without surrounding whitespace: read as it is.
    if let [(start, end, only)] = pieces {
        if trim(only).len() == only.len() && !only.is_empty() {
            return Some(Spanned::new(text(only), Span::new(source, *start, *end)));
        }
    }
    let blank = |(_, _, v): &&TextPiece<'_>| trim(v).is_empty();
    let first_at = pieces.iter().position(|p| !blank(&p))?;
    let last_at = pieces.iter().rposition(|p| !blank(&p))?;
    let pieces = &pieces[first_at..=last_at];
    let ((first_start, _, first), (_, last_end, last)) = (&pieces[0], &pieces[pieces.len() - 1]);
    // Whitespace is never escaped in these files, so raw and unescaped edges match.
    let start = first_start + (first.len() - first.trim_start().len());
    let end = last_end.saturating_sub(last.len() - last.trim_end().len()).max(start);
    let value = match pieces {
        [(_, _, only)] => text(trim(only)),
        _ => text(pieces.iter().filter(|p| !blank(p)).map(|(_, _, v)| v.as_ref()).collect::<String>().trim()),
    };
    Some(Spanned::new(value, Span::new(source, start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    #[test]
    fn text_spans_point_at_the_trimmed_text() {
        let text = "<a xmlns:ns=\"urn:x\"><ns:b uuid=\"{1}\">\n  4001 \n</ns:b><c/><d xsi:nil=\"true\"/></a>";
        let doc = read_document(text, SourceId::new(0));
        let a = &doc.roots[0];
        let b = a.child("b").unwrap();
        assert_eq!(b.namespace.as_deref(), Some("urn:x"));
        let value = b.value().unwrap();
        assert_eq!(value.value, "4001");
        assert_eq!(slice(text, value.span), "4001");
        assert_eq!(slice(text, b.attribute(text, "uuid").unwrap().span), "{1}");
        assert!(b.attribute(text, "ctiid").is_none());
        assert!(a.child("c").unwrap().value().is_none());
        assert!(a.child("d").unwrap().nil);
        assert_eq!(slice(text, a.span), text);
    }

    #[test]
    fn malformed_xml_keeps_what_was_read_and_says_where() {
        let text = "<a><b>1</b><c>2</d></a>";
        let doc = read_document(text, SourceId::new(0));
        let (at, _) = doc.error.expect("error");
        assert_eq!(&text[at..at + 4], "</d>");
        assert_eq!(doc.roots[0].child("b").unwrap().value().unwrap().value, "1");
    }

    #[test]
    fn nesting_beyond_the_limit_stops_reading_there() {
        let depth = 100_000;
        let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let doc = read_document(&text, SourceId::new(0));
        let (at, message) = doc.error.expect("error");
        assert_eq!(at, MAX_DEPTH * 3, "{message}");
        let mut levels = 0;
        let mut element = doc.roots.first();
        while let Some(e) = element {
            levels += 1;
            element = e.children.first();
        }
        assert_eq!(levels, MAX_DEPTH);
    }

    #[test]
    fn a_doctype_is_recorded_and_its_entities_are_not_expanded() {
        let text = "<!DOCTYPE a [<!ENTITY x \"expanded\"><!ENTITY f SYSTEM \"file:///etc/passwd\">]><a><b>&x;</b><c>&f;</c></a>";
        let doc = read_document(text, SourceId::new(0));
        let (start, end) = doc.doctype.expect("doctype");
        assert_eq!(&text[start..end], &text[..text.find("<a>").unwrap()]);
        assert_eq!(doc.roots[0].child("b").unwrap().value().unwrap().value, "&x;");
        assert_eq!(doc.roots[0].child("c").unwrap().value().unwrap().value, "&f;");
    }

    #[test]
    fn a_parents_text_around_its_children_is_its_own() {
        let text = "<a> x <b>y</b><c/> z </a>";
        let doc = read_document(text, SourceId::new(0));
        let a = doc.roots[0].value().unwrap();
        assert_eq!(a.value, "x  z", "the pieces either side of the children, joined and trimmed");
        assert_eq!(slice(text, a.span), "x <b>y</b><c/> z");
        assert_eq!(doc.roots[0].child("b").unwrap().value().unwrap().value, "y");
    }

    #[test]
    fn long_names_and_an_elements_repeated_long_text_share_one_allocation() {
        let one = "<routePartitionName uuid=\"{9E3779B9-7F4A-7C16-000B-000000000000}\">Standard Presence group</routePartitionName>";
        let text = format!("<r>{one}{one}</r>");
        let doc = read_document(&text, SourceId::new(0));
        let [first, second] = &doc.roots[0].children[..] else { panic!("two children") };
        assert_eq!(first.name, "routePartitionName");
        assert_eq!(first.name.as_ptr(), second.name.as_ptr());
        let (a, b) = (first.value().unwrap().value, second.value().unwrap().value);
        assert_eq!(a, "Standard Presence group");
        assert_eq!(a.as_ptr(), b.as_ptr());
        let uuid = second.attribute(&text, "uuid").unwrap();
        assert_eq!(uuid.value, "{9E3779B9-7F4A-7C16-000B-000000000000}");
        assert_eq!(slice(&text, uuid.span), uuid.value, "read when asked for, from the text");
    }

    #[test]
    fn records_are_handed_over_complete_as_they_close_and_leave_the_tree() {
        let text = "<r><list><x><n>1</n></x><x><n>2</n><m/></x></list><other><x>3</x></other></r>";
        let mut taken = Vec::new();
        let mut take = |grandparent: &Element, record: Element| {
            let n = record.text_at(&["n"]).map(|n| n.value.to_string());
            taken.push((grandparent.name.to_string(), n, record.children.len(), slice(text, record.span).to_owned()));
        };
        let of = |grandparent: &Element, parent: &Element| grandparent.name == "r" && parent.name == "list";
        let doc = read_document_with(text, SourceId::new(0), Some(Records { holds_records: &of, take: &mut take }));
        assert_eq!(
            taken,
            [
                ("r".into(), Some("1".into()), 1, "<x><n>1</n></x>".into()),
                ("r".into(), Some("2".into()), 2, "<x><n>2</n><m/></x>".into()),
            ]
        );
        let root = &doc.roots[0];
        assert!(root.child("list").unwrap().children.is_empty(), "the records left the tree");
        assert_eq!(root.text_at(&["other", "x"]).unwrap().value, "3", "other elements stay");
        assert_eq!(slice(text, root.span), text);
    }

    #[test]
    fn a_record_cut_short_is_handed_over_as_far_as_it_was_read() {
        let text = "<r><list><x><n>1</n></x><x><n>2</n>";
        let mut taken = Vec::new();
        let mut take = |_: &Element, record: Element| taken.push(record.text_at(&["n"]).unwrap().value);
        let of = |_: &Element, parent: &Element| parent.name == "list";
        let doc = read_document_with(text, SourceId::new(0), Some(Records { holds_records: &of, take: &mut take }));
        assert!(doc.error.is_some());
        assert_eq!(taken, ["1", "2"]);
    }

    #[test]
    fn namespaces_follow_the_scope_of_their_declarations() {
        let text = concat!(
            "<e:Envelope xmlns:e=\"urn:env\" xmlns=\"urn:default\">",
            "<ns:r xmlns:ns=\"urn:one\"><ns:a/><ns:b xmlns:ns=\"urn:two\"><ns:c/></ns:b><ns:d/><plain/></ns:r>",
            "<ns:gone/><none xmlns=\"\"><inner/></none><x:undeclared/>",
            "</e:Envelope>"
        );
        let doc = read_document(text, SourceId::new(0));
        let ns = |e: &Element| e.namespace.as_deref().map(str::to_owned);
        let envelope = &doc.roots[0];
        assert_eq!(ns(envelope).as_deref(), Some("urn:env"));
        let r = envelope.child("r").unwrap();
        assert_eq!(ns(r).as_deref(), Some("urn:one"));
        assert_eq!(ns(r.child("a").unwrap()).as_deref(), Some("urn:one"));
        let b = r.child("b").unwrap();
        assert_eq!(ns(b).as_deref(), Some("urn:two"), "an element's own declaration binds its name");
        assert_eq!(ns(b.child("c").unwrap()).as_deref(), Some("urn:two"));
        assert_eq!(ns(r.child("d").unwrap()).as_deref(), Some("urn:one"), "the inner binding ended with <ns:b>");
        assert_eq!(ns(r.child("plain").unwrap()).as_deref(), Some("urn:default"));
        assert_eq!(ns(envelope.child("gone").unwrap()), None, "ns: was bound only inside <ns:r>");
        let none = envelope.child("none").unwrap();
        assert_eq!(ns(none), None, "xmlns=\"\" unbinds the default namespace");
        assert_eq!(ns(none.child("inner").unwrap()), None);
        assert_eq!(ns(envelope.child("undeclared").unwrap()), None);
        assert_eq!(r.attribute(text, "ns").unwrap().value, "urn:one", "declarations stay among the attributes");
    }

    #[test]
    fn escaped_text_is_unescaped_and_cdata_read() {
        let text = "<a><b>A &amp; B</b><c><![CDATA[x<y]]></c></a>";
        let doc = read_document(text, SourceId::new(0));
        assert_eq!(doc.roots[0].child("b").unwrap().value().unwrap().value, "A & B");
        let c = doc.roots[0].child("c").unwrap().value().unwrap();
        assert_eq!(c.value, "x<y");
        assert_eq!(slice(text, c.span), "x<y");
    }
}
