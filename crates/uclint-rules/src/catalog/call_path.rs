//! How the call-path rules (DIAL004-007) and the health report's call-path section read digit
//! analysis: where a call landed, said in words; whether it landed on a directory number; which
//! calling search space a line uses; what UCCX's redirect settings mean; and a string a pattern
//! matches, to dial it.
//!
//! The analysis itself is `uclint_dialplan`'s (dialplan.md §0-§5): these helpers only phrase its
//! [`Outcome`] for a message and choose what to dial. They know nothing of a run.

use uclint_dialplan::{partition_display, DialPlan, Outcome};
use uclint_model::{DnKey, Line, Spanned, Text};

use crate::catalog::dial::names_nothing;

/// Whether an analysis ended on one of `keys` (directly or through translations).
pub fn lands_on(outcome: &Outcome, keys: &[DnKey]) -> bool {
    match outcome {
        Outcome::Device { dn, .. } | Outcome::Trigger { dn, .. } => keys.contains(dn),
        _ => false,
    }
}

/// Whether an analysis is a tie (CUCM's choice is undocumented, dialplan.md §2.4) in which one of
/// `keys` takes part: whether the call reaches it cannot be told, so a rule does not judge it.
pub fn ties_with(plan: &DialPlan<'_>, outcome: &Outcome, keys: &[DnKey]) -> bool {
    let Outcome::Ambiguous { candidates } = outcome else { return false };
    candidates.iter().any(|c| keys.iter().any(|k| plan.dn_entry(k) == Some(c.entry)))
}

/// Where a call went, for a message, after "dialing 6001 there …": "matches no pattern",
/// "rings directory number 6001 in PT_Internal (on SEP0011AA000011)", "is blocked by route
/// pattern 9.1900XXXXXXX in PT_Block", …
pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Device { dn, devices } => {
            let on = match devices.as_slice() {
                [] => String::new(),
                [one] => format!(" (on {})", one.name),
                [first, rest @ ..] => format!(" (on {} and {} more)", first.name, rest.len()),
            };
            format!("rings directory number {}{on}", dn_display(dn))
        }
        Outcome::Trigger { dn, .. } => {
            format!("goes to directory number {} of a CTI route point or UCCX trigger", dn_display(dn))
        }
        Outcome::RoutePattern { pattern, partition, destination, .. } => format!(
            "matches route pattern {pattern} in {}{}",
            partition_display(partition),
            destination.as_ref().map(|d| format!(" (to {d})")).unwrap_or_default()
        ),
        Outcome::HuntPilot { pattern, partition, .. } => {
            format!("matches hunt pilot {pattern} in {}", partition_display(partition))
        }
        Outcome::Blocked { kind, pattern, partition } => {
            format!("is blocked by {kind} {pattern} in {}", partition_display(partition))
        }
        Outcome::NoMatch { digits } => format!("matches no pattern (digits {digits} at the last lookup)"),
        Outcome::Ambiguous { candidates } => format!(
            "ties between {} patterns of one partition ({})",
            candidates.len(),
            candidates.iter().map(|c| c.pattern.as_str()).collect::<Vec<_>>().join(", ")
        ),
        Outcome::Loop { chain } => format!("loops through translation patterns ({} lookups)", chain.len()),
    }
}

/// A DN for messages: `6001 in PT_Agents`, `6001 in <None>`.
pub fn dn_display(dn: &DnKey) -> String {
    format!("{} in {}", dn.pattern, partition_display(&dn.partition))
}

/// A line's calling search space: the line appearance's (BAT `Line CSS n`), else its DN
/// object's (AXL `getLine`), as digit analysis reads it (`uclint_dialplan`'s walk); `None` when
/// neither is set or it names nothing (`<None>`, `NULL`).
pub fn line_css<'a>(plan: &DialPlan<'a>, line: &'a Line) -> Option<&'a Spanned<Text>> {
    line.css
        .as_ref()
        .or_else(|| plan.directory_number(&line.dn.value).and_then(|n| n.css.as_ref()))
        .filter(|c| !names_nothing(&c.value))
}

/// A string the route-pattern syntax `text` matches: its literal digits, each `X`, `!` and
/// `[..]` replaced by the lowest symbol it accepts (`0`-`9`, then `*`, `#`), an element
/// followed by `?` left out, `\+` read as `+` and the `.` dropped. `None` when the pattern has
/// `@` or anything else this reading does not know; a caller checks the result against the
/// parsed pattern.
pub fn representative(text: &str) -> Option<String> {
    let mut out: Vec<char> = Vec::new();
    let mut chars = text.trim().chars().peekable();
    // The number of characters the last element wrote, for a following `?` to take back.
    let mut last = 0;
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' | '*' | '#' => {
                out.push(c);
                last = 1;
            }
            'X' | '!' => {
                out.push('0');
                last = 1;
            }
            '\\' => {
                if chars.next() != Some('+') {
                    return None;
                }
                out.push('+');
                last = 1;
            }
            '.' => last = 0,
            '+' => {}
            '?' => {
                out.truncate(out.len().saturating_sub(last));
                last = 0;
            }
            '[' => {
                let mut list = String::new();
                loop {
                    match chars.next()? {
                        ']' => break,
                        other => list.push(other),
                    }
                }
                out.push(lowest_in_list(&list)?);
                last = 1;
            }
            _ => return None,
        }
    }
    Some(out.into_iter().collect())
}

/// The lowest symbol a `[..]` list (its inside, `^` included) accepts.
fn lowest_in_list(list: &str) -> Option<char> {
    let (negated, list) = match list.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, list),
    };
    let chars: Vec<char> = list.chars().collect();
    let mut accepted = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let (low, high) = (chars[i], chars[i + 2]);
            accepted.extend(('0'..='9').filter(|d| (low..=high).contains(d)));
            i += 3;
        } else {
            accepted.push(chars[i]);
            i += 1;
        }
    }
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'].into_iter().find(|c| accepted.contains(c) != negated)
}

/// A setting's value as the redirect readings compare it: without spaces or underscores, in
/// lower case (`Redirect Party`, `redirectParty` and `REDIRECT_PARTY` are one).
fn setting_key(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && *c != '_').collect::<String>().to_lowercase()
}

/// Which CSS UCCX hands a queued call from a CTI port to an agent with: a call control group's
/// Redirect Calling Search Space (`adminapi/callControlGroup`
/// `portGroupConfiguration/redirectCallingSearchSpace`; dialplan.md §8.2, R32, R33b). DIAL004 and
/// the health report's call paths read it here, so that they cannot read it differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortRedirect {
    /// `Redirect Party`: the CTI port's device CSS.
    RedirectParty,
    /// `DN Calling Search Space`: the port's line (DN) CSS.
    DnCss,
    /// `Calling Party`: the caller's CSS, which an export does not carry.
    CallingParty,
    /// A value no source names.
    Unknown,
}

impl PortRedirect {
    /// The choice `value` names.
    pub fn of(value: &str) -> PortRedirect {
        match setting_key(value).as_str() {
            "redirectparty" => PortRedirect::RedirectParty,
            "dncallingsearchspace" => PortRedirect::DnCss,
            "callingparty" => PortRedirect::CallingParty,
            _ => PortRedirect::Unknown,
        }
    }
}

/// Which CSS UCCX redirects a trigger's call to a CTI port with: the trigger's Calling Search
/// Space for Redirect (`adminapi/trigger` `callingSearchSpaceForRedirect`; dialplan.md §8.1, R32,
/// R33, R50). DIAL005 and the health report's call paths read it here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerRedirect<'v> {
    /// `default`, *Default Calling Search Space*, *Calling Address Search Space*: the caller's
    /// CSS.
    Caller,
    /// *Route Point Address Search Space*: the route point's CSS.
    RoutePoint,
    /// Anything else: a CSS by name (trimmed), which may or may not be in the export.
    Named(&'v str),
}

impl<'v> TriggerRedirect<'v> {
    /// The choice `value` names.
    pub fn of(value: &'v str) -> TriggerRedirect<'v> {
        match setting_key(value).as_str() {
            "default" | "defaultcallingsearchspace" | "defaultsearchspace" | "callingaddresssearchspace" => {
                TriggerRedirect::Caller
            }
            "routepointaddresssearchspace" | "addresssearchspace" => TriggerRedirect::RoutePoint,
            _ => TriggerRedirect::Named(value.trim()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_representative_string_takes_the_lowest_symbol_of_each_element() {
        assert_eq!(representative("7777").as_deref(), Some("7777"));
        assert_eq!(representative("9.1[2-9]XX[2-9]XXXXXX").as_deref(), Some("912002000000"));
        assert_eq!(representative("\\+1408555XXXX").as_deref(), Some("+14085550000"));
        assert_eq!(representative("9.011!#").as_deref(), Some("90110#"));
        assert_eq!(representative("12X?3").as_deref(), Some("123"));
        assert_eq!(representative("[^0-4]5").as_deref(), Some("55"));
        assert_eq!(representative("[^0-9]").as_deref(), Some("*"));
        assert_eq!(representative("[97]1").as_deref(), Some("71"));
        assert_eq!(representative("9.@"), None);
        assert_eq!(representative("[12"), None);
    }
}
