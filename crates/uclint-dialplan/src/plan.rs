//! The dial plan of a cluster, built once: every pattern digit analysis matches, per partition,
//! indexed so that one analysis visits only the patterns that can match the dialed string.
//!
//! **What digit analysis matches** (dialplan.md §0, §1, §7): directory numbers (the lines of
//! phones and device profiles, the DNs exported as objects of their own, UCCX trigger DNs; "DNs
//! are patterns too", R28) and the route plan's route patterns, translation patterns and hunt
//! pilots. A DN is its pattern *and* its partition (R41): `9600:Dallas` and `9600:Texas` are two
//! entries. A DN's key is normalised with `+` as a literal (`uclint_model::DnKey`), so a leading
//! `+` is read back as `\+`; a route plan pattern keeps its text as exported.
//!
//! **Not analysed**: a pattern that [`Pattern::parse`] refuses (`@`, which is Cisco's
//! numbering-plan macro and not expanded, or a syntax error) is kept out of matching and listed
//! per partition as [`Unanalysed`] with the reason, so that every analysis searching that
//! partition can say what it did not consider rather than answer as if the pattern did not exist.
//!
//! **The index.** A megacluster has 100,000 DNs in a handful of partitions; scanning them all
//! for every dialed string (and for every string of a reachability rule run over every line)
//! would make analysis quadratic. Each partition keeps its patterns keyed by their literal prefix
//! ([`Pattern::literal_prefix`]: the characters before the first wildcard, `9011` for `9.011!`,
//! the whole number for a DN without wildcards). Every string a pattern matches starts with its
//! literal prefix, so the patterns that can match a dialed string `d` are exactly those filed
//! under a prefix of `d`: a lookup probes the `len(d) + 1` prefixes of `d` (the empty one holds
//! the patterns with no literal prefix, such as `[2-9]XXXXXX`) and tests only what it finds. The
//! keys are ordered (a `BTreeMap`), so "does some pattern need more digits than `d`" (the
//! interdigit-timeout question of digit-by-digit analysis, §4) is one range probe for a key that
//! extends `d`. Building is one pass over the records plus the ordered inserts
//! (`O(n log n)`, measured in the crate's `plan_scale` test).
//!
//! **Names** of calling search spaces and partitions are compared exactly as exported: no
//! source in dialplan.md or formats.md says CUCM compares them case-insensitively, and folding
//! case could join two that CUCM keeps apart.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use uclint_model::{
    CallingSearchSpace, Cluster, Device, DeviceKind, DialPattern, DirectoryNumber, DnKey, HuntList, PatternKind,
    RouteList, Span, Text, UccxTrigger,
};

use crate::{Pattern, PatternErrorKind};

/// How digit analysis reads the settings the sources disagree on (dialplan.md §3.3, §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// For CTI ports and CTI route points, search the device CSS before the line CSS, as the SRND
    /// says (R31). The default, `false`, puts the line CSS first, as for phones, which is what the
    /// UCCX 12.5 guide (R32) and a lab test (R31b) say. An analysis whose outcome depends on it
    /// says so ([`crate::Analysis::depends_on_cti_order`]).
    pub cti_device_css_first: bool,
    /// Which CSS "Use Originator's Calling Search Space" means when translations chain (E20).
    pub originator_css_chain: OriginatorCss,
}

/// Which CSS a translation pattern with "Use Originator's Calling Search Space" re-analyses with
/// when it is not the first translation of the call (dialplan.md §5, edge case E20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OriginatorCss {
    /// The CSS in effect when the translation pattern engaged: Cisco's wording, "the CSS in
    /// effect when the translation pattern was engaged" (R21), and public code (R44). In phone
    /// → TP1 → TP2, TP2 re-analyses with TP1's CSS.
    #[default]
    InEffect,
    /// The first originator's CSS (the calling device's), as a training blog describes it (R23).
    FirstOriginator,
}

/// What kind of dial plan entry a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    /// A directory number (a line, a CTI route point's or trigger's DN).
    DirectoryNumber,
    /// A route pattern.
    RoutePattern,
    /// A translation pattern.
    TranslationPattern,
    /// A hunt pilot.
    HuntPilot,
}

impl EntryKind {
    fn of(kind: PatternKind) -> EntryKind {
        match kind {
            PatternKind::RoutePattern => EntryKind::RoutePattern,
            PatternKind::TranslationPattern => EntryKind::TranslationPattern,
            PatternKind::HuntPilot => EntryKind::HuntPilot,
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntryKind::DirectoryNumber => "directory number",
            EntryKind::RoutePattern => "route pattern",
            EntryKind::TranslationPattern => "translation pattern",
            EntryKind::HuntPilot => "hunt pilot",
        })
    }
}

/// A device a directory number appears on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceRef {
    /// The device or profile name.
    pub name: Text,
    /// Phone (any device of the phone table) or device profile.
    pub kind: DeviceKind,
}

/// The record behind an [`Entry`].
#[derive(Debug, Clone)]
pub enum Record<'a> {
    /// A route pattern, translation pattern or hunt pilot.
    Pattern(&'a DialPattern),
    /// A directory number.
    Dn(DnRecord<'a>),
}

/// What the plan knows of a directory number.
#[derive(Debug, Clone)]
pub struct DnRecord<'a> {
    /// Pattern (`+` literal) and partition.
    pub key: DnKey,
    /// Every device with a line on it (phones, then device profiles, in export order; then
    /// devices the DN object lists that were not exported themselves).
    pub devices: Vec<DeviceRef>,
    /// The DN as an object of its own, if exported.
    pub number: Option<&'a DirectoryNumber>,
    /// The UCCX trigger with this DN, if any.
    pub trigger: Option<&'a UccxTrigger>,
    /// Whether a device it is on is a CTI route point (`Device.model` "CTI Route Point").
    pub cti_route_point: bool,
}

impl DnRecord<'_> {
    /// Whether a call that reaches this DN is handed to an application (a CTI route point or a
    /// UCCX trigger, dialplan.md §7, §8) rather than rung on phones.
    pub fn is_trigger(&self) -> bool {
        self.cti_route_point || self.trigger.is_some()
    }
}

/// One pattern digit analysis matches.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Directory number, route pattern, translation pattern or hunt pilot.
    pub kind: EntryKind,
    /// The pattern as written (a DN's with `\+` restored).
    pub text: Text,
    /// The partition; empty for `<None>`.
    pub partition: Text,
    /// The parsed pattern.
    pub pattern: Pattern,
    /// Where it was read: the pattern record, or the first line or DN object that gave the DN.
    pub span: Span,
    /// The record.
    pub record: Record<'a>,
}

/// A pattern kept out of matching, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanalysed {
    /// Directory number, route pattern, translation pattern or hunt pilot.
    pub kind: EntryKind,
    /// The pattern as written.
    pub text: Text,
    /// The partition; empty for `<None>`.
    pub partition: Text,
    /// Why it is not analysed: "uses @ (not expanded)", or "does not parse (at byte n: …)".
    pub reason: String,
    /// Where it was read.
    pub span: Span,
}

impl Unanalysed {
    /// The assumption an analysis that searched its partition records: "route pattern 9.@ in
    /// PT_PSTN uses @ (not expanded): not considered". The text is the export's: a renderer
    /// escapes it.
    pub fn assumption(&self) -> String {
        format!("{} {} in {} {}: not considered", self.kind, self.text, partition_display(&self.partition), self.reason)
    }
}

/// The partition as shown to users: its name, or `<None>`.
pub fn partition_display(partition: &str) -> &str {
    if partition.is_empty() {
        NONE
    } else {
        partition
    }
}

/// The model of a CTI route point (`Device.model`).
pub(crate) const CTI_ROUTE_POINT: &str = "CTI Route Point";
/// The model of a CTI port.
pub(crate) const CTI_PORT: &str = "CTI Port";

/// How the null partition and the null CSS are shown.
pub(crate) const NONE: &str = "<None>";

/// The index of an [`Entry`] in [`DialPlan::entries`].
pub type EntryId = usize;

/// The patterns of one partition, indexed by literal prefix (see the module docs).
#[derive(Debug, Default)]
struct PartitionIndex {
    /// Entries by literal prefix; the empty prefix holds the patterns that start with a
    /// wildcard. Each list is in entry order.
    by_prefix: BTreeMap<Box<str>, Vec<EntryId>>,
    /// Indices into [`DialPlan::unanalysed`].
    unanalysed: Vec<usize>,
}

/// The dial plan of one cluster, built once by [`DialPlan::new`] and shared by every analysis.
#[derive(Debug)]
pub struct DialPlan<'a> {
    pub(crate) cluster: &'a Cluster,
    pub(crate) settings: Settings,
    entries: Vec<Entry<'a>>,
    unanalysed: Vec<Unanalysed>,
    partitions: HashMap<Text, PartitionIndex>,
    /// Partitions the export lists (`cluster.partitions`), with their time schedule if any.
    known_partitions: HashMap<&'a str, Option<&'a str>>,
    css: HashMap<&'a str, &'a CallingSearchSpace>,
    devices: HashMap<&'a str, &'a Device>,
    numbers: HashMap<&'a DnKey, &'a DirectoryNumber>,
    route_lists: HashMap<&'a str, &'a RouteList>,
    hunt_lists: HashMap<&'a str, &'a HuntList>,
    dn_entries: HashMap<DnKey, EntryId>,
}

/// A DN being collected: its key, the devices seen, where it was first read.
struct DnBuild<'a> {
    key: DnKey,
    span: Span,
    devices: Vec<DeviceRef>,
    number: Option<&'a DirectoryNumber>,
    trigger: Option<&'a UccxTrigger>,
    cti_route_point: bool,
}

impl<'a> DialPlan<'a> {
    /// Builds the plan of `cluster`: parses every pattern once and indexes it by partition and
    /// literal prefix. Never fails: what does not parse is listed in [`DialPlan::unanalysed`].
    pub fn new(cluster: &'a Cluster, settings: Settings) -> DialPlan<'a> {
        let mut plan = DialPlan {
            cluster,
            settings,
            entries: Vec::new(),
            unanalysed: Vec::new(),
            partitions: HashMap::new(),
            known_partitions: cluster
                .partitions
                .iter()
                .map(|p| (p.name.value.as_str(), p.time_schedule.as_ref().map(|s| s.value.as_str())))
                .collect(),
            css: cluster.calling_search_spaces.iter().map(|c| (c.name.value.as_str(), c)).collect(),
            devices: HashMap::new(),
            numbers: cluster.directory_numbers.iter().map(|n| (&n.dn.value, n)).collect(),
            route_lists: cluster.route_lists.iter().map(|r| (r.name.value.as_str(), r)).collect(),
            hunt_lists: cluster.hunt_lists.iter().map(|h| (h.name.value.as_str(), h)).collect(),
            dn_entries: HashMap::new(),
        };
        // The first of a name wins, phones before profiles: a device profile with a phone's name
        // (which CUCM does not allow) does not hide the phone.
        for device in cluster.phones.iter().chain(&cluster.device_profiles) {
            plan.devices.entry(device.name.value.as_str()).or_insert(device);
        }
        for pattern in &cluster.dial_patterns {
            let kind = EntryKind::of(pattern.kind);
            plan.add(
                kind,
                pattern.pattern.value.clone(),
                &pattern.partition.value,
                pattern.span,
                Record::Pattern(pattern),
            );
        }
        for dn in plan.collect_dns() {
            let text = dn_text(&dn.key.pattern);
            let partition = dn.key.partition.clone();
            let key = dn.key.clone();
            let record = DnRecord {
                key: dn.key,
                devices: dn.devices,
                number: dn.number,
                trigger: dn.trigger,
                cti_route_point: dn.cti_route_point,
            };
            if let Some(id) = plan.add(EntryKind::DirectoryNumber, text, &partition, dn.span, Record::Dn(record)) {
                plan.dn_entries.insert(key, id);
            }
        }
        plan
    }

    /// Every DN, once per key, in a fixed order: lines of phones, lines of device profiles, DN
    /// objects, then trigger DNs on no line.
    fn collect_dns(&self) -> Vec<DnBuild<'a>> {
        let cluster = self.cluster;
        let mut order: Vec<DnBuild<'a>> = Vec::new();
        let mut seen: HashMap<&'a DnKey, usize> = HashMap::new();
        let mut slot = |key: &'a DnKey, span: Span, order: &mut Vec<DnBuild<'a>>| -> usize {
            *seen.entry(key).or_insert_with(|| {
                order.push(DnBuild {
                    key: key.clone(),
                    span,
                    devices: Vec::new(),
                    number: None,
                    trigger: None,
                    cti_route_point: false,
                });
                order.len() - 1
            })
        };
        for device in cluster.phones.iter().chain(&cluster.device_profiles) {
            let route_point = is_model(device, CTI_ROUTE_POINT);
            for line in &device.lines {
                let at = slot(&line.dn.value, line.dn.span, &mut order);
                let dn = &mut order[at];
                let device_ref = DeviceRef { name: device.name.value.clone(), kind: device.kind };
                if !dn.devices.contains(&device_ref) {
                    dn.devices.push(device_ref);
                }
                dn.cti_route_point |= route_point;
            }
        }
        for number in &cluster.directory_numbers {
            let at = slot(&number.dn.value, number.dn.span, &mut order);
            let dn = &mut order[at];
            dn.number = Some(number);
            for name in &number.associated_devices {
                if !dn.devices.iter().any(|d| d.name == name.value) {
                    let device = self.devices.get(name.value.as_str());
                    dn.devices.push(DeviceRef {
                        name: name.value.clone(),
                        kind: device.map_or(DeviceKind::Phone, |d| d.kind),
                    });
                    dn.cti_route_point |= device.is_some_and(|d| is_model(d, CTI_ROUTE_POINT));
                }
            }
        }
        // Trigger DNs. A trigger whose partition UCCX does not give marks every DN with its
        // pattern; with none, it cannot be placed in a partition and is not analysed. A trigger
        // DN on no exported line is an entry of its own.
        let mut by_pattern: HashMap<Text, Vec<usize>> = HashMap::new();
        if cluster.uccx_triggers.iter().any(|t| t.directory_number.value.partition.is_none()) {
            for (at, dn) in order.iter().enumerate() {
                by_pattern.entry(dn.key.pattern.clone()).or_default().push(at);
            }
        }
        let mut extra: Vec<DnBuild<'a>> = Vec::new();
        for trigger in &cluster.uccx_triggers {
            let dn = &trigger.directory_number.value;
            let Some(partition) = &dn.partition else {
                for &at in by_pattern.get(&dn.pattern).into_iter().flatten() {
                    order[at].trigger.get_or_insert(trigger);
                }
                continue;
            };
            let key = DnKey { pattern: dn.pattern.clone(), partition: partition.clone() };
            if let Some(&at) = seen.get(&key) {
                order[at].trigger.get_or_insert(trigger);
            } else if let Some(dn) = extra.iter_mut().find(|d| d.key == key) {
                dn.trigger.get_or_insert(trigger);
            } else {
                extra.push(DnBuild {
                    key,
                    span: trigger.directory_number.span,
                    devices: Vec::new(),
                    number: None,
                    trigger: Some(trigger),
                    cti_route_point: false,
                });
            }
        }
        order.extend(extra);
        order
    }

    /// Parses and files one pattern; returns its entry id, or `None` if it is not analysed.
    fn add(
        &mut self,
        kind: EntryKind,
        text: Text,
        partition: &Text,
        span: Span,
        record: Record<'a>,
    ) -> Option<EntryId> {
        let parsed = Pattern::parse(&text);
        let index = self.partitions.entry(partition.clone()).or_default();
        match parsed {
            Ok(pattern) => {
                let id = self.entries.len();
                index.by_prefix.entry(pattern.literal_prefix().into_boxed_str()).or_default().push(id);
                self.entries.push(Entry { kind, text, partition: partition.clone(), pattern, span, record });
                Some(id)
            }
            Err(error) => {
                index.unanalysed.push(self.unanalysed.len());
                self.unanalysed.push(Unanalysed {
                    kind,
                    text,
                    partition: partition.clone(),
                    reason: match error.kind {
                        PatternErrorKind::MacroNotExpanded => "uses @ (not expanded)".to_owned(),
                        _ => format!("does not parse ({error})"),
                    },
                    span,
                });
                None
            }
        }
    }

    /// Every analysed entry, in a fixed order: route plan patterns in export order, then DNs.
    pub fn entries(&self) -> &[Entry<'a>] {
        &self.entries
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: EntryId) -> Option<&Entry<'a>> {
        self.entries.get(id)
    }

    /// Every pattern kept out of matching, with the reason.
    pub fn unanalysed(&self) -> &[Unanalysed] {
        &self.unanalysed
    }

    /// The patterns of `partition` that were not analysed.
    pub fn unanalysed_in(&self, partition: &str) -> impl Iterator<Item = &Unanalysed> {
        self.partitions
            .get(partition)
            .into_iter()
            .flat_map(|index| index.unanalysed.iter().filter_map(|&i| self.unanalysed.get(i)))
    }

    /// The entries of `partition` that can match `dialed`: those filed under a prefix of it
    /// (not yet tested against it), in entry order.
    pub fn candidates(&self, partition: &str, dialed: &str) -> Vec<EntryId> {
        let Some(index) = self.partitions.get(partition) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        let mut ends: Vec<usize> = dialed.char_indices().map(|(at, _)| at).skip(1).collect();
        ends.insert(0, 0);
        ends.push(dialed.len());
        ends.dedup();
        for end in ends {
            if let Some(found) = index.by_prefix.get(&dialed[..end]) {
                ids.extend_from_slice(found);
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Whether `partition` holds a pattern whose literal prefix is longer than `dialed` and
    /// starts with it: a pattern that needs more digits than were dialed.
    pub(crate) fn has_longer_prefix(&self, partition: &str, dialed: &str) -> bool {
        let Some(index) = self.partitions.get(partition) else {
            return false;
        };
        index
            .by_prefix
            .range::<str, _>((std::ops::Bound::Excluded(dialed), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|(key, _)| key.starts_with(dialed))
    }

    /// Whether a partition of this name exists: the export lists it, or a pattern is in it.
    pub fn partition_exists(&self, partition: &str) -> bool {
        partition.is_empty() || self.known_partitions.contains_key(partition) || self.partitions.contains_key(partition)
    }

    /// The time schedule of a partition, if the export gives one.
    pub fn time_schedule(&self, partition: &str) -> Option<&'a str> {
        self.known_partitions.get(partition).copied().flatten().filter(|s| !s.trim().is_empty())
    }

    /// The calling search space of this name (compared exactly, see the module docs).
    pub fn css(&self, name: &str) -> Option<&'a CallingSearchSpace> {
        self.css.get(name).copied()
    }

    /// The phone or device profile of this name.
    pub fn device(&self, name: &str) -> Option<&'a Device> {
        self.devices.get(name).copied()
    }

    /// The DN object of this key, if exported.
    pub fn directory_number(&self, key: &DnKey) -> Option<&'a DirectoryNumber> {
        self.numbers.get(key).copied()
    }

    /// The entry of a directory number.
    pub fn dn_entry(&self, key: &DnKey) -> Option<EntryId> {
        self.dn_entries.get(key).copied()
    }

    /// The route list of this name.
    pub fn route_list(&self, name: &str) -> Option<&'a RouteList> {
        self.route_lists.get(name).copied()
    }

    /// The hunt list of this name.
    pub fn hunt_list(&self, name: &str) -> Option<&'a HuntList> {
        self.hunt_lists.get(name).copied()
    }

    /// The settings the plan was built with.
    pub fn settings(&self) -> Settings {
        self.settings
    }
}

/// Whether a device's model is `model` (case-insensitively, as the rules' catalog compares it).
pub(crate) fn is_model(device: &Device, model: &str) -> bool {
    device.model.as_ref().is_some_and(|m| m.value.trim().eq_ignore_ascii_case(model))
}

/// A DN's pattern as route-pattern syntax: the normalised key has `+` as a literal, the syntax
/// writes it `\+`.
fn dn_text(pattern: &str) -> Text {
    if pattern.contains('+') {
        Text::from(pattern.replace('+', "\\+"))
    } else {
        Text::from(pattern)
    }
}
