//! Every rule against its fixtures, one test each, so that a failure names its rule:
//! `fixtures/rules/<CODE>/fail` must produce findings of that rule (snapshotted with their spans,
//! `<CODE>_fail`), `fixtures/rules/<CODE>/pass` must produce none. A rule without both fixtures
//! fails here. A fixture directory whose rule needs deployment facts carries them in its own
//! `uclint.toml`, in the format the CLI reads; a rule that declares `settings: [..]` must be
//! skipped, naming the key, when its fixture runs without one of them.
//!
//! The tests are generated (`harness = false`, libtest-mimic), one per rule and case, and take
//! the usual filters: `cargo test -p uclint-rules --test fixtures -- UCCX001`.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use uclint_model::sort_diagnostics;
use uclint_report::{render_full, FullOptions, Report, Summary};
use uclint_rules::{registry, RuleMeta, Setting, Settings};

fn main() {
    let mut trials = Vec::new();
    for rule in registry::RULES {
        trials.push(Trial::test(format!("{}/fail", rule.code), move || fires_on_its_failing_fixture(rule)));
        trials.push(Trial::test(format!("{}/pass", rule.code), move || is_silent_on_its_passing_fixture(rule)));
        if !rule.settings.is_empty() {
            trials.push(Trial::test(format!("{}/skipped-without-its-settings", rule.code), move || {
                is_skipped_without_its_settings(rule)
            }));
        }
    }
    let cases: [(&str, fn()); 16] = [
        ("supported_agent_models_replace_the_built_in_list", supported_agent_models_replace_the_built_in_list),
        ("named_jtapi_users_replace_the_naming_heuristic", named_jtapi_users_replace_the_naming_heuristic),
        ("a_named_fippa_user_missing_from_the_export_is_a_skip", a_named_fippa_user_missing_from_the_export_is_a_skip),
        (
            "subscription_rules_skip_when_the_export_has_no_subscriptions",
            subscription_rules_skip_when_the_export_has_no_subscriptions,
        ),
        ("a_single_finesse_node_needs_no_second_ippa_service", a_single_finesse_node_needs_no_second_ippa_service),
        ("fippa_sign_in_parameters_are_known_from_axl_only", fippa_sign_in_parameters_are_known_from_axl_only),
        ("a_call_pickup_group_is_known_from_axl_get_line_alone", a_call_pickup_group_is_known_from_axl_get_line_alone),
        (
            "phone_csv_line_forwards_are_enough_without_directorynumber_csv",
            phone_csv_line_forwards_are_enough_without_directorynumber_csv,
        ),
        (
            "a_custom_group_that_carries_the_role_counts_for_the_rmcm_user",
            a_custom_group_that_carries_the_role_counts_for_the_rmcm_user,
        ),
        (
            "phone_csv_line_pickup_groups_are_enough_without_directorynumber_csv",
            phone_csv_line_pickup_groups_are_enough_without_directorynumber_csv,
        ),
        (
            "phone_csv_line_forwards_merge_with_directorynumber_csv_by_dn",
            phone_csv_line_forwards_merge_with_directorynumber_csv_by_dn,
        ),
        ("em_service_hosts_need_node_names", em_service_hosts_need_node_names),
        ("sec007_leaves_out_the_phones_of_a_named_fippa_user", sec007_leaves_out_the_phones_of_a_named_fippa_user),
        (
            "the_presence_line_rule_is_skipped_on_bat_users_and_says_why",
            the_presence_line_rule_is_skipped_on_bat_users_and_says_why,
        ),
        (
            "an_emcc_service_url_declares_emcc_and_missing_emcc_data_is_noted",
            an_emcc_service_url_declares_emcc_and_missing_emcc_data_is_noted,
        ),
        ("fixture_settings_are_read_like_uclint_toml", fixture_settings_are_read_like_uclint_toml),
    ];
    for (name, case) in cases {
        trials.push(Trial::test(name, move || {
            case();
            Ok(())
        }));
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// Fixtures, relative to this crate so that paths in snapshots do not depend on the machine.
fn fixture(code: &str, case: &str) -> PathBuf {
    Path::new("../../fixtures/rules").join(code).join(case)
}

/// The `uclint.toml` of a rule's fixtures, as a table; empty when there is none.
fn fixture_config(code: &str) -> toml::Table {
    let path = Path::new("../../fixtures/rules").join(code).join("uclint.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Err(_) => toml::Table::new(),
    }
}

/// The deployment facts of a `uclint.toml` table, mapped to [`Settings`] as the CLI's
/// `config::settings` maps them. A key that is not a deployment fact fails the test.
fn settings_of(table: &toml::Table) -> Settings {
    let mut settings = Settings::default();
    let text = |v: &toml::Value| v.as_str().expect("a string").to_owned();
    let texts = |v: &toml::Value| v.as_array().expect("an array").iter().map(text).collect::<Vec<_>>();
    let flag = |v: &toml::Value| v.as_bool().expect("true or false");
    for (key, value) in table {
        let setting = Setting::ALL.into_iter().find(|s| s.key() == key);
        match setting.unwrap_or_else(|| panic!("`{key}` is not a deployment fact")) {
            Setting::RmcmUser => settings.rmcm_user = Some(text(value)),
            Setting::AgentDeviceSelection => settings.agent_device_selection = flag(value),
            Setting::FippaUser => settings.fippa_user = Some(text(value)),
            Setting::JtapiUsers => settings.jtapi_users = texts(value),
            Setting::AxlUser => settings.axl_user = Some(text(value)),
            Setting::SupportedAgentModels => settings.supported_agent_models = Some(texts(value)),
            Setting::MonitoringRecording => settings.monitoring_recording = flag(value),
            Setting::Srtp => settings.srtp = flag(value),
            Setting::EmProxyLogins => settings.em_proxy_logins = flag(value),
            Setting::FinesseNodes => {
                settings.finesse_nodes = Some(value.as_integer().and_then(|n| u32::try_from(n).ok()).expect("a count"))
            }
            Setting::Emcc => settings.emcc = flag(value),
        }
    }
    settings
}

/// Runs one rule on one fixture with its fixture's settings: its findings, rendered in the full
/// format, and their count.
fn check(rule: &'static RuleMeta, case: &str) -> Result<(usize, String), Failed> {
    let dir = fixture(rule.code.id, case);
    if !dir.is_dir() {
        return Err(format!("{} has no {case} fixture at {}", rule.code, dir.display()).into());
    }
    let ingested = uclint_ingest::ingest(&[dir]);
    let result = uclint_rules::run(&ingested.cluster, &settings_of(&fixture_config(rule.code.id)), &[rule]);
    if !result.skipped.is_empty() {
        return Err(format!("{} skipped on its {case} fixture: {:?}", rule.code, result.skipped).into());
    }
    let mut findings: Vec<_> = result.diagnostics.into_iter().filter(|d| d.code == rule.code.id).collect();
    sort_diagnostics(&mut findings);
    let summary = Summary::default();
    let report = Report { diagnostics: &findings, sources: &ingested.sources, summary: &summary };
    Ok((findings.len(), render_full(&report, FullOptions::default())))
}

fn fires_on_its_failing_fixture(rule: &'static RuleMeta) -> Result<(), Failed> {
    let (count, rendered) = check(rule, "fail")?;
    if count == 0 {
        return Err(format!("{} did not fire on its failing fixture", rule.code).into());
    }
    insta::assert_snapshot!(format!("{}_fail", rule.code), rendered);
    Ok(())
}

fn is_silent_on_its_passing_fixture(rule: &'static RuleMeta) -> Result<(), Failed> {
    let (count, rendered) = check(rule, "pass")?;
    if count != 0 {
        return Err(format!("{} fired on its passing fixture:\n{rendered}", rule.code).into());
    }
    Ok(())
}

/// For each setting the rule declares, its failing fixture without that key of its
/// `uclint.toml` (and with the others): no finding, and a skip that names the key.
fn is_skipped_without_its_settings(rule: &'static RuleMeta) -> Result<(), Failed> {
    let config = fixture_config(rule.code.id);
    let ingested = uclint_ingest::ingest(&[fixture(rule.code.id, "fail")]);
    for setting in rule.settings {
        let key = setting.key();
        if !config.contains_key(key) {
            return Err(format!("{} needs {key}, which its fixtures' uclint.toml does not set", rule.code).into());
        }
        let mut without = config.clone();
        without.remove(key);
        let result = uclint_rules::run(&ingested.cluster, &settings_of(&without), &[rule]);
        if !result.diagnostics.is_empty() {
            return Err(format!("{} reported without {key}", rule.code).into());
        }
        let reason = result.skipped.first().map(|s| s.reason.as_str()).unwrap_or_default();
        if !reason.contains(key) {
            return Err(format!("{} skipped without naming {key}: {reason:?}", rule.code).into());
        }
    }
    Ok(())
}

/// Every setting's key is read as the CLI reads it, and a fixture's `uclint.toml` names only
/// deployment facts that its rule declares, or that change what it checks (then the fixture is
/// the place to show it).
fn fixture_settings_are_read_like_uclint_toml() {
    let all: toml::Table = r#"
        rmcm-user = "rmcm"
        agent-device-selection = true
        fippa-user = "fippa"
        jtapi-users = ["j1", "j2"]
        axl-user = "axl"
        supported-agent-models = ["Cisco 88*"]
        monitoring-recording = true
        srtp = true
        em-proxy-logins = true
        finesse-nodes = 2
        emcc = true
    "#
    .parse()
    .unwrap();
    assert_eq!(all.len(), Setting::ALL.len());
    let settings = settings_of(&all);
    assert_eq!(settings.rmcm_user.as_deref(), Some("rmcm"));
    assert!(settings.agent_device_selection && settings.monitoring_recording && settings.srtp);
    assert!(settings.em_proxy_logins && settings.emcc);
    assert_eq!(settings.fippa_user.as_deref(), Some("fippa"));
    assert_eq!(settings.jtapi_users, ["j1", "j2"]);
    assert_eq!(settings.axl_user.as_deref(), Some("axl"));
    assert_eq!(settings.supported_agent_models, Some(vec!["Cisco 88*".to_owned()]));
    assert_eq!(settings.finesse_nodes, Some(2));
    for rule in registry::RULES {
        for key in fixture_config(rule.code.id).keys() {
            assert!(
                rule.settings.iter().any(|s| s.key() == key),
                "{}'s fixtures set {key}, which the rule does not declare in `settings: [..]`",
                rule.code
            );
        }
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

fn a_named_fippa_user_missing_from_the_export_is_a_skip() {
    let settings = Settings { fippa_user: Some("ippa".into()), ..Settings::default() };
    let reason = run_with("FIPPA001", "fail", &settings).unwrap_err();
    assert_eq!(reason, "FIPPA user `ippa` (from fippa-user) is not among the export's application users");
}

fn subscription_rules_skip_when_the_export_has_no_subscriptions() {
    // The BAT tar's phone.csv carries no phone-service subscriptions.
    let reason = run_with("EM003", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("phone.csv has none"), "{reason}");
    let reason = run_with("EM004", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("deviceprofile.csv has none"), "{reason}");
}

fn a_single_finesse_node_needs_no_second_ippa_service() {
    let settings = Settings { finesse_nodes: Some(1), ..Settings::default() };
    assert_eq!(run_with("FIPPA004", "fail", &settings), Ok(vec![]));
}

fn fippa_sign_in_parameters_are_known_from_axl_only() {
    let reason = run_with("FIPPA005", "bat-only", &Settings::default()).unwrap_err();
    assert!(reason.contains("phoneservices.csv has none"), "{reason}");
}

fn a_call_pickup_group_is_known_from_axl_get_line_alone() {
    // getUser, getPhone and getLine only: no directorynumber.csv.
    let found = run_with("UCCX025", "axl-only", &Settings::default()).unwrap();
    assert_eq!(found, ["dn:4006@PT_Internal"]);
}

fn phone_csv_line_forwards_are_enough_without_directorynumber_csv() {
    // phone.csv with its per-line `Forward … Destination N` columns, no directorynumber.csv.
    let settings = Settings::default();
    // 2001 is on two phones: its forwards are the DN's, reported once.
    assert_eq!(run_with("UCCX018", "phone-forwards", &settings), Ok(vec!["dn:2001@PT_Internal".to_owned()]));
    assert_eq!(run_with("UCCX019", "phone-forwards", &settings), Ok(vec!["dn:4001@PT_Internal".to_owned()]));
    assert_eq!(run_with("UCCX020", "phone-forwards", &settings), Ok(vec!["dn:4001@PT_Internal".to_owned()]));
}

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

fn phone_csv_line_pickup_groups_are_enough_without_directorynumber_csv() {
    // phone.csv with its per-line `Call Pickup Group N` column, no directorynumber.csv: the
    // agent's 4001 is reported, the receptionist's 2001 in the same group is not an agent's.
    let found = run_with("UCCX025", "phone-pickup", &Settings::default());
    assert_eq!(found, Ok(vec!["dn:4001@PT_Internal".to_owned()]));
}

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

fn em_service_hosts_need_node_names() {
    // Only cluster-wide (EnterpriseWideData) parameters: no node is named.
    let reason = run_with("EM006", "no-nodes", &Settings::default()).unwrap_err();
    assert!(reason.contains("SERVER column of serviceparameter.csv"), "{reason}");
}

fn sec007_leaves_out_the_phones_of_a_named_fippa_user() {
    let everyone = run_with("SEC007", "fail", &Settings::default()).unwrap();
    assert_eq!(everyone, ["phone:SEP0011AABB0001", "phone:CSFSTAFF77"]);
    let settings = Settings { fippa_user: Some("finesseippa".into()), ..Settings::default() };
    assert_eq!(run_with("SEC007", "fail", &settings), Ok(vec!["phone:CSFSTAFF77".to_owned()]));
}

fn the_presence_line_rule_is_skipped_on_bat_users_and_says_why() {
    let rule = registry::find("IMP010").unwrap();
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/families/bat-export").to_path_buf()]);
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &[rule]);
    assert!(result.diagnostics.is_empty(), "{:#?}", result.diagnostics);
    let reason = result.skipped.first().map(|s| s.reason.as_str()).unwrap_or_default();
    assert!(reason.contains("lineAppearanceAssociationForPresences"), "{reason:?}");
}

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
