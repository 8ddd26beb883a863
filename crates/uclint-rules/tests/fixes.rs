//! The fixes the rules propose (`uclint fix`), from the rules' side: each fixable rule, run with
//! [`uclint_rules::run_fixing`] on its failing fixture, gives every finding of its code the fix
//! expected here (an edit, or the reason none is offered); each edit's `before` is what the
//! export shows at its span, which the fixed export rewrites; and run as `check` runs them
//! ([`uclint_rules::run_in`]), no finding carries a fix. The cases where a rule offers no fix
//! (an ambiguous IPCC extension, a Busy Trigger in the way, an RMCM user missing from the
//! export) are built here in memory.
//!
//! The rules with fix metadata are exactly [`FIXABLE`]: a rule that gains a fix is added there,
//! with a test of its edits.

use std::path::Path;

use uclint_ingest::{Ingested, RawInput};
use uclint_model::{Diagnostic, Edit, Fix, Safety};
use uclint_rules::{registry, Context, RuleMeta, Settings};

/// The rules that have a fix, by code, each with its safety.
const FIXABLE: [(&str, Safety); 10] = [
    ("EM011", Safety::Safe),
    ("IMP003", Safety::Safe),
    ("RMCM001", Safety::Safe),
    ("RMCM003", Safety::Safe),
    ("UCCX006", Safety::Safe),
    ("UCCX007", Safety::Safe),
    ("UCCX008", Safety::Unsafe),
    ("UCCX010", Safety::Safe),
    ("UCCX012", Safety::Safe),
    ("UCCX023", Safety::Safe),
];

fn rule(code: &str) -> &'static RuleMeta {
    registry::find(code).unwrap_or_else(|| panic!("no rule {code}"))
}

/// The findings of `rules` on `ingested`, with fixes (`fixing`) or as `check` gets them.
fn findings(ingested: &Ingested, settings: &Settings, rules: &[&'static RuleMeta], fixing: bool) -> Vec<Diagnostic> {
    let mut context = Context::new(&ingested.cluster, settings);
    let result =
        if fixing { uclint_rules::run_fixing(&mut context, rules) } else { uclint_rules::run_in(&mut context, rules) };
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    result.diagnostics
}

/// Each finding of `code`'s fix, one line each: `object | field | before -> after`, or `not
/// offered: why`. A finding without a fix fails the test. Each `Set` edit's `before` is checked
/// against the export's text at its span.
fn fixes(ingested: &Ingested, diagnostics: &[Diagnostic], code: &str) -> Vec<String> {
    let of_code: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == code).collect();
    assert!(!of_code.is_empty(), "{code} did not fire");
    of_code
        .iter()
        .map(|d| match d.fix.as_deref() {
            None => panic!("{code} finding about {} has no fix: {}", d.object, d.message),
            Some(Fix::NotOffered(why)) => format!("not offered: {why}"),
            Some(Fix::Edit(edit)) => {
                if let Edit::Set { before, .. } = edit {
                    let source = ingested.sources.get(before.span.source);
                    let shown = source.text.get(before.span.start as usize..before.span.end as usize);
                    assert_eq!(
                        shown,
                        Some(before.value.as_str()),
                        "{code}: `before` is not what {} shows",
                        source.path
                    );
                }
                format!("{} | {} | {}", edit.object(), edit.field_name(), edit.change())
            }
        })
        .collect()
}

/// Runs `code` alone on its failing fixture: the fixes of its findings; and checks that a run
/// that does not fix attaches none.
fn fixes_on_failing_fixture(code: &str) -> Vec<String> {
    let dir = Path::new("../../fixtures/rules").join(code).join("fail");
    let ingested = uclint_ingest::ingest(&[dir]);
    let settings = Settings::default();
    let checked = findings(&ingested, &settings, &[rule(code)], false);
    assert!(checked.iter().any(|d| d.code == code), "{code} did not fire");
    assert!(checked.iter().all(|d| d.fix.is_none()), "{code}: a check run built a fix");
    let fixed = findings(&ingested, &settings, &[rule(code)], true);
    let messages = |ds: &[Diagnostic]| ds.iter().map(|d| (d.object.clone(), d.message.clone())).collect::<Vec<_>>();
    assert_eq!(messages(&checked), messages(&fixed), "{code}: fixing changed the findings");
    fixes(&ingested, &fixed, code)
}

/// An export given in memory: `(file name, text)` pairs.
fn export(files: &[(&str, &str)]) -> Ingested {
    let inputs = files
        .iter()
        .map(|(path, text)| RawInput { path: (*path).to_owned(), bytes: text.as_bytes().to_vec(), error: None })
        .collect();
    uclint_ingest::parse(inputs)
}

#[test]
fn the_fixable_rules_are_these() {
    let mut found: Vec<(&str, Safety)> =
        registry::RULES.iter().filter_map(|r| Some((r.code.id, r.fix?.safety))).collect();
    found.sort_unstable();
    assert_eq!(found, FIXABLE, "rules with a fix: add a new one to FIXABLE, with a test of its edits");
    for rule in registry::RULES.iter().filter(|r| r.fix.is_some()) {
        let page = rule.doc_page();
        let section = match rule.fix.map(|f| f.safety) {
            Some(Safety::Unsafe) => "\n## Fix\nUnsafe: `uclint fix --unsafe-fixes` ",
            _ => "\n## Fix\nSafe: `uclint fix` ",
        };
        assert!(page.contains(section), "{}: {page}", rule.code);
        let summary = rule.fix.map(|f| f.summary).unwrap_or_default();
        assert!(summary.ends_with('.') && summary.starts_with(|c: char| c.is_lowercase()), "{}: {summary}", rule.code);
    }
}

#[test]
fn uccx006_sets_maximum_number_of_calls_to_two() {
    assert_eq!(
        fixes_on_failing_fixture("UCCX006"),
        ["phone:SEP0011AABB0004 | Maximum Number of Calls (line 1) | 4 -> 2"]
    );
}

#[test]
fn em011_sets_the_profile_line_to_two_calls() {
    assert_eq!(fixes_on_failing_fixture("EM011"), ["udp:UDP_jdoe | Maximum Number of Calls (line 1) | 1 -> 2"]);
}

#[test]
fn uccx007_sets_busy_trigger_to_one() {
    assert_eq!(fixes_on_failing_fixture("UCCX007"), ["phone:SEP0011AABB0004 | Busy Trigger (line 1) | 2 -> 1"]);
}

#[test]
fn uccx008_moves_the_phone_to_the_one_ipv4_only_cdc_and_says_why_not_otherwise() {
    assert_eq!(
        fixes_on_failing_fixture("UCCX008"),
        [
            "phone:SEP0011AABB0001 | Common Device Configuration | EMCCDeviceConf -> common-device-configuration-ipv4",
            "not offered: the phone has no Common Device Configuration in the export, so there is no value to \
             rewrite: pick one on the phone page",
            "phone:SEP0011AABB00E1 | Common Device Configuration | common-device-configuration-ipv6 -> \
             common-device-configuration-ipv4",
        ]
    );
}

#[test]
fn uccx010_checks_cti_control_on_the_device() {
    assert_eq!(
        fixes_on_failing_fixture("UCCX010"),
        ["phone:SEP0011AABB0001 | Allow Control of Device from CTI | f -> checked"]
    );
}

#[test]
fn uccx012_checks_cti_control_on_the_end_user() {
    assert_eq!(
        fixes_on_failing_fixture("UCCX012"),
        ["user:agent01 | Allow Control of Device from CTI (end user) | f -> checked"]
    );
}

#[test]
fn uccx023_sets_join_across_lines_off() {
    // SEP0011AABB0002 says `Default` under a cluster policy that is on: it is set to Off too.
    assert_eq!(
        fixes_on_failing_fixture("UCCX023"),
        [
            "udp:UDP_agent06 | Join Across Lines | On -> Off",
            "phone:SEP0011AABB0001 | Join Across Lines | On -> Off",
            "phone:SEP0011AABB0002 | Join Across Lines | Default -> Off",
        ]
    );
}

#[test]
fn rmcm001_adds_the_device_to_the_rmcm_user() {
    // The edit is to the application user; the finding stays about the device.
    assert_eq!(
        fixes_on_failing_fixture("RMCM001"),
        [
            "appuser:uccxrmcmuser | CTI Controlled Device Profiles | + UDP_agent06",
            "appuser:uccxrmcmuser | Controlled Devices | + SEP0011AABB0005",
        ]
    );
}

#[test]
fn imp003_adds_the_group_the_finding_names() {
    assert_eq!(
        fixes_on_failing_fixture("IMP003"),
        [
            "user:jdoe | Access Control Groups | + Standard CTI Enabled",
            "user:kim | Access Control Groups | + Standard CCM End Users",
            "user:pat | Access Control Groups | + Standard CTI Enabled",
            "user:ann | Access Control Groups | + Standard CTI Enabled",
        ]
    );
}

#[test]
fn rmcm003_adds_the_rmcm_user_to_standard_cti_enabled() {
    assert_eq!(
        fixes_on_failing_fixture("RMCM003"),
        ["appuser:uccxrmcmuser | Access Control Groups | + Standard CTI Enabled"]
    );
}

#[test]
fn an_axl_check_box_is_restated_as_axl_spells_it() {
    let get_user = "<?xml version='1.0' encoding='UTF-8'?>\n\
        <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\
        <ns:getUserResponse xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return><user>\
        <userid>agent01</userid><enableCti>false</enableCti>\
        <ipccExtension>4001</ipccExtension><ipccRoutePartition>PT_Internal</ipccRoutePartition>\
        </user></return></ns:getUserResponse></soapenv:Body></soapenv:Envelope>\n";
    let ingested = export(&[("getUser-agent01.xml", get_user)]);
    let fixed = findings(&ingested, &Settings::default(), &[rule("UCCX012")], true);
    assert_eq!(
        fixes(&ingested, &fixed, "UCCX012"),
        ["user:agent01 | Allow Control of Device from CTI (end user) | false -> checked"]
    );
}

const ENDUSER: &str = "USER ID,ALLOW CONTROL OF DEVICE FROM CTI,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1\n\
                       agent01,t,4004,ICD\n";
const APPUSER: &str = "APPLICATION USER NAME,DIR GROUP NAME 1\nuccxrmcmuser,Standard CTI Enabled\n";
const PHONE_HEADER: &str = "Device Name,Device Type,Allow CTI Control Flag,Join Across Lines,Directory Number 1,\
                            Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1\n";

#[test]
fn no_fix_when_the_ipcc_extension_is_ambiguous() {
    // The tar gives the IPCC extension without its partition, and 4004 is in two partitions:
    // every appearance is reported, none is changed.
    let phone = format!(
        "{PHONE_HEADER}SEP0011AABB0004,Cisco 8845,f,On,4004,PT_Internal,4,2\n\
         SEP0011AABB00F1,Cisco 8845,t,Off,4004,PT_Lab,2,1\n"
    );
    let ingested = export(&[("enduser.csv", ENDUSER), ("phone.csv", &phone), ("appuser.csv", APPUSER)]);
    let codes = ["UCCX006", "UCCX007", "UCCX010", "UCCX023", "RMCM001"];
    let rules: Vec<_> = codes.iter().map(|c| rule(c)).collect();
    let fixed = findings(&ingested, &Settings::default(), &rules, true);
    let why = "not offered: the IPCC extension 4004 of agent01 names no partition and the number is in 2 \
               partitions: which line is the agent's is for the admin to say";
    assert_eq!(fixes(&ingested, &fixed, "UCCX006"), [why]);
    assert_eq!(fixes(&ingested, &fixed, "UCCX007"), [why]);
    assert_eq!(fixes(&ingested, &fixed, "UCCX010"), [why]);
    assert_eq!(fixes(&ingested, &fixed, "UCCX023"), [why]);
    assert_eq!(fixes(&ingested, &fixed, "RMCM001"), [why, why]);

    // With the partition given, the same findings are fixed.
    let enduser = ENDUSER.replace(",4004,", ",4004 in PT_Internal,");
    let phone = phone.replace("PT_Lab", "PT_Internal").replace("4004,PT_Internal,2,1", "4005,PT_Internal,2,1");
    let ingested = export(&[("enduser.csv", &enduser), ("phone.csv", &phone), ("appuser.csv", APPUSER)]);
    let fixed = findings(&ingested, &Settings::default(), &rules, true);
    for code in codes {
        let found = fixes(&ingested, &fixed, code);
        assert!(found.iter().all(|f| !f.starts_with("not offered")), "{code}: {found:?}");
    }
}

#[test]
fn maximum_number_of_calls_waits_for_a_busy_trigger_above_two() {
    // Busy Trigger 3: CUCM takes no Busy Trigger above Maximum Number of Calls, so 2 is offered
    // only with UCCX007, which sets Busy Trigger to 1, in the run.
    let enduser = ENDUSER.replace(",4004,", ",4004 in PT_Internal,");
    let phone = format!("{PHONE_HEADER}SEP0011AABB0004,Cisco 8845,t,Off,4004,PT_Internal,4,3\n");
    let ingested = export(&[("enduser.csv", &enduser), ("phone.csv", &phone)]);
    let alone = findings(&ingested, &Settings::default(), &[rule("UCCX006")], true);
    assert_eq!(
        fixes(&ingested, &alone, "UCCX006"),
        ["not offered: Busy Trigger is 3, above 2, and CUCM refuses a Busy Trigger above Maximum Number of Calls: \
          select UCCX007 too, whose fix sets Busy Trigger to 1"]
    );
    let both = findings(&ingested, &Settings::default(), &[rule("UCCX006"), rule("UCCX007")], true);
    assert_eq!(
        fixes(&ingested, &both, "UCCX006"),
        ["phone:SEP0011AABB0004 | Maximum Number of Calls (line 1) | 4 -> 2"]
    );
    assert_eq!(fixes(&ingested, &both, "UCCX007"), ["phone:SEP0011AABB0004 | Busy Trigger (line 1) | 3 -> 1"]);

    // A line whose export gives no Busy Trigger: it may be above 2.
    let phone = "Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1\n\
                 SEP0011AABB0004,Cisco 8845,4004,PT_Internal,4\n";
    let ingested = export(&[("enduser.csv", &enduser), ("phone.csv", phone)]);
    let fixed = findings(&ingested, &Settings::default(), &[rule("UCCX006")], true);
    let found = fixes(&ingested, &fixed, "UCCX006");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("not offered: the export does not give the line's Busy Trigger"), "{found:?}");
}

#[test]
fn no_controlled_device_is_added_to_an_rmcm_user_the_export_lacks() {
    let enduser = ENDUSER.replace(",4004,", ",4004 in PT_Internal,");
    let phone = format!("{PHONE_HEADER}SEP0011AABB0004,Cisco 8845,t,Off,4004,PT_Internal,2,1\n");
    let ingested = export(&[("enduser.csv", &enduser), ("phone.csv", &phone), ("appuser.csv", APPUSER)]);
    let settings = Settings { rmcm_user: Some("rmcm_elsewhere".into()), ..Settings::default() };
    let fixed = findings(&ingested, &settings, &[rule("RMCM001")], true);
    assert_eq!(
        fixes(&ingested, &fixed, "RMCM001"),
        ["not offered: RMCM user rmcm_elsewhere is not among the export's application users, so its Controlled \
          Devices are not known"]
    );
}
