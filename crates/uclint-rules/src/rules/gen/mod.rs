//! GEN: general hygiene (catalog §7).

pub(crate) mod auto_answer_on_shared_line;
pub(crate) mod dangling_reference;
pub(crate) mod dn_in_several_partitions;
pub(crate) mod export_lacks_data;
pub(crate) mod orphaned_device_profile;
pub(crate) mod phone_without_owner;
pub(crate) mod primary_extension_not_on_user_device;
pub(crate) mod shared_line;
pub(crate) mod shared_line_call_limits_mismatch;
pub(crate) mod unassigned_directory_number;

use rustc_hash::FxHashSet;

use uclint_model::{DnKey, LineAppearance};

use crate::Context;

/// A DN key that appears on two or more devices.
pub(crate) struct SharedLine<'c, 'a> {
    /// The DN.
    pub key: &'a DnKey,
    /// Every appearance, in cluster order.
    pub appearances: &'c [LineAppearance<'a>],
    /// How many distinct devices carry it.
    pub devices: usize,
}

/// Shared lines in first-seen order, leaving out agents' IPCC extensions: UCCX001 and UCCX017
/// report those, as errors.
pub(crate) fn shared_lines<'c, 'a>(ctx: &'c Context<'a>) -> Vec<SharedLine<'c, 'a>> {
    let ipcc = ctx.ipcc_keys();
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for device in ctx.cluster.phones.iter().chain(&ctx.cluster.device_profiles) {
        for line in &device.lines {
            let key = &line.dn.value;
            if !seen.insert(key) || ipcc.contains(key) {
                continue;
            }
            let appearances = ctx.index.appearances(key);
            let devices: FxHashSet<_> = appearances.iter().map(|a| std::ptr::from_ref(a.device)).collect();
            if devices.len() >= 2 {
                out.push(SharedLine { key, appearances, devices: devices.len() });
            }
        }
    }
    out
}
