//! Closest-match selection: which of several matching patterns digit analysis picks.
//!
//! Cisco's rule: the winning pattern matches the dialed string and "matches the fewest strings
//! other than the dialed string"; the order of the partitions in the calling search space "serves
//! only to break ties when equally good matches occur in two different partitions" (Cisco
//! CallManager System Guide, "Partitions and Calling Search Spaces", and the CUCM System
//! Configuration Guide, "Configure Call Routing"; references R1, R3, R5, R8 and R9 of
//! `dialplan.md`, sections 2.1-2.4, below). For the variable-length wildcards (`!`, `?`,
//! `+`) only strings of the dialed length count (R5: `15!` "matches 100 digit strings because
//! you only consider the number of potential strings with the given number of digits dialed"), so
//! the measure is [`Pattern::count`] at the dialed length.
//!
//! Two equally specific patterns in the same partition can coexist in CUCM (`99[5-6]` and
//! `99[6-7]`, both matching `996`); Cisco staff call that untested and Dialed Number Analyzer's
//! choice between them follows no evident rule (R9), so this module reports it as
//! [`Closest::Ambiguous`] with every tied candidate, never a silent pick.
//!
//! Sources (as `dialplan.md` lists them, the reference written for issue #21):
//! - Cisco, *System Configuration Guide for CUCM 12.5(1)SU3*, "Configure Call Routing" (R1):
//!   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU3/systemConfig/cucm_b_system-configuration-guide-1251su3/cucm_m_configure-call-routing.html>
//! - Cisco CallManager System Guide, "Partitions and Calling Search Spaces" (R3):
//!   <http://cisco.com/en/US/docs/voice_ip_comm/cucm/admin/4_1_3/ccmsys/a03ptcss.html>
//! - Closest-match counting with `!` (R5):
//!   <https://community.cisco.com/t5/collaboration-knowledge-base/cisco-cucm-closest-match-routing-1-3-5-xx-vs-15-when-dialing/ta-p/4768362>
//! - Equal patterns in one partition (R9):
//!   <https://community.cisco.com/t5/ip-telephony-and-phones/call-routing-if-potentially-matching-patterns-are-the-same/m-p/3060949>
//!
//! The caller gives each candidate its partition's position in the calling search space; digit
//! analysis looks through the null partition (`<None>`) last (R3), so the caller gives it a
//! position after every named partition.

use crate::Pattern;

/// The outcome of closest-match selection over a set of candidates.
///
/// Indices are positions in the candidate sequence given to [`closest`]; the outcome itself does
/// not depend on the order of the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closest {
    /// No candidate matches the dialed string.
    NoMatch,
    /// One candidate wins: it matches the fewest strings of the dialed length, and on an equal
    /// count it is in the earliest partition.
    Match {
        /// The winning candidate's index.
        index: usize,
        /// How many strings of the dialed length it matches.
        count: u128,
    },
    /// Several candidates in the same (earliest) partition match equally few strings; CUCM's
    /// choice between them is undocumented (dialplan.md §2.4, edge case E7).
    Ambiguous {
        /// The indices of every tied candidate, ascending.
        indices: Vec<usize>,
        /// The partition position they share.
        partition: usize,
        /// How many strings of the dialed length each matches.
        count: u128,
    },
}

/// Picks the closest match for `dialed` among `candidates`, each a pattern and its partition's
/// position in the calling search space (lower is searched first).
///
/// The dialed string is matched en bloc (the whole string at once, see [`Pattern::matches`]).
pub fn closest<'a, I>(candidates: I, dialed: &str) -> Closest
where
    I: IntoIterator<Item = (&'a Pattern, usize)>,
{
    let len = dialed.chars().count();
    select(
        candidates
            .into_iter()
            .map(|(pattern, partition)| pattern.matches(dialed).then(|| (pattern.count(len), partition))),
    )
}

/// [`closest`] over the candidates' (count, partition position) keys, `None` for a candidate that
/// does not match: the plan's analysis gives it the counts of entries it already knows match.
pub(crate) fn select(keys: impl IntoIterator<Item = Option<(u128, usize)>>) -> Closest {
    // (count, partition) of the best so far, and every index that shares it.
    let mut best: Option<(u128, usize)> = None;
    let mut tied: Vec<usize> = Vec::new();
    for (index, key) in keys.into_iter().enumerate() {
        let Some(key) = key else { continue };
        match best {
            Some(current) if key > current => {}
            Some(current) if key == current => tied.push(index),
            _ => {
                best = Some(key);
                tied.clear();
                tied.push(index);
            }
        }
    }
    match best {
        None => Closest::NoMatch,
        Some((count, partition)) => {
            if let [index] = tied[..] {
                Closest::Match { index, count }
            } else {
                Closest::Ambiguous { indices: tied, partition, count }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(patterns: &[&str]) -> Vec<Pattern> {
        patterns.iter().map(|p| Pattern::parse(p).expect("valid pattern")).collect()
    }

    fn pick(patterns: &[Pattern], partitions: &[usize], dialed: &str) -> Closest {
        closest(patterns.iter().zip(partitions.iter().copied()), dialed)
    }

    /// E1 (R5): `12XX` (100 strings) beats `1XXX` (1000); `121X` and `1234` do not match 1200.
    #[test]
    fn e1_fewest_strings_wins() {
        let patterns = parse_all(&["1XXX", "12XX", "121X", "1234"]);
        assert_eq!(pick(&patterns, &[0, 0, 0, 0], "1200"), Closest::Match { index: 1, count: 100 });
        assert_eq!(pick(&patterns, &[0, 0, 0, 0], "1212"), Closest::Match { index: 2, count: 10 });
        assert_eq!(pick(&patterns, &[0, 0, 0, 0], "1234"), Closest::Match { index: 3, count: 1 });
    }

    /// E2 (R5): only strings of the dialed length count, so `15!` (100 four-digit strings)
    /// beats `1[3-5]XX` (300).
    #[test]
    fn e2_variable_length_counts_at_dialed_length() {
        let patterns = parse_all(&["1[3-5]XX", "15!"]);
        assert_eq!(patterns[0].count(4), 300);
        assert_eq!(pick(&patterns, &[0, 0], "1515"), Closest::Match { index: 1, count: 100 });
    }

    /// E4 (R8): the most specific pattern wins whatever the partition order.
    #[test]
    fn e4_partition_order_does_not_beat_specificity() {
        let patterns = parse_all(&["XXXXXXX", "123XXXX", "1234XXX"]);
        assert_eq!(pick(&patterns, &[0, 1, 2], "1234567"), Closest::Match { index: 2, count: 1000 });
        assert_eq!(pick(&patterns, &[2, 1, 0], "1234567"), Closest::Match { index: 2, count: 1000 });
    }

    /// E5 (R3, R44): an equal count in two partitions goes to the one earlier in the CSS, and
    /// the outcome does not depend on the order of the candidates.
    #[test]
    fn e5_tie_across_partitions_goes_to_earlier_partition() {
        let patterns = parse_all(&["5XXX", "5XXX"]);
        // Candidate 0 is in RP1, candidate 1 in RP2; CSS [RP1, RP2] then [RP2, RP1].
        assert_eq!(pick(&patterns, &[0, 1], "5001"), Closest::Match { index: 0, count: 1000 });
        assert_eq!(pick(&patterns, &[1, 0], "5001"), Closest::Match { index: 1, count: 1000 });
    }

    /// E7 (R9): a tie inside one partition is ambiguous and lists every tied candidate, but
    /// only those of the earliest partition with the best count.
    #[test]
    fn e7_tie_inside_a_partition_is_ambiguous() {
        let patterns = parse_all(&["99[5-6]", "99[6-7]", "99[6-7]", "99X"]);
        assert_eq!(
            pick(&patterns, &[0, 0, 1, 0], "996"),
            Closest::Ambiguous { indices: vec![0, 1], partition: 0, count: 2 }
        );
        // A more specific pattern in a later partition still wins over the tie.
        let patterns = parse_all(&["99[5-6]", "99[6-7]", "996"]);
        assert_eq!(pick(&patterns, &[0, 0, 5], "996"), Closest::Match { index: 2, count: 1 });
    }

    #[test]
    fn no_candidate_matches() {
        let patterns = parse_all(&["1XXX", "2!"]);
        assert_eq!(pick(&patterns, &[0, 0], "3000"), Closest::NoMatch);
        assert_eq!(pick(&[], &[], "3000"), Closest::NoMatch);
    }

    /// E16 (R1, R13): `\+14085551001` matches the `+`-prefixed number; `9+11` (one or more 9s,
    /// then 11) does not, but matches 9911.
    #[test]
    fn e16_escaped_plus_against_quantifier() {
        let patterns = parse_all(&["\\+14085551001", "9+11"]);
        assert_eq!(pick(&patterns, &[0, 0], "+14085551001"), Closest::Match { index: 0, count: 1 });
        assert_eq!(pick(&patterns, &[0, 0], "9911"), Closest::Match { index: 1, count: 1 });
    }
}
