//! Aggregation: findings of one rule that say the same thing about different objects, grouped
//! with their objects, so that the formats a person reads (`full`, `github`, `markdown`) stay
//! readable at tens of thousands of findings.
//!
//! # What groups
//!
//! Two findings are in one group when they have the same code and severity and the same
//! *shape*: their message and their fix, each with the names of objects replaced by a
//! placeholder. Names are:
//!
//! - the finding's own object identifiers: the name in the object key (`jdoe` for `user:jdoe`),
//!   and for a directory number both `4001@PT_Internal` and the bare pattern `4001`, as
//!   messages write either; replaced only where they stand as a whole word (not inside
//!   `jdoex`, `4001@PT_Other` or `x.jdoe`);
//! - any other word that mixes letters and digits (`SEP001122334455`, `agent01`,
//!   `4002@PT_Internal`, `CSFAGENT02`): the names of the other objects a message mentions (the
//!   desk phone a user cannot control, the devices sharing an extension), which differ from one
//!   finding to the next just as the object does. A word is a run of letters, digits and
//!   `_-@./\`.
//!
//! Words without a digit and numbers without a letter stay: "lacks group X" and "lacks group
//! Y" are two groups, and so are "Maximum Number of Calls is 4" and "… is 6", since those are
//! what the finding says. The placeholder is never printed: a group is shown as its first
//! finding's message and fix, with the count and its first objects.
//!
//! # Limits
//!
//! - A value that mixes letters and digits is taken for a name: two findings that differ only
//!   in such a value (a group named `CTI2` against `CTI3`) are one group, shown by the first.
//! - A message that names a plain word or a number that differs per object (a count, a line
//!   number, a user ID without digits that is not the finding's own object) forms a group per
//!   distinct value; the caps still bound the output.
//! - A finding is grouped by its text, not by where it is: a group's members may lie in
//!   different files, and a format that points at one place points at the first member's.
//! - Exact text, case included: an export that spells a name in two cases makes two shapes.
//!
//! # Cost
//!
//! One pass over the findings, one hash-map lookup each, keyed by the shape; the work per
//! finding is linear in its message and fix. Groups come out in the order of their first
//! member, members in output order, so the result depends on the sorted findings alone.

use std::collections::HashMap;

use uclint_model::{Diagnostic, ObjectKey, Severity};

/// The placeholder an object identifier is replaced with in a shape (never printed).
const PLACEHOLDER: &str = "\u{0}object\u{0}";

/// Findings of one rule with the same message shape and the same fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Indices of the members in the diagnostics given, in output order; never empty.
    pub members: Vec<usize>,
}

impl Group {
    /// Index of the first member, whose message, fix and location represent the group.
    pub fn first(&self) -> usize {
        self.members[0]
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Always false: a group has at least one member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// Groups all of `diagnostics` (sorted, as every renderer takes them), in the order of each
/// group's first member.
pub fn groups(diagnostics: &[Diagnostic]) -> Vec<Group> {
    groups_of(diagnostics, 0..diagnostics.len())
}

/// Groups the diagnostics at `indices` (in the order given), in the order of each group's
/// first member.
pub fn groups_of(diagnostics: &[Diagnostic], indices: impl IntoIterator<Item = usize>) -> Vec<Group> {
    type Key = (&'static str, Severity, String, Option<String>);
    let mut by_shape: HashMap<Key, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for index in indices {
        let d = &diagnostics[index];
        let names = identifiers(&d.object);
        let key = (d.code.id, d.severity, shape(&d.message, &names), d.help.as_deref().map(|h| shape(h, &names)));
        match by_shape.get(&key) {
            Some(&g) => groups[g].members.push(index),
            None => {
                by_shape.insert(key, groups.len());
                groups.push(Group { members: vec![index] });
            }
        }
    }
    groups
}

/// The identifiers of an object as messages write them, longest first.
fn identifiers(object: &ObjectKey) -> Vec<String> {
    let mut names = Vec::with_capacity(2);
    match object {
        // "cluster" is no name a message would write for the one LDAP configuration.
        ObjectKey::LdapAuthentication => {}
        ObjectKey::Dn(dn) => {
            names.push(dn.to_string());
            names.push(dn.pattern.to_string());
        }
        other => {
            let key = other.to_string();
            if let Some((_, name)) = key.split_once(':') {
                names.push(name.to_owned());
            }
        }
    }
    names.retain(|n| !n.is_empty());
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// `text` with each whole-word occurrence of each name, and each word that mixes letters and
/// digits, replaced by [`PLACEHOLDER`].
fn shape(text: &str, names: &[String]) -> String {
    mixed_words(&own_names(text, names))
}

/// `text` with each word that holds both a letter and a digit replaced by [`PLACEHOLDER`].
fn mixed_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (word_char(c), word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(start)) => {
                let word = &text[start..at];
                let mixed = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
                out.push_str(if mixed { PLACEHOLDER } else { word });
                word_start = None;
            }
            _ => {}
        }
        if word_start.is_none() && at < text.len() {
            out.push(c);
        }
    }
    out
}

/// `text` with each whole-word occurrence of each name replaced by [`PLACEHOLDER`].
fn own_names(text: &str, names: &[String]) -> String {
    let mut shaped = text.to_owned();
    for name in names {
        if !shaped.contains(name.as_str()) {
            continue;
        }
        let mut out = String::with_capacity(shaped.len());
        let mut last = 0;
        for (at, _) in shaped.match_indices(name.as_str()) {
            // Matches do not overlap; one starting inside a replaced one is skipped.
            if at < last {
                continue;
            }
            let end = at + name.len();
            if starts_word(&shaped, at) && ends_word(&shaped, end) {
                out.push_str(&shaped[last..at]);
                out.push_str(PLACEHOLDER);
                last = end;
            }
        }
        out.push_str(&shaped[last..]);
        shaped = out;
    }
    shaped
}

/// Characters that continue an identifier: a name is not replaced next to one.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '.' | '/' | '\\')
}

/// Whether `text[..at]` ends where a word may start.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !word_char(c))
}

/// Whether `text[end..]` starts where a word may end; a full stop that ends a sentence (before
/// a space or the end) is no part of the word.
fn ends_word(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        None => true,
        Some('.') => rest.next().is_none_or(char::is_whitespace),
        Some(c) => !word_char(c),
    }
}

#[cfg(test)]
mod tests {
    use uclint_model::{DnKey, Label, SourceId, Span};

    use super::*;

    fn finding(code: &'static str, object: ObjectKey, message: &str, help: Option<&str>) -> Diagnostic {
        let d = Diagnostic::new(
            crate::many::code(code),
            Severity::Warning,
            object,
            message,
            Label { span: Span::new(SourceId::new(0), 0, 0), message: None },
        );
        match help {
            Some(help) => d.with_help(help),
            None => d,
        }
    }

    fn user(name: &str) -> ObjectKey {
        ObjectKey::User(name.into())
    }

    fn members(groups: &[Group]) -> Vec<Vec<usize>> {
        groups.iter().map(|g| g.members.clone()).collect()
    }

    #[test]
    fn same_message_about_other_objects_groups_and_other_values_do_not() {
        let d = [
            finding("T1", user("agent01"), "user agent01 lacks group X", Some("add agent01 to X")),
            finding("T1", user("agent02"), "user agent02 lacks group X", Some("add agent02 to X")),
            finding("T1", user("agent03"), "user agent03 lacks group Y", Some("add agent03 to Y")),
            finding("T1", user("agent04"), "user agent04 lacks group X", Some("add agent04 to X")),
        ];
        assert_eq!(members(&groups(&d)), [vec![0, 1, 3], vec![2]]);
    }

    #[test]
    fn code_severity_and_fix_are_part_of_the_shape() {
        let mut warning = finding("T1", user("b"), "b is wrong", None);
        warning.severity = Severity::Error;
        let d = [
            finding("T1", user("a"), "a is wrong", None),
            finding("T2", user("c"), "c is wrong", None),
            warning,
            finding("T1", user("d"), "d is wrong", Some("fix d")),
            finding("T1", user("e"), "e is wrong", None),
        ];
        assert_eq!(members(&groups(&d)), [vec![0, 4], vec![1], vec![2], vec![3]]);
    }

    #[test]
    fn identifiers_are_replaced_only_as_whole_words() {
        let names = identifiers(&user("alice"));
        assert_eq!(
            shape("alice and alicex and x.alice and alice.", &names),
            "\0object\0 and alicex and x.alice and \0object\0."
        );
        // A name that is a common word elsewhere in the message makes its own shape, not a
        // wrong group: "a" in "a second" is replaced for user a only.
        let d = [
            finding("T1", user("a"), "user a needs a second login", None),
            finding("T1", user("b"), "user b needs a second login", None),
            finding("T1", user("c"), "user c needs a second login", None),
        ];
        assert_eq!(members(&groups(&d)), [vec![0], vec![1, 2]]);
    }

    #[test]
    fn other_names_group_and_plain_values_do_not() {
        let d = [
            finding("T1", user("jdoe"), "jdoe cannot control SEP0001: missing group 'CTI'", Some("add jdoe to CTI")),
            finding(
                "T1",
                user("asmith"),
                "asmith cannot control SEP0002: missing group 'CTI'",
                Some("add asmith to CTI"),
            ),
            finding("T1", user("bob"), "bob cannot control SEP0003: missing group 'Other'", Some("add bob to Other")),
            finding("T2", user("p1"), "Maximum Number of Calls is 4 on line 4001@PT", None),
            finding("T2", user("p2"), "Maximum Number of Calls is 4 on line 4002@PT", None),
            finding("T2", user("p3"), "Maximum Number of Calls is 6 on line 4003@PT", None),
        ];
        assert_eq!(members(&groups(&d)), [vec![0, 1], vec![2], vec![3, 4], vec![5]]);
        assert_eq!(mixed_words("IP 10.1.30.10:389, SEP1, é2 and x"), "IP 10.1.30.10:389, \0object\0, \0object\0 and x");
    }

    #[test]
    fn directory_numbers_match_with_and_without_their_partition() {
        let dn = |p: &str| ObjectKey::Dn(DnKey::new(p, "PT"));
        let d = [
            finding("T1", dn("4001"), "line 4001@PT is shared; 4001 rings twice", None),
            finding("T1", dn("4002"), "line 4002@PT is shared; 4002 rings twice", None),
            finding("T1", dn("4003"), "line 4003@PT is shared; 4001 rings twice", None),
        ];
        assert_eq!(members(&groups(&d)), [vec![0, 1], vec![2]]);
    }

    #[test]
    fn groups_keep_output_order_and_subsets_group_alike() {
        let d: Vec<Diagnostic> = (0..1000)
            .map(|i| {
                finding("T1", user(&format!("u{i}")), &format!("u{i} lacks group {}", ["X", "Y", "Z"][i % 3]), None)
            })
            .collect();
        let all = groups(&d);
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|g| g.members.windows(2).all(|w| w[0] < w[1])));
        assert_eq!(all.iter().map(Group::first).collect::<Vec<_>>(), [0, 1, 2]);
        let odd = groups_of(&d, (0..1000).filter(|i| i % 2 == 1));
        assert_eq!(odd.iter().map(Group::first).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(odd.iter().map(Group::len).sum::<usize>(), 500);
    }
}
