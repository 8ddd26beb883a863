//! Reachability for rules: does a call from an origin to a directory number's own digits reach
//! that directory number?
//!
//! A rule asks "does CSS X reach agent extension 6001@PT_Agents?" or "is trigger 5000 shadowed
//! for CSS Y?": the answer is an en-bloc analysis of the DN's digits from the origin
//! ([`crate::DialPlan::analyze`]), through any translation patterns, compared with the DN.
//! A DN with wildcards (`600X`) is not one number, so it is not analysed; a DN the dial plan
//! does not hold is still dialed (its digits may route elsewhere), and the answer says where.

use uclint_model::DnKey;

use crate::analysis::Outcome;
use crate::walk::Origin;
use crate::DialPlan;

/// Whether dialing a directory number's digits reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The call ends at the DN (directly or through translations).
    Reached,
    /// The call ends somewhere else: another DN or pattern (the DN is shadowed or its partition
    /// is not searched), a block, no match, an ambiguity or a loop.
    LandsElsewhere(Outcome),
    /// The DN cannot be dialed as one string (it has wildcards or characters outside the dialed
    /// alphabet), with the reason.
    NotAnalysable(String),
}

/// Whether `digits` is one string a caller can dial: not empty, and only `0`-`9`, `*`, `#` and `+`
/// (the dialed alphabet, dialplan.md §1), so no wildcard. What [`DialPlan::reaches`] asks of a
/// DN, and what rules and the CLI ask before they dial one.
pub fn dialable(digits: &str) -> bool {
    !digits.is_empty() && digits.chars().all(|c| matches!(c, '0'..='9' | '*' | '#' | '+'))
}

impl DialPlan<'_> {
    /// Whether dialing `dn`'s digits from `origin` (en bloc) reaches `dn`.
    pub fn reaches(&self, origin: &Origin, dn: &DnKey) -> Reach {
        let digits = dn.pattern.as_str();
        if digits.is_empty() {
            return Reach::NotAnalysable("the directory number is empty".to_owned());
        }
        if let Some(c) = digits.chars().find(|c| !matches!(c, '0'..='9' | '*' | '#' | '+')) {
            return Reach::NotAnalysable(format!("the directory number has `{c}`: it is a pattern, not one number"));
        }
        match self.analyze(origin, digits).outcome {
            Outcome::Device { dn: reached, .. } | Outcome::Trigger { dn: reached, .. } if &reached == dn => {
                Reach::Reached
            }
            other => Reach::LandsElsewhere(other),
        }
    }
}
