//! Digit analysis over hand-built clusters: the edge cases of `dialplan.md` §10 that the model
//! can express, each citing its case and source, and the CSS walk, translations, outcomes and
//! reachability around them.

mod common;

use common::*;
use uclint_dialplan::{
    Analysis, CssSource, DialPlan, EntryKind, Mode, Origin, OriginatorCss, Outcome, Reach, Settings,
};
use uclint_model::{Cluster, DeviceKind, PatternKind, Text};

fn css_origin(name: &str) -> Origin {
    Origin::Css(Text::from(name))
}

fn analyze(cluster: &Cluster, origin: &Origin, digits: &str) -> Analysis {
    DialPlan::new(cluster, Settings::default()).analyze(origin, digits)
}

/// The (pattern, partition) of a route-pattern outcome.
fn routed(analysis: &Analysis) -> (&str, &str) {
    match &analysis.outcome {
        Outcome::RoutePattern { pattern, partition, .. } => (pattern.as_str(), partition.as_str()),
        other => panic!("expected a route pattern, got {other:?}"),
    }
}

/// E1 (R5): the pattern matching the fewest four-digit strings wins.
#[test]
fn e1_fewest_strings_wins() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        ["1XXX", "12XX", "121X", "1234"].iter().map(|p| route(p, "A", "GW")).collect(),
    );
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "1200")), ("12XX", "A"));
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "1212")), ("121X", "A"));
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "1234")), ("1234", "A"));
    let a = analyze(&c, &css_origin("CSS"), "1200");
    assert_eq!(a.steps[0].matched.as_ref().map(|m| m.count), Some(100));
    // The alternates are the other matches, closest first.
    let alternates: Vec<&str> = a.steps[0].alternates.iter().map(|m| m.pattern.as_str()).collect();
    assert_eq!(alternates, ["1XXX"]);
}

/// E2 (R5): `15!` counts 100 four-digit strings, fewer than `1[3-5]XX`'s 300.
#[test]
fn e2_variable_length_counts_at_dialed_length() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("1[3-5]XX", "A", "GW"), route("15!", "A", "GW")]);
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "1515")), ("15!", "A"));
}

/// E3 (R7): digit by digit, `131` matches at the third digit but `13[0-4]X` and `13!` could
/// still match, so CUCM waits for T302, then routes to `131`; en bloc, `131` at once.
#[test]
fn e3_digit_by_digit_waits_for_interdigit_timeout() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        ["1[23]XX", "131", "13[0-4]X", "13!"].iter().map(|p| route(p, "A", "GW")).collect(),
    );
    let plan = DialPlan::new(&c, Settings::default());
    let a = plan.analyze_with(&css_origin("CSS"), "131", Mode::DigitByDigit);
    assert_eq!(routed(&a), ("131", "A"));
    assert!(a.steps[0].interdigit_wait);
    assert_eq!(a.steps[0].routed_after, None);
    let a = plan.analyze_with(&css_origin("CSS"), "131", Mode::EnBloc);
    assert_eq!(routed(&a), ("131", "A"));
    assert!(!a.steps[0].interdigit_wait);
    // With no longer potential match, no wait either way.
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("131", "A", "GW"), route("1[24]XX", "A", "GW")]);
    let a = DialPlan::new(&c, Settings::default()).analyze_with(&css_origin("CSS"), "131", Mode::DigitByDigit);
    assert!(!a.steps[0].interdigit_wait);
}

/// Digit by digit, a full match with no longer potential match routes at once; the rest of the
/// digits are not analysed (§4, rule ii).
#[test]
fn digit_by_digit_routes_when_nothing_longer_can_match() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("2000", "A", "GW"), route("3XXXX", "A", "GW")]);
    let plan = DialPlan::new(&c, Settings::default());
    let a = plan.analyze_with(&css_origin("CSS"), "20001", Mode::DigitByDigit);
    assert_eq!(routed(&a), ("2000", "A"));
    assert_eq!(a.steps[0].routed_after, Some(4));
    assert!(a.assumptions.iter().any(|s| s.contains("routes after 4 digits")), "{:?}", a.assumptions);
    // En bloc the whole string must match.
    assert!(matches!(plan.analyze(&css_origin("CSS"), "20001").outcome, Outcome::NoMatch { .. }));
}

/// E4 (R8): partition order plays no part when one pattern is more specific.
#[test]
fn e4_partition_order_does_not_beat_specificity() {
    let patterns = vec![route("XXXXXXX", "P1", "GW"), route("123XXXX", "P2", "GW"), route("1234XXX", "P3", "GW")];
    let c =
        cluster(&["P1", "P2", "P3"], vec![css("FWD", &["P1", "P2", "P3"]), css("REV", &["P3", "P2", "P1"])], patterns);
    assert_eq!(routed(&analyze(&c, &css_origin("FWD"), "1234567")), ("1234XXX", "P3"));
    assert_eq!(routed(&analyze(&c, &css_origin("REV"), "1234567")), ("1234XXX", "P3"));
}

/// E5 (R3, R44): an equal match in two partitions goes to the one listed first.
#[test]
fn e5_tie_goes_to_the_earlier_partition() {
    let c = cluster(
        &["RP1", "RP2"],
        vec![css("ONE", &["RP1", "RP2"]), css("TWO", &["RP2", "RP1"])],
        vec![route("5XXX", "RP1", "GW1"), route("5XXX", "RP2", "GW2")],
    );
    assert_eq!(routed(&analyze(&c, &css_origin("ONE"), "5001")), ("5XXX", "RP1"));
    assert_eq!(routed(&analyze(&c, &css_origin("TWO"), "5001")), ("5XXX", "RP2"));
}

/// E6 (R3, R4): `<None>` is in every CSS and searched last; the `<None>` CSS searches only it.
#[test]
fn e6_null_partition_and_null_css() {
    let mut c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("2XXX", "A", "GW")]);
    c.phones.push(phone("SEP000000002000", None, &[("2000", "", None)]));
    let a = analyze(&c, &css_origin("CSS"), "2000");
    assert_eq!(a.outcome, Outcome::Device { dn: dn("2000", ""), devices: vec![dev("SEP000000002000")] });
    assert_eq!(a.steps[0].partitions, [Text::from("A"), Text::new()]);
    let none = analyze(&c, &css_origin("<None>"), "2001");
    assert_eq!(none.outcome, Outcome::NoMatch { digits: "2001".into() });
    assert_eq!(none.steps[0].partitions, [Text::new()]);
    assert!(none.steps[0].css.is_empty());
    // A device with no CSS at all is the same.
    let from_phone = Origin::Device { device: "SEP000000002000".into(), line: None };
    assert!(matches!(analyze(&c, &from_phone, "2001").outcome, Outcome::NoMatch { .. }));
    assert!(matches!(analyze(&c, &from_phone, "2000").outcome, Outcome::Device { .. }));
}

fn dev(name: &str) -> uclint_dialplan::DeviceRef {
    uclint_dialplan::DeviceRef { name: name.into(), kind: DeviceKind::Phone }
}

/// E7 (R9): two equally specific patterns in one partition: ambiguous, both listed.
#[test]
fn e7_tie_inside_a_partition_is_ambiguous() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("99[5-6]", "A", "GW"), route("99[6-7]", "A", "GW")]);
    let a = analyze(&c, &css_origin("CSS"), "996");
    let Outcome::Ambiguous { candidates } = &a.outcome else { panic!("{:?}", a.outcome) };
    let tied: Vec<&str> = candidates.iter().map(|m| m.pattern.as_str()).collect();
    assert_eq!(tied, ["99[5-6]", "99[6-7]"]);
    assert!(a.steps[0].ambiguous && a.steps[0].matched.is_none());
}

/// E8 (R10): `9.@` is not expanded (no numbering plan in an export): it is not considered, and
/// the analysis says so; the other pattern matches.
#[test]
fn e8_at_macro_is_an_assumption() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        vec![route("9.@", "A", "GW-212"), route("9.1[2-9]XX[2-9]XXXXXX", "A", "GW")],
    );
    let plan = DialPlan::new(&c, Settings::default());
    assert_eq!(plan.unanalysed().len(), 1);
    let a = plan.analyze(&css_origin("CSS"), "912125551234");
    assert_eq!(routed(&a), ("9.1[2-9]XX[2-9]XXXXXX", "A"));
    assert_eq!(a.assumptions, ["route pattern 9.@ in A uses @ (not expanded): not considered"]);
    // A syntax error is not analysed either, and says where.
    let bad = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("9[5-3]", "A", "GW")]);
    assert_eq!(
        analyze(&bad, &css_origin("CSS"), "95").assumptions,
        ["route pattern 9[5-3] in A does not parse (at byte 4: expected a range from low to high, found a reversed range): not considered"]
    );
    // A CSS that does not search A says nothing of it.
    let c2 = cluster(&["A", "B"], vec![css("B_ONLY", &["B"])], vec![route("9.@", "A", "GW")]);
    assert!(analyze(&c2, &css_origin("B_ONLY"), "912125551234").assumptions.is_empty());
}

/// E9 (R3, R31): the line CSS's block beats the device CSS's route by closest match.
#[test]
fn e9_line_block_beats_device_route() {
    let mut c = cluster(
        &["L", "D"],
        vec![css("CSS_L", &["L"]), css("CSS_D", &["D"])],
        vec![blocked("9.1900XXXXXXX", "L"), route("9.1[2-9]XX[2-9]XXXXXX", "D", "GW")],
    );
    c.phones.push(phone("SEP1", Some("CSS_D"), &[("1001", "INT", Some("CSS_L"))]));
    let a = analyze(&c, &Origin::Device { device: "SEP1".into(), line: Some(dn("1001", "INT")) }, "919005551234");
    assert_eq!(
        a.outcome,
        Outcome::Blocked { kind: EntryKind::RoutePattern, pattern: "9.1900XXXXXXX".into(), partition: "L".into() }
    );
    let sources: Vec<CssSource> = a.steps[0].css.iter().map(|c| c.source).collect();
    assert_eq!(sources, [CssSource::Line, CssSource::Device]);
    // Another number still routes through the device CSS.
    assert_eq!(
        routed(&analyze(&c, &Origin::Device { device: "SEP1".into(), line: None }, "914085551234")),
        ("9.1[2-9]XX[2-9]XXXXXX", "D")
    );
}

/// E10 (R3): the same pattern in the line and the device CSS: the line's wins the tie.
#[test]
fn e10_line_css_wins_a_tie() {
    let mut c = cluster(
        &["L", "D"],
        vec![css("CSS_L", &["L"]), css("CSS_D", &["D"])],
        vec![blocked("9.911", "L"), route("9.911", "D", "GW")],
    );
    c.phones.push(phone("SEP1", Some("CSS_D"), &[("1001", "INT", Some("CSS_L"))]));
    let a = analyze(&c, &Origin::Device { device: "SEP1".into(), line: None }, "9911");
    assert!(matches!(&a.outcome, Outcome::Blocked { partition, .. } if partition == "L"), "{:?}", a.outcome);
}

/// The line CSS comes from the DN object (AXL `getLine`) when the line appearance has none.
#[test]
fn line_css_from_the_directory_number() {
    let mut c = cluster(&["L"], vec![css("CSS_L", &["L"])], vec![route("8XXX", "L", "GW")]);
    c.phones.push(phone("SEP1", None, &[("1001", "INT", None)]));
    c.directory_numbers.push(uclint_model::DirectoryNumber {
        dn: sp(dn("1001", "INT")),
        associated_devices: Vec::new(),
        allow_cti_control: None,
        call_pickup_group: None,
        forwards: Vec::new(),
        hold_reversion_ring_duration: None,
        auto_answer: None,
        css: Some(text("CSS_L")),
        span: span(),
    });
    let a = analyze(&c, &Origin::Device { device: "SEP1".into(), line: None }, "8001");
    assert_eq!(routed(&a), ("8XXX", "L"));
    assert_eq!(a.steps[0].css[0].source, CssSource::Line);
}

/// E11 (R31, R32): a CTI port's CSS order is disputed; the default is line first, the setting
/// switches it, and the analysis says the outcome depends on it.
#[test]
fn e11_cti_port_order_is_a_setting_and_flagged() {
    let mut c = cluster(
        &["L", "D"],
        vec![css("CSS_L", &["L"]), css("CSS_D", &["D"])],
        vec![route("8XXX", "L", "GW_L"), route("8XXX", "D", "GW_D")],
    );
    c.phones.push(device(DeviceKind::Phone, "CTIP1", "CTI Port", Some("CSS_D"), &[("7001", "CTI", Some("CSS_L"))]));
    c.phones.push(phone("SEP1", Some("CSS_D"), &[("1001", "INT", Some("CSS_L"))]));
    let port = Origin::Device { device: "CTIP1".into(), line: None };
    let a = analyze(&c, &port, "8001");
    assert_eq!(routed(&a), ("8XXX", "L"));
    assert!(a.depends_on_cti_order);
    assert!(a.assumptions.iter().any(|s| s.contains("CSS order of CTI devices")), "{:?}", a.assumptions);
    let device_first = Settings { cti_device_css_first: true, ..Settings::default() };
    let b = DialPlan::new(&c, device_first).analyze(&port, "8001");
    assert_eq!(routed(&b), ("8XXX", "D"));
    assert!(b.depends_on_cti_order);
    // A phone is never reversed, and its outcome depends on nothing.
    let p = DialPlan::new(&c, device_first).analyze(&Origin::Device { device: "SEP1".into(), line: None }, "8001");
    assert_eq!(routed(&p), ("8XXX", "L"));
    assert!(!p.depends_on_cti_order);
    // A CTI port whose outcome does not change is not flagged.
    let q = analyze(&c, &port, "9999");
    assert!(!q.depends_on_cti_order);
}

/// E12 (R29): after an Extension Mobility login, the profile's line CSS and the phone's device
/// CSS are searched; a route only in the profile's line CSS routes.
#[test]
fn e12_extension_mobility_profile_line_css() {
    let c = cluster(
        &["PROFILE_INTL", "PHONE_LOCAL"],
        vec![css("CSS_PROFILE", &["PROFILE_INTL"]), css("CSS_PHONE", &["PHONE_LOCAL"])],
        vec![route("9.011!#", "PROFILE_INTL", "GW_INTL"), route("9.[2-9]XXXXXX", "PHONE_LOCAL", "GW")],
    );
    let origin = Origin::Explicit { line_css: Some("CSS_PROFILE".into()), device_css: Some("CSS_PHONE".into()) };
    let a = analyze(&c, &origin, "9011441234567#");
    assert_eq!(routed(&a), ("9.011!#", "PROFILE_INTL"));
    // The two are searched as what they are: the line CSS first, then the device CSS.
    let sources: Vec<_> = a.steps[0].css.iter().map(|c| (c.name.as_str(), c.source)).collect();
    assert_eq!(sources, [("CSS_PROFILE", CssSource::Line), ("CSS_PHONE", CssSource::Device)]);
    // The phone alone does not reach it.
    assert!(matches!(analyze(&c, &css_origin("CSS_PHONE"), "9011441234567#").outcome, Outcome::NoMatch { .. }));
}

/// E13 (R19, R20): digit by digit an urgent `911` routes at the third digit although `911XXX`
/// could match; en bloc `911XXX` matches the whole string.
#[test]
fn e13_urgent_pattern_wins_digit_by_digit() {
    let c = cluster(
        &["E"],
        vec![css("CSS", &["E"])],
        vec![urgent(route("911", "E", "GW_911")), route("911XXX", "E", "GW")],
    );
    let plan = DialPlan::new(&c, Settings::default());
    let a = plan.analyze_with(&css_origin("CSS"), "911555", Mode::DigitByDigit);
    assert_eq!(routed(&a), ("911", "E"));
    assert_eq!(a.steps[0].routed_after, Some(3));
    assert!(!a.steps[0].interdigit_wait);
    assert_eq!(routed(&plan.analyze(&css_origin("CSS"), "911555")), ("911XXX", "E"));
}

/// E14 (R18, R21): a normalisation translation then `\+!`: routes, but the second hop waits for
/// T302 unless the translation pattern says not to wait or `\+!` is urgent.
#[test]
fn e14_normalisation_then_variable_length_route() {
    let build = |dont_wait: bool, urgent_route: bool| {
        let mut tp = originator(with_called(translation("4XXX", "NORM", None), "", "+14085554XXX", ""));
        tp.dont_wait_for_idt = Some(sp(dont_wait));
        let mut rp = route("\\+!", "PSTN", "RL_PSTN");
        rp.urgent = Some(sp(urgent_route));
        let mut c = cluster(&["NORM", "PSTN"], vec![css("CSS_P", &["NORM", "PSTN"])], vec![tp, rp]);
        c.route_lists.push(route_list("RL_PSTN", &["RG_A", "RG_B"]));
        c
    };
    let c = build(false, false);
    let a = analyze(&c, &css_origin("CSS_P"), "4001");
    assert_eq!(
        a.outcome,
        Outcome::RoutePattern {
            pattern: "\\+!".into(),
            partition: "PSTN".into(),
            destination: Some("RL_PSTN".into()),
            route_groups: Some(vec!["RG_A".into(), "RG_B".into()]),
            called: "+14085554001".into(),
        }
    );
    assert_eq!(a.steps.len(), 2);
    let hop1 = &a.steps[0];
    assert_eq!(hop1.transformation.as_ref().map(|t| t.after.as_str()), Some("+14085554001"));
    assert_eq!(hop1.next_css.iter().map(|c| c.source).collect::<Vec<_>>(), [CssSource::Originator]);
    assert!(a.steps[1].interdigit_wait);
    assert!(!analyze(&build(true, false), &css_origin("CSS_P"), "4001").steps[1].interdigit_wait);
    assert!(!analyze(&build(false, true), &css_origin("CSS_P"), "4001").steps[1].interdigit_wait);
}

/// E15 (R1, R16, R48): `9.011!#` wins for a string ending in `#` (`!` is 0-9 only), with no
/// T302 wait; its `PreDot Trailing-#` gives `011441234567`.
#[test]
fn e15_hash_pattern_and_predot_trailing_hash() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        vec![route("9.011!", "A", "GW"), with_called(route("9.011!#", "A", "GW"), "PreDot Trailing-#", "", "")],
    );
    let plan = DialPlan::new(&c, Settings::default());
    for mode in [Mode::EnBloc, Mode::DigitByDigit] {
        let a = plan.analyze_with(&css_origin("CSS"), "9011441234567#", mode);
        assert!(
            matches!(&a.outcome, Outcome::RoutePattern { pattern, called, .. } if pattern == "9.011!#" && called == "011441234567"),
            "{mode}: {:?}",
            a.outcome
        );
        assert!(!a.steps[0].interdigit_wait, "{mode}");
    }
}

/// E16 (R1, R13): a `+` DN (stored with `+` literal) matches the dialed `+` number; `9+11` is a
/// quantifier and matches 9911.
#[test]
fn e16_plus_directory_number_and_plus_quantifier() {
    let mut c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("9+11", "A", "GW")]);
    c.phones.push(phone("SEP1", None, &[("\\+14085551001", "A", None)]));
    let a = analyze(&c, &css_origin("CSS"), "+14085551001");
    assert_eq!(a.outcome, Outcome::Device { dn: dn("+14085551001", "A"), devices: vec![dev("SEP1")] });
    assert_eq!(a.steps[0].matched.as_ref().map(|m| m.pattern.as_str()), Some("\\+14085551001"));
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "9911")), ("9+11", "A"));
}

/// E17 (R14, R1): `[^3-9]` matches `*`; `X` does not.
#[test]
fn e17_negated_list_matches_star_but_x_does_not() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("13[^3-9]6", "A", "GW1"), route("13X6", "A", "GW2")]);
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "13*6")), ("13[^3-9]6", "A"));
    let only_x = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("13X6", "A", "GW2")]);
    assert!(matches!(analyze(&only_x, &css_origin("CSS"), "13*6").outcome, Outcome::NoMatch { .. }));
}

/// E18 (R22b): a route pattern's called number is discard, then mask, then prefix.
#[test]
fn e18_route_pattern_called_transform_order() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        vec![with_called(route("9.1XXXXXXXXXX", "A", "GW"), "PreDot", "XXXXXXXXXX", "8")],
    );
    let a = analyze(&c, &css_origin("CSS"), "918085551221");
    assert!(matches!(&a.outcome, Outcome::RoutePattern { called, .. } if called == "88085551221"), "{:?}", a.outcome);
    assert_eq!(a.steps[0].transformation.as_ref().map(|t| t.before.as_str()), Some("918085551221"));
}

/// A discard instruction that needs the numbering plan is not applied, and said so.
#[test]
fn unknown_discard_instruction_is_an_assumption() {
    let c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        vec![with_called(route("9.1XXXXXXXXXX", "A", "GW"), "11D->10D", "", "")],
    );
    let a = analyze(&c, &css_origin("CSS"), "918085551221");
    assert!(matches!(&a.outcome, Outcome::RoutePattern { called, .. } if called == "918085551221"));
    assert!(a.assumptions.iter().any(|s| s.contains("11D->10D: not applied")), "{:?}", a.assumptions);
}

/// E19 (R22): translations that come back to a state are a loop, with the chain.
#[test]
fn e19_translation_loop() {
    let c = cluster(
        &["TP"],
        vec![css("CSS_TP", &["TP"])],
        vec![
            with_called(translation("9001", "TP", Some("CSS_TP")), "", "9002", ""),
            with_called(translation("9002", "TP", Some("CSS_TP")), "", "9001", ""),
        ],
    );
    let a = analyze(&c, &css_origin("CSS_TP"), "9001");
    let Outcome::Loop { chain } = &a.outcome else { panic!("{:?}", a.outcome) };
    let digits: Vec<&str> = chain.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(digits, ["9001", "9002", "9001"]);
    assert!(a.steps.len() <= 11);
}

/// E19 (R22): ten translations pass, an eleventh is a loop.
#[test]
fn e19_ten_translations_then_stop() {
    let chain = |n: u32| -> Cluster {
        let mut patterns: Vec<_> = (0..n)
            .map(|i| {
                with_called(translation(&format!("{}", 9000 + i), "TP", Some("CSS")), "", &format!("{}", 9001 + i), "")
            })
            .collect();
        patterns.push(route(&format!("{}", 9000 + n), "TP", "GW"));
        cluster(&["TP"], vec![css("CSS", &["TP"])], patterns)
    };
    let ten = analyze(&chain(10), &css_origin("CSS"), "9000");
    assert_eq!(routed(&ten), ("9010", "TP"));
    assert_eq!(ten.steps.len(), 11);
    let eleven = analyze(&chain(11), &css_origin("CSS"), "9000");
    assert!(matches!(&eleven.outcome, Outcome::Loop { chain } if chain.len() == 12), "{:?}", eleven.outcome);
    assert_eq!(eleven.steps.len(), 11);
}

/// E20 (R21, R23): in phone → TP1 → TP2 (Use Originator's CSS), Cisco's reading re-analyses
/// with TP1's CSS (no route); the blog's with the phone's (routes). The analysis says it
/// depends on the setting.
#[test]
fn e20_originator_css_in_a_chain() {
    let c = cluster(
        &["PT_P", "PT_1"],
        vec![css("CSS_P", &["PT_P"]), css("CSS_1", &["PT_1"])],
        vec![
            with_called(translation("5555", "PT_P", Some("CSS_1")), "", "6555", ""),
            originator(with_called(translation("6555", "PT_1", None), "", "7555", "")),
            route("7555", "PT_P", "GW"),
        ],
    );
    let a = analyze(&c, &css_origin("CSS_P"), "5555");
    assert_eq!(a.outcome, Outcome::NoMatch { digits: "7555".into() });
    assert!(a.depends_on_originator_css);
    assert_eq!(a.steps[2].css.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["CSS_1"]);
    let blog = Settings { originator_css_chain: OriginatorCss::FirstOriginator, ..Settings::default() };
    let b = DialPlan::new(&c, blog).analyze(&css_origin("CSS_P"), "5555");
    assert_eq!(routed(&b), ("7555", "PT_P"));
    assert!(b.depends_on_originator_css);
}

/// A single "Use Originator's CSS" translation is not disputed: both readings agree.
#[test]
fn single_originator_translation_is_not_flagged() {
    let c = cluster(
        &["PT_P"],
        vec![css("CSS_P", &["PT_P"])],
        vec![originator(with_called(translation("5555", "PT_P", None), "", "7555", "")), route("7555", "PT_P", "GW")],
    );
    let a = analyze(&c, &css_origin("CSS_P"), "5555");
    assert_eq!(routed(&a), ("7555", "PT_P"));
    assert!(!a.depends_on_originator_css);
}

/// A translation pattern without a CSS re-analyses in `<None>` only.
#[test]
fn translation_without_css_searches_none_only() {
    let mut c = cluster(
        &["A"],
        vec![css("CSS", &["A"])],
        vec![with_called(translation("5XXX", "A", None), "", "6XXX", ""), route("6XXX", "A", "GW")],
    );
    assert!(matches!(analyze(&c, &css_origin("CSS"), "5001").outcome, Outcome::NoMatch { .. }));
    c.dial_patterns.push(route("6XXX", "", "GW_NONE"));
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), "5001")), ("6XXX", ""));
}

/// E21 (R42): a partition with a time schedule is assumed active (the export has no time of
/// call), and the analysis says so.
#[test]
fn e21_time_schedule_is_assumed_active() {
    let mut c = cluster(
        &["NIGHT"],
        vec![css("CSS", &["DAY", "NIGHT"])],
        vec![route("0", "DAY", "OP_DAY"), route("0", "NIGHT", "OP_NIGHT")],
    );
    c.partitions.push(scheduled_partition("DAY", "TS_Business_Hours"));
    let a = analyze(&c, &css_origin("CSS"), "0");
    assert_eq!(routed(&a), ("0", "DAY"));
    assert_eq!(a.assumptions, ["partition DAY has time schedule TS_Business_Hours: assumed active"]);
}

/// E22 (R2): a hunt pilot hands the call to its hunt list; its members' partitions are not in
/// the caller's CSS, and that does not matter.
#[test]
fn e22_hunt_pilot_members_are_not_checked() {
    let mut c = cluster(&["HP", "AGT"], vec![css("CSS_CALLER", &["HP"])], vec![hunt_pilot("7000", "HP", "HL_SALES")]);
    c.hunt_lists.push(hunt_list("HL_SALES", &["LG_SALES"]));
    c.phones.push(phone("SEP_AGENT", None, &[("6001", "AGT", None)]));
    let a = analyze(&c, &css_origin("CSS_CALLER"), "7000");
    assert_eq!(
        a.outcome,
        Outcome::HuntPilot {
            pattern: "7000".into(),
            partition: "HP".into(),
            hunt_list: Some("HL_SALES".into()),
            line_groups: Some(vec!["LG_SALES".into()]),
        }
    );
    assert!(a.assumptions.is_empty());
}

/// E25 (R41, R3): the same DN in two partitions is two DNs; the CSS order picks one.
#[test]
fn e25_same_dn_in_two_partitions() {
    let mut c = cluster(&["Texas", "Dallas"], vec![css("CSS", &["Texas", "Dallas"])], Vec::new());
    c.phones.push(phone("SEP_TX", None, &[("9600", "Texas", None)]));
    c.phones.push(phone("SEP_DAL", None, &[("9600", "Dallas", None)]));
    let a = analyze(&c, &css_origin("CSS"), "9600");
    assert_eq!(a.outcome, Outcome::Device { dn: dn("9600", "Texas"), devices: vec![dev("SEP_TX")] });
    assert_eq!(a.steps[0].alternates.iter().map(|m| m.partition.as_str()).collect::<Vec<_>>(), ["Dallas"]);
}

/// A shared line rings every device it is on, once each.
#[test]
fn shared_line_lists_every_device() {
    let mut c = cluster(&["INT"], vec![css("CSS", &["INT"])], Vec::new());
    c.phones.push(phone("SEP_A", None, &[("4001", "INT", None), ("4001", "INT", None)]));
    c.phones.push(phone("SEP_B", None, &[("4001", "INT", None)]));
    c.device_profiles.push(device(DeviceKind::DeviceProfile, "UDP_A", "Cisco 8841", None, &[("4001", "INT", None)]));
    let a = analyze(&c, &css_origin("CSS"), "4001");
    let Outcome::Device { devices, .. } = &a.outcome else { panic!("{:?}", a.outcome) };
    let names: Vec<(&str, DeviceKind)> = devices.iter().map(|d| (d.name.as_str(), d.kind)).collect();
    assert_eq!(
        names,
        [("SEP_A", DeviceKind::Phone), ("SEP_B", DeviceKind::Phone), ("UDP_A", DeviceKind::DeviceProfile)]
    );
}

/// A CTI route point's DN, and a UCCX trigger's, is a trigger.
#[test]
fn cti_route_point_and_uccx_trigger_dns_are_triggers() {
    let mut c = cluster(&["CTI"], vec![css("CSS", &["CTI"])], Vec::new());
    c.phones.push(device(DeviceKind::Phone, "RP_SALES", "CTI Route Point", None, &[("5000", "CTI", None)]));
    c.phones.push(phone("SEP1", None, &[("5001", "CTI", None)]));
    c.uccx_triggers.push(trigger("5001", None));
    c.uccx_triggers.push(trigger("5002", Some("CTI")));
    let plan = DialPlan::new(&c, Settings::default());
    for digits in ["5000", "5001", "5002"] {
        let a = plan.analyze(&css_origin("CSS"), digits);
        assert!(matches!(&a.outcome, Outcome::Trigger { dn, .. } if dn.pattern == digits), "{digits}: {:?}", a.outcome);
    }
    assert!(matches!(plan.analyze(&css_origin("CSS"), "5003").outcome, Outcome::NoMatch { .. }));
}

/// A DN object's associated devices join its line devices (a name once, after them): a device
/// that is not exported is a phone, a CTI route point so listed makes the DN a trigger, and a DN
/// object on no line is a DN too. A trigger DN on no line is one, with the trigger's own cell;
/// a trigger with no partition marks the DNs of its pattern in every partition.
#[test]
fn dn_objects_and_triggers_give_devices_and_triggers() {
    let mut c = cluster(&["INT", "CTI"], vec![css("CSS", &["INT", "CTI"])], Vec::new());
    c.phones.push(phone("SEP_A", None, &[("6000", "INT", None)]));
    c.phones.push(device(DeviceKind::Phone, "RP_X", "CTI Route Point", None, &[("6100", "CTI", None)]));
    c.device_profiles.push(device(DeviceKind::DeviceProfile, "UDP_A", "Cisco 8841", None, &[("6000", "INT", None)]));
    let number = |pattern: &str, devices: &[&str]| uclint_model::DirectoryNumber {
        dn: sp(dn(pattern, "INT")),
        associated_devices: devices.iter().map(|d| text(d)).collect(),
        allow_cti_control: None,
        call_pickup_group: None,
        forwards: Vec::new(),
        hold_reversion_ring_duration: None,
        auto_answer: None,
        css: None,
        span: span(),
    };
    c.directory_numbers.push(number("6000", &["SEP_A", "SEP_GONE", "UDP_A", "SEP_GONE"]));
    c.directory_numbers.push(number("6001", &["RP_X"]));
    c.directory_numbers.push(number("6002", &["SEP_GONE"]));
    let mut placed = trigger("6200", Some("CTI"));
    placed.directory_number.span = uclint_model::Span::new(uclint_model::SourceId::new(0), 3, 7);
    c.uccx_triggers.push(placed);
    c.uccx_triggers.push(trigger("6002", None));
    let plan = DialPlan::new(&c, Settings::default());
    let origin = css_origin("CSS");
    let names = |outcome: &Outcome| -> Vec<(String, DeviceKind)> {
        let (Outcome::Device { devices, .. } | Outcome::Trigger { devices, .. }) = outcome else { return Vec::new() };
        devices.iter().map(|d| (d.name.to_string(), d.kind)).collect()
    };
    let a = plan.analyze(&origin, "6000");
    assert!(matches!(a.outcome, Outcome::Device { .. }), "{:?}", a.outcome);
    assert_eq!(
        names(&a.outcome),
        [
            ("SEP_A".to_owned(), DeviceKind::Phone),
            ("UDP_A".to_owned(), DeviceKind::DeviceProfile),
            ("SEP_GONE".to_owned(), DeviceKind::Phone)
        ]
    );
    let a = plan.analyze(&origin, "6001");
    assert!(matches!(a.outcome, Outcome::Trigger { .. }), "{:?}", a.outcome);
    assert_eq!(names(&a.outcome), [("RP_X".to_owned(), DeviceKind::Phone)]);
    let a = plan.analyze(&origin, "6002");
    assert!(matches!(a.outcome, Outcome::Trigger { .. }), "{:?}", a.outcome);
    let a = plan.analyze(&origin, "6200");
    assert!(matches!(&a.outcome, Outcome::Trigger { devices, .. } if devices.is_empty()), "{:?}", a.outcome);
    let matched = a.steps[0].matched.as_ref().expect("the trigger DN");
    assert_eq!((matched.pattern.as_str(), matched.span.start), ("6200", 3));
    let id = plan.dn_entry(&dn("6200", "CTI")).expect("an entry");
    assert_eq!(plan.entry(id).map(|e| e.span.end), Some(7));
    assert_eq!(plan.dn_entry(&dn("6200", "INT")), None);
}

/// A CSS naming a partition the export does not have skips it and says so; a CSS the export
/// does not have is searched as empty and said so.
#[test]
fn missing_partition_and_missing_css_are_assumptions() {
    let c = cluster(&["A"], vec![css("CSS", &["GONE", "A"])], vec![route("1XXX", "A", "GW")]);
    let a = analyze(&c, &css_origin("CSS"), "1000");
    assert_eq!(routed(&a), ("1XXX", "A"));
    assert_eq!(a.steps[0].partitions, [Text::from("A"), Text::new()]);
    assert_eq!(a.assumptions, ["calling search space CSS names partition GONE, which is not in the export: skipped"]);
    let b = analyze(&c, &css_origin("NOPE"), "1000");
    assert!(matches!(b.outcome, Outcome::NoMatch { .. }));
    assert!(!b.steps[0].css[0].found);
    assert_eq!(b.assumptions, ["calling search space NOPE is not in the export: its partitions are not searched"]);
    // Names are compared exactly.
    assert!(matches!(analyze(&c, &css_origin("css"), "1000").outcome, Outcome::NoMatch { .. }));
}

/// A device not in the export searches `<None>` only, and says so.
#[test]
fn unknown_device_is_an_assumption() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("1XXX", "", "GW")]);
    let a = analyze(&c, &Origin::Device { device: "SEP_GONE".into(), line: None }, "1000");
    assert_eq!(routed(&a), ("1XXX", ""));
    assert_eq!(a.assumptions, ["device SEP_GONE is not in the export: only <None> searched"]);
}

/// A blocked translation pattern blocks; a hunt pilot kind is kept in the match.
#[test]
fn blocked_translation_pattern_blocks() {
    let mut tp = translation("9.1900XXXXXXX", "A", Some("CSS"));
    tp.blocked = Some(sp(true));
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![tp, pattern(PatternKind::HuntPilot, "7000", "A")]);
    let a = analyze(&c, &css_origin("CSS"), "919005551234");
    assert!(matches!(a.outcome, Outcome::Blocked { kind: EntryKind::TranslationPattern, .. }));
    let h = analyze(&c, &css_origin("CSS"), "7000");
    assert!(matches!(h.outcome, Outcome::HuntPilot { hunt_list: None, line_groups: None, .. }));
}

/// Reachability: an agent extension reached, a trigger shadowed by a more specific pattern, a
/// partition not searched, a wildcard DN not analysable.
#[test]
fn reaches_answers_rules() {
    let mut c = cluster(
        &["PT_Agents", "PT_CTI", "PT_Block"],
        vec![css("CSS_X", &["PT_Agents", "PT_CTI"]), css("CSS_Y", &["PT_Block", "PT_CTI"]), css("CSS_Z", &["PT_CTI"])],
        vec![blocked("5000", "PT_Block")],
    );
    c.phones.push(phone("SEP_AGENT", None, &[("6001", "PT_Agents", None)]));
    c.phones.push(device(
        DeviceKind::Phone,
        "RP_5000",
        "CTI Route Point",
        None,
        &[("5000", "PT_CTI", None), ("50XX", "PT_CTI", None)],
    ));
    let plan = DialPlan::new(&c, Settings::default());
    let agent = dn("6001", "PT_Agents");
    let trigger = dn("5000", "PT_CTI");
    assert_eq!(plan.reaches(&css_origin("CSS_X"), &agent), Reach::Reached);
    assert_eq!(plan.reaches(&css_origin("CSS_X"), &trigger), Reach::Reached);
    assert!(matches!(plan.reaches(&css_origin("CSS_Z"), &agent), Reach::LandsElsewhere(Outcome::NoMatch { .. })));
    // 5000 in PT_Block ties with the trigger and PT_Block comes first: shadowed.
    assert!(matches!(plan.reaches(&css_origin("CSS_Y"), &trigger), Reach::LandsElsewhere(Outcome::Blocked { .. })));
    assert!(matches!(plan.reaches(&css_origin("CSS_X"), &dn("50XX", "PT_CTI")), Reach::NotAnalysable(_)));
    // A line CSS through a device origin.
    let mut c2 = cluster(&["PT_Agents"], vec![css("CSS_X", &["PT_Agents"])], Vec::new());
    c2.phones.push(phone("SEP_CALLER", Some("CSS_X"), &[("1000", "", None)]));
    c2.phones.push(phone("SEP_AGENT", None, &[("6001", "PT_Agents", None)]));
    let plan2 = DialPlan::new(&c2, Settings::default());
    assert_eq!(plan2.reaches(&Origin::Device { device: "SEP_CALLER".into(), line: None }, &agent), Reach::Reached);
}

/// Characters outside the dialed alphabet and strings longer than 24 digits match nothing.
#[test]
fn undialable_strings_match_nothing() {
    let c = cluster(&["A"], vec![css("CSS", &["A"])], vec![route("!", "A", "GW")]);
    assert!(matches!(analyze(&c, &css_origin("CSS"), "12a4").outcome, Outcome::NoMatch { .. }));
    assert!(matches!(analyze(&c, &css_origin("CSS"), &"1".repeat(25)).outcome, Outcome::NoMatch { .. }));
    assert_eq!(routed(&analyze(&c, &css_origin("CSS"), &"1".repeat(24))), ("!", "A"));
}

/// A device name held by a phone and a device profile is the phone's (the first of a name).
#[test]
fn device_names_prefer_the_phone() {
    let mut c = cluster(
        &["A", "B"],
        vec![css("CSS_A", &["A"]), css("CSS_B", &["B"])],
        vec![route("1XXX", "A", "GW_A"), route("1XXX", "B", "GW_B")],
    );
    c.phones.push(phone("SAME", Some("CSS_A"), &[("2000", "", None)]));
    c.device_profiles.push(device(
        DeviceKind::DeviceProfile,
        "SAME",
        "Cisco 8841",
        Some("CSS_B"),
        &[("2001", "", None)],
    ));
    c.phones.push(phone("SAME", Some("CSS_B"), &[("2002", "", None)]));
    let a = analyze(&c, &Origin::Device { device: "SAME".into(), line: None }, "1000");
    assert_eq!(routed(&a), ("1XXX", "A"));
}
