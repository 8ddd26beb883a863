//! Value conventions shared by every export family (formats.md §1).

/// Whether a raw value means "unset": empty, whitespace, or the literal `NULL` that several
/// BAT files write.
pub fn is_unset(raw: &str) -> bool {
    let v = raw.trim();
    v.is_empty() || v.eq_ignore_ascii_case("NULL")
}

/// Parses the six boolean spellings CUCM uses (`t`, `f`, `true`, `false`, `1`, `0`), in any case.
pub fn parse_bool(raw: &str) -> Option<bool> {
    let v = raw.trim();
    let any = |spellings: [&str; 3]| spellings.iter().any(|s| v.eq_ignore_ascii_case(s));
    if any(["t", "true", "1"]) {
        Some(true)
    } else if any(["f", "false", "0"]) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_six_boolean_spellings_in_any_case() {
        for t in ["t", "T", "true", "TRUE", "1"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["f", "F", "false", "False", "0"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("yes"), None);
    }

    #[test]
    fn null_and_blank_are_unset() {
        assert!(is_unset("NULL"));
        assert!(is_unset("  "));
        assert!(!is_unset("0"));
    }
}
