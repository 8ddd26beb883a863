//! Lookup tables over a [`Cluster`], built once per run so that no rule scans pairwise.
//!
//! Every table maps a name or DN key to positions in the cluster's vectors; building it is
//! linear in the number of objects and lines.

use std::hash::{BuildHasher, Hash};

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::{
    AppUser, Cluster, CommonDeviceConfig, Device, DirectoryNumber, DnKey, DnRef, EndUser, Line, LineGroup, Spanned,
};

/// One appearance of a DN on a device: the device and the line.
#[derive(Clone, Copy, Debug)]
pub struct LineAppearance<'a> {
    /// The phone or device profile.
    pub device: &'a Device,
    /// The line on it.
    pub line: &'a Line,
}

/// A line group that has a DN key as a member, with the member's cell.
#[derive(Clone, Copy, Debug)]
pub struct LineGroupMember<'a> {
    /// The line group.
    pub group: &'a LineGroup,
    /// The group's first member cell with the key.
    pub member: &'a Spanned<DnKey>,
}

/// A directory number's dense id in a [`ClusterIndex`]: DN keys found on devices are numbered
/// in first-seen order (phones, then device profiles, each in line order), so that rules can
/// walk every DN, or compare DNs, without hashing the key again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DnId(u32);

/// No id: the end of a chain in [`DnTables::pattern_next`].
const NONE: u32 = u32::MAX;

fn fx_hash<K: Hash + ?Sized>(key: &K) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// A hash table of positions (`u32`) whose keys are read from the items they point at, so that
/// each entry is 4 bytes rather than a key reference and a value (16 to 24 bytes). On a
/// megacluster the DN and name tables hold a million entries, and the merge of the big lists
/// (phones, device profiles, end users) one per record. `key_of` gives the key of the item at a
/// position held.
#[derive(Debug, Default)]
pub struct PositionTable(HashTable<u32>);

impl PositionTable {
    /// An empty table with room for `capacity` positions.
    pub fn with_capacity(capacity: usize) -> Self {
        PositionTable(HashTable::with_capacity(capacity))
    }

    /// Makes room for `additional` more positions.
    pub fn reserve<'k, K: Hash + ?Sized + 'k>(&mut self, additional: usize, key_of: impl Fn(u32) -> &'k K) {
        self.0.reserve(additional, |&p| fx_hash(key_of(p)));
    }

    /// Forgets every position, keeping the room.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The position held for `key`, after holding `position` for it if it had none.
    pub fn insert<'k, K: Hash + Eq + ?Sized + 'k>(
        &mut self,
        key: &K,
        position: u32,
        key_of: impl Fn(u32) -> &'k K,
    ) -> u32 {
        let entry = self.0.entry(fx_hash(key), |&p| key_of(p) == key, |&p| fx_hash(key_of(p)));
        match entry {
            Entry::Occupied(held) => *held.get(),
            Entry::Vacant(vacant) => *vacant.insert(position).get(),
        }
    }

    /// The position held for `key`.
    pub fn get<'k, K: Hash + Eq + ?Sized + 'k>(&self, key: &K, key_of: impl Fn(u32) -> &'k K) -> Option<u32> {
        self.0.find(fx_hash(key), |&p| key_of(p) == key).copied()
    }
}

/// Indexes over a cluster. Lists keep the cluster's order, so results are deterministic.
///
/// Line appearances are stored flat, grouped by [`DnId`] (one allocation for all of them), and
/// each DN key is hashed once, when the index is built.
#[derive(Debug)]
pub struct ClusterIndex<'a> {
    dns: DnTables<'a>,
    names: NameTables<'a>,
}

/// The DN tables of a [`ClusterIndex`]. Every per-DN vector is sized once, from the number of
/// lines, and the hash tables hold numbers, not keys.
#[derive(Debug)]
struct DnTables<'a> {
    /// DN key → id (keys read from `dn_keys`).
    ids: PositionTable,
    /// The key of each id.
    dn_keys: Vec<&'a DnKey>,
    /// `appearances[appearance_starts[id]..appearance_starts[id + 1]]` are the id's appearances.
    appearance_starts: Vec<u32>,
    appearances: Vec<LineAppearance<'a>>,
    /// How many distinct devices carry each id.
    device_counts: Vec<u32>,
    /// Pattern → the first id with that pattern (patterns read from `dn_keys`).
    patterns: PositionTable,
    /// The first id of each pattern, in first-seen order of patterns.
    pattern_firsts: Vec<u32>,
    /// For each id, the next id with the same pattern (another partition), or [`NONE`].
    pattern_next: Vec<u32>,
}

impl<'a> DnTables<'a> {
    /// Numbers the DN keys and groups the line appearances by DN: one pass over the lines to
    /// give ids in first-seen order and count, then the patterns chained on one thread while the
    /// other places each appearance in its DN's slot.
    fn build(cluster: &'a Cluster) -> Self {
        let devices = || cluster.phones.iter().chain(&cluster.device_profiles);
        let line_count: usize = devices().map(|d| d.lines.len()).sum();
        let mut ids = PositionTable::with_capacity(line_count);
        let mut dn_keys: Vec<&DnKey> = Vec::new();
        let mut device_counts: Vec<u32> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut last_device: Vec<u32> = Vec::new();
        let mut line_ids: Vec<u32> = Vec::with_capacity(line_count);
        for (position, device) in devices().enumerate() {
            for line in &device.lines {
                let key = &line.dn.value;
                let next = dn_keys.len() as u32;
                let id = ids.insert(key, next, |n| dn_keys[n as usize]);
                if id == next {
                    dn_keys.push(key);
                    counts.push(0);
                    last_device.push(NONE);
                    device_counts.push(0);
                }
                let i = id as usize;
                counts[i] += 1;
                if last_device[i] != position as u32 {
                    last_device[i] = position as u32;
                    device_counts[i] += 1;
                }
                line_ids.push(id);
            }
        }
        drop(last_device);
        let ((patterns, pattern_firsts, pattern_next), (appearance_starts, appearances)) =
            rayon::join(|| chain_patterns(&dn_keys), || place_appearances(devices, line_ids, counts));
        DnTables { ids, dn_keys, appearance_starts, appearances, device_counts, patterns, pattern_firsts, pattern_next }
    }

    /// The ids with the same pattern as `first` (the first id of its pattern), in order.
    fn pattern_chain(&self, first: u32) -> impl Iterator<Item = DnId> + '_ {
        std::iter::successors(Some(first), |&id| Some(self.pattern_next[id as usize]).filter(|&n| n != NONE)).map(DnId)
    }
}

/// The pattern table of the DN keys (numbered by id): each pattern's first id, the first ids
/// in first-seen order of patterns, and for each id the next one with its pattern.
fn chain_patterns(dn_keys: &[&DnKey]) -> (PositionTable, Vec<u32>, Vec<u32>) {
    let mut patterns = PositionTable::with_capacity(dn_keys.len());
    let mut pattern_firsts: Vec<u32> = Vec::new();
    let mut pattern_next: Vec<u32> = vec![NONE; dn_keys.len()];
    // The last id of each pattern's chain, by the chain's first id.
    let mut pattern_last: FxHashMap<u32, u32> = FxHashMap::default();
    for (id, key) in dn_keys.iter().enumerate() {
        let id = id as u32;
        let first = patterns.insert(key.pattern.as_str(), id, |id| dn_keys[id as usize].pattern.as_str());
        if first == id {
            pattern_firsts.push(id);
        } else {
            let last = pattern_last.entry(first).or_insert(first);
            pattern_next[*last as usize] = id;
            *last = id;
        }
    }
    (patterns, pattern_firsts, pattern_next)
}

/// Every line appearance grouped by DN id (a counting sort: `line_ids` gives each line's id in
/// cluster order, `counts` each id's number of lines), with the start of each id's group.
fn place_appearances<'a, I: Iterator<Item = &'a Device>>(
    devices: impl Fn() -> I,
    line_ids: Vec<u32>,
    counts: Vec<u32>,
) -> (Vec<u32>, Vec<LineAppearance<'a>>) {
    // `appearance_starts[id]` is first the id's next free slot, then (once every appearance is
    // placed) the end of its slots, shifted back into starts below.
    let mut appearance_starts: Vec<u32> = Vec::with_capacity(counts.len() + 1);
    let mut total = 0u32;
    for count in &counts {
        appearance_starts.push(total);
        total += count;
    }
    appearance_starts.push(total);
    drop(counts);
    let mut appearances = Vec::new();
    let placeholder = devices().find_map(|d| d.lines.first().map(|line| LineAppearance { device: d, line }));
    if let Some(placeholder) = placeholder {
        appearances.resize(total as usize, placeholder);
    }
    let mut ids = line_ids.into_iter();
    for device in devices() {
        for line in &device.lines {
            let Some(id) = ids.next() else { break };
            let slot = &mut appearance_starts[id as usize];
            appearances[*slot as usize] = LineAppearance { device, line };
            *slot += 1;
        }
    }
    let ids = appearance_starts.len() - 1;
    appearance_starts.copy_within(0..ids, 1);
    appearance_starts[0] = 0;
    (appearance_starts, appearances)
}

/// The by-name tables of a [`ClusterIndex`]: positions in the cluster's vectors, found by the
/// name the item carries.
#[derive(Debug)]
struct NameTables<'a> {
    cluster: &'a Cluster,
    /// Phones first, then device profiles (positions past the phones).
    devices: PositionTable,
    users: PositionTable,
    app_users: PositionTable,
    cdcs: PositionTable,
    line_group_members: FxHashMap<&'a DnKey, Vec<LineGroupMember<'a>>>,
    directory_numbers: FxHashMap<&'a DnKey, &'a DirectoryNumber>,
}

impl<'a> NameTables<'a> {
    /// Builds the tables by name (and the DN-keyed tables of line groups and `getLine`).
    fn build(cluster: &'a Cluster) -> Self {
        let mut devices = PositionTable::with_capacity(cluster.phones.len() + cluster.device_profiles.len());
        for position in 0..(cluster.phones.len() + cluster.device_profiles.len()) as u32 {
            let name = |p| device_at(cluster, p).name.value.as_str();
            devices.insert(name(position), position, name);
        }
        let users = by_name(&cluster.end_users, |u| u.user_id.value.as_str());
        let app_users = by_name(&cluster.app_users, |u| u.name.value.as_str());
        let cdcs = by_name(&cluster.common_device_configs, |c| c.name.value.as_str());
        let mut line_group_members: FxHashMap<&DnKey, Vec<LineGroupMember>> = FxHashMap::default();
        for group in &cluster.line_groups {
            for member in &group.members {
                let groups = line_group_members.entry(&member.value).or_default();
                // The groups of one key are few; a key twice in one group is found at its first cell.
                if !groups.iter().any(|g| std::ptr::eq(g.group, group)) {
                    groups.push(LineGroupMember { group, member });
                }
            }
        }
        let mut directory_numbers = FxHashMap::default();
        directory_numbers.reserve(cluster.directory_numbers.len());
        for number in &cluster.directory_numbers {
            directory_numbers.entry(&number.dn.value).or_insert(number);
        }
        NameTables { cluster, devices, users, app_users, cdcs, line_group_members, directory_numbers }
    }
}

/// The phone at `position`, or the device profile past the phones.
fn device_at(cluster: &Cluster, position: u32) -> &Device {
    let position = position as usize;
    cluster.phones.get(position).unwrap_or_else(|| &cluster.device_profiles[position - cluster.phones.len()])
}

/// Positions of `items` by name; the first item with a name wins.
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> PositionTable {
    let mut table = PositionTable::with_capacity(items.len());
    for position in 0..items.len() as u32 {
        table.insert(name(&items[position as usize]), position, |p| name(&items[p as usize]));
    }
    table
}

impl<'a> ClusterIndex<'a> {
    /// Builds every table: the DN tables and the by-name tables in parallel, each linear in
    /// the number of objects and lines.
    pub fn new(cluster: &'a Cluster) -> Self {
        let (dns, names) = rayon::join(|| DnTables::build(cluster), || NameTables::build(cluster));
        ClusterIndex { dns, names }
    }

    /// The phone or profile with this name (phones first if both exist).
    pub fn device(&self, name: &str) -> Option<&'a Device> {
        let cluster = self.names.cluster;
        let position = self.names.devices.get(name, |p| device_at(cluster, p).name.value.as_str())?;
        Some(device_at(cluster, position))
    }

    /// The id of a DN key that appears on some device.
    pub fn dn_id(&self, dn: &DnKey) -> Option<DnId> {
        self.dns.ids.get(dn, |n| self.dns.dn_keys[n as usize]).map(DnId)
    }

    /// Every DN key on a device, by id, in first-seen order.
    pub fn dns(&self) -> impl Iterator<Item = DnId> + '_ {
        (0..self.dns.dn_keys.len() as u32).map(DnId)
    }

    /// The key of an id.
    pub fn dn_key(&self, id: DnId) -> &'a DnKey {
        self.dns.dn_keys[id.0 as usize]
    }

    /// Every line appearance of a DN, by id, in cluster order.
    pub fn appearances_of(&self, id: DnId) -> &[LineAppearance<'a>] {
        let i = id.0 as usize;
        &self.dns.appearances[self.dns.appearance_starts[i] as usize..self.dns.appearance_starts[i + 1] as usize]
    }

    /// How many distinct devices carry a DN.
    pub fn device_count(&self, id: DnId) -> usize {
        self.dns.device_counts[id.0 as usize] as usize
    }

    /// Every line appearance of a DN key, in cluster order.
    pub fn appearances(&self, dn: &DnKey) -> &[LineAppearance<'a>] {
        self.dn_id(dn).map_or(&[], |id| self.appearances_of(id))
    }

    /// The DN keys on devices with this pattern, one per partition, in first-seen order.
    pub fn keys_with_pattern(&self, pattern: &str) -> Vec<&'a DnKey> {
        let dn_keys = &self.dns.dn_keys;
        self.dns
            .patterns
            .get(pattern, |id| dn_keys[id as usize].pattern.as_str())
            .map_or_else(Vec::new, |first| self.dns.pattern_chain(first).map(|id| self.dn_key(id)).collect())
    }

    /// Patterns that exist in two or more partitions on devices, each with its ids in
    /// first-seen order; patterns in first-seen order.
    pub fn patterns_in_several_partitions(&self) -> impl Iterator<Item = Vec<DnId>> + '_ {
        self.dns
            .pattern_firsts
            .iter()
            .filter(|&&first| self.dns.pattern_next[first as usize] != NONE)
            .map(|&first| self.dns.pattern_chain(first).collect())
    }

    /// The DN keys on devices that a reference may mean: the exact key if the export named a
    /// partition, else every partition in which the pattern appears on a device.
    pub fn resolve(&self, dn: &DnRef) -> Vec<DnKey> {
        match &dn.partition {
            Some(partition) => {
                vec![DnKey { pattern: dn.pattern.clone(), partition: partition.clone() }]
            }
            None => self.keys_with_pattern(&dn.pattern).into_iter().cloned().collect(),
        }
    }

    /// The end user with this user ID.
    pub fn user(&self, user_id: &str) -> Option<&'a EndUser> {
        let users = &self.names.cluster.end_users;
        self.names.users.get(user_id, |p| users[p as usize].user_id.value.as_str()).map(|p| &users[p as usize])
    }

    /// The application user with this name.
    pub fn app_user(&self, name: &str) -> Option<&'a AppUser> {
        let app_users = &self.names.cluster.app_users;
        self.names.app_users.get(name, |p| app_users[p as usize].name.value.as_str()).map(|p| &app_users[p as usize])
    }

    /// The Common Device Configuration with this name.
    pub fn common_device_config(&self, name: &str) -> Option<&'a CommonDeviceConfig> {
        let cdcs = &self.names.cluster.common_device_configs;
        self.names.cdcs.get(name, |p| cdcs[p as usize].name.value.as_str()).map(|p| &cdcs[p as usize])
    }

    /// The directory-number record (AXL `getLine`, BAT `directorynumber.csv`) of a DN key: the
    /// settings of the line itself, shared by every appearance of the DN.
    pub fn directory_number(&self, dn: &DnKey) -> Option<&'a DirectoryNumber> {
        self.names.directory_numbers.get(dn).copied()
    }

    /// The line groups that have this DN key as a member, each with the member's cell, in
    /// line-group order.
    pub fn line_groups_with(&self, dn: &DnKey) -> &[LineGroupMember<'a>] {
        self.names.line_group_members.get(dn).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeviceKind, SourceId, Span};

    fn spanned<T>(value: T) -> Spanned<T> {
        Spanned { value, span: Span { source: SourceId::new(0), start: 0, end: 0 } }
    }

    fn device(name: &str, dns: &[(&str, &str)]) -> Device {
        let mut device = Device::new(DeviceKind::Phone, spanned(name.into()), spanned(()).span);
        device.lines = dns
            .iter()
            .enumerate()
            .map(|(i, (pattern, partition))| Line::new(spanned(i as u32 + 1), spanned(DnKey::new(pattern, partition))))
            .collect();
        device
    }

    #[test]
    fn dns_are_numbered_in_first_seen_order_with_their_appearances_in_cluster_order() {
        let cluster = Cluster {
            phones: vec![
                device("SEPA", &[("4001", "PT_A"), ("4002", "PT_A"), ("4001", "PT_A")]),
                device("SEPB", &[("4002", "PT_A"), ("4001", "PT_B")]),
            ],
            device_profiles: vec![device("UDP1", &[("4001", "PT_A")])],
            ..Cluster::default()
        };
        let index = ClusterIndex::new(&cluster);

        let keys: Vec<String> = index.dns().map(|id| index.dn_key(id).to_string()).collect();
        assert_eq!(keys, ["4001@PT_A", "4002@PT_A", "4001@PT_B"]);

        let a = index.dn_id(&DnKey::new("4001", "PT_A")).unwrap();
        let on: Vec<(&str, u32)> =
            index.appearances_of(a).iter().map(|x| (x.device.name.value.as_str(), x.line.index.value)).collect();
        assert_eq!(on, [("SEPA", 1), ("SEPA", 3), ("UDP1", 1)]);
        assert_eq!(index.device_count(a), 2, "two lines on SEPA count as one device");
        let b = index.dn_id(&DnKey::new("4002", "PT_A")).unwrap();
        assert_eq!(index.device_count(b), 2);
        assert_eq!(index.appearances(&DnKey::new("4001", "PT_B")).len(), 1);
        assert!(index.appearances(&DnKey::new("9999", "PT_A")).is_empty());

        let several: Vec<Vec<String>> = index
            .patterns_in_several_partitions()
            .map(|ids| ids.iter().map(|id| index.dn_key(*id).to_string()).collect())
            .collect();
        assert_eq!(several, [["4001@PT_A", "4001@PT_B"]]);
        assert_eq!(index.keys_with_pattern("4002").len(), 1);
        assert_eq!(index.device("UDP1").map(|d| d.name.value.as_str()), Some("UDP1"));
    }

    #[test]
    fn many_dns_get_the_ids_of_one_pass_in_line_order() {
        // 600 devices of one to four lines over 700 patterns in three partitions: keys repeat
        // within and across devices.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let partitions = ["PT_A", "PT_B", ""];
        let mut phones = Vec::new();
        for d in 0..600 {
            let dns: Vec<(String, &str)> =
                (0..1 + next(4)).map(|_| (format!("{}", 4000 + next(700)), partitions[next(3) as usize])).collect();
            let dns: Vec<(&str, &str)> = dns.iter().map(|(p, t)| (p.as_str(), *t)).collect();
            phones.push(device(&format!("SEP{d:012}"), &dns));
        }
        let cluster = Cluster { phones, ..Cluster::default() };
        let index = ClusterIndex::new(&cluster);
        // One pass in line order, with a plain search.
        let mut order: Vec<&DnKey> = Vec::new();
        let mut lines_of: FxHashMap<&DnKey, Vec<(&str, u32)>> = FxHashMap::default();
        for phone in &cluster.phones {
            for line in &phone.lines {
                if !order.contains(&&line.dn.value) {
                    order.push(&line.dn.value);
                }
                lines_of.entry(&line.dn.value).or_default().push((phone.name.value.as_str(), line.index.value));
            }
        }
        let keys: Vec<&DnKey> = index.dns().map(|id| index.dn_key(id)).collect();
        assert_eq!(keys, order);
        for (n, key) in order.iter().enumerate() {
            let id = index.dn_id(key).unwrap();
            assert_eq!(id, DnId(n as u32));
            let on: Vec<(&str, u32)> =
                index.appearances_of(id).iter().map(|x| (x.device.name.value.as_str(), x.line.index.value)).collect();
            assert_eq!(on, lines_of[key]);
            let mut devices: Vec<&str> = on.iter().map(|(name, _)| *name).collect();
            devices.dedup();
            assert_eq!(index.device_count(id), devices.len());
            let same_pattern: Vec<&DnKey> = order.iter().copied().filter(|k| k.pattern == key.pattern).collect();
            assert_eq!(index.keys_with_pattern(&key.pattern), same_pattern);
        }
        assert!(index.dn_id(&DnKey::new("4000", "PT_Z")).is_none());
    }

    #[test]
    fn names_find_the_first_item_with_the_name_phones_before_profiles() {
        let mut second = device("SEPA", &[("4009", "PT_A")]);
        second.model = Some(spanned("second".into()));
        let user = |id: &str, locale: &str| {
            let mut user = EndUser::new(spanned(id.into()), spanned(()).span);
            user.user_locale = Some(spanned(locale.into()));
            user
        };
        let cluster = Cluster {
            phones: vec![device("SEPA", &[]), second, device("SEPB", &[])],
            device_profiles: vec![device("SEPB", &[]), device("UDP1", &[])],
            end_users: vec![user("agent01", "first"), user("agent02", "x"), user("agent01", "second")],
            app_users: vec![AppUser {
                name: spanned("uccxrmcmuser".into()),
                controlled_devices: Vec::new(),
                controlled_profiles: Vec::new(),
                groups: Vec::new(),
                span: spanned(()).span,
            }],
            ..Cluster::default()
        };
        let index = ClusterIndex::new(&cluster);
        assert!(index.device("SEPA").unwrap().model.is_none(), "the first SEPA wins");
        assert!(std::ptr::eq(index.device("SEPB").unwrap(), &cluster.phones[2]), "the phone, not the profile");
        assert!(std::ptr::eq(index.device("UDP1").unwrap(), &cluster.device_profiles[1]));
        assert!(index.device("SEPC").is_none());
        assert_eq!(index.user("agent01").and_then(|u| u.user_locale.as_ref()).unwrap().value, "first");
        assert!(index.user("agent02").is_some() && index.user("agent03").is_none());
        assert!(index.app_user("uccxrmcmuser").is_some() && index.app_user("agent01").is_none());
        assert!(index.common_device_config("CDC").is_none());
        // SEPA's second record still has its DN indexed.
        assert_eq!(index.appearances(&DnKey::new("4009", "PT_A")).len(), 1);
    }

    #[test]
    fn an_empty_cluster_has_an_empty_index() {
        let cluster = Cluster::default();
        let index = ClusterIndex::new(&cluster);
        assert_eq!(index.dns().count(), 0);
        assert_eq!(index.patterns_in_several_partitions().count(), 0);
    }
}
