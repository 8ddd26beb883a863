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
//! than [`MAX_DEPTH`] ends reading there, because the readers' walks (and those of anything
//! else that visits a tree) are recursive and a 100,000-deep file would overflow the stack.

pub mod read;

use std::borrow::Cow;
use std::fmt;
use std::hash::Hasher;

use hashbrown::HashTable;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::FxHasher;
use uclint_model::{PositionTable, SourceId, Span, Spanned, Text};

use crate::secrets;
use crate::shared::SharedValues;
use crate::values::trim;
use crate::work;

/// No element: the end of a list of children, or an unbound namespace.
const NONE: u32 = u32::MAX;

/// One element as the tree stores it: in document order, linked to its first child and its
/// next sibling, so that an element is written once where it is read and never moved, and no
/// element has a vector of its own.
#[derive(Debug)]
struct Node {
    /// Its local name's number in [`Tree::names`].
    name: u32,
    /// Its namespace's number in [`Tree::namespaces`], or [`NONE`].
    namespace: u32,
    /// Where the start tag's attributes stand in the text (after the name).
    attributes: Span,
    /// The element's own text, trimmed; `None` when it is empty or blank.
    text: Option<Spanned<Text>>,
    /// Whether it carries `xsi:nil="true"`.
    nil: bool,
    /// From `<` of the start tag to `>` of the end tag.
    span: Span,
    /// The start tag alone.
    tag: Span,
    first_child: u32,
    next_sibling: u32,
}

/// The elements read from one XML text. Node 0 stands for the document: its children are the
/// top-level elements.
#[derive(Debug)]
struct Tree {
    nodes: Vec<Node>,
    /// Element names, by number; a name is allocated once per document.
    names: Vec<Text>,
    /// The number of each name (names read from `names`).
    numbers: PositionTable,
    /// Namespace URIs, by number.
    namespaces: Vec<Box<str>>,
}

impl Tree {
    fn new(source: SourceId) -> Self {
        let span = Span::new(source, 0, 0);
        let document = Node {
            name: 0,
            namespace: NONE,
            attributes: span,
            text: None,
            nil: false,
            span,
            tag: span,
            first_child: NONE,
            next_sibling: NONE,
        };
        let numbers = PositionTable::default();
        Tree { nodes: vec![document], names: vec![Text::default()], numbers, namespaces: Vec::new() }
    }

    /// The number of an element name, if an element of the document bears it.
    fn number(&self, name: &str) -> Option<u32> {
        self.numbers.get(name, |number| self.names[number as usize].as_str())
    }

    fn element(&self, at: u32) -> Element<'_> {
        Element { tree: self, at }
    }
}

/// One XML element: a view into the document it was read from, cheap to copy.
#[derive(Clone, Copy)]
pub struct Element<'d> {
    tree: &'d Tree,
    at: u32,
}

impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Element").field("name", self.name()).field("span", &self.span()).finish()
    }
}

/// The children of an element, in document order.
#[derive(Clone)]
pub struct Children<'d> {
    tree: &'d Tree,
    next: u32,
}

impl<'d> Iterator for Children<'d> {
    type Item = Element<'d>;

    fn next(&mut self) -> Option<Element<'d>> {
        let node = self.tree.nodes.get(self.next as usize)?;
        let element = self.tree.element(self.next);
        self.next = node.next_sibling;
        Some(element)
    }
}

/// How deep elements may nest. AXL responses are about eight levels deep (envelope, body,
/// response, return, phone, lines, line, dirn, pattern) and UCCX exports fewer; anything near
/// this limit is not an export, and stopping here keeps every recursive walk of the tree shallow.
pub const MAX_DEPTH: usize = 256;

/// What was read from one XML text.
#[derive(Debug)]
pub struct Document {
    tree: Tree,
    /// Where and why reading stopped early.
    pub error: Option<(usize, String)>,
    /// Where a `<!DOCTYPE …>` declaration starts and ends, if the file has one. Exports never
    /// do; its entities are not expanded, so references to them stay as written.
    pub doctype: Option<(usize, usize)>,
    /// The byte ranges of the text to mask: the content of every secret element read
    /// (`password`, `pin`, `digestCredentials`, …; see `secrets.rs`). Those elements'
    /// values are masked already.
    pub secrets: Vec<(usize, usize)>,
}

impl Document {
    /// The top-level elements (a file may hold several responses one after the other).
    pub fn roots(&self) -> Children<'_> {
        self.tree.element(0).children()
    }
}

impl<'d> Element<'d> {
    fn node(self) -> &'d Node {
        &self.tree.nodes[self.at as usize]
    }

    /// Local name, e.g. `phone` for `<ns:phone>`.
    pub fn name(self) -> &'d Text {
        &self.tree.names[self.node().name as usize]
    }

    /// The namespace URI the element is bound to, if any.
    pub fn namespace(self) -> Option<&'d str> {
        self.tree.namespaces.get(self.node().namespace as usize).map(AsRef::as_ref)
    }

    /// The element's own text, trimmed, whether or not it is `xsi:nil`; `None` when it is
    /// empty or blank.
    pub fn text(self) -> Option<&'d Spanned<Text>> {
        self.node().text.as_ref()
    }

    /// Whether it carries `xsi:nil="true"`.
    pub fn nil(self) -> bool {
        self.node().nil
    }

    /// From `<` of the start tag to `>` of the end tag.
    pub fn span(self) -> Span {
        self.node().span
    }

    /// The start tag alone, for diagnostics about the element as a whole.
    pub fn tag(self) -> Span {
        self.node().tag
    }

    /// Child elements in document order.
    pub fn children(self) -> Children<'d> {
        Children { tree: self.tree, next: self.node().first_child }
    }

    /// Whether it has child elements.
    pub fn has_children(self) -> bool {
        self.node().first_child != NONE
    }

    /// The first child with this local name.
    pub fn child(self, name: &str) -> Option<Element<'d>> {
        // By the name's number: one hash of `name` instead of a comparison with every sibling's.
        let number = self.tree.number(name)?;
        self.children().find(|c| c.node().name == number)
    }

    /// Every child with this local name.
    pub fn children_named(self, name: &str) -> impl Iterator<Item = Element<'d>> {
        let (children, number) = match self.tree.number(name) {
            Some(number) => (self.children(), number),
            None => (Children { tree: self.tree, next: NONE }, NONE),
        };
        children.filter(move |c| c.node().name == number)
    }

    /// The element at a path of child names, e.g. `["dirn", "pattern"]`.
    pub fn at(self, path: &[&str]) -> Option<Element<'d>> {
        path.iter().try_fold(self, |el, name| el.child(name))
    }

    /// The text of the element at `path`, or `None` when it is absent, empty or `xsi:nil`.
    pub fn text_at(self, path: &[&str]) -> Option<Spanned<Text>> {
        self.at(path).and_then(Element::value)
    }

    /// This element's text, or `None` when it is empty or `xsi:nil` (AXL's "unset").
    pub fn value(self) -> Option<Spanned<Text>> {
        let node = self.node();
        if node.nil {
            return None;
        }
        node.text.clone()
    }

    /// An attribute's value by local name, unescaped, spanning the value inside the quotes;
    /// `text` is the text the element was read from.
    pub fn attribute(self, text: &str, name: &str) -> Option<Spanned<Text>> {
        let attributes = self.node().attributes;
        let raw = text.get(attributes.start as usize..attributes.end as usize)?;
        let attribute = Attributes::new(raw, 0)
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name.as_bytes())?;
        let value = match attribute.unescape_value() {
            Ok(value) => Text::from(secrets::mask_value(&value).as_ref()),
            Err(_) => Text::from(secrets::mask_value(&String::from_utf8_lossy(&attribute.value)).as_ref()),
        };
        let start = offset_in(text, &attribute.value).unwrap_or(attributes.start as usize);
        Some(Spanned::new(value, Span::new(attributes.source, start, start + attribute.value.len())))
    }
}

/// A piece of an element's text: its byte range and its unescaped value.
type TextPiece<'t> = (usize, usize, Cow<'t, str>);

/// An element still open while reading.
#[derive(Clone, Copy)]
struct OpenElement {
    /// Its node.
    at: u32,
    /// Where its text pieces start on the stack of pieces.
    pieces: usize,
    /// How many namespace bindings it declares.
    declared: usize,
    /// Its last child so far, and the one before it ([`NONE`] when there is none), so that a
    /// record handed over can be unlinked.
    last_child: u32,
    before_last: u32,
    /// Whether its children are records to hand over, once a child has closed.
    holds_records: Option<bool>,
}

impl OpenElement {
    fn new(at: u32, pieces: usize, declared: usize) -> Self {
        OpenElement { at, pieces, declared, last_child: NONE, before_last: NONE, holds_records: None }
    }
}

/// Where a reader takes records out of the tree as they close (see [`read_document_with`]).
pub struct Records<'s> {
    /// Whether the children of an open element are records, given the element's parent and
    /// the element itself (an AXL `get*Response` and its `return`). It is asked once per
    /// element, when its first child closes, and the answer holds for all its children.
    pub holds_records: &'s dyn Fn(Element<'_>, Element<'_>) -> bool,
    /// Takes a record that has just closed, with its grandparent (the element that gives the
    /// records their meaning, such as an AXL `get*Response`).
    pub take: &'s mut dyn FnMut(Element<'_>, Element<'_>),
}

/// Reads `text` (the whole file) into a tree. Spans point into `text`.
pub fn read_document(text: &str, source: SourceId) -> Document {
    read_document_with(text, source, None)
}

/// Reads `text` into a tree as [`read_document`] does, except that every element whose parent
/// and grandparent `records` picks goes to `records.take` as soon as it closes, complete (text,
/// children, span), and then leaves the tree: a file of a thousand responses is read one record
/// at a time, each record's nodes dropped (and their place reused) before the next is read. The
/// parent stays in the tree without those children.
pub fn read_document_with(text: &str, source: SourceId, mut records: Option<Records<'_>>) -> Document {
    let mut reader = Reader::from_str(text);
    let mut tree = Tree::new(source);
    let mut open: Vec<OpenElement> = Vec::new();
    // The document's own children (node 0's), as an open element's are kept.
    let mut document = OpenElement::new(0, 0, 0);
    // The text pieces of the open elements, the innermost's on top (a text event belongs to the
    // innermost open element, and an element's pieces go when it closes).
    let mut pieces: Vec<TextPiece> = Vec::new();
    let mut doc_error = None;
    let mut doctype = None;
    let mut secrets = Vec::new();
    let mut namespaces = Namespaces::default();
    let mut names = Names::new();
    loop {
        work::add(1);
        let before = reader.buffer_position() as usize;
        let event = reader.read_event();
        let after = reader.buffer_position() as usize;
        let empty = matches!(event, Ok(Event::Empty(_)));
        match event {
            Ok(Event::Start(_)) if open.len() >= MAX_DEPTH => {
                let message = format!("elements are nested more than {MAX_DEPTH} deep; exports are a few levels deep");
                doc_error = Some((before, message));
                break;
            }
            // `<a>` opens an element; `<a/>` is one, complete.
            Ok(Event::Start(start) | Event::Empty(start)) => {
                let (mut node, declared) = start_element(
                    &start,
                    &mut namespaces,
                    &mut names,
                    &mut tree,
                    text,
                    Span::new(source, before, before),
                );
                node.tag = Span::new(source, before, after);
                if empty {
                    namespaces.end(declared);
                    node.span = node.tag;
                }
                let at = push(&mut tree, open.last_mut().unwrap_or(&mut document), node);
                if empty {
                    hand_over(&mut open, &mut tree, at, &mut records);
                } else {
                    open.push(OpenElement::new(at, pieces.len(), declared));
                }
            }
            Ok(Event::End(_)) => {
                if let Some(element) = open.pop() {
                    namespaces.end(element.declared);
                    close(element, &mut tree, &mut pieces, after, &names, text, &mut secrets);
                    hand_over(&mut open, &mut tree, element.at, &mut records);
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
                    let name = tree.element(innermost.at).name();
                    doc_error = Some((text.len(), format!("the file ends inside `<{name}>`")));
                }
                break;
            }
            Ok(Event::DocType(_)) => {
                doctype.get_or_insert((before, after));
            }
            // A commented-out secret element is read by nobody, but snippets show its text: the
            // comment between `<!--` and `-->` is scanned for secret tags.
            Ok(Event::Comment(_)) => {
                secrets.extend(secrets::secret_tag_ranges(text, before + 4, after.saturating_sub(3)));
            }
            Ok(_) => {}
            Err(err) => {
                doc_error = Some((reader.error_position() as usize, err.to_string()));
                break;
            }
        }
    }
    // Close whatever is still open at the point reading stopped, so what was read stays.
    let end = doc_error.as_ref().map_or(text.len(), |(at, _)| *at);
    while let Some(element) = open.pop() {
        close(element, &mut tree, &mut pieces, end, &names, text, &mut secrets);
        hand_over(&mut open, &mut tree, element.at, &mut records);
    }
    Document { tree, error: doc_error, doctype, secrets }
}

/// Adds `node` to the tree as the last child of `parent` and returns its number.
fn push(tree: &mut Tree, parent: &mut OpenElement, node: Node) -> u32 {
    let at = u32::try_from(tree.nodes.len()).unwrap_or(NONE);
    tree.nodes.push(node);
    match parent.last_child {
        NONE => tree.nodes[parent.at as usize].first_child = at,
        last => tree.nodes[last as usize].next_sibling = at,
    }
    parent.before_last = parent.last_child;
    parent.last_child = at;
    at
}

/// Ends the open element `open` at byte `end`, its text joined. A secret element's content
/// goes to `secrets` and its value is masked.
fn close(
    open: OpenElement,
    tree: &mut Tree,
    pieces: &mut Vec<TextPiece<'_>>,
    end: usize,
    names: &Names,
    text: &str,
    secrets: &mut Vec<(usize, usize)>,
) {
    let OpenElement { at, pieces: pieces_start, .. } = open;
    let Some(node) = tree.nodes.get_mut(at as usize) else { return };
    let source = node.span.source;
    node.span.end = Span::new(source, end, end).end.max(node.span.start);
    let pieces_start = pieces_start.min(pieces.len());
    let own_pieces = &pieces[pieces_start..];
    let name = node.name as usize;
    node.text = if names.secret[name] {
        secret_text(text, node.tag.end as usize, own_pieces, source, secrets)
    } else {
        // A value that holds a secret (a service URL's `password=`, a hash) is masked in the
        // model, and its text where it stands: exactly in one piece, whole in a value split in
        // pieces (the secret's name and value may lie in different pieces).
        let mut masked = false;
        let value = join_texts(own_pieces, source, |value| match secrets::mask_value(value) {
            Cow::Borrowed(value) => names.values.text(name, value),
            Cow::Owned(value) => {
                masked = true;
                Text::from(value)
            }
        });
        match own_pieces {
            [(start, end, value)] if masked => {
                let verbatim = matches!(value, Cow::Borrowed(raw) if text.get(*start..*end) == Some(*raw));
                secrets.extend(piece_secrets(text, (*start, *end), verbatim));
            }
            _ if masked => secrets.extend(own_pieces.iter().map(|&(start, end, _)| (start, end))),
            _ => {}
        }
        value
    };
    pieces.truncate(pieces_start);
}

/// The ranges to mask in the one piece of text (`piece`, start and end) of an element whose
/// value holds a secret: those a scan of the text as written finds, if the value read from the
/// masked text holds no secret any more (`pass&#119;ord=…`, `&amp;` and `&#61;` are read in the
/// text too, an escaped `&lt;password&gt;` is not); else the whole piece. A piece read as
/// written (`verbatim`) is its value, so the scan finds what the value's did.
fn piece_secrets(text: &str, piece: (usize, usize), verbatim: bool) -> Vec<(usize, usize)> {
    let Some(raw) = text.get(piece.0..piece.1) else { return vec![piece] };
    let ranges = secrets::value_secret_ranges(raw);
    if !verbatim {
        let mut masked = raw.to_owned();
        secrets::mask(&mut masked, &ranges);
        let value = quick_xml::escape::unescape(&masked).map_or_else(|_| masked.clone(), Cow::into_owned);
        if !secrets::holds_no_secret(&value) {
            return vec![piece];
        }
    }
    ranges.into_iter().map(|(start, end)| (piece.0 + start, piece.0 + end)).collect()
}

/// The value of a secret element whose start tag ends at `content_start`, masked, and the
/// ranges of the text to mask. As the plain scan does ([`secrets::scanned_xml_secrets`]), the
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
    let content_end = secrets::secret_content_end(text.as_bytes(), content_start.min(text.len()));
    // A flag named like a secret (`paramPassword`, whether a service parameter is one) holds
    // `true` or `false`, which is never a secret.
    let plain = text.get(content_start..content_end).filter(|raw| !raw.contains('<'));
    let inside = |&(start, end, _): &TextPiece<'_>| start >= content_start && end <= content_end;
    if plain.is_some_and(|raw| !secrets::is_secret_value(raw)) && pieces.iter().all(inside) {
        return join_texts(pieces, source, |value: &str| Text::from(value));
    }
    secrets.push((content_start, content_end));
    secrets.extend(
        pieces
            .iter()
            .map(|&(start, end, _)| (start, end))
            .filter(|&(start, end)| start < content_start || end > content_end),
    );
    let masked = secrets::masked(text.get(content_start..content_end)?);
    let value = masked.trim();
    if value.is_empty() {
        return None;
    }
    let start = content_start + (masked.len() - masked.trim_start().len());
    Some(Spanned::new(Text::from(value), Span::new(source, start, start + value.len())))
}

/// Hands the element that has just closed (node `closed`, the last child of the innermost open
/// element) to `records` when its open parent and grandparent make it a record, and then takes
/// it and everything after it (its descendants) out of the tree.
fn hand_over(open: &mut [OpenElement], tree: &mut Tree, closed: u32, records: &mut Option<Records<'_>>) {
    let (Some(records), [.., grandparent, parent]) = (records, open) else { return };
    if parent.last_child != closed {
        return;
    }
    // Asked once per parent: the answer is the same for all its children.
    let holds = *parent
        .holds_records
        .get_or_insert_with(|| (records.holds_records)(tree.element(grandparent.at), tree.element(parent.at)));
    if !holds {
        return;
    }
    (records.take)(tree.element(grandparent.at), tree.element(closed));
    tree.nodes.truncate(closed as usize);
    match parent.before_last {
        NONE => tree.nodes[parent.at as usize].first_child = NONE,
        before => tree.nodes[before as usize].next_sibling = NONE,
    }
    parent.last_child = parent.before_last;
    parent.before_last = NONE;
}

/// The namespace bindings in scope while reading (XML Namespaces 1.0 §5): each `xmlns` or
/// `xmlns:p` attribute binds a prefix until its element closes, an inner binding hides an outer
/// one, and `xmlns=""` unbinds the default namespace. Only element names are resolved, as
/// nothing reads an attribute's namespace; each URI is stored once however many elements it
/// binds.
///
/// Every lookup takes constant time, whatever the number of bindings: a file can declare
/// 160,000 namespaces in 4 MB, and a search through them for every element, or through every
/// URI for every declaration, took 19 s. The innermost binding of each prefix is found by a
/// hash of the prefix, and each binding remembers the one it hides, which is in scope again
/// once it ends; URIs are numbered through a hash of their text.
#[derive(Default)]
struct Namespaces {
    /// Prefix (empty for the default namespace), URI number ([`NONE`] when unbound) and the
    /// binding of the same prefix it hides ([`NONE`] when none), innermost last.
    bindings: Vec<(Box<[u8]>, u32, u32)>,
    /// The innermost binding of each prefix in scope, by the prefix's hash.
    innermost: HashTable<u32>,
    /// The number of each URI in the tree's list, by the URI's hash.
    uri_numbers: HashTable<u32>,
}

/// Up to this many bindings in scope, [`Namespaces::resolve`] looks through them in turn.
const FEW_BINDINGS: usize = 8;

impl Namespaces {
    fn hash(bytes: &[u8]) -> u64 {
        let mut hasher = FxHasher::default();
        hasher.write(bytes);
        hasher.finish()
    }

    /// Binds `prefix` to `uri` until [`Namespaces::end`] takes the binding back.
    fn declare(&mut self, prefix: &[u8], uri: &[u8], uris: &mut Vec<Box<str>>) {
        let number = if uri.is_empty() {
            NONE
        } else {
            let uri = String::from_utf8_lossy(uri);
            let same = |number: &u32| {
                work::add(1);
                uris.get(*number as usize).is_some_and(|known| **known == *uri)
            };
            match self.uri_numbers.find(Self::hash(uri.as_bytes()), same) {
                Some(&number) => number,
                None => {
                    let number = u32::try_from(uris.len()).unwrap_or(NONE);
                    uris.push(uri.as_ref().into());
                    let rehash =
                        |number: &u32| Self::hash(uris.get(*number as usize).map_or(&b""[..], |u| u.as_bytes()));
                    self.uri_numbers.insert_unique(Self::hash(uri.as_bytes()), number, rehash);
                    number
                }
            }
        };
        let at = u32::try_from(self.bindings.len()).unwrap_or(NONE);
        let bindings = &self.bindings;
        let same = |binding: &u32| {
            work::add(1);
            bindings.get(*binding as usize).is_some_and(|(p, _, _)| **p == *prefix)
        };
        let hidden = match self.innermost.find_mut(Self::hash(prefix), same) {
            Some(innermost) => std::mem::replace(innermost, at),
            None => {
                let rehash = |binding: &u32| Self::hash(bindings.get(*binding as usize).map_or(&[][..], |(p, _, _)| p));
                self.innermost.insert_unique(Self::hash(prefix), at, rehash);
                NONE
            }
        };
        self.bindings.push((prefix.into(), number, hidden));
    }

    /// The number of the URI `prefix` (empty for none) is bound to here; [`NONE`] when unbound.
    fn resolve(&self, prefix: &[u8]) -> u32 {
        let bindings = &self.bindings;
        // An export declares two or three namespaces: looking through them is quicker than a
        // hash, and that is every element's lookup.
        if bindings.len() <= FEW_BINDINGS {
            work::add(bindings.len());
            return bindings.iter().rev().find(|(p, _, _)| **p == *prefix).map_or(NONE, |(_, uri, _)| *uri);
        }
        let same = |binding: &u32| {
            work::add(1);
            bindings.get(*binding as usize).is_some_and(|(p, _, _)| **p == *prefix)
        };
        self.innermost.find(Self::hash(prefix), same).map_or(NONE, |&binding| bindings[binding as usize].1)
    }

    /// Takes back the last `declared` bindings, those of an element that has closed: each
    /// prefix is bound again as the binding it hid said.
    fn end(&mut self, declared: usize) {
        for _ in 0..declared {
            let Some((prefix, _, hidden)) = self.bindings.pop() else { return };
            let at = self.bindings.len() as u32;
            let hash = Self::hash(&prefix);
            let found = self.innermost.find_entry(hash, |&binding| {
                work::add(1);
                binding == at
            });
            if let Ok(entry) = found {
                if hidden == NONE {
                    entry.remove();
                } else {
                    *entry.into_mut() = hidden;
                }
            }
        }
    }
}

/// What reading keeps per element name besides the name itself, which the tree numbers
/// ([`Tree::names`], [`Tree::numbers`]): whether it is a secret element's, and the long texts
/// its elements repeat (`Standard Presence group` in every `presenceGroupName`), each allocated
/// once through [`SharedValues`] keyed by the name's number.
struct Names {
    values: SharedValues,
    /// Whether each name is a secret element's ([`secrets::is_secret_element`]).
    secret: Vec<bool>,
}

impl Names {
    /// Names numbered after the document node's empty name (number 0), which is not secret.
    fn new() -> Self {
        Names { values: SharedValues::default(), secret: vec![false] }
    }

    /// The number of `name` in the tree's names, numbering it (and noting whether it is a
    /// secret element's) the first time it is seen.
    fn number(&mut self, name: &str, tree: &mut Tree) -> u32 {
        work::add(1 + name.len() / 8);
        let next = u32::try_from(tree.names.len()).unwrap_or(NONE);
        let names = &tree.names;
        let number = tree.numbers.insert(name, next, |number| names[number as usize].as_str());
        if number == next {
            self.secret.push(secrets::is_secret_element(name));
            tree.names.push(Text::from(name));
        }
        number
    }
}

/// The node a start tag opens (its spans are `at`, empty where
/// the tag starts; the caller sets their ends), and how many namespace bindings its attributes
/// declare (in scope from here until it closes).
fn start_element(
    start: &BytesStart<'_>,
    namespaces: &mut Namespaces,
    names: &mut Names,
    tree: &mut Tree,
    text: &str,
    at: Span,
) -> (Node, usize) {
    // Names are short: a plain loop finds the colon sooner than `memchr`'s dispatch would, and
    // `QName::local_name` and `QName::prefix` would search twice.
    let qname = start.name().into_inner();
    let (prefix, local) = match qname.iter().position(|&b| b == b':') {
        Some(colon) => (&qname[..colon], &qname[colon + 1..]),
        None => (&[][..], qname),
    };
    // A slice of the (valid) text cut at an ASCII `:`, so valid too.
    let name = names.number(&String::from_utf8_lossy(local), tree);
    let mut nil = false;
    let mut declared = 0;
    // Only namespace declarations and `xsi:nil` matter while reading; other values are read
    // when asked for. Nearly every attribute is a reference's `uuid` (`uuid="{9E3779B9-…}"`,
    // without an `n` or an `x`): a tag whose attributes have neither letter, so neither name,
    // is not parsed further.
    let raw = start.attributes_raw();
    if memchr::memchr2(b'n', b'x', raw).is_some() {
        for attribute in start.attributes().with_checks(false).flatten() {
            work::add(1);
            let key = attribute.key.as_ref();
            if let Some(prefix) =
                key.strip_prefix(b"xmlns").and_then(|rest| rest.strip_prefix(b":").or(rest.is_empty().then_some(rest)))
            {
                namespaces.declare(prefix, &attribute.value, &mut tree.namespaces);
                declared += 1;
            } else if attribute.key.local_name().as_ref() == b"nil" {
                nil |= attribute.unescape_value().is_ok_and(|value| value.trim() == "true");
            }
        }
    }
    let attributes = offset_in(text, raw).map_or(at, |s| Span::new(at.source, s, s + raw.len()));
    let namespace = namespaces.resolve(prefix);
    let node =
        Node { name, namespace, attributes, text: None, nil, span: at, tag: at, first_child: NONE, next_sibling: NONE };
    (node, declared)
}

/// Where a slice borrowed from `text` starts in it. The reader borrows attribute values from
/// the input, so the address difference is the offset; anything else (an owned copy) is `None`.
fn offset_in(text: &str, part: &[u8]) -> Option<usize> {
    let base = text.as_ptr() as usize;
    let at = (part.as_ptr() as usize).checked_sub(base)?;
    (at + part.len() <= text.len()).then_some(at)
}

/// Joins the text pieces of one element, trimmed, with the span of the non-blank part.
fn join_texts(pieces: &[TextPiece<'_>], source: SourceId, mut text: impl FnMut(&str) -> Text) -> Option<Spanned<Text>> {
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

    fn root(doc: &Document) -> Element<'_> {
        doc.roots().next().expect("a root element")
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    #[test]
    fn text_spans_point_at_the_trimmed_text() {
        let text = "<a xmlns:ns=\"urn:x\"><ns:b uuid=\"{1}\">\n  4001 \n</ns:b><c/><d xsi:nil=\"true\"/></a>";
        let doc = read_document(text, SourceId::new(0));
        let a = root(&doc);
        let b = a.child("b").unwrap();
        assert_eq!(b.namespace(), Some("urn:x"));
        let value = b.value().unwrap();
        assert_eq!(value.value, "4001");
        assert_eq!(slice(text, value.span), "4001");
        assert_eq!(slice(text, b.attribute(text, "uuid").unwrap().span), "{1}");
        assert!(b.attribute(text, "ctiid").is_none());
        assert!(a.child("c").unwrap().value().is_none());
        assert!(a.child("d").unwrap().nil());
        assert!(a.child("absent").is_none(), "a name no element bears");
        assert_eq!(a.children_named("absent").count(), 0);
        assert_eq!(a.children_named("c").count(), 1);
        assert!(b.child("c").is_none(), "a name the document has, but not among these children");
        assert_eq!(slice(text, a.span()), text);
    }

    #[test]
    fn malformed_xml_keeps_what_was_read_and_says_where() {
        let text = "<a><b>1</b><c>2</d></a>";
        let doc = read_document(text, SourceId::new(0));
        let (at, _) = doc.error.clone().expect("error");
        assert_eq!(&text[at..at + 4], "</d>");
        assert_eq!(root(&doc).child("b").unwrap().value().unwrap().value, "1");
    }

    #[test]
    fn nesting_beyond_the_limit_stops_reading_there() {
        let depth = 100_000;
        let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let doc = read_document(&text, SourceId::new(0));
        let (at, message) = doc.error.clone().expect("error");
        assert_eq!(at, MAX_DEPTH * 3, "{message}");
        let mut levels = 0;
        let mut element = doc.roots().next();
        while let Some(e) = element {
            levels += 1;
            element = e.children().next();
        }
        assert_eq!(levels, MAX_DEPTH);
    }

    #[test]
    fn a_doctype_is_recorded_and_its_entities_are_not_expanded() {
        let text = "<!DOCTYPE a [<!ENTITY x \"expanded\"><!ENTITY f SYSTEM \"file:///etc/passwd\">]><a><b>&x;</b><c>&f;</c></a>";
        let doc = read_document(text, SourceId::new(0));
        let (start, end) = doc.doctype.expect("doctype");
        assert_eq!(&text[start..end], &text[..text.find("<a>").unwrap()]);
        assert_eq!(root(&doc).child("b").unwrap().value().unwrap().value, "&x;");
        assert_eq!(root(&doc).child("c").unwrap().value().unwrap().value, "&f;");
    }

    #[test]
    fn a_parents_text_around_its_children_is_its_own() {
        let text = "<a> x <b>y</b><c/> z </a>";
        let doc = read_document(text, SourceId::new(0));
        let a = root(&doc).value().unwrap();
        assert_eq!(a.value, "x  z", "the pieces either side of the children, joined and trimmed");
        assert_eq!(slice(text, a.span), "x <b>y</b><c/> z");
        assert_eq!(root(&doc).child("b").unwrap().value().unwrap().value, "y");
    }

    #[test]
    fn long_names_and_an_elements_repeated_long_text_share_one_allocation() {
        let one = "<routePartitionName uuid=\"{9E3779B9-7F4A-7C16-000B-000000000000}\">Standard Presence group</routePartitionName>";
        let text = format!("<r>{one}{one}</r>");
        let doc = read_document(&text, SourceId::new(0));
        let [first, second] = &root(&doc).children().collect::<Vec<_>>()[..] else { panic!("two children") };
        assert_eq!(first.name(), "routePartitionName");
        assert_eq!(first.name().as_ptr(), second.name().as_ptr());
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
        let mut take = |grandparent: Element<'_>, record: Element<'_>| {
            let n = record.text_at(&["n"]).map(|n| n.value.to_string());
            taken.push((
                grandparent.name().to_string(),
                n,
                record.children().count(),
                slice(text, record.span()).to_owned(),
            ));
        };
        let of = |grandparent: Element<'_>, parent: Element<'_>| grandparent.name() == "r" && parent.name() == "list";
        let doc = read_document_with(text, SourceId::new(0), Some(Records { holds_records: &of, take: &mut take }));
        assert_eq!(
            taken,
            [
                ("r".into(), Some("1".into()), 1, "<x><n>1</n></x>".into()),
                ("r".into(), Some("2".into()), 2, "<x><n>2</n><m/></x>".into()),
            ]
        );
        let root = root(&doc);
        assert!(!root.child("list").unwrap().has_children(), "the records left the tree");
        assert_eq!(root.text_at(&["other", "x"]).unwrap().value, "3", "other elements stay");
        assert_eq!(slice(text, root.span()), text);
    }

    #[test]
    fn a_record_cut_short_is_handed_over_as_far_as_it_was_read() {
        let text = "<r><list><x><n>1</n></x><x><n>2</n>";
        let mut taken = Vec::new();
        let mut take = |_: Element<'_>, record: Element<'_>| taken.push(record.text_at(&["n"]).unwrap().value);
        let of = |_: Element<'_>, parent: Element<'_>| parent.name() == "list";
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
        let ns = |e: Element<'_>| e.namespace().map(str::to_owned);
        let envelope = root(&doc);
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

    /// The work of reading `shape(n)` and `shape(2n)`, per byte of input: the second must be no
    /// more than 1.25 times the first (a reading in O(n log n) at most; a quadratic one doubles).
    fn assert_work_grows_linearly(what: &str, n: usize, shape: impl Fn(usize) -> String) {
        let work_per_byte = |n: usize| {
            let text = shape(n);
            work::take();
            let doc = read_document(&text, SourceId::new(0));
            assert!(doc.error.is_none(), "{what}: {:?}", doc.error);
            (text.len(), work::take() as f64 / text.len() as f64)
        };
        let (small_len, small) = work_per_byte(n);
        let (large_len, large) = work_per_byte(2 * n);
        assert!(large_len * 10 >= small_len * 19, "{what}: the input doubles");
        let growth = large / small;
        assert!(
            growth <= 1.25,
            "{what}: {small:.3} steps a byte of {small_len}, {large:.3} of {large_len} ({growth:.2}x)"
        );
    }

    #[test]
    fn no_shape_of_element_costs_more_than_its_size() {
        // 160,000 of these took 19 s: every declaration searched every URI, every element every
        // binding in scope (the first prefix declared is the last found).
        assert_work_grows_linearly("namespace declarations", 2_000, |n| {
            let declarations: String = (0..n).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
            format!("<p0:r{declarations}>{}</p0:r>", "<p0:a/>".repeat(n))
        });
        assert_work_grows_linearly("namespaces declared element by element", 2_000, |n| {
            let nested: String = (0..n).map(|i| format!("<a xmlns:q{i}=\"urn:{}\"><p:b/></a>", i % 7)).collect();
            format!("<r xmlns:p=\"urn:p\">{nested}</r>")
        });
        assert_work_grows_linearly("attributes", 4_000, |n| {
            let attributes: String = (0..n).map(|i| format!(" nx{i}=\"{i}\"")).collect();
            format!("<r{attributes}/>")
        });
        assert_work_grows_linearly("depth", 120, |n| {
            format!("{}{}", "<a xmlns:x=\"urn:x\">".repeat(n), "</a>".repeat(n))
        });
        assert_work_grows_linearly("distinct names", 4_000, |n| {
            format!("<r>{}</r>", (0..n).map(|i| format!("<n{i}>v</n{i}>")).collect::<String>())
        });
        assert_work_grows_linearly("long names", 4_000, |n| {
            let name = "n".repeat(n);
            format!("<r>{}</r>", format!("<{name}/>").repeat(50))
        });
    }

    #[test]
    fn escaped_text_is_unescaped_and_cdata_read() {
        let text = "<a><b>A &amp; B</b><c><![CDATA[x<y]]></c><d>&lt; &#62;&gt;</d><e>&amp; &x;</e><f>a & b</f></a>";
        let doc = read_document(text, SourceId::new(0));
        let value = |name: &str| root(&doc).child(name).unwrap().value().unwrap().value.to_string();
        assert_eq!(value("b"), "A & B");
        assert_eq!(value("d"), "< >>", "references and the blank between them, read as one text");
        assert_eq!(value("e"), "&amp; &x;", "a text with a reference to no known entity stays as written");
        assert_eq!(value("f"), "a & b", "a `&` that starts no reference is text");
        let c = root(&doc).child("c").unwrap().value().unwrap();
        assert_eq!(c.value, "x<y");
        assert_eq!(slice(text, c.span), "x<y");
    }
}
