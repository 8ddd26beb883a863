//! UCCX: the agent's device and line (catalog §1).

pub(crate) mod agent_device_cdc_not_ipv4_only;
pub(crate) mod agent_device_controlled_by_ccxsub_user;
pub(crate) mod agent_device_cti_control_disabled;
pub(crate) mod agent_device_model_not_supported;
pub(crate) mod agent_device_not_associated_with_agent;
pub(crate) mod agent_device_same_number_in_two_partitions;
pub(crate) mod agent_line_cti_control_disabled;
pub(crate) mod agent_line_in_line_group;
pub(crate) mod agent_user_cti_control_disabled;
pub(crate) mod auto_answer_on_ipcc_line;
pub(crate) mod barge_exposed_to_agent;
pub(crate) mod built_in_bridge_off_on_agent_phone;
pub(crate) mod cucm_feature_unsupported_with_uccx;
pub(crate) mod device_mobility_on_agent_phone;
pub(crate) mod em_agent_ipcc_extension_not_on_profile;
pub(crate) mod fippa_phone_simplified_new_call_ui;
pub(crate) mod hold_reversion_enabled_with_agents;
pub(crate) mod intercom_on_agent_device;
pub(crate) mod ipcc_extension_beyond_fourth_line;
pub(crate) mod ipcc_extension_in_call_pickup_group;
pub(crate) mod ipcc_extension_in_several_partitions;
pub(crate) mod ipcc_extension_not_numeric;
pub(crate) mod ipcc_extension_on_no_device;
pub(crate) mod ipcc_extension_shared;
pub(crate) mod ipcc_extension_shared_by_agents;
pub(crate) mod ipcc_line_busy_trigger_not_one;
pub(crate) mod ipcc_line_forwards_all;
pub(crate) mod ipcc_line_forwards_to_trigger;
pub(crate) mod ipcc_line_max_calls_not_two;
pub(crate) mod join_across_lines_on_agent_device;
pub(crate) mod line_forwards_to_ipcc_extension;
pub(crate) mod overlapping_wildcard_triggers;
pub(crate) mod remote_device_not_set_up_for_uccx;
pub(crate) mod single_line_agent_primary_extension_not_ipcc;
pub(crate) mod supervisor_on_extend_and_connect;
pub(crate) mod uccx_cti_device_line_shared;
pub(crate) mod uccx_resource_extension_mismatch;
pub(crate) mod uccx_srtp_without_mixed_mode;
pub(crate) mod uccx_trigger_dn_too_long;
pub(crate) mod uccx_trigger_in_line_group;

use rustc_hash::FxHashMap;

use uclint_model::{DirectoryNumber, Spanned, Text};

use crate::{Agent, Context};

/// Why no fix is offered for a finding on a line or device that carries `agent`'s IPCC
/// extension, when the export gives the extension no partition and the number is in several
/// partitions: the rule reports every appearance, but which one is the agent's is the admin's
/// call (UCCX002 reports the number), so `uclint fix` changes none of them.
pub(crate) fn ambiguous_extension(agent: &Agent<'_>) -> Option<String> {
    (agent.keys.len() > 1).then(|| {
        format!(
            "the IPCC extension {} of {} names no partition and the number is in {} partitions: which line is \
             the agent's is for the admin to say",
            agent.ipcc.value,
            agent.user.user_id.value,
            agent.keys.len(),
        )
    })
}

/// A check box as the export spells it, for the `before` of a fix that checks it: rules see the
/// parsed value, not the cell, so the spelling is told from the cell's length. BAT files write
/// `t`/`f` and AXL responses `true`/`false`, sometimes `t`/`f` (formats.md §1, "AXL booleans",
/// "BAT/tar booleans"): a one-byte cell is the short form. The XSD also allows `0`/`1`, which no
/// export has been seen to write; the fix writers rewrite the cell at the span, whatever it holds.
pub(crate) fn check_box_cell(flag: &Spanned<bool>) -> Spanned<Text> {
    let word = match (flag.value, flag.span.len()) {
        (true, 1) => "t",
        (false, 1) => "f",
        (true, _) => "true",
        (false, _) => "false",
    };
    Spanned::new(word.into(), flag.span)
}

/// Each agent's IPCC line as a directory-number record (`directorynumber.csv`), in agent order:
/// by DN key when the IPCC extension resolves to one, else by pattern when the export gives the
/// extension without a partition.
pub(crate) fn agent_directory_numbers<'c, 'a>(ctx: &'c Context<'a>) -> Vec<(&'c Agent<'a>, &'a DirectoryNumber)> {
    let mut by_key = FxHashMap::default();
    let mut by_pattern: FxHashMap<&str, Vec<&DirectoryNumber>> = FxHashMap::default();
    for number in &ctx.cluster.directory_numbers {
        by_key.entry(&number.dn.value).or_insert(number);
        by_pattern.entry(number.dn.value.pattern.as_str()).or_default().push(number);
    }
    let mut out = Vec::new();
    for agent in &ctx.agents {
        if agent.keys.is_empty() && agent.ipcc.value.partition.is_none() {
            let numbers = by_pattern.get(agent.ipcc.value.pattern.as_str()).map_or(&[][..], Vec::as_slice);
            out.extend(numbers.iter().map(|n| (agent, *n)));
        } else {
            out.extend(agent.keys.iter().filter_map(|k| by_key.get(k)).map(|n| (agent, *n)));
        }
    }
    out
}
