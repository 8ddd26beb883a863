//! UCCX `adminapi/resource` exports: the list (`<resources><resource>…`) or one `<resource>`,
//! in XML or in the JSON UCCX sends for `Accept: application/json` (formats.md §13).
//!
//! A resource's `extension` is its IPCC extension as UCCX sees it, without a partition;
//! `team` is a name/URI pair whose name is the `name` attribute (`@name` in JSON).

mod json;

use uclint_model::{DataSet, DnRef, Spanned, Text, UccxResource};

use crate::xml::{Document, Element};
use crate::FileParse;

pub use json::{looks_like_resources as json_looks_like_resources, read as read_json};

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
