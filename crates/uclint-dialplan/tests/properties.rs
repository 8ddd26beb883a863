//! Properties of analysis over random dial plans: closest-match selection through the plan's
//! index agrees with a brute-force enumerator, and analysis never panics or runs away on
//! arbitrary patterns and digit strings.

mod common;

use common::*;
use proptest::prelude::*;
use uclint_dialplan::{DialPlan, Mode, Origin, Outcome, Settings, MAX_TRANSLATIONS};
use uclint_model::{Cluster, DeviceKind, DialPattern, PatternKind};

/// The dialed alphabet, in the brute force's own order.
const ALPHABET: [char; 13] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', '+'];

/// One position of a fixed-length pattern: its text and the set of alphabet indices it accepts.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    accepts: Vec<usize>,
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![
        (0usize..10).prop_map(|d| Token { text: d.to_string(), accepts: vec![d] }),
        Just(Token { text: "X".into(), accepts: (0..10).collect() }),
        (0usize..10, 0usize..10).prop_map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            Token { text: format!("[{lo}-{hi}]"), accepts: (lo..=hi).collect() }
        }),
        Just(Token { text: "*".into(), accepts: vec![10] }),
        Just(Token { text: "\\+".into(), accepts: vec![12] }),
    ]
}

/// A fixed-length pattern of `len` tokens in partition 0-2.
fn fixed_pattern(len: usize) -> impl Strategy<Value = (Vec<Token>, usize)> {
    (prop::collection::vec(token(), len), 0usize..3)
}

fn brute_count(tokens: &[Token]) -> usize {
    // Every string of the length over the alphabet, counted by the token sets.
    let len = tokens.len();
    let total = ALPHABET.len().pow(len as u32);
    (0..total)
        .filter(|&n| {
            let mut n = n;
            tokens.iter().all(|t| {
                let symbol = n % ALPHABET.len();
                n /= ALPHABET.len();
                t.accepts.contains(&symbol)
            })
        })
        .count()
}

fn brute_matches(tokens: &[Token], dialed: &[usize]) -> bool {
    tokens.len() == dialed.len() && tokens.iter().zip(dialed).all(|(t, s)| t.accepts.contains(s))
}

fn case() -> impl Strategy<Value = (Vec<(Vec<Token>, usize)>, Vec<usize>)> {
    (1usize..=3).prop_flat_map(|len| {
        (prop::collection::vec(fixed_pattern(len), 1..7), prop::collection::vec(0usize..ALPHABET.len(), len))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Closest match through the plan (index, CSS walk, `<None>`-less partitions in order)
    /// picks what enumerating every string of the dialed length picks: the fewest strings, ties
    /// by partition order, a tie inside the first partition ambiguous.
    #[test]
    fn closest_match_agrees_with_brute_force((patterns, dialed) in case()) {
        let texts: Vec<String> = patterns.iter().map(|(t, _)| t.iter().map(|t| t.text.as_str()).collect()).collect();
        let names = ["P0", "P1", "P2"];
        let routes: Vec<DialPattern> =
            patterns.iter().zip(&texts).map(|((_, p), text)| route(text, names[*p], "GW")).collect();
        let c = cluster(&names, vec![css("CSS", &names)], routes);
        let dialed_text: String = dialed.iter().map(|&s| ALPHABET[s]).collect();
        let analysis = DialPlan::new(&c, Settings::default()).analyze(&Origin::Css("CSS".into()), &dialed_text);

        let mut best: Option<(usize, usize)> = None;
        let mut tied: Vec<(String, String)> = Vec::new();
        for ((tokens, partition), text) in patterns.iter().zip(&texts) {
            if !brute_matches(tokens, &dialed) {
                continue;
            }
            let key = (brute_count(tokens), *partition);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
                tied.clear();
            }
            if best == Some(key) {
                tied.push((text.clone(), names[*partition].to_owned()));
            }
        }
        let mut got: Vec<(String, String)> = match &analysis.outcome {
            Outcome::NoMatch { .. } => Vec::new(),
            Outcome::RoutePattern { pattern, partition, .. } => vec![(pattern.to_string(), partition.to_string())],
            Outcome::Ambiguous { candidates } => {
                prop_assert!(candidates.len() > 1);
                candidates.iter().map(|m| (m.pattern.to_string(), m.partition.to_string())).collect()
            }
            other => return Err(TestCaseError::fail(format!("unexpected outcome {other:?}"))),
        };
        tied.sort();
        got.sort();
        prop_assert_eq!(got, tied);
        if let (Some(m), Some((count, _))) = (analysis.steps[0].matched.as_ref(), best) {
            prop_assert_eq!(m.count, count as u128);
        }
    }
}

/// Pattern text that is often valid and often not.
fn any_pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9X!?+.*#@\\\\\\[\\]^-]{0,10}",
        "[0-9]{1,5}[X!]{0,2}",
        "\\\\\\+[0-9X]{1,4}!?",
        "[0-9]{0,2}\\.[0-9X!]{1,4}#?",
    ]
}

fn any_field() -> impl Strategy<Value = String> {
    prop_oneof!["", "PreDot", "Trailing-#", "PreDot Trailing-#", "NoDigits", "11D->10D", "[0-9X+]{0,6}", "\\PC{0,4}"]
}

#[derive(Debug, Clone)]
struct AnyPattern {
    kind: u8,
    text: String,
    partition: usize,
    css: Option<usize>,
    discard: String,
    mask: String,
    prefix: String,
    flags: [bool; 4],
}

fn any_dial_pattern() -> impl Strategy<Value = AnyPattern> {
    (
        0u8..3,
        any_pattern(),
        0usize..4,
        prop::option::of(0usize..4),
        any_field(),
        any_field(),
        any_field(),
        prop::array::uniform4(any::<bool>()),
    )
        .prop_map(|(kind, text, partition, css, discard, mask, prefix, flags)| AnyPattern {
            kind,
            text,
            partition,
            css,
            discard,
            mask,
            prefix,
            flags,
        })
}

const PARTITIONS: [&str; 4] = ["A", "B", "", "GONE"];
const CSSES: [&str; 4] = ["CSS_A", "CSS_B", "CSS_AB", "NOPE"];

fn any_cluster(patterns: &[AnyPattern], dns: &[(String, usize)]) -> Cluster {
    let dial_patterns = patterns
        .iter()
        .map(|p| {
            let kind =
                [PatternKind::RoutePattern, PatternKind::TranslationPattern, PatternKind::HuntPilot][p.kind as usize];
            let mut d = with_called(pattern(kind, &p.text, PARTITIONS[p.partition]), &p.discard, &p.mask, &p.prefix);
            d.css = p.css.map(|i| text(CSSES[i]));
            d.blocked = Some(sp(p.flags[0]));
            d.urgent = Some(sp(p.flags[1]));
            d.use_originator_css = Some(sp(p.flags[2]));
            d.dont_wait_for_idt = Some(sp(p.flags[3]));
            d
        })
        .collect();
    let mut c = cluster(
        &["A", "B"],
        vec![css("CSS_A", &["A"]), css("CSS_B", &["B", "GONE"]), css("CSS_AB", &["A", "B", "<None>"])],
        dial_patterns,
    );
    let lines: Vec<(&str, &str, Option<&str>)> =
        dns.iter().map(|(d, p)| (d.as_str(), PARTITIONS[*p], Some(CSSES[*p]))).collect();
    c.phones.push(device(DeviceKind::Phone, "CTI1", "CTI Port", Some("CSS_B"), &lines));
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Analysis never panics, and ends within the translation limit, whatever the patterns,
    /// transforms and digits.
    #[test]
    fn analysis_never_panics(
        patterns in prop::collection::vec(any_dial_pattern(), 0..12),
        dns in prop::collection::vec(("[0-9+X*#]{1,5}", 0usize..4), 0..4),
        digits in prop_oneof!["[0-9*#+]{0,30}", "\\PC{0,12}"],
        device_first in any::<bool>(),
    ) {
        let c = any_cluster(&patterns, &dns);
        let settings = Settings { cti_device_css_first: device_first, ..Settings::default() };
        let plan = DialPlan::new(&c, settings);
        let origins = [
            Origin::Css("CSS_AB".into()),
            Origin::Css("NOPE".into()),
            Origin::Device { device: "CTI1".into(), line: None },
            Origin::Explicit { line_css: Some("CSS_A".into()), device_css: Some("CSS_B".into()) },
        ];
        for origin in &origins {
            for mode in [Mode::EnBloc, Mode::DigitByDigit] {
                let a = plan.analyze_with(origin, &digits, mode);
                prop_assert!(!a.steps.is_empty());
                prop_assert!(a.steps.len() <= MAX_TRANSLATIONS + 1);
            }
            for line in &c.phones[0].lines {
                let _ = plan.reaches(origin, &line.dn.value);
            }
        }
    }
}
