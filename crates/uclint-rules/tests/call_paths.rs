//! The call-path rules (DIAL004-007) on what their fixtures cannot show at once: each case takes
//! a rule's fixture, changes the one setting the case is about in the model, and checks what the
//! rule reports and notes.

use std::path::PathBuf;

use uclint_model::{AppUser, CallingSearchSpace, Cluster, DialPattern, PatternKind, SourceId, Span, Spanned, Text};
use uclint_rules::{registry, RunResult, Settings};

fn fixture(code: &str, case: &str) -> Cluster {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/rules").join(code).join(case);
    uclint_ingest::ingest(&[dir]).cluster
}

fn run(code: &str, cluster: &Cluster) -> RunResult {
    let rule = registry::find(code).unwrap();
    uclint_rules::run(cluster, &Settings::default(), &[rule])
}

/// The messages of the rule's findings.
fn messages(result: &RunResult) -> Vec<String> {
    result.diagnostics.iter().map(|d| d.message.clone()).collect()
}

fn cell(text: &str) -> Spanned<Text> {
    Spanned::new(Text::from(text), Span::new(SourceId::new(0), 0, 0))
}

fn translation(pattern: &str, partition: &str, css: &str, mask: &str) -> DialPattern {
    let mut p = DialPattern::new(PatternKind::TranslationPattern, cell(pattern), cell(partition), cell("").span);
    p.css = Some(cell(css));
    p.called.mask = Some(cell(mask));
    p.blocked = Some(Spanned::new(false, cell("").span));
    p
}

#[test]
fn dial004_does_not_judge_the_callers_css_and_says_so() {
    let mut cluster = fixture("DIAL004", "fail");
    assert_eq!(run("DIAL004", &cluster).diagnostics.len(), 2);
    for group in &mut cluster.uccx_call_control_groups {
        for ports in &mut group.port_groups {
            ports.redirect_calling_search_space = Some(cell("Calling Party"));
        }
    }
    let result = run("DIAL004", &cluster);
    assert_eq!(messages(&result), Vec::<String>::new());
    assert!(result.notes.iter().any(|n| n.starts_with("DIAL004: 2 UCCX CTI port(s)") && n.contains("Calling Party")));
}

#[test]
fn dial004_analyses_once_per_css_and_names_the_ports_that_share_it() {
    let mut cluster = fixture("DIAL004", "fail");
    let port = cluster.phones.iter_mut().find(|p| p.name.value == "CXBA_P2").unwrap();
    port.css = Some(cell("CSS_PSTN"));
    let found = messages(&run("DIAL004", &cluster));
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().all(|m| !m.contains("other port")), "{found:#?}");
    assert_eq!(
        found.iter().filter(|m| m.contains("from CTI port CXBA_P2 with calling search space CSS_PSTN")).count(),
        2
    );
}

#[test]
fn dial004_without_a_call_control_group_assumes_the_ports_own_css_and_says_so() {
    let mut cluster = fixture("DIAL004", "fail");
    cluster.uccx_call_control_groups.clear();
    cluster.present.remove(&uclint_model::DataSet::UccxCallControlGroups);
    cluster.app_users.push(AppUser {
        name: cell("uccxjtapiuser_1"),
        controlled_devices: vec![cell("CXBA_P1"), cell("CXBA_P2")],
        controlled_profiles: Vec::new(),
        groups: Vec::new(),
        span: cell("").span,
    });
    let found = messages(&run("DIAL004", &cluster));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found
        .iter()
        .all(|m| m.contains("the CTI port's own line CSS <None> and device CSS CSS_Internal (assumed")));
}

#[test]
fn dial005_judges_a_named_redirect_css_and_notes_a_value_it_does_not_know() {
    let mut cluster = fixture("DIAL005", "pass");
    assert!(run("DIAL005", &cluster).diagnostics.is_empty());
    cluster.uccx_triggers[0].redirect_calling_search_space = Some(cell("CSS_Internal"));
    let found = messages(&run("DIAL005", &cluster));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("with calling search space CSS_Internal, which cannot reach 2 of its 2 ports"));
    cluster.uccx_triggers[0].redirect_calling_search_space = Some(cell("CSS_Agents"));
    assert!(run("DIAL005", &cluster).diagnostics.is_empty());
    cluster.uccx_triggers[0].redirect_calling_search_space = Some(cell("CSS_Gone"));
    let result = run("DIAL005", &cluster);
    assert!(result.diagnostics.is_empty());
    assert!(result.notes.iter().any(|n| n.contains("'CSS_Gone' is neither a known choice")), "{:?}", result.notes);
}

#[test]
fn dial006_reports_an_agent_extension_shadowed_and_stays_silent_on_a_tie() {
    let mut cluster = fixture("DIAL004", "pass");
    assert!(run("DIAL006", &cluster).diagnostics.is_empty());
    // A pattern of the extension's own partition that ties with it: CUCM's choice is not known.
    cluster.dial_patterns.push(translation("6001", "PT_Agents", "CSS_Internal", "1001"));
    cluster.present.insert(uclint_model::DataSet::TranslationPatterns);
    let result = run("DIAL006", &cluster);
    assert!(result.diagnostics.is_empty());
    assert!(result.notes.iter().any(|n| n.starts_with("DIAL006: 1 UCCX number(s) not judged")), "{:?}", result.notes);
    // The same number earlier in another CSS that holds the extension's partition.
    cluster.dial_patterns[0] = translation("6001", "PT_Internal", "CSS_Internal", "1001");
    cluster.calling_search_spaces.push(CallingSearchSpace {
        name: cell("CSS_Shadow"),
        partitions: vec![cell("PT_Internal"), cell("PT_Agents")],
        span: cell("").span,
    });
    let result = run("DIAL006", &cluster);
    let objects: Vec<String> = result.diagnostics.iter().map(|d| d.object.to_string()).collect();
    assert_eq!(objects, ["user:agent01"]);
    assert!(messages(&result)[0].contains("is shadowed in calling search space CSS_Shadow"));
}

#[test]
fn dial007_reports_a_chain_past_the_limit_once() {
    let mut cluster = fixture("DIAL007", "pass");
    assert!(run("DIAL007", &cluster).diagnostics.is_empty());
    // 8001 -> 8002 -> … -> 8012 -> 8013 (nothing): from 8001 and 8002 more than ten translations.
    for n in 8001..=8012 {
        cluster.dial_patterns.push(translation(&n.to_string(), "PT_Xlate", "CSS_Internal", &(n + 1).to_string()));
    }
    let found = messages(&run("DIAL007", &cluster));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("translation pattern 8001 in PT_Xlate starts a loop"), "{found:#?}");
    assert!(found[0].contains("passes through more than ten translations"), "{found:#?}");
}
