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
//! **Route plan patterns** (a few thousand even on a megacluster) are parsed once and each
//! partition keeps them keyed by their literal prefix ([`Pattern::literal_prefix`]: the
//! characters before the first wildcard, `9011` for `9.011!`). Every string a pattern matches
//! starts with its literal prefix, so the patterns that can match a dialed string `d` are exactly
//! those filed under a prefix of `d`: a lookup probes the `len(d) + 1` prefixes of `d` (the empty
//! one holds the patterns with no literal prefix, such as `[2-9]XXXXXX`) and tests only what it
//! finds. The keys are ordered (a `BTreeMap`), so "does some pattern need more digits than `d`"
//! (the interdigit-timeout question of digit-by-digit analysis, §4) is one range probe for a key
//! that extends `d`. DNs with wildcards (`600X`, rare) take the same path.
//!
//! **Directory numbers** are most of the plan: the megacluster export of the benchmarks
//! (`mega_dialplan.tar`: 162,436 devices, 563,021 line appearances, 562,935 distinct DNs) has a
//! hundred times more DNs than route plan patterns (4,292). Almost every DN is *literal* (digits,
//! `*`, `+`, a final `#`, see [`is_literal`]): it matches exactly the identical dialed string, once
//! (a count of 1, §2.2), so it is neither parsed nor indexed by prefix. What is kept per DN, in
//! first-seen order (lines of phones, lines of device profiles, DN objects, then trigger DNs on no
//! line: the order in which ties and alternates are listed), is what analysis needs:
//!
//! - its key and span, as a reference to the line's or DN object's cell in the cluster (16
//!   bytes); a trigger DN on no line or DN object (a handful) owns its key;
//! - its position in a hash table of (partition, digits), hashed from the borrowed strings, for
//!   the exact lookup of a dialed string (4 bytes a slot, sized once for every line: about 9
//!   bytes a DN);
//! - its digits packed 4 bits a character ([`packed`]) in its partition's sorted list (8 bytes,
//!   16 for the rare DN over 16 characters), for "does a DN need more digits than were dialed"
//!   (§4), one binary search;
//! - its devices as `(DN, device position)` pairs, 8 bytes a line, sorted once, turned into
//!   [`DeviceRef`]s only when an [`crate::Outcome`] names them ([`DialPlan::dn_devices`]);
//! - the few DNs on a CTI route point or of a UCCX trigger in small sorted lists; the DN object
//!   is looked up by key when asked for. DNs with wildcards keep their parsed [`Pattern`].
//!
//! That is about 33 bytes a DN and 8 a line, where a parsed pattern, cloned texts, a device list
//! of cloned names and an owned key in two maps took about 650: on that export, allocations
//! counted around [`DialPlan::new`] went from 348 MiB (436 MiB at the peak) to 24 MiB (28 MiB),
//! and the build from 0.71-0.79 s to 0.08-0.13 s (release build, a shared 2-vCPU machine).
//! Building is one pass over the lines, one sort of the appearances and one sort of packed
//! digits per partition (`O(n log n)`, the crate's `plan_scale` test), with no per-DN structure
//! thrown away. The device names and DN keys are borrowed in the same way: the device table
//! holds 4-byte positions.
//!
//! **Names** of calling search spaces and partitions are compared exactly as exported: no
//! source in dialplan.md or formats.md says CUCM compares them case-insensitively, and folding
//! case could join two that CUCM keeps apart.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::BuildHasher;

use hashbrown::hash_table::{self, HashTable};
use rustc_hash::{FxBuildHasher, FxHashMap};
use uclint_model::{
    CallingSearchSpace, Cluster, Device, DeviceKind, DialPattern, DirectoryNumber, DnKey, HuntList, PatternKind,
    RouteList, Span, Spanned, Text, UccxTrigger,
};

use crate::{Pattern, PatternError, PatternErrorKind, MAX_DIGITS};

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
#[derive(Debug, Clone, Copy)]
pub enum Record<'p> {
    /// A route pattern, translation pattern or hunt pilot.
    Pattern(&'p DialPattern),
    /// A directory number.
    Dn(DnRecord<'p>),
}

/// What the plan knows of a directory number. Its devices are listed by
/// [`DialPlan::dn_devices`], only when asked for (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct DnRecord<'p> {
    /// Pattern (`+` literal) and partition.
    pub key: &'p DnKey,
    /// The DN as an object of its own, if exported.
    pub number: Option<&'p DirectoryNumber>,
    /// The UCCX trigger with this DN, if any.
    pub trigger: Option<&'p UccxTrigger>,
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

/// One pattern digit analysis matches, as [`DialPlan::entry`] shows it: a view built on demand,
/// not stored (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct Entry<'p> {
    /// Directory number, route pattern, translation pattern or hunt pilot.
    pub kind: EntryKind,
    /// The partition; empty for `<None>`.
    pub partition: &'p Text,
    /// Where it was read: the pattern record, or the first line or DN object that gave the DN.
    pub span: Span,
    /// The record.
    pub record: Record<'p>,
    form: Form<'p>,
}

impl<'p> Entry<'p> {
    /// The pattern as written (a DN's with `\+` restored).
    pub fn text(&self) -> Text {
        match self.record {
            Record::Pattern(pattern) => pattern.pattern.value.clone(),
            Record::Dn(dn) => dn_text(&dn.key.pattern),
        }
    }

    /// The parsed pattern; `None` for a literal DN, which is not parsed (it matches only its own
    /// digits).
    pub fn pattern(&self) -> Option<&'p Pattern> {
        match self.form {
            Form::Parsed(pattern) => Some(pattern),
            Form::Literal(_) => None,
        }
    }

    /// Whether the entry matches the whole of `dialed` ([`Pattern::matches`]).
    pub fn matches(&self, dialed: &str) -> bool {
        self.form.matches(dialed)
    }

    /// How many strings of `len` characters the entry matches ([`Pattern::count`]).
    pub fn count(&self, len: usize) -> u128 {
        self.form.count(len)
    }
}

/// How an entry matches: a parsed pattern, or a literal DN's digits.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Form<'p> {
    /// A route plan pattern or a DN with wildcards.
    Parsed(&'p Pattern),
    /// A literal DN (see [`is_literal`]): exactly these characters.
    Literal(&'p str),
}

impl Form<'_> {
    /// [`Pattern::matches`].
    pub(crate) fn matches(self, dialed: &str) -> bool {
        match self {
            Form::Parsed(pattern) => pattern.matches(dialed),
            Form::Literal(digits) => digits == dialed,
        }
    }

    /// [`Pattern::count`]: a literal matches one string, of its own length.
    pub(crate) fn count(self, len: usize) -> u128 {
        match self {
            Form::Parsed(pattern) => pattern.count(len),
            Form::Literal(digits) => u128::from(digits.len() == len),
        }
    }

    /// [`Pattern::extends`]: a literal extends the strings it strictly starts with.
    pub(crate) fn extends(self, dialed: &str) -> bool {
        match self {
            Form::Parsed(pattern) => pattern.extends(dialed),
            Form::Literal(digits) => digits.len() > dialed.len() && digits.starts_with(dialed),
        }
    }
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

/// The id of an entry ([`DialPlan::entry`]): the analysed route plan patterns in export order,
/// then every DN in first-seen order (a DN that does not parse keeps its id, with no entry).
pub type EntryId = usize;

/// An analysed route pattern, translation pattern or hunt pilot.
#[derive(Debug)]
pub(crate) struct RouteEntry<'a> {
    pub(crate) kind: EntryKind,
    pub(crate) record: &'a DialPattern,
    pub(crate) pattern: Pattern,
}

/// Where a DN's key (and span) is held.
#[derive(Debug, Clone, Copy)]
enum DnSlot<'a> {
    /// A line's or DN object's, in the cluster: the first that gave the DN.
    Cluster(&'a Spanned<DnKey>),
    /// A trigger DN on no line or DN object: its position in [`DialPlan::trigger_keys`].
    Trigger(u32),
}

/// The patterns of one partition (see the module docs).
#[derive(Debug, Default)]
struct PartitionIndex {
    /// Route plan patterns and wildcard DNs by literal prefix; the empty prefix holds the
    /// patterns that start with a wildcard. Each list is in entry order.
    by_prefix: BTreeMap<Box<str>, Vec<EntryId>>,
    /// The partition's literal DNs of at most 16 characters, [`packed`] (the top 64 bits),
    /// sorted: nearly all of them, in 8 bytes each.
    literal: Vec<u64>,
    /// The longer literal DNs, [`packed`], sorted.
    long_literal: Vec<u128>,
    /// Indices into [`DialPlan::unanalysed`].
    unanalysed: Vec<usize>,
}

/// The dial plan of one cluster, built once by [`DialPlan::new`] and shared by every analysis.
#[derive(Debug)]
pub struct DialPlan<'a> {
    pub(crate) cluster: &'a Cluster,
    pub(crate) settings: Settings,
    /// Analysed route plan patterns: entry ids `0..routes.len()`.
    routes: Vec<RouteEntry<'a>>,
    /// Every DN, in first-seen order: entry id `routes.len() + position`.
    dns: Vec<DnSlot<'a>>,
    /// The keys of trigger DNs on no line or DN object.
    trigger_keys: Vec<Spanned<DnKey>>,
    /// (partition, digits) → position in `dns`, hashed by [`dn_hash`].
    dn_table: HashTable<u32>,
    /// `(DN position, device position)` of every line, sorted; a device position counts the
    /// phones, then the device profiles.
    appearances: Vec<(u32, u32)>,
    /// The DNs with wildcards that parse, by position (sorted).
    wildcards: Vec<(u32, Pattern)>,
    /// The DNs on a CTI route point (sorted positions).
    cti_route_points: Vec<u32>,
    /// The DNs of a UCCX trigger (sorted by position).
    triggers: Vec<(u32, &'a UccxTrigger)>,
    unanalysed: Vec<Unanalysed>,
    partitions: FxHashMap<Text, PartitionIndex>,
    /// Partitions the export lists (`cluster.partitions`), with their time schedule if any.
    known_partitions: FxHashMap<&'a str, Option<&'a str>>,
    css: FxHashMap<&'a str, &'a CallingSearchSpace>,
    /// Device name → device position (phones, then device profiles), the first of a name.
    devices: HashTable<u32>,
    numbers: FxHashMap<&'a DnKey, &'a DirectoryNumber>,
    route_lists: FxHashMap<&'a str, &'a RouteList>,
    hunt_lists: FxHashMap<&'a str, &'a HuntList>,
}

/// The hash of a DN key in [`DialPlan::dn_table`], from borrowed strings.
fn dn_hash(partition: &str, pattern: &str) -> u64 {
    FxBuildHasher.hash_one((partition, pattern))
}

/// The key of the DN at `at`, from the slots and the owned trigger keys.
fn slot_key<'k>(dns: &[DnSlot<'k>], trigger_keys: &'k [Spanned<DnKey>], at: u32) -> Option<&'k Spanned<DnKey>> {
    match *dns.get(at as usize)? {
        DnSlot::Cluster(key) => Some(key),
        DnSlot::Trigger(at) => trigger_keys.get(at as usize),
    }
}

/// The device at `position` of the phones, then the device profiles.
fn device_at(cluster: &Cluster, position: u32) -> Option<&Device> {
    let position = position as usize;
    match position.checked_sub(cluster.phones.len()) {
        None => cluster.phones.get(position),
        Some(at) => cluster.device_profiles.get(at),
    }
}

/// The DNs being numbered while the plan is built.
struct DnBuilder<'a> {
    dns: Vec<DnSlot<'a>>,
    trigger_keys: Vec<Spanned<DnKey>>,
    table: HashTable<u32>,
}

impl<'a> DnBuilder<'a> {
    /// The position of the DN with `partition` and `pattern`, if numbered.
    fn find(&self, partition: &str, pattern: &str) -> Option<u32> {
        let (dns, trigger_keys) = (&self.dns, &self.trigger_keys[..]);
        self.table
            .find(dn_hash(partition, pattern), |&at| {
                slot_key(dns, trigger_keys, at)
                    .is_some_and(|k| k.value.partition == partition && k.value.pattern == pattern)
            })
            .copied()
    }

    /// The position of the DN of `slot` (whose key is `key`), numbering it if it is new.
    fn number(&mut self, key: &DnKey, slot: impl FnOnce(&mut Vec<Spanned<DnKey>>) -> DnSlot<'a>) -> u32 {
        let hash = dn_hash(&key.partition, &key.pattern);
        let (dns, trigger_keys) = (&self.dns, &self.trigger_keys[..]);
        let entry = self.table.entry(
            hash,
            |&at| slot_key(dns, trigger_keys, at).is_some_and(|k| k.value == *key),
            |&at| slot_key(dns, trigger_keys, at).map_or(0, |k| dn_hash(&k.value.partition, &k.value.pattern)),
        );
        match entry {
            hash_table::Entry::Occupied(held) => *held.get(),
            hash_table::Entry::Vacant(vacant) => {
                let at = u32::try_from(self.dns.len()).unwrap_or(u32::MAX);
                vacant.insert(at);
                let made = slot(&mut self.trigger_keys);
                self.dns.push(made);
                at
            }
        }
    }
}

impl<'a> DialPlan<'a> {
    /// Builds the plan of `cluster`: parses every route plan pattern once and indexes it by
    /// partition and literal prefix, and numbers every DN (see the module docs). Never fails:
    /// what does not parse is listed in [`DialPlan::unanalysed`].
    pub fn new(cluster: &'a Cluster, settings: Settings) -> DialPlan<'a> {
        let mut plan = DialPlan {
            cluster,
            settings,
            routes: Vec::with_capacity(cluster.dial_patterns.len()),
            dns: Vec::new(),
            trigger_keys: Vec::new(),
            dn_table: HashTable::new(),
            appearances: Vec::new(),
            wildcards: Vec::new(),
            cti_route_points: Vec::new(),
            triggers: Vec::new(),
            unanalysed: Vec::new(),
            partitions: FxHashMap::default(),
            known_partitions: cluster
                .partitions
                .iter()
                .map(|p| (p.name.value.as_str(), p.time_schedule.as_ref().map(|s| s.value.as_str())))
                .collect(),
            css: cluster.calling_search_spaces.iter().map(|c| (c.name.value.as_str(), c)).collect(),
            devices: HashTable::with_capacity(cluster.phones.len() + cluster.device_profiles.len()),
            numbers: cluster.directory_numbers.iter().map(|n| (&n.dn.value, n)).collect(),
            route_lists: cluster.route_lists.iter().map(|r| (r.name.value.as_str(), r)).collect(),
            hunt_lists: cluster.hunt_lists.iter().map(|h| (h.name.value.as_str(), h)).collect(),
        };
        // The first of a name wins, phones before profiles: a device profile with a phone's name
        // (which CUCM does not allow) does not hide the phone.
        for (position, device) in cluster.phones.iter().chain(&cluster.device_profiles).enumerate() {
            let name = device.name.value.as_str();
            let of = |at: &u32| device_at(cluster, *at).map_or("", |d| d.name.value.as_str());
            if let hash_table::Entry::Vacant(vacant) = plan.devices.entry(
                FxBuildHasher.hash_one(name),
                |at| of(at) == name,
                |at| FxBuildHasher.hash_one(of(at)),
            ) {
                vacant.insert(u32::try_from(position).unwrap_or(u32::MAX));
            }
        }
        for pattern in &cluster.dial_patterns {
            let kind = EntryKind::of(pattern.kind);
            let index = plan.partitions.entry(pattern.partition.value.clone()).or_default();
            match Pattern::parse(&pattern.pattern.value) {
                Ok(parsed) => {
                    index
                        .by_prefix
                        .entry(parsed.literal_prefix().into_boxed_str())
                        .or_default()
                        .push(plan.routes.len());
                    plan.routes.push(RouteEntry { kind, record: pattern, pattern: parsed });
                }
                Err(error) => {
                    index.unanalysed.push(plan.unanalysed.len());
                    plan.unanalysed.push(not_analysed(
                        kind,
                        pattern.pattern.value.clone(),
                        &pattern.partition.value,
                        pattern.span,
                        &error,
                    ));
                }
            }
        }
        plan.number_dns();
        plan.index_dns();
        plan
    }

    /// Numbers every DN once per key, in a fixed order (lines of phones, lines of device
    /// profiles, DN objects, then trigger DNs on no line), with its appearances, CTI route point
    /// flag and trigger.
    fn number_dns(&mut self) {
        let cluster = self.cluster;
        let lines: usize = cluster.phones.iter().chain(&cluster.device_profiles).map(|d| d.lines.len()).sum();
        // Room for every line's DN at once: growing the table would hash every key again.
        let room = lines + cluster.directory_numbers.len();
        let mut dns = DnBuilder {
            dns: Vec::with_capacity(room),
            trigger_keys: Vec::new(),
            table: HashTable::with_capacity(room),
        };
        let mut appearances: Vec<(u32, u32)> = Vec::with_capacity(lines);
        let mut cti_route_points: Vec<u32> = Vec::new();
        for (position, device) in cluster.phones.iter().chain(&cluster.device_profiles).enumerate() {
            let position = u32::try_from(position).unwrap_or(u32::MAX);
            let route_point = is_model(device, CTI_ROUTE_POINT);
            for line in &device.lines {
                let at = dns.number(&line.dn.value, |_| DnSlot::Cluster(&line.dn));
                appearances.push((at, position));
                if route_point {
                    cti_route_points.push(at);
                }
            }
        }
        appearances.sort_unstable();
        appearances.dedup();
        self.appearances = appearances;
        for number in &cluster.directory_numbers {
            let at = dns.number(&number.dn.value, |_| DnSlot::Cluster(&number.dn));
            // A device the DN object lists is one of its devices unless a line already gave a
            // device of that name: a CTI route point so listed marks the DN.
            for name in &number.associated_devices {
                let Some(device) = self.device(&name.value) else { continue };
                if is_model(device, CTI_ROUTE_POINT) && !self.line_devices(at).any(|d| d.name.value == name.value) {
                    cti_route_points.push(at);
                }
            }
        }
        cti_route_points.sort_unstable();
        cti_route_points.dedup();
        self.cti_route_points = cti_route_points;
        // Trigger DNs. A trigger whose partition UCCX does not give marks every DN with its
        // pattern (not the trigger DNs on no line); with none, it cannot be placed in a partition
        // and is not analysed. A trigger DN on no exported line is an entry of its own. A DN takes
        // the first trigger that names it.
        let before_triggers = dns.dns.len();
        let mut triggers: Vec<(u32, u32)> = Vec::new();
        let mut unplaced: FxHashMap<&str, u32> = FxHashMap::default();
        for (order, trigger) in cluster.uccx_triggers.iter().enumerate() {
            let order = u32::try_from(order).unwrap_or(u32::MAX);
            let dn = &trigger.directory_number.value;
            let Some(partition) = &dn.partition else {
                unplaced.entry(dn.pattern.as_str()).or_insert(order);
                continue;
            };
            let at = match dns.find(partition, &dn.pattern) {
                Some(at) => at,
                None => {
                    let key = DnKey { pattern: dn.pattern.clone(), partition: partition.clone() };
                    let span = trigger.directory_number.span;
                    dns.number(&key.clone(), move |owned| {
                        owned.push(Spanned::new(key, span));
                        DnSlot::Trigger(u32::try_from(owned.len() - 1).unwrap_or(u32::MAX))
                    })
                }
            };
            triggers.push((at, order));
        }
        if !unplaced.is_empty() {
            for at in 0..before_triggers {
                let at = u32::try_from(at).unwrap_or(u32::MAX);
                let Some(key) = slot_key(&dns.dns, &dns.trigger_keys, at) else { continue };
                if let Some(&order) = unplaced.get(key.value.pattern.as_str()) {
                    triggers.push((at, order));
                }
            }
        }
        triggers.sort_unstable();
        triggers.dedup_by_key(|(at, _)| *at);
        self.triggers = triggers
            .into_iter()
            .filter_map(|(at, order)| Some((at, cluster.uccx_triggers.get(order as usize)?)))
            .collect();
        self.dns = dns.dns;
        self.dns.shrink_to_fit();
        self.trigger_keys = dns.trigger_keys;
        self.dn_table = dns.table;
    }

    /// Files every DN in its partition: a literal one in the partition's sorted list, one with
    /// wildcards by literal prefix, one that does not parse as unanalysed.
    fn index_dns(&mut self) {
        let offset = self.routes.len();
        let mut current: Option<(&Text, &mut PartitionIndex)> = None;
        let mut wildcards = Vec::new();
        for at in 0..self.dns.len() {
            let position = u32::try_from(at).unwrap_or(u32::MAX);
            let Some(key) = slot_key(&self.dns, &self.trigger_keys, position) else { continue };
            let partition = &key.value.partition;
            let index = match current.take() {
                Some((name, index)) if name == partition => index,
                _ => self.partitions.entry(partition.clone()).or_default(),
            };
            let pattern = &key.value.pattern;
            if is_literal(pattern) {
                let key = packed(pattern);
                if pattern.len() <= 16 {
                    index.literal.push((key >> 64) as u64);
                } else {
                    index.long_literal.push(key);
                }
            } else {
                let text = dn_text(pattern);
                match Pattern::parse(&text) {
                    Ok(parsed) => {
                        index.by_prefix.entry(parsed.literal_prefix().into_boxed_str()).or_default().push(offset + at);
                        wildcards.push((position, parsed));
                    }
                    Err(error) => {
                        index.unanalysed.push(self.unanalysed.len());
                        self.unanalysed.push(not_analysed(
                            EntryKind::DirectoryNumber,
                            text,
                            partition,
                            key.span,
                            &error,
                        ));
                    }
                }
            }
            current = Some((partition, index));
        }
        self.wildcards = wildcards;
        for index in self.partitions.values_mut() {
            index.literal.sort_unstable();
            index.literal.shrink_to_fit();
            index.long_literal.sort_unstable();
            index.long_literal.shrink_to_fit();
        }
    }

    /// The devices with a line on the DN at `at`, in device order, a device once per line.
    fn line_devices(&self, at: u32) -> impl Iterator<Item = &'a Device> + '_ {
        let cluster = self.cluster;
        let start = self.appearances.partition_point(|&(dn, _)| dn < at);
        self.appearances[start..]
            .iter()
            .take_while(move |&&(dn, _)| dn == at)
            .filter_map(move |&(_, device)| device_at(cluster, device))
    }

    /// The key (and span) of the DN at `at`.
    fn dn_key(&self, at: u32) -> Option<&Spanned<DnKey>> {
        slot_key(&self.dns, &self.trigger_keys, at)
    }

    /// The position in `dns` of an entry id, if it is a DN's.
    fn dn_position(&self, id: EntryId) -> Option<u32> {
        id.checked_sub(self.routes.len())
            .and_then(|at| u32::try_from(at).ok())
            .filter(|&at| (at as usize) < self.dns.len())
    }

    /// How the entry `id` matches, if it is analysed.
    pub(crate) fn form(&self, id: EntryId) -> Option<Form<'_>> {
        if let Some(route) = self.routes.get(id) {
            return Some(Form::Parsed(&route.pattern));
        }
        let at = self.dn_position(id)?;
        let pattern = &self.dn_key(at)?.value.pattern;
        if is_literal(pattern) {
            return Some(Form::Literal(pattern));
        }
        let found = self.wildcards.binary_search_by_key(&at, |(w, _)| *w).ok()?;
        self.wildcards.get(found).map(|(_, pattern)| Form::Parsed(pattern))
    }

    /// The route plan pattern with entry id `id`.
    pub(crate) fn route(&self, id: EntryId) -> Option<&RouteEntry<'a>> {
        self.routes.get(id)
    }

    /// Whether the entry `id` is an urgent pattern (DN urgency is not in the model).
    pub(crate) fn is_urgent(&self, id: EntryId) -> bool {
        self.routes.get(id).is_some_and(|r| r.record.is_urgent())
    }

    /// Every analysed entry with its id, in a fixed order: route plan patterns in export order,
    /// then DNs in first-seen order.
    pub fn entries(&self) -> impl Iterator<Item = (EntryId, Entry<'_>)> {
        (0..self.routes.len() + self.dns.len()).filter_map(|id| Some((id, self.entry(id)?)))
    }

    /// The entry with id `id`; `None` if there is none or it is not analysed.
    pub fn entry(&self, id: EntryId) -> Option<Entry<'_>> {
        let form = self.form(id)?;
        if let Some(route) = self.routes.get(id) {
            let record = route.record;
            return Some(Entry {
                kind: route.kind,
                partition: &record.partition.value,
                span: record.span,
                record: Record::Pattern(record),
                form,
            });
        }
        let at = self.dn_position(id)?;
        let key = self.dn_key(at)?;
        Some(Entry {
            kind: EntryKind::DirectoryNumber,
            partition: &key.value.partition,
            span: key.span,
            record: Record::Dn(DnRecord {
                key: &key.value,
                number: self.directory_number(&key.value),
                trigger: self.trigger_of(at),
                cti_route_point: self.cti_route_points.binary_search(&at).is_ok(),
            }),
            form,
        })
    }

    /// The trigger of the DN at `at`.
    fn trigger_of(&self, at: u32) -> Option<&'a UccxTrigger> {
        let found = self.triggers.binary_search_by_key(&at, |(t, _)| *t).ok()?;
        self.triggers.get(found).map(|(_, trigger)| *trigger)
    }

    /// Every device the DN of entry `id` appears on: phones, then device profiles, in export
    /// order; then devices its DN object lists that were not exported themselves (or not with a
    /// line on it). Empty for an entry that is not a DN.
    pub fn dn_devices(&self, id: EntryId) -> Vec<DeviceRef> {
        let Some(at) = self.dn_position(id) else { return Vec::new() };
        let mut devices: Vec<DeviceRef> = Vec::new();
        for device in self.line_devices(at) {
            let device = DeviceRef { name: device.name.value.clone(), kind: device.kind };
            if !devices.contains(&device) {
                devices.push(device);
            }
        }
        let number = self.dn_key(at).and_then(|key| self.directory_number(&key.value));
        for name in number.into_iter().flat_map(|n| &n.associated_devices) {
            if !devices.iter().any(|d| d.name == name.value) {
                let kind = self.device(&name.value).map_or(DeviceKind::Phone, |d| d.kind);
                devices.push(DeviceRef { name: name.value.clone(), kind });
            }
        }
        devices
    }

    /// The key (and span) of the DN of entry `id`, analysed or not.
    pub(crate) fn dn_key_of(&self, id: EntryId) -> Option<&Spanned<DnKey>> {
        self.dn_key(self.dn_position(id)?)
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

    /// The entries of `partition` that can match `dialed`, in entry order: the patterns filed
    /// under a prefix of it (not yet tested against it) and the literal DN with exactly its
    /// digits.
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
        if let Some(at) = self.literal_dn(partition, dialed) {
            ids.push(self.routes.len() + at as usize);
        }
        ids.sort_unstable();
        ids
    }

    /// The position of the literal DN of `partition` whose digits are `dialed`.
    fn literal_dn(&self, partition: &str, dialed: &str) -> Option<u32> {
        if !is_literal(dialed) {
            return None;
        }
        self.dn_table
            .find(dn_hash(partition, dialed), |&at| {
                self.dn_key(at).is_some_and(|k| k.value.partition == partition && k.value.pattern == dialed)
            })
            .copied()
    }

    /// Whether `partition` holds a pattern whose literal prefix is longer than `dialed` and
    /// starts with it (a literal DN's prefix is its digits): a pattern that needs more digits
    /// than were dialed.
    pub(crate) fn has_longer_prefix(&self, partition: &str, dialed: &str) -> bool {
        let Some(index) = self.partitions.get(partition) else {
            return false;
        };
        let pattern = index
            .by_prefix
            .range::<str, _>((std::ops::Bound::Excluded(dialed), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|(key, _)| key.starts_with(dialed));
        pattern || extends_literal(&index.literal, &index.long_literal, dialed)
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
        let cluster = self.cluster;
        let at = self
            .devices
            .find(FxBuildHasher.hash_one(name), |&at| device_at(cluster, at).is_some_and(|d| d.name.value == name))?;
        device_at(cluster, *at)
    }

    /// The DN object of this key, if exported.
    pub fn directory_number(&self, key: &DnKey) -> Option<&'a DirectoryNumber> {
        self.numbers.get(key).copied()
    }

    /// The entry of a directory number; `None` if the plan has none or it is not analysed.
    pub fn dn_entry(&self, key: &DnKey) -> Option<EntryId> {
        let at = self
            .dn_table
            .find(dn_hash(&key.partition, &key.pattern), |&at| self.dn_key(at).is_some_and(|k| k.value == *key))
            .copied()?;
        let id = self.routes.len() + at as usize;
        self.form(id).map(|_| id)
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

/// A pattern kept out of matching, with the reason [`Pattern::parse`] gave.
fn not_analysed(kind: EntryKind, text: Text, partition: &Text, span: Span, error: &PatternError) -> Unanalysed {
    Unanalysed {
        kind,
        text,
        partition: partition.clone(),
        reason: match error.kind {
            PatternErrorKind::MacroNotExpanded => "uses @ (not expanded)".to_owned(),
            _ => format!("does not parse ({error})"),
        },
        span,
    }
}

/// Whether a DN's pattern (`+` literal) is one dialable string: only `0`-`9`, `*`, `+` and a
/// final `#`, at most [`MAX_DIGITS`] of them. [`Pattern::parse`] of its text would give one
/// single-symbol element per character, which matches exactly that string; the crate's tests
/// check the two agree.
pub(crate) fn is_literal(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_DIGITS
        && bytes
            .iter()
            .enumerate()
            .all(|(at, &c)| matches!(c, b'0'..=b'9' | b'*' | b'+') || (c == b'#' && at + 1 == bytes.len()))
}

/// A literal DN's digits as a number that sorts the DNs that start with a string together: four
/// bits per character from the top (`0`-`9`, `*`, `#`, `+` as 1 to 13), zero after the last.
/// [`is_literal`] keeps a literal within [`MAX_DIGITS`] characters, 96 bits.
fn packed(digits: &str) -> u128 {
    let mut key = 0u128;
    for (at, c) in digits.bytes().take(MAX_DIGITS).enumerate() {
        let code = match c {
            b'0'..=b'9' => c - b'0' + 1,
            b'*' => 11,
            b'#' => 12,
            _ => 13,
        };
        key |= u128::from(code) << (124 - 4 * at);
    }
    key
}

/// Whether a literal DN of `short` or `long` (see [`PartitionIndex`]) is longer than `dialed`
/// and starts with it: the packed literals that start with `dialed` lie after `packed(dialed)`,
/// up to the same with every later character at its highest.
fn extends_literal(short: &[u64], long: &[u128], dialed: &str) -> bool {
    // A literal's characters before its last are `0`-`9`, `*` and `+`: it extends no other string.
    if dialed.len() >= MAX_DIGITS || !dialed.bytes().all(|c| matches!(c, b'0'..=b'9' | b'*' | b'+')) {
        return false;
    }
    let low = packed(dialed);
    let high = low | (u128::MAX >> (4 * dialed.len()));
    let after = long.partition_point(|&key| key <= low);
    if long.get(after).is_some_and(|&key| key <= high) {
        return true;
    }
    if dialed.len() >= 16 {
        return false;
    }
    let (low, high) = ((low >> 64) as u64, (high >> 64) as u64);
    let after = short.partition_point(|&key| key <= low);
    short.get(after).is_some_and(|&key| key <= high)
}

/// Whether a device's model is `model` (case-insensitively, as the rules' catalog compares it).
pub(crate) fn is_model(device: &Device, model: &str) -> bool {
    device.model.as_ref().is_some_and(|m| m.value.trim().eq_ignore_ascii_case(model))
}

/// A DN's pattern as route-pattern syntax: the normalised key has `+` as a literal, the syntax
/// writes it `\+`.
pub(crate) fn dn_text(pattern: &Text) -> Text {
    if pattern.contains('+') {
        Text::from(pattern.as_str().replace('+', "\\+"))
    } else {
        pattern.clone()
    }
}
