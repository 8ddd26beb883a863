//! An AXL record's text and list elements found in the export's own bytes, for the byte edits
//! of an AXL response.
//!
//! Ingest reads an element's text trimmed, entity references undone, with the span of the
//! trimmed raw text (`uclint-ingest`'s `xml/mod.rs`, `join_texts`); CDATA content is read as
//! it is. A value is checked against those bytes the same way before it is replaced.
//!
//! A list (`associatedGroups`, ...) is found among the record's children with quick-xml, over
//! the record's bytes only: a child is inserted before the list's end tag, after its last child
//! and with the same white space before it as its first child has, so that the fixed response
//! reads like the original; a self-closing list is expanded. A record without the list element
//! is not a record whose list is empty: the response left the list out (`returnedTags`), so
//! the whole list is unknown and nothing is inserted.

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

/// How a value stands in an element's text.
pub(crate) enum TextForm {
    /// Escaped character data: a new value is escaped.
    Escaped,
    /// Inside `<![CDATA[ ... ]]>`: a new value is written as it is.
    CData,
}

/// The text at `range` as ingest reads element text (trimmed, entity references undone; CDATA
/// as it is), and how it is written; `None` when the bytes are not text ingest could have read.
pub(crate) fn read_text(bytes: &[u8], range: Range<usize>) -> Option<(TextForm, String)> {
    let raw = std::str::from_utf8(bytes.get(range.clone())?).ok()?;
    let cdata = range.start >= 9 && bytes.get(range.start - 9..range.start) == Some(b"<![CDATA[");
    if cdata {
        return Some((TextForm::CData, raw.trim().to_owned()));
    }
    let unescaped = quick_xml::escape::unescape(raw).ok()?;
    Some((TextForm::Escaped, unescaped.trim().to_owned()))
}

/// `value` written as element text of the given form; `None` when it cannot be (a CDATA
/// section cannot hold `]]>`).
pub(crate) fn write_text(value: &str, form: &TextForm) -> Option<String> {
    match form {
        TextForm::Escaped => Some(quick_xml::escape::escape(value).into_owned()),
        TextForm::CData => (!value.contains("]]>")).then(|| value.to_owned()),
    }
}

/// A list element among a record's children, with offsets in the record's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ListElement {
    /// `<list>...</list>`.
    Open {
        /// Just past the start tag's `>`.
        content_start: usize,
        /// The `<` of the end tag.
        end_tag: usize,
        /// The `<` of the first child element, if it has one.
        first_child: Option<usize>,
        /// Just past the last child element, if it has one.
        last_child_end: Option<usize>,
    },
    /// `<list/>`: the tag, and the text inside it without `<` and `/>` (name and attributes).
    Empty {
        /// The whole tag.
        tag: Range<usize>,
        /// Its name and attributes as written.
        inside: String,
        /// Its qualified name as written.
        name: String,
    },
    /// The record has no such child.
    Absent,
}

/// Finds the child `list` (local name) of the record element that `record` holds (its text,
/// from `<` of its start tag to `>` of its end tag). The first such child counts, as for ingest.
pub(crate) fn find_list(record: &str, list: &str) -> Result<ListElement, String> {
    let mut reader = Reader::from_str(record);
    // Depth: the elements open before the event read.
    let mut depth = 0usize;
    let mut in_list = false;
    let (mut content_start, mut first_child, mut last_child_end) = (0, None, None);
    loop {
        let before = position(&reader);
        let event = reader.read_event().map_err(|_| "the record's XML could not be read again".to_owned())?;
        let after = position(&reader);
        match event {
            Event::Start(start) => {
                if depth == 1 && start.local_name().as_ref() == list.as_bytes() {
                    in_list = true;
                    content_start = after;
                } else if depth == 2 && in_list {
                    first_child.get_or_insert(before);
                }
                depth += 1;
            }
            Event::Empty(empty) => {
                if depth == 1 && empty.local_name().as_ref() == list.as_bytes() {
                    let tag = record.get(before..after).unwrap_or_default();
                    let inside = tag.strip_prefix('<').and_then(|t| t.strip_suffix("/>")).unwrap_or_default();
                    let name = String::from_utf8_lossy(empty.name().as_ref()).into_owned();
                    return Ok(ListElement::Empty { tag: before..after, inside: inside.trim_end().to_owned(), name });
                }
                if depth == 2 && in_list {
                    first_child.get_or_insert(before);
                    last_child_end = Some(after);
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if in_list && depth == 2 {
                    last_child_end = Some(after);
                } else if in_list && depth == 1 {
                    return Ok(ListElement::Open { content_start, end_tag: before, first_child, last_child_end });
                }
                if depth == 0 {
                    return Ok(ListElement::Absent);
                }
            }
            Event::Eof => return Err("the record's XML ends early".to_owned()),
            _ => {}
        }
    }
}

/// The reader's offset in its text.
fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The edit, in the record's text, that adds `items` (each a whole child element) to `found`;
/// `None` for an absent list. `indent` is the white space before the record's start tag on its
/// line (`None` when the record does not start a line).
pub(crate) fn insert(
    record: &str,
    record_indent: Option<&str>,
    found: &ListElement,
    items: &[String],
) -> Option<(Range<usize>, String)> {
    // A line break as the record writes them.
    let newline = if record.contains("\r\n") { "\r\n" } else { "\n" };
    match found {
        ListElement::Open { content_start, end_tag, first_child, last_child_end } => {
            if let (Some(first), Some(last)) = (first_child, last_child_end) {
                // Children follow each other with the white space the first one has before it.
                let gap = record.get(*content_start..*first).filter(|g| g.trim().is_empty()).unwrap_or_default();
                let text: String = items.iter().map(|item| format!("{gap}{item}")).collect();
                return Some((*last..*last, text));
            }
            let list_indent = indent_before(record, tag_start(record, *content_start));
            let inner = inner_break(list_indent, record_indent, newline);
            let mut text: String = items.iter().map(|item| format!("{inner}{item}")).collect();
            let between = record.get(*content_start..*end_tag).unwrap_or_default();
            if let (Some(list_indent), false) = (list_indent, between.contains('\n')) {
                text.push_str(newline);
                text.push_str(list_indent);
            }
            // White space already between the tags stays before the end tag.
            Some((*content_start..*content_start, text))
        }
        ListElement::Empty { tag, inside, name } => {
            let list_indent = indent_before(record, tag.start);
            let inner = inner_break(list_indent, record_indent, newline);
            let mut text = format!("<{inside}>");
            for item in items {
                text.push_str(&inner);
                text.push_str(item);
            }
            if let Some(list_indent) = list_indent {
                text.push_str(newline);
                text.push_str(list_indent);
            }
            text.push_str(&format!("</{name}>"));
            Some((tag.clone(), text))
        }
        ListElement::Absent => None,
    }
}

/// The `<` of the start tag that ends just before `content_start`.
fn tag_start(text: &str, content_start: usize) -> usize {
    text.get(..content_start).and_then(|t| t.rfind('<')).unwrap_or(0)
}

/// The white space between the line break before `at` and `at`, when only white space is there.
pub(crate) fn indent_before(text: &str, at: usize) -> Option<&str> {
    let head = text.get(..at)?;
    let line_start = head.rfind('\n')? + 1;
    let indent = &head[line_start..];
    indent.chars().all(|c| c == ' ' || c == '\t').then_some(indent)
}

/// What goes before each new child of a list indented `list_indent` in a record indented
/// `record_indent`: a line break (`newline`) and the list's indent one step deeper (the step the
/// list is indented from the record, or two spaces), or nothing when the list does not start a
/// line.
fn inner_break(list_indent: Option<&str>, record_indent: Option<&str>, newline: &str) -> String {
    let Some(list_indent) = list_indent else { return String::new() };
    let step = record_indent.and_then(|r| list_indent.strip_prefix(r)).filter(|s| !s.is_empty()).unwrap_or("  ");
    format!("{newline}{list_indent}{step}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "<user>\n  <userid>a</userid>\n  <associatedGroups>\n    <userGroup>\n      <name>G1</name>\n    </userGroup>\n  </associatedGroups>\n  <phoneProfiles>\n  </phoneProfiles>\n  <associatedDevices/>\n</user>";

    fn added(record: &str, list: &str, item: &str) -> String {
        let found = find_list(record, list).expect("readable");
        let (range, text) = insert(record, Some(""), &found, &[item.to_owned()]).expect("a list");
        let mut out = record.to_owned();
        out.replace_range(range, &text);
        out
    }

    #[test]
    fn a_child_goes_after_the_last_one_indented_alike() {
        let out = added(USER, "associatedGroups", "<userGroup><name>G2</name></userGroup>");
        assert!(
            out.contains("    </userGroup>\n    <userGroup><name>G2</name></userGroup>\n  </associatedGroups>"),
            "{out}"
        );
    }

    #[test]
    fn an_empty_list_gets_its_first_child() {
        let out = added(USER, "phoneProfiles", "<profileName>P</profileName>");
        assert!(out.contains("<phoneProfiles>\n    <profileName>P</profileName>\n  </phoneProfiles>"), "{out}");
        let out = added(USER, "associatedDevices", "<device>D</device>");
        assert!(
            out.contains("  <associatedDevices>\n    <device>D</device>\n  </associatedDevices>\n</user>"),
            "{out}"
        );
    }

    #[test]
    fn crlf_records_get_crlf_line_breaks() {
        let record = USER.replace('\n', "\r\n");
        let out = added(&record, "associatedDevices", "<device>D</device>");
        assert!(out.contains("  <associatedDevices>\r\n    <device>D</device>\r\n  </associatedDevices>\r\n"), "{out}");
        let out = added(&record, "phoneProfiles", "<profileName>P</profileName>");
        assert!(out.contains("<phoneProfiles>\r\n    <profileName>P</profileName>\r\n  </phoneProfiles>"), "{out}");
    }

    #[test]
    fn an_absent_list_is_not_invented() {
        assert_eq!(find_list(USER, "ctiControlledDeviceProfiles"), Ok(ListElement::Absent));
        // A grandchild of that name is not the record's list.
        let nested = "<user><x><associatedGroups/></x></user>";
        assert_eq!(find_list(nested, "associatedGroups"), Ok(ListElement::Absent));
        assert!(find_list("<user><x>", "x").is_err());
    }

    #[test]
    fn text_is_checked_as_ingest_reads_it() {
        let bytes = b"<a> 1 &amp; 2 </a><b><![CDATA[x]]></b>";
        assert!(matches!(read_text(bytes, 4..13), Some((TextForm::Escaped, text)) if text == "1 & 2"));
        assert!(matches!(read_text(bytes, 30..31), Some((TextForm::CData, text)) if text == "x"));
        assert!(read_text(b"<a>&bogus;</a>", 3..10).is_none());
        assert_eq!(write_text("a<b", &TextForm::Escaped).as_deref(), Some("a&lt;b"));
        assert_eq!(write_text("]]>", &TextForm::CData), None);
    }
}
