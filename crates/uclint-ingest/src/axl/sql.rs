//! `executeSQLQuery` responses: `<return><row><column>…</column>…</row>…</return>`, one child
//! per selected column, named after the column or its alias in lower case (formats.md §12).
//! Column names are compared case-insensitively.
//!
//! Each row is recognised by the columns it has and becomes one small record; the rows of one
//! device or user are combined by the merge step like records from different files.
//!
//! | Row kind | Required columns | Optional columns |
//! |---|---|---|
//! | device line (`devicenumplanmap` ⋈ `numplan`, `routepartition`) | device name, `numplanindex`, pattern | partition, `maxnumcalls`, `busytrigger`, `tkclass` |
//! | user extension (`endusernumplanmap`) | `userid`, `tkdnusage`, pattern | partition |
//! | user device (`enduserdevicemap`) | `userid`, device name | `tkuserassociation` |
//! | application user device (`applicationuserdevicemap`) | application user, device name | |
//!
//! Accepted names: device name `devicename`, `device` or `name`; pattern `dnorpattern`,
//! `pattern` or `directorynumber`; partition `routepartitionname`, `routepartition`,
//! `partitionname` or `partition` (empty: the "None" partition), or else an unaliased
//! `routepartition.name` (the second `name` of a device-line row, the only `name` of a
//! user-extension row; noted as inferred); application user `appuser`,
//! `appusername`, `applicationuser`, `applicationusername` or `appuserid`. `tkdnusage` 2 is the
//! IPCC extension and 1 the primary extension; `tkuserassociation` 1 is a controlled device
//! and rows with other associations are skipped. [I] `tkclass` 254 is a device profile, any
//! other class a phone.

use uclint_model::{AppUser, DataSet, Device, DeviceKind, DnKey, DnRef, EndUser, Line, Span, Spanned, Text};

use crate::codes;
use crate::xml::Element;
use crate::FileParse;

const DEVICE: &[&str] = &["devicename", "device", "name"];
const PATTERN: &[&str] = &["dnorpattern", "pattern", "directorynumber"];
const PARTITION: &[&str] = &["routepartitionname", "routepartition", "partitionname", "partition"];
const APP_USER: &[&str] = &["appuser", "appusername", "applicationuser", "applicationusername", "appuserid"];

/// The `tkclass` of a device profile in CUCM's `typeclass` table.
const DEVICE_PROFILE_CLASS: u32 = 254;

/// One row: its columns by lower-cased name.
struct Row<'a> {
    columns: Vec<(Text, Element<'a>)>,
    span: Span,
}

impl<'a> Row<'a> {
    fn new(row: Element<'a>) -> Self {
        let columns = row.children().map(|c| (c.name().to_ascii_lowercase(), c)).collect();
        Row { columns, span: row.span() }
    }

    /// The first present column among `names`, whatever its value.
    fn column(&self, names: &[&str]) -> Option<Element<'a>> {
        names.iter().find_map(|n| self.columns.iter().find(|(c, _)| c == n).map(|(_, e)| *e))
    }

    /// The column names, for messages: `pkid, description`.
    fn names(&self) -> String {
        self.columns.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", ")
    }

    fn has(&self, names: &[&str]) -> bool {
        self.column(names).is_some()
    }

    fn text(&self, names: &[&str]) -> Option<Spanned<Text>> {
        self.column(names).and_then(Element::value)
    }

    fn number(&self, parse: &mut FileParse<'_>, name: &str) -> Option<Spanned<u32>> {
        let text = self.text(&[name])?;
        match text.value.parse() {
            Ok(n) => Some(Spanned::new(n, text.span)),
            Err(_) => {
                let message = format!("`{name}` is not a whole number; treated as unset");
                parse.report(codes::INVALID_VALUE.at(parse.path, text.span, message));
                None
            }
        }
    }

    /// The route partition name. Without an aliased partition column, an unaliased
    /// `routepartition.name` comes back as a `name` element: the `nth` one (0-based), which is the
    /// second in a device-line row (the first is `device.name`) and the only one in a
    /// user-extension row (the user tables have no `name` column). That reading is noted once.
    fn partition(&self, parse: &mut FileParse<'_>, nth: usize) -> Option<Text> {
        if let Some(partition) = self.column(PARTITION) {
            return Some(partition.value().map(|v| v.value).unwrap_or_default());
        }
        let (_, name) = self.columns.iter().filter(|(c, _)| c == "name").nth(nth)?;
        let message = "this `name` column is taken to be the route partition name (an unaliased \
                       routepartition.name); alias it `routepartition` in the query to be sure";
        parse.note_once("unaliased-partition", name.tag(), message);
        Some(name.value().map(|v| v.value).unwrap_or_default())
    }

    /// The device name: when `userid` or an application user is also selected, `name` is
    /// still the device's, because user tables name their key differently.
    fn device(&self) -> Option<Spanned<Text>> {
        self.text(DEVICE)
    }
}

/// Reads every `<row>` of a `<return>`; returns what kinds of rows it found, for the file list.
pub fn read(parse: &mut FileParse<'_>, records: Element<'_>) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut unrecognised = None;
    for element in records.children().filter(|c| c.name().eq_ignore_ascii_case("row")) {
        let row = Row::new(element);
        let kind = if row.has(DEVICE) && row.has(&["numplanindex"]) && row.has(PATTERN) {
            device_line(parse, &row);
            "device lines"
        } else if row.has(&["userid"]) && row.has(&["tkdnusage"]) && row.has(PATTERN) {
            user_extension(parse, &row);
            "user extensions"
        } else if row.has(&["userid"]) && row.has(DEVICE) {
            user_device(parse, &row);
            "user devices"
        } else if row.has(APP_USER) && row.has(DEVICE) {
            app_user_device(parse, &row);
            "application user devices"
        } else {
            unrecognised.get_or_insert_with(|| (element.tag(), row.names()));
            continue;
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if let Some((span, columns)) = unrecognised {
        let message = format!(
            "rows with the columns {columns} match none of the joins uclint maps (device lines, user \
             extensions, user or application-user devices; see docs/input-diagnostics.md); they were not read"
        );
        parse.report(codes::INFERRED_FORM.at(parse.path, span, message));
    }
    kinds
}

fn device_line(parse: &mut FileParse<'_>, row: &Row<'_>) {
    let (Some(name), Some(pattern)) = (row.device(), row.text(PATTERN)) else { return };
    let Some(index) = row.number(parse, "numplanindex") else { return };
    let is_profile = row.number(parse, "tkclass").is_some_and(|c| c.value == DEVICE_PROFILE_CLASS);
    let partition = row.partition(parse, 1).unwrap_or_default();
    let dn = Spanned::new(DnKey::new(&pattern.value, &partition), pattern.span);
    let line = Line {
        css: None,
        index,
        dn,
        max_calls: row.number(parse, "maxnumcalls"),
        busy_trigger: row.number(parse, "busytrigger"),
        allow_cti_control: None,
        auto_answer: None,
        hold_reversion_ring_duration: None,
    };
    let kind = if is_profile { DeviceKind::DeviceProfile } else { DeviceKind::Phone };
    let device = Device { lines: vec![line], ..Device::new(kind, name, row.span) };
    if is_profile {
        parse.cluster.present.insert(DataSet::DeviceProfiles);
        parse.cluster.device_profiles.push(device);
    } else {
        parse.cluster.present.insert(DataSet::Phones);
        parse.cluster.phones.push(device);
    }
}

fn user_extension(parse: &mut FileParse<'_>, row: &Row<'_>) {
    let (Some(user_id), Some(pattern)) = (row.text(&["userid"]), row.text(PATTERN)) else { return };
    let Some(usage) = row.number(parse, "tkdnusage") else { return };
    let dn = match row.partition(parse, 0) {
        Some(partition) => DnRef::with_partition(&pattern.value, &partition),
        None => {
            if usage.value == 2 {
                let message = "these rows select no route partition name; uclint matches each IPCC \
                               extension by pattern against the lines of phones and device profiles";
                parse.note_once("partitionless-ipcc", pattern.span, message);
            }
            DnRef::pattern_only(&pattern.value)
        }
    };
    let dn = Spanned::new(dn, pattern.span);
    let mut user = EndUser::new(user_id, row.span);
    match usage.value {
        2 => user.ipcc_extension = Some(dn),
        1 => user.primary_extension = Some(dn),
        _ => return,
    }
    parse.cluster.present.insert(DataSet::EndUsers);
    parse.cluster.end_users.push(user);
}

fn user_device(parse: &mut FileParse<'_>, row: &Row<'_>) {
    let (Some(user_id), Some(device)) = (row.text(&["userid"]), row.device()) else { return };
    if row.number(parse, "tkuserassociation").is_some_and(|a| a.value != 1) {
        return;
    }
    let mut user = EndUser::new(user_id, row.span);
    user.controlled_devices.push(device);
    parse.cluster.present.insert(DataSet::EndUsers);
    parse.cluster.end_users.push(user);
}

fn app_user_device(parse: &mut FileParse<'_>, row: &Row<'_>) {
    let (Some(name), Some(device)) = (row.text(APP_USER), row.device()) else { return };
    parse.cluster.present.insert(DataSet::AppUsers);
    parse.cluster.app_users.push(AppUser {
        name,
        controlled_devices: vec![device],
        controlled_profiles: Vec::new(),
        groups: Vec::new(),
        span: row.span,
    });
}
