//! UCCX030: two UCCX triggers are wildcard patterns that overlap.

use crate::Trigger;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no two UCCX route point (trigger) DNs that both contain wildcards (`X`, `[…]`, `!`,
    /// `?`, `%`) can match the same digit string, whatever their partitions: `123XXXX` and
    /// `1234XXX` overlap. A wildcard pattern overlapping a fully specified DID is allowed. Each
    /// overlapping pair is one finding, on the later trigger.
    /// UCCX triggers are the lines of the CTI route points that are UCCX's (controlled by a UCCX
    /// telephony (JTAPI) user, `jtapi-users` in `uclint.toml` or else the application users named
    /// like `uccxjtapiuser_1`, or named by UCCX's `adminapi/trigger` export; every row of
    /// `ctiroutepoint.csv` is a route point), and the triggers of UCCX's export whose route
    /// point CUCM's export does not show. Skipped when neither the JTAPI users nor UCCX's
    /// exports are found.
    ///
    /// ## What it leaves alone
    /// - A wildcard trigger overlapping a fully specified trigger DID: UCCX allows it.
    /// - Patterns with `@` (route-filter patterns): not compared.
    /// - Route points that are not UCCX's.
    ///
    /// ## Why it breaks
    /// Overlapping wildcard triggers are unsupported: which trigger, and so which application,
    /// takes a call depends on CUCM's closest-match routing, and UCCX may not handle the call it
    /// is offered.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Application User 1,Directory Number 1,Route Partition 1
    /// CXBA_RP1,CTI Route Point,uccxjtapiuser_1,123XXXX,PT_Internal
    /// CXBA_RP2,CTI Route Point,uccxjtapiuser_1,1234XXX,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Make one of the triggers a full DID, or change the patterns so that their ranges do not
    /// meet (Unified CCX Administration > Applications > Application Management > the
    /// application > the trigger).
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150).
    code: "UCCX030",
    name: "overlapping-wildcard-triggers",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [Phones | UccxTriggers, AppUsers | UccxTriggers],
    summary: "Two UCCX trigger DNs are wildcard patterns that can match the same number.",
    check: check,
}

/// One position of a pattern: the characters it accepts, once or any number of times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    One(u16),
    Many(u16),
}

const DIGITS: u16 = 0x3ff;

fn bit(c: char) -> Option<u16> {
    match c {
        '0'..='9' => Some(1 << (c as u16 - '0' as u16)),
        '*' => Some(1 << 10),
        '#' => Some(1 << 11),
        '+' => Some(1 << 12),
        _ => None,
    }
}

/// The tokens of a route pattern, or `None` when it uses syntax this rule does not compare.
fn tokens(pattern: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => {}
            'X' | 'x' => out.push(Token::One(DIGITS)),
            '!' => out.extend([Token::One(DIGITS), Token::Many(DIGITS)]),
            '?' | '%' => {
                let Some(Token::One(set)) = out.pop() else { return None };
                if c == '%' {
                    out.push(Token::One(set));
                }
                out.push(Token::Many(set));
            }
            '[' => {
                let class: String = chars.by_ref().take_while(|c| *c != ']').collect();
                let (negate, class) = match class.strip_prefix('^') {
                    Some(rest) => (true, rest),
                    None => (false, class.as_str()),
                };
                let class: Vec<char> = class.chars().collect();
                let mut set = 0u16;
                let mut i = 0;
                while i < class.len() {
                    if i + 2 < class.len() && class[i + 1] == '-' {
                        for d in class[i]..=class[i + 2] {
                            set |= bit(d)?;
                        }
                        i += 3;
                    } else {
                        set |= bit(class[i])?;
                        i += 1;
                    }
                }
                out.push(Token::One(if negate { DIGITS & !set } else { set }));
            }
            c => out.push(Token::One(bit(c)?)),
        }
    }
    Some(out)
}

fn is_wildcard(pattern: &str) -> bool {
    pattern.contains(['X', 'x', '[', '!', '?', '%'])
}

/// Whether some string matches both token lists: a walk over pairs of positions.
fn overlap(a: &[Token], b: &[Token]) -> bool {
    let mut seen = vec![false; (a.len() + 1) * (b.len() + 1)];
    let mut todo = vec![(0, 0)];
    while let Some((i, j)) = todo.pop() {
        let slot = i * (b.len() + 1) + j;
        if std::mem::replace(&mut seen[slot], true) {
            continue;
        }
        if i == a.len() && j == b.len() {
            return true;
        }
        if let Some(Token::Many(_)) = a.get(i) {
            todo.push((i + 1, j));
        }
        if let Some(Token::Many(_)) = b.get(j) {
            todo.push((i, j + 1));
        }
        if let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            let (Token::One(sx) | Token::Many(sx), Token::One(sy) | Token::Many(sy)) = (*x, *y);
            if sx & sy != 0 {
                let next_i = if matches!(x, Token::Many(_)) { i } else { i + 1 };
                let next_j = if matches!(y, Token::Many(_)) { j } else { j + 1 };
                if (next_i, next_j) != (i, j) {
                    todo.push((next_i, next_j));
                }
            }
        }
    }
    false
}

/// The earlier triggers, kept so that the ones a pattern overlaps are found without comparing
/// it with each. A fixed-length pattern (no `!`, `?` or `%`) overlaps a fixed-length pattern
/// only if they are as long and every position of one shares a character with the same
/// position of the other: per length, a trie of the positions' character sets finds those by
/// following only the branches that share one. A variable-length pattern is compared with every
/// other trigger, as before.
#[derive(Default)]
struct Earlier {
    /// Tries of the fixed-length patterns, by length.
    tries: Vec<Vec<TrieNode>>,
    /// The variable-length patterns, by trigger number.
    variable: Vec<usize>,
}

#[derive(Default)]
struct TrieNode {
    /// Each child with the character set of its position.
    children: Vec<(u16, usize)>,
    /// The triggers whose pattern ends here.
    triggers: Vec<usize>,
}

impl Earlier {
    /// The numbers of the earlier triggers that `pattern` overlaps, in order; `all` holds every
    /// trigger's tokens, by number.
    fn overlapping(&self, pattern: &[Token], all: &[Vec<Token>], before: usize) -> Vec<usize> {
        let mut found: Vec<usize> = if is_variable(pattern) {
            (0..before).filter(|&other| overlap(pattern, &all[other])).collect()
        } else {
            let mut found: Vec<usize> =
                self.variable.iter().copied().filter(|&other| overlap(pattern, &all[other])).collect();
            if let Some(trie) = self.tries.get(pattern.len()).filter(|trie| !trie.is_empty()) {
                let mut todo = vec![(0, 0)];
                while let Some((node, depth)) = todo.pop() {
                    let Some(&(Token::One(set) | Token::Many(set))) = pattern.get(depth) else {
                        found.extend(&trie[node].triggers);
                        continue;
                    };
                    let next = trie[node].children.iter().filter(|(other, _)| other & set != 0);
                    todo.extend(next.map(|&(_, child)| (child, depth + 1)));
                }
            }
            found
        };
        found.sort_unstable();
        found
    }

    /// Keeps trigger `number`, whose pattern is `pattern`, for the triggers after it.
    fn add(&mut self, number: usize, pattern: &[Token]) {
        if is_variable(pattern) {
            self.variable.push(number);
            return;
        }
        if self.tries.len() <= pattern.len() {
            self.tries.resize_with(pattern.len() + 1, Vec::new);
        }
        let trie = &mut self.tries[pattern.len()];
        if trie.is_empty() {
            trie.push(TrieNode::default());
        }
        let mut node = 0;
        for token in pattern {
            let (Token::One(set) | Token::Many(set)) = *token;
            node = match trie[node].children.iter().find(|(other, _)| *other == set) {
                Some(&(_, child)) => child,
                None => {
                    trie.push(TrieNode::default());
                    let child = trie.len() - 1;
                    trie[node].children.push((set, child));
                    child
                }
            };
        }
        trie[node].triggers.push(number);
    }
}

/// Whether a pattern can match numbers of different lengths.
fn is_variable(pattern: &[Token]) -> bool {
    pattern.iter().any(|token| matches!(token, Token::Many(_)))
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let triggers = ctx.uccx_triggers()?;
    let (triggers, patterns): (Vec<Trigger<'_>>, Vec<Vec<Token>>) = triggers
        .into_iter()
        .filter(|trigger| is_wildcard(&trigger.dn.pattern))
        .filter_map(|trigger| {
            let tokens = tokens(&trigger.dn.pattern)?;
            Some((trigger, tokens))
        })
        .unzip();
    // Each overlapping pair is a finding, on the later trigger; the earlier triggers a pattern
    // overlaps are found through `Earlier`, not by comparing it with every one.
    let mut earlier = Earlier::default();
    for (n, (trigger, pattern)) in triggers.iter().zip(&patterns).enumerate() {
        for other in earlier.overlapping(pattern, &patterns, n) {
            let other = &triggers[other];
            let message = format!(
                "UCCX triggers {} ({}) and {} ({}) are overlapping wildcard patterns; this is unsupported",
                trigger.dn.pattern,
                trigger.describe(),
                other.dn.pattern,
                other.describe(),
            );
            sink.report(trigger.key(), trigger.dn_span, "wildcard trigger", message)
                .label(other.dn_span, format!("overlaps, {}", other.describe()))
                .help(
                    "Unified CCX Administration > Applications > Application Management > the application: make \
                     one trigger a full DID, or separate the ranges",
                );
        }
        earlier.add(n, pattern);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(a: &str, b: &str) -> bool {
        overlap(&tokens(a).unwrap(), &tokens(b).unwrap())
    }

    #[test]
    fn patterns_overlap_when_one_number_matches_both() {
        assert!(overlaps("123XXXX", "1234XXX"));
        assert!(!overlaps("123XXXX", "124XXXX"));
        assert!(!overlaps("123XXXX", "123XXX"));
        assert!(overlaps("5[0-4]XX", "53X!"));
        assert!(!overlaps("5[^0-4]XX", "53XX"));
        assert!(overlaps("5!", "5123"));
        assert!(!overlaps("5!", "5"));
        assert!(overlaps("50X?", "50"));
        assert!(overlaps("8.XXX", "8123"));
        assert!(!overlaps("+1408XXX", "1408XXX"));
        assert!(tokens("9.@").is_none());
        assert!(is_wildcard("50XX") && !is_wildcard("5000"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// The trie finds exactly the earlier patterns that a comparison with each one finds.
        #[test]
        fn earlier_overlaps_are_those_of_a_pairwise_comparison(
            patterns in proptest::collection::vec(r"[0-3X]{1,4}(!|\?|%|\[1-2\]|\[\^0\])?[0-2X]{0,2}", 1..40)
        ) {
            let all: Vec<Vec<Token>> = patterns.iter().filter_map(|p| tokens(p)).collect();
            let mut earlier = Earlier::default();
            for (n, pattern) in all.iter().enumerate() {
                let pairwise: Vec<usize> = (0..n).filter(|&other| overlap(pattern, &all[other])).collect();
                proptest::prop_assert_eq!(earlier.overlapping(pattern, &all, n), pairwise);
                earlier.add(n, pattern);
            }
        }
    }
}
