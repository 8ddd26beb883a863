//! UCCX `adminapi/resource` exports: the list (`<resources><resource>…`) or one `<resource>`,
//! in XML or in the JSON UCCX sends for `Accept: application/json` (formats.md §13).
//!
//! A resource's `extension` is its IPCC extension as UCCX sees it, without a partition;
//! `team` is a name/URI pair whose name is the `name` attribute (`@name` in JSON).
//!
//! `trigger.rs` and `call_control_group.rs` read the `adminapi/trigger` and
//! `adminapi/callControlGroup` exports, in XML only (their JSON forms are out of scope).

mod call_control_group;
mod json;
mod trigger;

use uclint_model::{DataSet, DnRef, Spanned, Text, UccxResource};

use crate::xml::{Document, Element};
use crate::FileParse;

pub use call_control_group::{read_xml as read_call_control_groups, xml_call_control_groups};
pub use json::{looks_like_resources as json_looks_like_resources, read as read_json};
pub use trigger::{read_xml as read_triggers, xml_triggers};

/// The `<resource>` elements of an `adminapi` XML document, if it is one.
pub fn xml_resources(doc: &Document) -> Option<Vec<Element<'_>>> {
    let is_resource = |e: &Element<'_>| e.name() == "resource" && e.child("userID").is_some();
    let mut found = Vec::new();
    for root in doc.roots() {
        match root.name().as_str() {
            "resources" => found.extend(root.children().filter(is_resource)),
            _ if is_resource(&root) => found.push(root),
            _ => {}
        }
    }
    let is_export = doc.roots().any(|r| r.name() == "resources") || !found.is_empty();
    is_export.then_some(found)
}

/// Reads XML `<resource>` elements into `parse.cluster`.
pub fn read_xml(parse: &mut FileParse<'_>, resources: &[Element<'_>]) {
    parse.cluster.present.insert(DataSet::UccxResources);
    for resource in resources {
        let Some(user_id) = resource.text_at(&["userID"]) else { continue };
        let team =
            resource.child("team").and_then(|t| t.attribute(parse.text, "name")).filter(|n| !n.value.trim().is_empty());
        let record = UccxResource {
            user_id,
            extension: resource.text_at(&["extension"]).map(extension),
            resource_type: resource.text_at(&["type"]),
            team,
            span: resource.span(),
        };
        parse.cluster.uccx_resources.push(record);
    }
}

fn extension(text: Spanned<Text>) -> Spanned<DnRef> {
    text.map(|pattern| DnRef::pattern_only(&pattern))
}

/// The records of an `adminapi` list export, if `doc` is one: every `item` child of a `list`
/// root that is empty or holds an `item` that `is_item` accepts, and every lone `item` root
/// that it accepts. `None` when no root is such an export, so that a file that merely shares a
/// root name is left alone.
fn xml_list<'d>(
    doc: &'d Document,
    list: &str,
    item: &str,
    is_item: &dyn Fn(Element<'_>) -> bool,
) -> Option<Vec<Element<'d>>> {
    let mut found = Vec::new();
    let mut is_export = false;
    for root in doc.roots() {
        if root.name() == list {
            let empty = !root.has_children() && root.text().is_none();
            if empty || root.children_named(item).any(is_item) {
                is_export = true;
                found.extend(root.children_named(item));
            }
        } else if root.name() == item && is_item(root) {
            is_export = true;
            found.push(root);
        }
    }
    is_export.then_some(found)
}
