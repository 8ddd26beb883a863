//! Value conventions shared by every export family (formats.md §1).

/// `raw` without leading and trailing whitespace, as `str::trim` gives it. Nearly every cell
/// and element text of an export starts and ends with a printable ASCII byte, which no
/// whitespace is; those are returned as they are without decoding a character (a megacluster's
/// BAT files hold millions of cells, each trimmed).
pub fn trim(raw: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7F);
    if printable(raw.as_bytes().first()) && printable(raw.as_bytes().last()) {
        raw
    } else {
        raw.trim()
    }
}

/// Whether a raw value means "unset": empty, whitespace, or the literal `NULL` that several
/// BAT files write.
pub fn is_unset(raw: &str) -> bool {
    let v = trim(raw);
    v.is_empty() || v.eq_ignore_ascii_case("NULL")
}

/// Parses the six boolean spellings CUCM uses (`t`, `f`, `true`, `false`, `1`, `0`), in any case.
pub fn parse_bool(raw: &str) -> Option<bool> {
    let v = trim(raw);
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
    fn trim_is_str_trim() {
        let pieces =
            ["a", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{3000}", "é", "~", "\u{7F}"];
        for text in crate::random_texts::random_texts(&pieces, 5_000, 6, 3) {
            assert_eq!(trim(&text), text.trim(), "{text:?}");
        }
    }

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
