//! Every rule against its fixtures: `fixtures/rules/<CODE>/fail` must produce findings of that
//! rule (snapshotted with their spans), `fixtures/rules/<CODE>/pass` must produce none.
//! A rule without both fixtures fails here. Rules that need a deployment fact run with the
//! settings [`settings`] gives them, and must be skipped, naming the key, without it.

use std::path::{Path, PathBuf};

use uclint_model::sort_diagnostics;
use uclint_report::{render_full, FullOptions, Report, Summary};
use uclint_rules::{registry, RuleMeta, Settings};

/// Fixtures, relative to this crate so that paths in snapshots do not depend on the machine.
fn fixture(code: &str, case: &str) -> PathBuf {
    Path::new("../../fixtures/rules").join(code).join(case)
}

/// The deployment facts a rule's fixtures declare, as `uclint.toml` would, and the key each
/// rule names when it is skipped without them. Rules not listed run with the defaults.
fn settings(code: &str) -> (Settings, Option<&'static str>) {
    let mut settings = Settings::default();
    let key = match code {
        "RMCM006" | "UCCX026" => {
            settings.monitoring_recording = true;
            "monitoring-recording"
        }
        "RMCM007" | "SEC006" | "UCCX034" => {
            settings.srtp = true;
            "srtp"
        }
        "FIPPA001" | "FIPPA002" | "FIPPA006" | "UCCX038" => {
            settings.fippa_user = Some("finesseippa".into());
            "fippa-user"
        }
        "SEC008" => {
            settings.axl_user = Some("uccxaxl".into());
            "axl-user"
        }
        "EM013" => {
            settings.em_proxy_logins = true;
            "em-proxy-logins"
        }
        "FIPPA004" => {
            settings.finesse_nodes = Some(2);
            "finesse-nodes"
        }
        "EM017" => {
            settings.emcc = true;
            "emcc"
        }
        _ => return (settings, None),
    };
    (settings, Some(key))
}

/// Runs one rule on one fixture: its findings, rendered in the full format, and their count.
fn check(rule: &RuleMeta, case: &str) -> (usize, String) {
    let dir = fixture(rule.code, case);
    assert!(dir.is_dir(), "{} has no {case} fixture at {}", rule.code, dir.display());
    let ingested = uclint_ingest::ingest(&[dir]);
    let result = uclint_rules::run(&ingested.cluster, &settings(rule.code).0, &[rule]);
    assert!(result.skipped.is_empty(), "{} skipped on its {case} fixture: {:?}", rule.code, result.skipped);
    let mut findings: Vec<_> = result.diagnostics.into_iter().filter(|d| d.code == rule.code).collect();
    sort_diagnostics(&mut findings);
    let summary = Summary::default();
    let report = Report { diagnostics: &findings, sources: &ingested.sources, summary: &summary };
    (findings.len(), render_full(&report, FullOptions::default()))
}

#[test]
fn every_rule_fires_on_its_failing_fixture() {
    for rule in registry::RULES {
        let (count, rendered) = check(rule, "fail");
        assert!(count > 0, "{} did not fire on its failing fixture", rule.code);
        insta::assert_snapshot!(format!("{}_fail", rule.code), rendered);
    }
}

#[test]
fn every_rule_is_silent_on_its_passing_fixture() {
    for rule in registry::RULES {
        let (count, rendered) = check(rule, "pass");
        assert_eq!(count, 0, "{} fired on its passing fixture:\n{rendered}", rule.code);
    }
}

#[test]
fn settings_driven_rules_are_skipped_without_their_setting_and_say_which() {
    for rule in registry::RULES {
        let Some(key) = settings(rule.code).1 else { continue };
        let ingested = uclint_ingest::ingest(&[fixture(rule.code, "fail")]);
        let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[rule]);
        assert!(result.diagnostics.is_empty(), "{} reported without {key}", rule.code);
        let reason = result.skipped.first().map(|s| s.reason.as_str()).unwrap_or_default();
        assert!(reason.contains(key), "{} skipped without naming {key}: {reason:?}", rule.code);
    }
}

/// Runs one rule on a fixture under `settings`: its findings' object keys, or why it skipped.
fn run_with(code: &str, case: &str, settings: &Settings) -> Result<Vec<String>, String> {
    let rule = registry::find(code).unwrap();
    let ingested = uclint_ingest::ingest(&[fixture(code, case)]);
    let result = uclint_rules::run(&ingested.cluster, settings, &[rule]);
    match result.skipped.first() {
        Some(skipped) => Err(skipped.reason.clone()),
        None => Ok(result.diagnostics.iter().filter(|d| d.code == code).map(|d| d.object.to_string()).collect()),
    }
}

#[test]
fn supported_agent_models_replace_the_built_in_list() {
    let mut settings = Settings {
        supported_agent_models: Some(vec!["cisco 3905".into(), "Cisco IP *".into()]),
        ..Settings::default()
    };
    assert_eq!(run_with("UCCX013", "fail", &settings), Ok(vec![]));
    settings.supported_agent_models = Some(vec!["Cisco 78*".into()]);
    let found = run_with("UCCX013", "pass", &settings).unwrap();
    assert_eq!(found, ["phone:SEP0011AABB0001", "phone:CSFAGENT02"]);
}

#[test]
fn named_jtapi_users_replace_the_naming_heuristic() {
    let mut settings = Settings { jtapi_users: vec!["uccxjtapiuser_1".into()], ..Settings::default() };
    // With one telephony user (a single node) the trigger it controls is complete; node 2's port
    // is now a port no telephony user controls, as are the ports UCCX's call control group export
    // or the RMCM user name, and the trigger only UCCX's export names.
    let found = run_with("RMCM008", "fail", &settings).unwrap();
    assert_eq!(found, ["phone:CXBA_RP2", "phone:CXBA_6001", "phone:CXBA_6002", "phone:CXBA_6003"]);
    settings.jtapi_users = vec!["ccxjtapi".into()];
    let reason = run_with("RMCM008", "fail", &settings).unwrap_err();
    assert!(reason.contains("ccxjtapi (jtapi-users) not among"), "{reason}");
}

#[test]
fn a_named_fippa_user_missing_from_the_export_is_a_skip() {
    let settings = Settings { fippa_user: Some("ippa".into()), ..Settings::default() };
    let reason = run_with("FIPPA001", "fail", &settings).unwrap_err();
    assert_eq!(reason, "FIPPA user `ippa` (from fippa-user) is not among the export's application users");
}

#[test]
fn subscription_rules_skip_when_the_export_has_no_subscriptions() {
    // The BAT tar's phone.csv carries no phone-service subscriptions.
    let reason = run_with("EM003", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("phone.csv has none"), "{reason}");
    let reason = run_with("EM004", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("deviceprofile.csv has none"), "{reason}");
}

#[test]
fn a_single_finesse_node_needs_no_second_ippa_service() {
    let settings = Settings { finesse_nodes: Some(1), ..Settings::default() };
    assert_eq!(run_with("FIPPA004", "fail", &settings), Ok(vec![]));
}

#[test]
fn fippa_sign_in_parameters_are_known_from_axl_only() {
    let reason = run_with("FIPPA005", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("phoneservices.csv has none"), "{reason}");
}

#[test]
fn a_call_pickup_group_is_known_from_axl_get_line_alone() {
    // getUser, getPhone and getLine only: no directorynumber.csv.
    let found = run_with("UCCX025", "axl-only", &Settings::default()).unwrap();
    assert_eq!(found, ["dn:4006@PT_Internal"]);
}

#[test]
fn phone_csv_line_forwards_are_enough_without_directorynumber_csv() {
    // phone.csv with its per-line `Forward … Destination N` columns, no directorynumber.csv.
    let settings = Settings::default();
    // 2001 is on two phones: its forwards are the DN's, reported once.
    assert_eq!(run_with("UCCX018", "phone-forwards", &settings), Ok(vec!["dn:2001@PT_Internal".to_owned()]));
    assert_eq!(run_with("UCCX019", "phone-forwards", &settings), Ok(vec!["dn:4001@PT_Internal".to_owned()]));
    assert_eq!(run_with("UCCX020", "phone-forwards", &settings), Ok(vec!["dn:4001@PT_Internal".to_owned()]));
}

#[test]
fn a_custom_group_that_carries_the_role_counts_for_the_rmcm_user() {
    // The RMCM user's custom group "UCCX RMCM CTI" carries "Standard CTI Enabled" in
    // accesscntrlgrp.csv; without that file only the group names could be compared.
    assert_eq!(run_with("RMCM003", "custom-group", &Settings::default()), Ok(vec![]));
    let without_roles = fixture("RMCM003", "custom-group");
    let files = ["appuser.csv", "enduser.csv", "phone.csv"].map(|f| without_roles.join(f));
    let ingested = uclint_ingest::ingest(&files);
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[registry::find("RMCM003").unwrap()]);
    assert_eq!(result.diagnostics.len(), 1, "{:#?}", result.diagnostics);
}

#[test]
fn phone_csv_line_pickup_groups_are_enough_without_directorynumber_csv() {
    // phone.csv with its per-line `Call Pickup Group N` column, no directorynumber.csv: the
    // agent's 4001 is reported, the receptionist's 2001 in the same group is not an agent's.
    let found = run_with("UCCX025", "phone-pickup", &Settings::default());
    assert_eq!(found, Ok(vec!["dn:4001@PT_Internal".to_owned()]));
}

#[test]
fn phone_csv_line_forwards_merge_with_directorynumber_csv_by_dn() {
    // The same forward in directorynumber.csv and on both phones' lines: one finding, no conflict.
    let rule = registry::find("UCCX018").unwrap();
    let inputs = [fixture("UCCX018", "phone-forwards"), fixture("UCCX018", "fail").join("directorynumber.csv")];
    let ingested = uclint_ingest::ingest(&inputs);
    assert!(ingested.cluster.has(uclint_model::DataSet::DirectoryNumbers));
    let conflicts: Vec<_> = ingested.diagnostics.iter().filter(|d| d.code == "INPUT006").collect();
    assert!(conflicts.is_empty(), "{conflicts:#?}");
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[rule]);
    let found: Vec<_> =
        result.diagnostics.iter().filter(|d| d.code == "UCCX018").map(|d| d.object.to_string()).collect();
    assert_eq!(found, ["dn:2001@PT_Internal"]);
}

#[test]
fn em_service_hosts_need_node_names() {
    // Only cluster-wide (EnterpriseWideData) parameters: no node is named.
    let reason = run_with("EM006", "no-nodes", &Settings::default()).unwrap_err();
    assert!(reason.contains("SERVER column of serviceparameter.csv"), "{reason}");
}

#[test]
fn sec007_leaves_out_the_phones_of_a_named_fippa_user() {
    let everyone = run_with("SEC007", "fail", &Settings::default()).unwrap();
    assert_eq!(everyone, ["phone:SEP0011AABB0001", "phone:CSFSTAFF77"]);
    let settings = Settings { fippa_user: Some("finesseippa".into()), ..Settings::default() };
    assert_eq!(run_with("SEC007", "fail", &settings), Ok(vec!["phone:CSFSTAFF77".to_owned()]));
}

#[test]
fn the_presence_line_rule_is_skipped_on_bat_users_and_says_why() {
    let rule = registry::find("IMP010").unwrap();
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/families/bat-export").to_path_buf()]);
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[rule]);
    assert!(result.diagnostics.is_empty(), "{:#?}", result.diagnostics);
    let reason = result.skipped.first().map(|s| s.reason.as_str()).unwrap_or_default();
    assert!(reason.contains("lineAppearanceAssociationForPresences"), "{reason:?}");
}

#[test]
fn an_emcc_service_url_declares_emcc_and_missing_emcc_data_is_noted() {
    let rule = registry::find("EM017").unwrap();
    let ingested = uclint_ingest::ingest(&[fixture("EM017", "url")]);
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[rule]);
    let objects: Vec<String> = result.diagnostics.iter().map(|d| d.object.to_string()).collect();
    assert_eq!(objects, ["user:jdoe"], "EMCC=#EMCC# in the EM service URL triggers the rule");
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    let note = result.notes.iter().find(|n| n.starts_with("EM017:")).expect("a note on the checks not made");
    for missing in ["remotecluster.csv", "interclusterserviceprofile.csv", "Extension Mobility Cross Cluster CSS"] {
        assert!(note.contains(missing), "{note}");
    }
}
