//! UCCX `adminapi/trigger` exports (formats.md §17): the list `GET /adminapi/trigger` returns
//! (`<triggers><trigger>…`) or one `<trigger>`. Real files are one line after an XML declaration
//! (`standalone="yes"`). Only the XML form is read: the JSON UCCX sends for
//! `Accept: application/json` is out of scope, and such a file is reported as not read.
//!
//! A trigger is a CTI route point UCCX created: `directoryNumber` is its DN, with the partition
//! in `partition` (`None`: CUCM's `<None>` partition; absent or empty: not stated); `application` and `callControlGroup` are
//! name/URI pairs whose name is the `name` attribute.

use uclint_model::{DataSet, DnRef, Spanned, Text, UccxTrigger};

use crate::codes;
use crate::xml::read::flag;
use crate::xml::{Document, Element};
use crate::FileParse;

/// The `<trigger>` elements of an `adminapi` XML document, if it is a trigger export: a
/// `<triggers>` root that is empty or holds a `<trigger>` with a `directoryNumber`, or a lone
/// `<trigger>` root with one.
pub fn xml_triggers(doc: &Document) -> Option<Vec<Element<'_>>> {
    super::xml_list(doc, "triggers", "trigger", &|t| t.child("directoryNumber").is_some())
}

/// Reads `<trigger>` elements into `parse.cluster`. `stopped_at` is where the XML reader
/// stopped early, if it did: a trigger cut off there is covered by the INPUT002 about it.
pub fn read_xml(parse: &mut FileParse<'_>, triggers: &[Element<'_>], stopped_at: Option<usize>) {
    parse.cluster.present.insert(DataSet::UccxTriggers);
    for &trigger in triggers {
        let device_name = trigger.text_at(&["deviceName"]);
        let Some(number) = trigger.text_at(&["directoryNumber"]) else {
            if stopped_at.is_none_or(|at| (trigger.span().end as usize) < at) {
                let named = device_name.as_ref().map_or(String::new(), |d| format!(" (deviceName `{}`)", d.value));
                let message = format!(
                    "this `<trigger>`{named} has no `directoryNumber`, so it cannot be matched with a CUCM \
                     route point; it was not read"
                );
                parse.report(codes::INVALID_VALUE.at(parse.path, trigger.tag(), message));
            }
            continue;
        };
        // UCCX writes CUCM's <None> partition as `None`; an absent partition says nothing.
        let partition = trigger.text_at(&["partition"]);
        let directory_number = number.map(|pattern| match &partition {
            Some(partition) if is_none(&partition.value) => DnRef::with_partition(&pattern, ""),
            Some(partition) => DnRef::with_partition(&pattern, &partition.value),
            None => DnRef::pattern_only(&pattern),
        });
        let record = UccxTrigger {
            directory_number,
            device_name,
            call_control_group: name_of(parse, trigger, "callControlGroup"),
            application: name_of(parse, trigger, "application"),
            calling_search_space: trigger.text_at(&["callingSearchSpace"]),
            redirect_calling_search_space: trigger.text_at(&["callingSearchSpaceForRedirect"]),
            enabled: flag(parse, trigger, &["triggerEnabled"]),
            span: trigger.span(),
        };
        parse.cluster.uccx_triggers.push(record);
    }
}

/// The `name` attribute of the name/URI pair `child`, unless it is empty.
fn name_of(parse: &FileParse<'_>, trigger: Element<'_>, child: &str) -> Option<Spanned<Text>> {
    trigger.child(child).and_then(|c| c.attribute(parse.text, "name")).filter(|n| !n.value.trim().is_empty())
}

/// How UCCX writes "no partition" (`None`; the CUCM pages show `<None>`).
fn is_none(partition: &str) -> bool {
    partition.eq_ignore_ascii_case("None") || partition == "<None>"
}
