//! UCCX `adminapi/callControlGroup` exports: the list `GET /adminapi/callControlGroup` returns
//! (`<callControlGroups><callControlGroup>…`) or one `<callControlGroup>` (`…/{id}`), as in
//! Cisco's UCCX developer documentation ("Get Call Control Group"). Only the XML form is read:
//! the JSON UCCX sends for `Accept: application/json` is out of scope, and such a file is
//! reported as not read.
//!
//! A group has one `portGroupConfiguration` per UCCX node (`hostName`, absent on a single
//! node), whose `listOfCTIPorts` names the node's CTI ports, comma-separated and possibly
//! wrapped over lines. Each port name spans its own piece of that text.

use uclint_model::{DataSet, Span, Spanned, Text, UccxCallControlGroup, UccxPortGroup};

use crate::xml::{Document, Element};
use crate::FileParse;

/// The `<callControlGroup>` elements of an `adminapi` XML document, if it is a call control
/// group export: a `<callControlGroups>` root that is empty or holds a group with a
/// `deviceNamePrefix` or a `portGroupConfiguration`, or a lone `<callControlGroup>` root with
/// one.
pub fn xml_call_control_groups(doc: &Document) -> Option<Vec<Element<'_>>> {
    let is_group =
        |g: Element<'_>| g.child("deviceNamePrefix").is_some() || g.child("portGroupConfiguration").is_some();
    super::xml_list(doc, "callControlGroups", "callControlGroup", &is_group)
}

/// Reads `<callControlGroup>` elements into `parse.cluster`.
pub fn read_xml(parse: &mut FileParse<'_>, groups: &[Element<'_>]) {
    parse.cluster.present.insert(DataSet::UccxCallControlGroups);
    for &group in groups {
        let port_groups = group
            .children_named("portGroupConfiguration")
            .map(|config| UccxPortGroup {
                host: config.text_at(&["hostName"]),
                ports: config.text_at(&["listOfCTIPorts"]).map(|list| ports(parse.text, &list)).unwrap_or_default(),
                redirect_calling_search_space: config.text_at(&["redirectCallingSearchSpace"]),
                span: config.span(),
            })
            .collect();
        let record = UccxCallControlGroup {
            id: group.text_at(&["id"]),
            description: group.text_at(&["description"]),
            device_name_prefix: group.text_at(&["deviceNamePrefix"]),
            port_groups,
            span: group.span(),
        };
        parse.cluster.uccx_call_control_groups.push(record);
    }
}

/// The device names of a `listOfCTIPorts`: split at commas, trimmed, empty pieces dropped.
/// Each name spans its own piece of `text` when the list is written as read (no entity
/// reference, CDATA section or comment in it); otherwise the offsets of the decoded value are
/// not those of the text, and every name spans the whole list.
fn ports(text: &str, list: &Spanned<Text>) -> Vec<Spanned<Text>> {
    let span = list.span;
    let raw = text.get(span.start as usize..span.end as usize);
    let names = list.value.split(',').map(str::trim).filter(|name| !name.is_empty());
    if raw != Some(list.value.as_str()) {
        return names.map(|name| Spanned::new(Text::from(name), span)).collect();
    }
    let mut out = Vec::new();
    let mut at = span.start as usize;
    for piece in list.value.split(',') {
        let name = piece.trim();
        if !name.is_empty() {
            let start = at + (piece.len() - piece.trim_start().len());
            out.push(Spanned::new(Text::from(name), Span::new(span.source, start, start + name.len())));
        }
        at += piece.len() + 1;
    }
    out
}
