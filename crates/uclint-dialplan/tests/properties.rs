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

/// A DN written so that it is parsed rather than taken as literal: its last digit as a one-digit
/// list (`1234` as `123[4]`), which matches, counts and extends exactly as the digit does. `None`
/// for a DN with no digit.
fn bracketed(dn: &str) -> Option<String> {
    let at = dn.rfind(|c: char| c.is_ascii_digit())?;
    Some(format!("{}[{}]{}", &dn[..at], &dn[at..=at], &dn[at + 1..]))
}

/// DN text: digits, `*`, `+`, sometimes a final `#`; now and then longer than 16 characters (the
/// plan keeps those apart), never over the 24-digit limit.
fn literal_dn() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[12*+]{1,4}#?",
        1 => "[12]{15,20}",
        1 => "\\+[12]{15,22}#?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The plan answers for a literal DN (looked up by its digits, never parsed) exactly as for
    /// the same DN parsed as a pattern: same steps, matches, counts, alternates, digit-by-digit
    /// routing and interdigit waits, same outcome. Each DN is also dialed cut short, so that "a
    /// longer DN could still match" is asked of every length.
    #[test]
    fn literal_dns_answer_as_parsed_ones(
        dns in prop::collection::vec((literal_dn(), 0usize..3), 1..8),
        routes in prop::collection::vec(("[12]{0,2}[X!]{0,2}", 0usize..3, any::<bool>()), 0..4),
        random in "[12*#+]{0,6}",
        cut in 0usize..24,
    ) {
        let partitions = ["A", "B", ""];
        let build = |parsed: bool| {
            let patterns = routes
                .iter()
                .filter(|(text, _, _)| !text.is_empty())
                .map(|(text, partition, is_urgent)| {
                    let r = route(text, partitions[*partition], "GW");
                    if *is_urgent { urgent(r) } else { r }
                })
                .collect();
            let mut c = cluster(&["A", "B"], vec![css("CSS", &["A", "B"])], patterns);
            let lines: Vec<(String, &str, Option<&str>)> = dns
                .iter()
                .map(|(dn, partition)| {
                    let text = if parsed { bracketed(dn).unwrap_or_else(|| dn.clone()) } else { dn.clone() };
                    (text, partitions[*partition], None)
                })
                .collect();
            let lines: Vec<(&str, &str, Option<&str>)> = lines.iter().map(|(d, p, c)| (d.as_str(), *p, *c)).collect();
            c.phones.push(phone("SEP1", Some("CSS"), &lines));
            c
        };
        let (literal, parsed) = (build(false), build(true));
        let (literal, parsed) = (DialPlan::new(&literal, Settings::default()), DialPlan::new(&parsed, Settings::default()));
        let mut dialed: Vec<String> = vec![random];
        for (dn, _) in &dns {
            dialed.push(dn.clone());
            dialed.push(dn.chars().take(cut.min(dn.chars().count().saturating_sub(1))).collect());
        }
        let origin = Origin::Css("CSS".into());
        // The bracketed DNs read the same once the list brackets are gone (the debug output's
        // own brackets go too, on both sides).
        let plain = |analysis: &uclint_dialplan::Analysis| format!("{analysis:?}").replace(['[', ']'], "");
        for digits in &dialed {
            for mode in [Mode::EnBloc, Mode::DigitByDigit] {
                let (a, b) = (literal.analyze_with(&origin, digits, mode), parsed.analyze_with(&origin, digits, mode));
                prop_assert_eq!(plain(&a), plain(&b), "{} {:?}", digits, mode);
            }
        }
    }
}
