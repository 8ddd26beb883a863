//! Called-party transformation: discard digits, then the transformation mask, then the prefix.
//!
//! The order is Cisco's (dialplan.md §5): the Cisco Press worked example (R22b) applies the
//! discard digits instruction, then the mask, then the prefix, and gets `88085551221`; applying
//! the prefix before the mask, as one public tool does, would give `8085551221` (edge case E18).
//!
//! - **Discard digits** (R11, R12, R18a, R48, R49): `PreDot` removes what the part of the pattern
//!   before the `.` matched ([`Pattern::pre_dot`]); `Trailing-#` removes an ending `#`;
//!   `PreDot Trailing-#` does both; `NoDigits` (or none) removes nothing. The other instructions
//!   (`PreAt`, `10-10-Dialing`, `11D->10D`, `IntlTollBypass`, …) need the numbering-plan structure
//!   that `@` stands for, which an export does not carry: they are not applied, and the caller
//!   records an assumption saying so.
//! - **Mask** (R22b, R27): right-aligned; an `X` keeps the dialed character at its position,
//!   any other mask character replaces it; a longer mask adds its leading characters, a shorter
//!   one truncates. An `X` with no dialed character under it gives nothing.
//! - **Prefix**: prepended as written (a plain `+` in prefixes and masks is a literal, R21, R47).

use crate::Pattern;

/// The discard digits instructions applied here, as CUCM names them.
const PRE_DOT: &str = "PreDot";
const TRAILING_HASH: &str = "Trailing-#";
const PRE_DOT_TRAILING_HASH: &str = "PreDot Trailing-#";
const NO_DIGITS: &str = "NoDigits";

/// The outcome of a called-party transformation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Transformed {
    /// The called number after the transformation.
    pub(crate) digits: String,
    /// A discard instruction that was not applied (not one of those this module knows), as
    /// written.
    pub(crate) unapplied_discard: Option<String>,
}

/// Applies `discard`, `mask` and `prefix` (each as written; empty means unset) to `dialed`,
/// which `pattern` matched.
pub(crate) fn transform(pattern: &Pattern, dialed: &str, discard: &str, mask: &str, prefix: &str) -> Transformed {
    let discard = discard.trim();
    let mut unapplied_discard = None;
    let digits = match discard {
        "" | NO_DIGITS => dialed.to_owned(),
        PRE_DOT => pre_dot(pattern, dialed),
        TRAILING_HASH => trailing_hash(dialed).to_owned(),
        PRE_DOT_TRAILING_HASH => trailing_hash(&pre_dot(pattern, dialed)).to_owned(),
        other => {
            unapplied_discard = Some(other.to_owned());
            dialed.to_owned()
        }
    };
    let digits = apply_mask(&digits, mask.trim());
    let digits = format!("{}{digits}", prefix.trim());
    Transformed { digits, unapplied_discard }
}

/// PreDot: the digits after the `.` part; the whole string if the pattern has no `.`.
fn pre_dot(pattern: &Pattern, dialed: &str) -> String {
    pattern.pre_dot(dialed).unwrap_or_else(|| dialed.to_owned())
}

/// Trailing-#: without one ending `#`.
fn trailing_hash(dialed: &str) -> &str {
    dialed.strip_suffix('#').unwrap_or(dialed)
}

/// Applies a transformation mask, right-aligned (see the module docs). An empty mask changes
/// nothing.
pub(crate) fn apply_mask(digits: &str, mask: &str) -> String {
    if mask.is_empty() {
        return digits.to_owned();
    }
    let digits: Vec<char> = digits.chars().collect();
    let mask: Vec<char> = mask.chars().collect();
    let mut out = String::with_capacity(mask.len());
    for (i, &m) in mask.iter().enumerate() {
        // The dialed character under mask position i, counting from the right.
        let from_right = mask.len() - 1 - i;
        let under = digits.len().checked_sub(from_right + 1).and_then(|at| digits.get(at));
        if m == 'X' {
            if let Some(&c) = under {
                out.push(c);
            }
        } else {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Pattern {
        Pattern::parse(text).expect("valid pattern")
    }

    /// E18 (R22b): discard, then mask, then prefix. The worked example's `9.@` with
    /// 10-10-Dialing is not analysable offline (`@`), so the same order is shown with PreDot on
    /// the same number: `9` removed, ten `X` drop the `1`, prefix `8` gives `88085551221`;
    /// prefix before mask would give `8085551221`.
    #[test]
    fn e18_discard_then_mask_then_prefix() {
        let p = parse("9.1XXXXXXXXXX");
        let t = transform(&p, "918085551221", "PreDot", "XXXXXXXXXX", "8");
        assert_eq!(t.digits, "88085551221");
        assert_eq!(t.unapplied_discard, None);
    }

    #[test]
    fn mask_is_right_aligned() {
        // Cisco's normalisation example (R21): 4001 with mask +14085554XXX.
        assert_eq!(apply_mask("4001", "+14085554XXX"), "+14085554001");
        assert_eq!(apply_mask("4001", "XX"), "01");
        assert_eq!(apply_mask("4001", "5XXX"), "5001");
        assert_eq!(apply_mask("01", "XXXX"), "01");
        assert_eq!(apply_mask("4001", ""), "4001");
    }

    /// E15 (R48, R49): `PreDot Trailing-#` removes the access code and the ending `#`.
    #[test]
    fn e15_predot_trailing_hash() {
        let p = parse("9.011!#");
        assert_eq!(transform(&p, "9011441234567#", "PreDot Trailing-#", "", "").digits, "011441234567");
        assert_eq!(transform(&p, "9011441234567#", "Trailing-#", "", "").digits, "9011441234567");
        assert_eq!(transform(&p, "9011441234567#", "NoDigits", "", "").digits, "9011441234567#");
    }

    #[test]
    fn unknown_discard_is_not_applied() {
        let p = parse("9.1XXXXXXXXXX");
        let t = transform(&p, "918085551221", "11D->10D", "", "");
        assert_eq!(t.digits, "918085551221");
        assert_eq!(t.unapplied_discard.as_deref(), Some("11D->10D"));
    }
}
