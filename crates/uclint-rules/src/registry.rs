//! The single table of every rule uclint has. Codes are never reused; a retired rule keeps its
//! code out of circulation.

use crate::rules::{dial, em, fippa, gen, imp, ldap, rmcm, sec, uccx};
use uclint_model::{Code, Redirect, Status};

use crate::RuleMeta;

/// Every rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &dial::css_partition_missing::RULE,
    &dial::css_missing::RULE,
    &dial::partition_unreachable::RULE,
    &dial::agent_extension_unreachable::RULE,
    &dial::cti_port_unreachable_from_trigger::RULE,
    &dial::uccx_number_shadowed::RULE,
    &dial::translation_loop::RULE,
    &dial::hunt_pilot_without_members::RULE,
    &dial::route_pattern_without_route::RULE,
    &em::em_user_without_device_profile::RULE,
    &em::logout_profile_without_extension_mobility::RULE,
    &em::em_phone_not_subscribed::RULE,
    &em::profile_not_subscribed_to_em::RULE,
    &em::em_service_url_malformed::RULE,
    &em::em_service_host_not_a_node::RULE,
    &em::multiple_logins_not_allowed::RULE,
    &em::em_concurrent_requests_low::RULE,
    &em::profile_locale_differs_from_phone::RULE,
    &em::profile_line_max_calls_below_two::RULE,
    &em::services_provisioning_hides_em::RULE,
    &em::em_proxy_logins_rejected::RULE,
    &em::primary_extension_shared_with_dn_login::RULE,
    &em::dn_login_user_without_primary_extension::RULE,
    &em::em_user_not_home_cluster::RULE,
    &em::emcc_prerequisites_missing::RULE,
    &em::hold_reversion_on_profile::RULE,
    &em::logout_profile_missing::RULE,
    &em::em_user_without_subscribe_css::RULE,
    &fippa::agent_device_not_controlled_by_fippa::RULE,
    &fippa::fippa_user_without_group::RULE,
    &fippa::fippa_service_url_malformed::RULE,
    &fippa::no_secondary_fippa_service::RULE,
    &fippa::enterprise_fippa_with_sign_in_parameters::RULE,
    &fippa::web_access_disabled_on_fippa_phone::RULE,
    &gen::dn_in_several_partitions::RULE,
    &gen::shared_line::RULE,
    &gen::shared_line_call_limits_mismatch::RULE,
    &gen::auto_answer_on_shared_line::RULE,
    &gen::phone_without_owner::RULE,
    &gen::orphaned_device_profile::RULE,
    &gen::unassigned_directory_number::RULE,
    &gen::dangling_reference::RULE,
    &gen::primary_extension_not_on_user_device::RULE,
    &gen::export_lacks_data::RULE,
    &imp::imp_user_without_digest_credentials::RULE,
    &imp::imp_user_not_home_cluster::RULE,
    &imp::desk_phone_control_without_cti_groups::RULE,
    &imp::desk_phone_control_without_model_cti_group::RULE,
    &imp::desk_phone_control_cti_disabled::RULE,
    &imp::user_in_cti_secure_connection::RULE,
    &imp::softphone_not_associated_with_owner::RULE,
    &imp::several_softphones_of_one_type::RULE,
    &imp::inactive_days_with_ldap_authentication::RULE,
    &imp::imp_user_without_presence_line::RULE,
    &imp::uc_service_plaintext_imap::RULE,
    &ldap::ldap_auth_not_global_catalog::RULE,
    &ldap::ldap_server_without_tls::RULE,
    &ldap::ldap_ssl_port_mismatch::RULE,
    &ldap::single_ldap_server::RULE,
    &ldap::ldaps_server_ip_literal::RULE,
    &ldap::ldap_auth_without_sync::RULE,
    &rmcm::agent_device_not_controlled_by_rmcm::RULE,
    &rmcm::rmcm_controls_several_devices_with_one_extension::RULE,
    &rmcm::rmcm_user_without_cti_enabled::RULE,
    &rmcm::rmcm_user_without_model_cti_group::RULE,
    &rmcm::rmcm_user_without_control_of_all_devices::RULE,
    &rmcm::rmcm_user_without_monitoring_recording::RULE,
    &rmcm::uccx_user_without_srtp_groups::RULE,
    &rmcm::uccx_cti_device_not_controlled_by_jtapi::RULE,
    &rmcm::agent_device_controlled_by_jtapi_user::RULE,
    &rmcm::cti_application_user_above_max_devices_per_provider::RULE,
    &rmcm::uccx_application_user_modified::RULE,
    &sec::sip_proxy_authentication_off::RULE,
    &sec::end_user_over_privileged::RULE,
    &sec::em_ip_validation_off::RULE,
    &sec::phone_service_without_secure_url::RULE,
    &sec::cluster_not_in_mixed_mode::RULE,
    &sec::phone_web_access_enabled::RULE,
    &sec::axl_user_is_super_user::RULE,
    &uccx::ipcc_extension_shared::RULE,
    &uccx::ipcc_extension_in_several_partitions::RULE,
    &uccx::agent_device_same_number_in_two_partitions::RULE,
    &uccx::agent_line_in_line_group::RULE,
    &uccx::ipcc_extension_beyond_fourth_line::RULE,
    &uccx::ipcc_line_max_calls_not_two::RULE,
    &uccx::ipcc_line_busy_trigger_not_one::RULE,
    &uccx::agent_device_cdc_not_ipv4_only::RULE,
    &uccx::em_agent_ipcc_extension_not_on_profile::RULE,
    &uccx::agent_device_cti_control_disabled::RULE,
    &uccx::agent_line_cti_control_disabled::RULE,
    &uccx::agent_user_cti_control_disabled::RULE,
    &uccx::agent_device_model_not_supported::RULE,
    &uccx::ipcc_extension_not_numeric::RULE,
    &uccx::agent_device_not_associated_with_agent::RULE,
    &uccx::single_line_agent_primary_extension_not_ipcc::RULE,
    &uccx::ipcc_extension_shared_by_agents::RULE,
    &uccx::line_forwards_to_ipcc_extension::RULE,
    &uccx::ipcc_line_forwards_to_trigger::RULE,
    &uccx::ipcc_line_forwards_all::RULE,
    &uccx::intercom_on_agent_device::RULE,
    &uccx::hold_reversion_enabled_with_agents::RULE,
    &uccx::join_across_lines_on_agent_device::RULE,
    &uccx::barge_exposed_to_agent::RULE,
    &uccx::ipcc_extension_in_call_pickup_group::RULE,
    &uccx::built_in_bridge_off_on_agent_phone::RULE,
    &uccx::remote_device_not_set_up_for_uccx::RULE,
    &uccx::uccx_cti_device_line_shared::RULE,
    &uccx::uccx_trigger_in_line_group::RULE,
    &uccx::overlapping_wildcard_triggers::RULE,
    &uccx::uccx_trigger_dn_too_long::RULE,
    &uccx::cucm_feature_unsupported_with_uccx::RULE,
    &uccx::agent_device_controlled_by_ccxsub_user::RULE,
    &uccx::uccx_srtp_without_mixed_mode::RULE,
    &uccx::auto_answer_on_ipcc_line::RULE,
    &uccx::device_mobility_on_agent_phone::RULE,
    &uccx::ipcc_extension_on_no_device::RULE,
    &uccx::fippa_phone_simplified_new_call_ui::RULE,
    &uccx::supervisor_on_extend_and_connect::RULE,
    &uccx::uccx_resource_extension_mismatch::RULE,
];

/// Rules that were removed. Their codes stay out of circulation: selecting, ignoring or
/// suppressing one says why it went (`Status::Removed`), and `uclint rule CODE` shows it.
pub static REMOVED: &[Code] = &[];

/// Old spellings of renamed codes and names, and what they became: selections, severities and
/// suppressions that name the old spelling keep working.
pub static REDIRECTS: &[Redirect] = &[];

/// What a code or name given by a user (`--select`, `uclint.toml`, `uclint rule`) stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lookup {
    /// A rule, by its code (case-insensitive) or name.
    Rule(&'static RuleMeta),
    /// A rule under an old spelling.
    Redirected {
        /// The spelling given.
        from: &'static str,
        /// The rule it became.
        rule: &'static RuleMeta,
    },
    /// A rule that was removed.
    Removed {
        /// Its code.
        code: &'static Code,
        /// Why it was removed, and what replaces it if anything.
        reason: &'static str,
    },
    /// No rule ever had this code or name.
    Unknown,
}

/// What `code_or_name` stands for among the rules, the removed rules and the redirects.
pub fn lookup(code_or_name: &str) -> Lookup {
    lookup_in(code_or_name, RULES, REMOVED, REDIRECTS)
}

fn lookup_in(
    code_or_name: &str,
    rules: &'static [&'static RuleMeta],
    removed: &'static [Code],
    redirects: &'static [Redirect],
) -> Lookup {
    let matches = |code: &Code| code.id.eq_ignore_ascii_case(code_or_name) || code.name == code_or_name;
    if let Some(rule) = rules.iter().copied().find(|r| matches(&r.code)) {
        return Lookup::Rule(rule);
    }
    if let Some(code) = removed.iter().find(|c| matches(c)) {
        let reason = match code.status {
            Status::Removed { reason } => reason,
            _ => "",
        };
        return Lookup::Removed { code, reason };
    }
    let redirect = redirects.iter().find(|r| r.from.eq_ignore_ascii_case(code_or_name));
    match redirect.and_then(|r| rules.iter().copied().find(|rule| rule.code.id == r.to).map(|rule| (r.from, rule))) {
        Some((from, rule)) => Lookup::Redirected { from, rule },
        None => Lookup::Unknown,
    }
}

/// The rule with this code (case-insensitive) or name, or an old spelling of it.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    match lookup(code_or_name) {
        Lookup::Rule(rule) | Lookup::Redirected { rule, .. } => Some(rule),
        Lookup::Removed { .. } | Lookup::Unknown => None,
    }
}

/// Rules that run when nothing is selected explicitly.
pub fn default_rules() -> Vec<&'static RuleMeta> {
    RULES.iter().copied().filter(|r| r.code.status == Status::Stable).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_carry_their_family_prefix() {
        for pair in RULES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        for code in RULES.iter().map(|r| &r.code).chain(REMOVED) {
            assert!(code.family.is_rule(), "{code}");
            assert!(code.id.starts_with(code.family.prefix()), "{code}");
            assert_eq!(code.id.len(), code.family.prefix().len() + 3, "{code}");
        }
        for code in REMOVED {
            assert!(matches!(code.status, Status::Removed { .. }), "{code}");
            assert!(RULES.iter().all(|r| r.code != *code), "{code} is both removed and a rule");
        }
        for redirect in REDIRECTS {
            assert!(find(redirect.to).is_some(), "{} redirects to {}, which is no rule", redirect.from, redirect.to);
        }
    }

    /// Each rule is found from its name: it lives in `rules/<family>/<name>.rs` (the name with
    /// `-` as `_`), one rule per file.
    #[test]
    fn every_rule_is_in_the_file_of_its_name_in_its_family_directory() {
        for rule in RULES {
            let family = rule.code.family.prefix().to_ascii_lowercase();
            let expected = format!("uclint_rules::rules::{family}::{}", rule.code.name.replace('-', "_"));
            assert_eq!(rule.module, expected, "{}", rule.code);
        }
    }

    /// Every rule says what it checks, what it deliberately leaves alone (templates, objects UCCX
    /// provisions, system objects, …) and why, why a finding breaks something, an example, the
    /// fix and its sources, in that order.
    #[test]
    fn every_rule_documents_the_six_sections_in_order() {
        const SECTIONS: [&str; 6] = [
            "## What it checks",
            "## What it leaves alone",
            "## Why it breaks",
            "## Example",
            "## How to fix",
            "## Sources",
        ];
        for rule in RULES {
            let doc = rule.doc_text();
            let places: Vec<Option<usize>> = SECTIONS.iter().map(|section| doc.find(section)).collect();
            for (section, place) in SECTIONS.iter().zip(&places) {
                assert!(place.is_some(), "{} lacks {section}", rule.code);
            }
            assert!(places.windows(2).all(|pair| pair[0] < pair[1]), "{}: sections out of order", rule.code);
        }
    }

    /// A removed code says it was removed, and an old spelling finds the rule it became, by code
    /// or name, in any case; a code no rule ever had is unknown. (The shipped tables are empty
    /// today, so the lookup is shown on tables of its own.)
    #[test]
    fn removed_codes_and_redirects_are_looked_up() {
        static GONE: [Code; 1] = [Code {
            id: "UCCX099",
            name: "old-rule",
            family: uclint_model::Family::Uccx,
            severity: uclint_model::Severity::Warning,
            status: Status::Removed { reason: "replaced by UCCX001" },
            summary: "",
        }];
        static RENAMED: [Redirect; 1] = [Redirect { from: "UCCX098", to: "UCCX001" }];
        let uccx001 = find("UCCX001").unwrap();
        let lookup = |given| lookup_in(given, RULES, &GONE, &RENAMED);
        assert_eq!(lookup("uccx001"), Lookup::Rule(uccx001));
        assert_eq!(lookup("ipcc-extension-shared"), Lookup::Rule(uccx001));
        assert_eq!(lookup("uccx098"), Lookup::Redirected { from: "UCCX098", rule: uccx001 });
        assert!(
            matches!(lookup("old-rule"), Lookup::Removed { code, reason: "replaced by UCCX001" } if code.id == "UCCX099")
        );
        assert_eq!(lookup("UCCX097"), Lookup::Unknown);
    }
}
