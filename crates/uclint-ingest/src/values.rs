//! Value conventions shared by every export family (formats.md §1).

/// Whether a raw value means "unset": empty, whitespace, or the literal `NULL` that several
/// BAT files write.
pub fn is_unset(raw: &str) -> bool {
    let v = raw.trim();
    v.is_empty() || v.eq_ignore_ascii_case("NULL")
}

/// Parses the six boolean spellings CUCM uses (`t`, `f`, `true`, `false`, `1`, `0`), in any case.
pub fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "t" | "true" | "1" => Some(true),
        "f" | "false" | "0" => Some(false),
        _ => None,
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
