//! Lookup tables over a [`Cluster`], built once per run so that no rule scans pairwise.
//!
//! Every table maps a name or DN key to positions in the cluster's vectors; building it is
//! linear in the number of objects and lines.

use rustc_hash::FxHashMap;

use crate::{AppUser, Cluster, CommonDeviceConfig, Device, DnKey, DnRef, EndUser, Line, LineGroup};

/// One appearance of a DN on a device: the device and the line.
#[derive(Clone, Copy, Debug)]
pub struct LineAppearance<'a> {
    /// The phone or device profile.
    pub device: &'a Device,
    /// The line on it.
    pub line: &'a Line,
}

/// Indexes over a cluster. Lists keep the cluster's order, so results are deterministic.
#[derive(Debug)]
pub struct ClusterIndex<'a> {
    devices: FxHashMap<&'a str, Vec<&'a Device>>,
    appearances: FxHashMap<&'a DnKey, Vec<LineAppearance<'a>>>,
    partitions_by_pattern: FxHashMap<&'a str, Vec<&'a DnKey>>,
    users: FxHashMap<&'a str, &'a EndUser>,
    app_users: FxHashMap<&'a str, &'a AppUser>,
    cdcs: FxHashMap<&'a str, &'a CommonDeviceConfig>,
    line_group_members: FxHashMap<&'a DnKey, Vec<&'a LineGroup>>,
}

impl<'a> ClusterIndex<'a> {
    /// Builds every table in one pass over the cluster.
    pub fn new(cluster: &'a Cluster) -> Self {
        let mut index = ClusterIndex {
            devices: FxHashMap::default(),
            appearances: FxHashMap::default(),
            partitions_by_pattern: FxHashMap::default(),
            users: FxHashMap::default(),
            app_users: FxHashMap::default(),
            cdcs: FxHashMap::default(),
            line_group_members: FxHashMap::default(),
        };
        for device in cluster.phones.iter().chain(&cluster.device_profiles) {
            index.devices.entry(device.name.value.as_str()).or_default().push(device);
            for line in &device.lines {
                let list = index.appearances.entry(&line.dn.value).or_default();
                if list.is_empty() {
                    index.partitions_by_pattern.entry(line.dn.value.pattern.as_str()).or_default().push(&line.dn.value);
                }
                list.push(LineAppearance { device, line });
            }
        }
        for user in &cluster.end_users {
            index.users.entry(user.user_id.value.as_str()).or_insert(user);
        }
        for app_user in &cluster.app_users {
            index.app_users.entry(app_user.name.value.as_str()).or_insert(app_user);
        }
        for cdc in &cluster.common_device_configs {
            index.cdcs.entry(cdc.name.value.as_str()).or_insert(cdc);
        }
        for group in &cluster.line_groups {
            for member in &group.members {
                let groups = index.line_group_members.entry(&member.value).or_default();
                if !groups.iter().any(|g| std::ptr::eq(*g, group)) {
                    groups.push(group);
                }
            }
        }
        index
    }

    /// The phone or profile with this name (phones first if both exist).
    pub fn device(&self, name: &str) -> Option<&'a Device> {
        self.devices.get(name).and_then(|d| d.first().copied())
    }

    /// Every line appearance of a DN key, in cluster order.
    pub fn appearances(&self, dn: &DnKey) -> &[LineAppearance<'a>] {
        self.appearances.get(dn).map_or(&[], Vec::as_slice)
    }

    /// The DN keys on devices with this pattern, one per partition, in first-seen order.
    pub fn keys_with_pattern(&self, pattern: &str) -> &[&'a DnKey] {
        self.partitions_by_pattern.get(pattern).map_or(&[], Vec::as_slice)
    }

    /// The DN keys on devices that a reference may mean: the exact key if the export named a
    /// partition, else every partition in which the pattern appears on a device.
    pub fn resolve(&self, dn: &DnRef) -> Vec<DnKey> {
        match &dn.partition {
            Some(partition) => {
                vec![DnKey { pattern: dn.pattern.clone(), partition: partition.clone() }]
            }
            None => self.keys_with_pattern(&dn.pattern).iter().map(|k| (*k).clone()).collect(),
        }
    }

    /// The end user with this user ID.
    pub fn user(&self, user_id: &str) -> Option<&'a EndUser> {
        self.users.get(user_id).copied()
    }

    /// The application user with this name.
    pub fn app_user(&self, name: &str) -> Option<&'a AppUser> {
        self.app_users.get(name).copied()
    }

    /// The Common Device Configuration with this name.
    pub fn common_device_config(&self, name: &str) -> Option<&'a CommonDeviceConfig> {
        self.cdcs.get(name).copied()
    }

    /// The line groups that have this DN key as a member.
    pub fn line_groups_with(&self, dn: &DnKey) -> &[&'a LineGroup] {
        self.line_group_members.get(dn).map_or(&[], Vec::as_slice)
    }
}
