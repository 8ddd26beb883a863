//! Unit tests of pattern parsing, matching, counting and PreDot, and properties that compare
//! them with a brute-force enumeration checked by an independent backtracking matcher.

use super::*;
use proptest::prelude::*;

fn parse(text: &str) -> Pattern {
    Pattern::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn error(text: &str) -> PatternError {
    Pattern::parse(text).expect_err(text)
}

#[test]
fn digits_and_wildcards() {
    let p = parse("9XXX");
    assert!(p.matches("9000") && p.matches("9999"));
    assert!(!p.matches("8000") && !p.matches("900") && !p.matches("90000"));
    assert_eq!(p.count(4), 1000);
    assert_eq!(p.count(3), 0);
    let p = parse("813510[0-5]");
    assert!(p.matches("8135105") && !p.matches("8135106"));
    assert_eq!(parse("1[3-5]XX").count(4), 300);
    assert_eq!(parse("[1357]").count(1), 4);
    assert_eq!(parse("*411").count(4), 1);
    assert!(parse("*411").matches("*411"));
}

#[test]
fn variable_length_wildcards() {
    let p = parse("91!");
    assert!(!p.matches("91") && p.matches("910") && p.matches("9199999"));
    assert_eq!(p.count(4), 100);
    let p = parse("91X?");
    assert!(p.matches("91") && p.matches("91234"));
    assert_eq!(p.count(2), 1);
    assert_eq!(p.count(4), 100);
    let p = parse("91X+");
    assert!(!p.matches("91") && p.matches("910"));
    // `X?X?` accepts each string of length 0-n once, however it splits (§2.2).
    let p = parse("X?X?");
    assert_eq!(p.count(0), 1);
    assert_eq!(p.count(2), 100);
    assert_eq!(p.count(3), 1000);
    assert_eq!(parse("!!").count(3), 1000);
}

/// E16 (R1, R13): `\+` is a literal; an unescaped `+` is "one or more of the preceding".
#[test]
fn e16_escaped_plus_is_literal_and_plus_is_a_quantifier() {
    let dn = parse("\\+14085551001");
    assert!(dn.matches("+14085551001"));
    assert!(!dn.matches("14085551001"));
    let p = parse("9+11");
    assert!(p.matches("911") && p.matches("9911") && p.matches("999911"));
    assert!(!p.matches("11") && !p.matches("+14085551001") && !p.matches("9+11"));
    assert_eq!(p.count(4), 1);
}

/// E17 (R14, R1): `[^..]` matches `*` and `#`; `X` is 0-9 only, and so is `!`.
#[test]
fn e17_negated_list_matches_star_and_hash_but_x_does_not() {
    let p = parse("13[^3-9]6");
    for dialed in ["1306", "1316", "1326", "13*6", "13#6"] {
        assert!(p.matches(dialed), "{dialed}");
    }
    assert!(!p.matches("1336") && !p.matches("13+6"));
    assert_eq!(p.count(4), 5);
    assert!(!parse("13X6").matches("13*6"));
    assert!(!parse("13!").matches("13*") && !parse("13!").matches("13#"));
}

/// `#` must be the last character (R1); it matches only a dialed `#`.
#[test]
fn hash_must_be_last() {
    let p = parse("9.011!#");
    assert!(p.matches("9011441234567#") && !p.matches("9011441234567"));
    assert_eq!(error("9#1"), PatternError { offset: 1, kind: PatternErrorKind::HashNotLast });
    assert_eq!(error("9#?").offset, 1);
    assert_eq!(error("##").kind, PatternErrorKind::HashNotLast);
}

/// One `.` per pattern (R1); it matches nothing and marks where PreDot discards.
#[test]
fn one_dot_and_pre_dot() {
    assert_eq!(error("9.1.1"), PatternError { offset: 3, kind: PatternErrorKind::SecondDot });
    let p = parse("9.1[2-9]XX[2-9]XXXXXX");
    assert!(p.matches("912125551234"));
    assert_eq!(p.pre_dot("912125551234").as_deref(), Some("12125551234"));
    assert_eq!(p.pre_dot("812125551234"), None);
    // E15: `9.011!#` with PreDot (the trailing `#` is a separate instruction).
    assert_eq!(parse("9.011!#").pre_dot("9011441234567#").as_deref(), Some("011441234567#"));
    assert_eq!(parse("1234").pre_dot("1234").as_deref(), Some("1234"));
    assert_eq!(parse("1234").pre_dot("1235"), None);
    assert_eq!(parse("9!.").pre_dot("9123").as_deref(), Some(""));
    // Several possible splits: the shortest prefix is removed.
    assert_eq!(parse("9?.X!").pre_dot("9912").as_deref(), Some("9912"));
    assert_eq!(parse("\\+.1!").pre_dot("+1408").as_deref(), Some("1408"));
    assert_eq!(parse("9.X!").pre_dot(&"9".repeat(MAX_DIGITS)).map(|s| s.len()), Some(MAX_DIGITS - 1));
    assert_eq!(parse("9.X!").pre_dot(&"9".repeat(MAX_DIGITS + 1)), None);
    assert_eq!(parse("9.X!").pre_dot("9a1"), None);
}

#[test]
fn at_is_refused() {
    assert_eq!(error("9.@"), PatternError { offset: 2, kind: PatternErrorKind::MacroNotExpanded });
    assert!(error("9.@").to_string().contains("not expanded"));
}

#[test]
fn parse_errors_carry_offsets() {
    let cases: &[(&str, usize, PatternErrorKind)] = &[
        ("", 0, PatternErrorKind::Empty),
        (".", 0, PatternErrorKind::Empty),
        ("12a4", 2, PatternErrorKind::Unexpected { found: 'a', expected: ELEMENT }),
        ("9é", 1, PatternErrorKind::Unexpected { found: 'é', expected: ELEMENT }),
        ("1[2-", 4, PatternErrorKind::UnexpectedEnd { expected: "a digit ending the range" }),
        ("1[23", 4, PatternErrorKind::UnexpectedEnd { expected: "a digit, a range or `]`" }),
        ("1[]", 2, PatternErrorKind::EmptyList),
        ("1[^]", 3, PatternErrorKind::EmptyList),
        ("1[5-3]", 4, PatternErrorKind::ReversedRange),
        ("1[X]", 2, PatternErrorKind::Unexpected { found: 'X', expected: "a digit, a range or `]`" }),
        ("?1", 0, PatternErrorKind::NothingToRepeat),
        ("+1", 0, PatternErrorKind::NothingToRepeat),
        ("1??", 2, PatternErrorKind::NothingToRepeat),
        ("1!?", 2, PatternErrorKind::NothingToRepeat),
        ("9.?", 2, PatternErrorKind::NothingToRepeat),
        ("\\1", 1, PatternErrorKind::Unexpected { found: '1', expected: "`+` after `\\`" }),
        ("1\\", 2, PatternErrorKind::UnexpectedEnd { expected: "`+` after `\\`" }),
        ("[^1]2[^3]", 5, PatternErrorKind::SecondNegation),
        ("XXXXXXXXXXXXXXXXXXXXXXXXX", 0, PatternErrorKind::TooLong { digits: 25 }),
    ];
    for (text, offset, kind) in cases {
        assert_eq!(Pattern::parse(text), Err(PatternError { offset: *offset, kind: kind.clone() }), "{text:?}");
    }
    assert_eq!(
        error("12a4").to_string(),
        "at byte 2: expected a digit, `X`, `!`, `*`, `#`, `[`, `\\+` or `.`, found a"
    );
}

#[test]
fn at_most_24_digits() {
    let p = parse("X!");
    assert_eq!(p.count(MAX_DIGITS), 10u128.pow(24));
    assert_eq!(p.count(MAX_DIGITS + 1), 0);
    assert!(p.matches(&"1".repeat(MAX_DIGITS)));
    assert!(!p.matches(&"1".repeat(MAX_DIGITS + 1)));
    assert!(Pattern::parse(&"X".repeat(MAX_DIGITS)).is_ok());
    // A long run of optional elements stays cheap and exact.
    let p = parse(&"X?".repeat(100));
    assert_eq!(p.count(3), 1000);
}

/// The dialed alphabet, in symbol order.
const ALPHABET: [char; SYMBOLS] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', '+'];

/// Every string of `len` symbols over the alphabet.
fn all_strings(len: usize) -> Vec<String> {
    let mut strings = vec![String::new()];
    for _ in 0..len {
        strings = strings.iter().flat_map(|s| ALPHABET.iter().map(move |c| format!("{s}{c}"))).collect();
    }
    strings
}

/// An independent matcher: backtracking over the elements, one repetition at a time.
fn backtrack(elements: &[Element], input: &[usize]) -> bool {
    match elements.split_first() {
        None => input.is_empty(),
        Some((element, rest)) => {
            let first = input.first().is_some_and(|&s| element.class & (1 << s) != 0);
            if element.repeat {
                backtrack(rest, input) || (first && backtrack(elements, &input[1..]))
            } else {
                first && backtrack(rest, &input[1..])
            }
        }
    }
}

fn symbols(s: &str) -> Vec<usize> {
    s.chars().map(|c| symbol(c).expect("alphabet")).collect()
}

/// Short patterns of the syntax's building blocks (valid or not: invalid ones are skipped).
fn short_pattern() -> impl Strategy<Value = String> {
    let token =
        prop::sample::select(vec!["0", "1", "X", "*", "#", "[0-1]", "[^0]", "[^0-9]", "!", "?", "+", "\\+", "."]);
    prop::collection::vec(token, 1..=4).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// `count(n)` equals a brute-force enumeration, and `matches` agrees with the independent
    /// matcher on every string, for lengths up to 4.
    #[test]
    fn count_and_matches_agree_with_enumeration(text in short_pattern()) {
        if let Ok(pattern) = Pattern::parse(&text) {
            for len in 0..=4 {
                let mut accepted = 0u128;
                for s in all_strings(len) {
                    let expected = backtrack(&pattern.elements, &symbols(&s));
                    prop_assert_eq!(pattern.matches(&s), expected, "{} on {}", text, s);
                    accepted += u128::from(expected);
                }
                prop_assert_eq!(pattern.count(len), accepted, "{} at length {}", text, len);
            }
        }
    }

    /// Parsing, matching, counting and PreDot never panic, whatever the input.
    #[test]
    fn never_panics(text in "\\PC{0,12}|[0-9X!?+*#.@\\[\\]^\\\\-]{0,12}", dialed in "\\PC{0,6}|[0-9*#+]{0,8}") {
        if let Ok(pattern) = Pattern::parse(&text) {
            let matched = pattern.matches(&dialed);
            let _ = pattern.count(dialed.chars().count());
            prop_assert_eq!(pattern.pre_dot(&dialed).is_some(), matched);
        }
    }
}

/// The literal prefix is what every matched string starts with: the index of the dial plan
/// files patterns under it.
#[test]
fn literal_prefix_stops_at_the_first_wildcard() {
    assert_eq!(parse("9.011!").literal_prefix(), "9011");
    assert_eq!(parse("\\+1408XXXXXXX").literal_prefix(), "+1408");
    assert_eq!(parse("4001").literal_prefix(), "4001");
    assert_eq!(parse("*411").literal_prefix(), "*411");
    assert_eq!(parse("[2-9]XX").literal_prefix(), "");
    assert_eq!(parse("[5]12").literal_prefix(), "512");
    // A repeated element may match nothing: `9?1` matches `1`, so its prefix is empty.
    assert_eq!(parse("9?1").literal_prefix(), "");
    // `9+` is one `9` then more: the first is literal.
    assert_eq!(parse("9+11").literal_prefix(), "9");
    assert_eq!(parse("9011#").literal_prefix(), "9011#");
}

/// `extends`: whether a longer string that starts with the dialed one still matches (the
/// "potential match" of digit-by-digit analysis).
#[test]
fn extends_means_a_longer_string_can_match() {
    assert!(parse("13!").extends("131"));
    assert!(parse("13[0-4]X").extends("131"));
    assert!(!parse("131").extends("131"));
    assert!(!parse("1[24]XX").extends("131"));
    assert!(parse("X?").extends(""));
    assert!(!parse("9.011!#").extends("9011441234567#"));
    assert!(parse("9.011!#").extends("9011441234567"));
    assert!(!parse("!").extends(&"1".repeat(MAX_DIGITS)));
    assert!(parse("!").extends(&"1".repeat(MAX_DIGITS - 1)));
    assert!(!parse("12").extends("1a"));
}

proptest! {
    /// Every string a pattern matches starts with its literal prefix, and `extends` agrees with
    /// matching one more character.
    #[test]
    fn literal_prefix_and_extends_agree_with_matching(text in "[0-9X*#\\[\\]!?+.-]{1,8}", dialed in "[0-9*#+]{0,6}") {
        if let Ok(p) = Pattern::parse(&text) {
            if p.matches(&dialed) {
                prop_assert!(dialed.starts_with(&p.literal_prefix()));
            }
            let one_more = "0123456789*#+".chars().any(|c| p.matches(&format!("{dialed}{c}")));
            if one_more {
                prop_assert!(p.extends(&dialed));
            }
        }
    }
}
