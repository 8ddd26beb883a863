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

/// Shared lines in first-seen order, leaving out agents' IPCC extensions (UCCX001 and UCCX017
/// report those, as errors) and the DNs of UCCX's CTI ports and route points (UCCX028 reports
/// those, as errors).
pub(crate) fn shared_lines<'c, 'a>(ctx: &'c Context<'a>) -> Vec<SharedLine<'c, 'a>> {
    let ipcc = ctx.ipcc_keys();
    // Without the JTAPI users or UCCX's own exports no device is known to be UCCX's.
    let uccx_devices = ctx.uccx_cti_devices().unwrap_or(&[]);
    let uccx: FxHashSet<&DnKey> =
        uccx_devices.iter().flat_map(|(device, _)| device.lines.iter().map(|l| &l.dn.value)).collect();
    ctx.index
        .dns()
        .filter(|id| ctx.index.device_count(*id) >= 2)
        .map(|id| (id, ctx.index.dn_key(id)))
        .filter(|(_, key)| !ipcc.contains(key) && !uccx.contains(key))
        .map(|(id, key)| SharedLine {
            key,
            appearances: ctx.index.appearances_of(id),
            devices: ctx.index.device_count(id),
        })
        .collect()
}
