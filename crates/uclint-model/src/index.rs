//! Lookup tables over a [`Cluster`], built once per run so that no rule scans pairwise.
//!
//! Every table maps a name or DN key to positions in the cluster's vectors; building it is
//! linear in the number of objects and lines.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::{AppUser, Cluster, CommonDeviceConfig, Device, DirectoryNumber, DnKey, DnRef, EndUser, Line, LineGroup};

/// One appearance of a DN on a device: the device and the line.
#[derive(Clone, Copy, Debug)]
pub struct LineAppearance<'a> {
    /// The phone or device profile.
    pub device: &'a Device,
    /// The line on it.
    pub line: &'a Line,
}

/// A directory number's dense id in a [`ClusterIndex`]: DN keys found on devices are numbered
/// in first-seen order (phones, then device profiles, each in line order), so that rules can
/// walk every DN, or compare DNs, without hashing the key again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DnId(u32);

/// Indexes over a cluster. Lists keep the cluster's order, so results are deterministic.
///
/// Line appearances are stored flat, grouped by [`DnId`] (one allocation for all of them), and
/// each DN key is hashed once, when the index is built.
#[derive(Debug)]
pub struct ClusterIndex<'a> {
    dns: DnTables<'a>,
    names: NameTables<'a>,
}

/// The DN tables of a [`ClusterIndex`].
#[derive(Debug)]
struct DnTables<'a> {
    dn_ids: FxHashMap<&'a DnKey, DnId>,
    /// The key of each id.
    dn_keys: Vec<&'a DnKey>,
    /// `appearances[appearance_starts[id]..appearance_starts[id + 1]]` are the id's appearances.
    appearance_starts: Vec<u32>,
    appearances: Vec<LineAppearance<'a>>,
    /// How many distinct devices carry each id.
    device_counts: Vec<u32>,
    /// Pattern → the ids with that pattern, one per partition, in first-seen order.
    patterns: FxHashMap<&'a str, u32>,
    pattern_dns: Vec<SmallVec<[DnId; 1]>>,
}

impl<'a> DnTables<'a> {
    /// Numbers the DN keys and groups the line appearances by DN: one pass over the lines to
    /// number and count, one to place each appearance in its DN's slot.
    fn build(cluster: &'a Cluster) -> Self {
        let devices = || cluster.phones.iter().chain(&cluster.device_profiles);
        let line_count: usize = devices().map(|d| d.lines.len()).sum();
        let mut t = DnTables {
            dn_ids: FxHashMap::default(),
            dn_keys: Vec::new(),
            appearance_starts: Vec::new(),
            appearances: Vec::with_capacity(line_count),
            device_counts: Vec::new(),
            patterns: FxHashMap::default(),
            pattern_dns: Vec::new(),
        };
        t.dn_ids.reserve(line_count);
        let mut line_ids: Vec<DnId> = Vec::with_capacity(line_count);
        let mut counts: Vec<u32> = Vec::new();
        let mut last_device: Vec<u32> = Vec::new();
        for (position, device) in devices().enumerate() {
            for line in &device.lines {
                let key = &line.dn.value;
                let next = DnId(t.dn_keys.len() as u32);
                let id = *t.dn_ids.entry(key).or_insert(next);
                if id == next {
                    t.dn_keys.push(key);
                    counts.push(0);
                    last_device.push(u32::MAX);
                    t.device_counts.push(0);
                    let pattern = t.pattern_dns.len() as u32;
                    let group = *t.patterns.entry(key.pattern.as_str()).or_insert(pattern);
                    if group == pattern {
                        t.pattern_dns.push(SmallVec::new());
                    }
                    t.pattern_dns[group as usize].push(id);
                }
                let i = id.0 as usize;
                counts[i] += 1;
                if last_device[i] != position as u32 {
                    last_device[i] = position as u32;
                    t.device_counts[i] += 1;
                }
                line_ids.push(id);
            }
        }
        let mut next_slot: Vec<u32> = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        for count in &counts {
            next_slot.push(total);
            total += count;
        }
        next_slot.push(total);
        t.appearance_starts = next_slot.clone();
        let placeholder = devices().find_map(|d| d.lines.first().map(|line| LineAppearance { device: d, line }));
        if let Some(placeholder) = placeholder {
            t.appearances.resize(total as usize, placeholder);
        }
        let mut ids = line_ids.into_iter();
        for device in devices() {
            for line in &device.lines {
                let Some(id) = ids.next() else { break };
                let slot = &mut next_slot[id.0 as usize];
                t.appearances[*slot as usize] = LineAppearance { device, line };
                *slot += 1;
            }
        }
        t
    }
}

/// The by-name tables of a [`ClusterIndex`].
#[derive(Debug)]
struct NameTables<'a> {
    devices: FxHashMap<&'a str, &'a Device>,
    users: FxHashMap<&'a str, &'a EndUser>,
    app_users: FxHashMap<&'a str, &'a AppUser>,
    cdcs: FxHashMap<&'a str, &'a CommonDeviceConfig>,
    line_group_members: FxHashMap<&'a DnKey, Vec<&'a LineGroup>>,
    directory_numbers: FxHashMap<&'a DnKey, &'a DirectoryNumber>,
}

impl<'a> NameTables<'a> {
    /// Builds the tables by name (and the DN-keyed tables of line groups and `getLine`).
    fn build(cluster: &'a Cluster) -> Self {
        let mut devices = FxHashMap::default();
        devices.reserve(cluster.phones.len() + cluster.device_profiles.len());
        for device in cluster.phones.iter().chain(&cluster.device_profiles) {
            devices.entry(device.name.value.as_str()).or_insert(device);
        }
        let mut users = FxHashMap::default();
        users.reserve(cluster.end_users.len());
        for user in &cluster.end_users {
            users.entry(user.user_id.value.as_str()).or_insert(user);
        }
        let mut app_users = FxHashMap::default();
        for app_user in &cluster.app_users {
            app_users.entry(app_user.name.value.as_str()).or_insert(app_user);
        }
        let mut cdcs = FxHashMap::default();
        for cdc in &cluster.common_device_configs {
            cdcs.entry(cdc.name.value.as_str()).or_insert(cdc);
        }
        let mut line_group_members: FxHashMap<&DnKey, Vec<&LineGroup>> = FxHashMap::default();
        for group in &cluster.line_groups {
            for member in &group.members {
                let groups = line_group_members.entry(&member.value).or_default();
                if !groups.iter().any(|g| std::ptr::eq(*g, group)) {
                    groups.push(group);
                }
            }
        }
        let mut directory_numbers = FxHashMap::default();
        directory_numbers.reserve(cluster.directory_numbers.len());
        for number in &cluster.directory_numbers {
            directory_numbers.entry(&number.dn.value).or_insert(number);
        }
        NameTables { devices, users, app_users, cdcs, line_group_members, directory_numbers }
    }
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
        self.names.devices.get(name).copied()
    }

    /// The id of a DN key that appears on some device.
    pub fn dn_id(&self, dn: &DnKey) -> Option<DnId> {
        self.dns.dn_ids.get(dn).copied()
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
        self.dns.patterns.get(pattern).map_or_else(Vec::new, |group| {
            self.dns.pattern_dns[*group as usize].iter().map(|id| self.dn_key(*id)).collect()
        })
    }

    /// Patterns that exist in two or more partitions on devices, each with its ids in
    /// first-seen order; patterns in first-seen order.
    pub fn patterns_in_several_partitions(&self) -> impl Iterator<Item = &[DnId]> + '_ {
        self.dns.pattern_dns.iter().filter(|ids| ids.len() >= 2).map(SmallVec::as_slice)
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
        self.names.users.get(user_id).copied()
    }

    /// The application user with this name.
    pub fn app_user(&self, name: &str) -> Option<&'a AppUser> {
        self.names.app_users.get(name).copied()
    }

    /// The Common Device Configuration with this name.
    pub fn common_device_config(&self, name: &str) -> Option<&'a CommonDeviceConfig> {
        self.names.cdcs.get(name).copied()
    }

    /// The directory-number record (AXL `getLine`, BAT `directorynumber.csv`) of a DN key: the
    /// settings of the line itself, shared by every appearance of the DN.
    pub fn directory_number(&self, dn: &DnKey) -> Option<&'a DirectoryNumber> {
        self.names.directory_numbers.get(dn).copied()
    }

    /// The line groups that have this DN key as a member.
    pub fn line_groups_with(&self, dn: &DnKey) -> &[&'a LineGroup] {
        self.names.line_group_members.get(dn).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeviceKind, SourceId, Span, Spanned};

    fn spanned<T>(value: T) -> Spanned<T> {
        Spanned { value, span: Span { source: SourceId(0), start: 0, end: 0 } }
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
    fn an_empty_cluster_has_an_empty_index() {
        let cluster = Cluster::default();
        let index = ClusterIndex::new(&cluster);
        assert_eq!(index.dns().count(), 0);
        assert_eq!(index.patterns_in_several_partitions().count(), 0);
    }
}
