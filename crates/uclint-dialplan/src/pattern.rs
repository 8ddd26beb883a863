//! CUCM route-pattern syntax: parsing, en-bloc matching, counting and PreDot.
//!
//! The wildcard table is Cisco's, shared by route patterns, translation patterns, hunt pilots and
//! directory numbers (references R1, R2 and R28 of `dialplan.md` §1; R1 is the CUCM System
//! Configuration Guide, "Configure Call Routing",
//! <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU3/systemConfig/cucm_b_system-configuration-guide-1251su3/cucm_m_configure-call-routing.html>).
//! A pattern is compiled into a short list of elements, each a set of symbols that is either
//! matched once or repeated (zero or more times); `!` and the one-or-more `+` become "once, then
//! repeated". That list is a nondeterministic automaton whose states are positions in it, and
//! everything here runs on it:
//!
//! - [`Pattern::matches`] simulates it over the whole dialed string (en bloc);
//! - [`Pattern::count`] counts the **distinct** strings of a length it accepts by running the
//!   subset construction lazily and summing paths per set of states (dynamic programming over the
//!   determinised automaton). Multiplying per-wildcard choices would count `X?X?` splits of the
//!   same string several times (§2.2);
//! - [`Pattern::pre_dot`] finds where the part before the `.` ends.
//!
//! The alphabet is what a caller can dial: `0`-`9`, `*`, `#` and `+`. Decisions that follow
//! Cisco's table rather than public code: `X` and `!` are 0-9 only (not `*`, edge case E17);
//! `[^..]` also matches `*` and `#` (R14) but not `+`, which only `\+` matches; an unescaped `+`
//! is a quantifier (R1, R13). A pattern that needs more than [`MAX_DIGITS`] dialed digits is
//! refused, and no string longer than that matches (R15). `@` is refused: see the crate docs.

use std::collections::BTreeMap;
use std::fmt;

/// The most dialed digits a pattern can match (dialplan.md §1, R15).
pub const MAX_DIGITS: usize = 24;

/// The number of symbols of the dialed alphabet: `0`-`9`, `*`, `#`, `+`.
const SYMBOLS: usize = 13;
/// The bits of `0`-`9`.
const DIGITS: u16 = 0x3ff;
const STAR: u16 = 1 << 10;
const HASH: u16 = 1 << 11;
const PLUS: u16 = 1 << 12;
/// The character of each symbol index (the inverse of [`symbol`]).
const SYMBOL_CHARS: [char; SYMBOLS] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', '+'];

/// The symbol index of a dialed character, if it is in the alphabet.
fn symbol(c: char) -> Option<usize> {
    match c {
        '0'..='9' => Some(c as usize - '0' as usize),
        '*' => Some(10),
        '#' => Some(11),
        '+' => Some(12),
        _ => None,
    }
}

/// One element of a compiled pattern: the symbols it accepts, once or repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Element {
    /// A bit per symbol index (see [`symbol`]).
    class: u16,
    /// Zero or more times (`?`), rather than exactly once.
    repeat: bool,
}

/// A parsed CUCM route pattern (or translation pattern, hunt pilot, directory number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    elements: Vec<Element>,
    /// The number of elements before the `.` delimiter, if the pattern has one.
    dot: Option<usize>,
}

/// Why a pattern could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The byte offset in the pattern text where the problem was found.
    pub offset: usize,
    /// What was wrong, and what was expected there.
    pub kind: PatternErrorKind,
}

/// The kinds of [`PatternError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternErrorKind {
    /// The pattern is empty (or only a `.`).
    Empty,
    /// A character that is not part of the pattern syntax at this place.
    Unexpected {
        /// The character found.
        found: char,
        /// What the syntax allows here.
        expected: &'static str,
    },
    /// The pattern ends inside `[..]` or after `\`.
    UnexpectedEnd {
        /// What the syntax needs before the end.
        expected: &'static str,
    },
    /// `[]` or `[^]`: a list that accepts nothing.
    EmptyList,
    /// A range such as `[5-3]` whose start is after its end.
    ReversedRange,
    /// `?` or `+` with no digit or wildcard before it, or after another quantifier or `!`.
    NothingToRepeat,
    /// `#` somewhere other than at the end (Cisco: it must be the last character).
    HashNotLast,
    /// A second `.` (one delimiter per pattern).
    SecondDot,
    /// A second `[^..]` (one `^` per pattern).
    SecondNegation,
    /// `@`, the North American Numbering Plan macro, which this crate does not expand.
    MacroNotExpanded,
    /// The pattern needs more than [`MAX_DIGITS`] dialed digits, so nothing can match it.
    TooLong {
        /// The fewest digits it needs.
        digits: usize,
    },
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: ", self.offset)?;
        match &self.kind {
            PatternErrorKind::Empty => f.write_str("expected a digit or wildcard, found an empty pattern"),
            PatternErrorKind::Unexpected { found, expected } => {
                write!(f, "expected {expected}, found {}", found.escape_debug())
            }
            PatternErrorKind::UnexpectedEnd { expected } => write!(f, "expected {expected}, found the end"),
            PatternErrorKind::EmptyList => f.write_str("expected a digit in the list, found `]`"),
            PatternErrorKind::ReversedRange => f.write_str("expected a range from low to high, found a reversed range"),
            PatternErrorKind::NothingToRepeat => f.write_str("expected a digit or wildcard before the quantifier"),
            PatternErrorKind::HashNotLast => f.write_str("expected the end after `#` (it must be last)"),
            PatternErrorKind::SecondDot => f.write_str("expected at most one `.` delimiter"),
            PatternErrorKind::SecondNegation => f.write_str("expected at most one `[^..]` per pattern"),
            PatternErrorKind::MacroNotExpanded => {
                f.write_str("`@` (the numbering-plan macro) is not supported: it is not expanded")
            }
            PatternErrorKind::TooLong { digits } => {
                write!(f, "expected at most {MAX_DIGITS} digits, found a pattern that needs {digits}")
            }
        }
    }
}

impl std::error::Error for PatternError {}

/// What the syntax allows where a new element starts.
const ELEMENT: &str = "a digit, `X`, `!`, `*`, `#`, `[`, `\\+` or `.`";

impl Pattern {
    /// Parses CUCM route-pattern syntax: digits, `*`, `#` (last only), `X` (0-9), `!` (one or
    /// more 0-9), `?` (zero or more of the preceding element), `+` (one or more of it), `[..]`
    /// with ranges, `[^..]` (also matching `*` and `#`), `\+` (a literal `+`) and one `.`.
    ///
    /// A quantifier applies to the single digit or wildcard before it, so `??`, `X?+`, `!?` and a
    /// quantifier right after `.` are refused rather than given a meaning Cisco does not
    /// document. Only an uppercase `X` is a wildcard, as in Cisco's table.
    ///
    /// # Errors
    /// A [`PatternError`] with the byte offset and what was expected; `@` gives
    /// [`PatternErrorKind::MacroNotExpanded`].
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let err = |offset, kind| Err(PatternError { offset, kind });
        let mut elements: Vec<Element> = Vec::new();
        let mut dot = None;
        let mut negated = false;
        // Whether the last element can take a quantifier (a single digit or wildcard, not `!`,
        // not one already quantified).
        let mut repeatable = false;
        let mut chars = text.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let class = match c {
                '0'..='9' => 1 << (c as u16 - '0' as u16),
                'X' => DIGITS,
                '*' => STAR,
                '#' if chars.peek().is_some() => return err(offset, PatternErrorKind::HashNotLast),
                '#' => HASH,
                '\\' => match chars.next() {
                    Some((_, '+')) => PLUS,
                    Some((at, found)) => {
                        return err(at, PatternErrorKind::Unexpected { found, expected: "`+` after `\\`" })
                    }
                    None => return err(text.len(), PatternErrorKind::UnexpectedEnd { expected: "`+` after `\\`" }),
                },
                '!' => {
                    elements.push(Element { class: DIGITS, repeat: false });
                    elements.push(Element { class: DIGITS, repeat: true });
                    repeatable = false;
                    continue;
                }
                '?' | '+' => {
                    let Some(last) = elements.last_mut().filter(|_| repeatable) else {
                        return err(offset, PatternErrorKind::NothingToRepeat);
                    };
                    if c == '?' {
                        last.repeat = true;
                    } else {
                        let once = *last;
                        elements.push(Element { repeat: true, ..once });
                    }
                    repeatable = false;
                    continue;
                }
                '.' => {
                    if dot.is_some() {
                        return err(offset, PatternErrorKind::SecondDot);
                    }
                    dot = Some(elements.len());
                    repeatable = false;
                    continue;
                }
                '@' => return err(offset, PatternErrorKind::MacroNotExpanded),
                '[' => {
                    let (class, negation) = parse_list(text, &mut chars)?;
                    if negation {
                        if negated {
                            return err(offset, PatternErrorKind::SecondNegation);
                        }
                        negated = true;
                    }
                    class
                }
                found => return err(offset, PatternErrorKind::Unexpected { found, expected: ELEMENT }),
            };
            elements.push(Element { class, repeat: false });
            repeatable = true;
        }
        if elements.is_empty() {
            return err(0, PatternErrorKind::Empty);
        }
        let digits = elements.iter().filter(|e| !e.repeat).count();
        if digits > MAX_DIGITS {
            return err(0, PatternErrorKind::TooLong { digits });
        }
        Ok(Pattern { elements, dot })
    }

    /// Whether the pattern matches the whole of `dialed` (en bloc). Characters outside the
    /// dialed alphabet (`0`-`9`, `*`, `#`, `+`) never match, nor does a string of more than
    /// [`MAX_DIGITS`] characters.
    pub fn matches(&self, dialed: &str) -> bool {
        self.run(self.start(0), dialed).is_some_and(|states| states.contains(self.elements.len()))
    }

    /// The number of distinct strings of `len` characters over the dialed alphabet that the
    /// pattern matches: the measure of closest match (dialplan.md §2.2). Zero above
    /// [`MAX_DIGITS`].
    pub fn count(&self, len: usize) -> u128 {
        if len > MAX_DIGITS {
            return 0;
        }
        // Paths through the determinised automaton: each distinct string reaches exactly one
        // set of states, so summing per set counts every string once.
        let mut layer: BTreeMap<States, u128> = BTreeMap::new();
        layer.insert(self.start(0), 1);
        for _ in 0..len {
            let mut next: BTreeMap<States, u128> = BTreeMap::new();
            for (states, paths) in &layer {
                for symbol in 0..SYMBOLS {
                    let to = self.step(states, symbol);
                    if !to.is_empty() {
                        *next.entry(to).or_insert(0) += paths;
                    }
                }
            }
            layer = next;
        }
        let last = self.elements.len();
        layer.iter().filter(|(states, _)| states.contains(last)).map(|(_, paths)| paths).sum()
    }

    /// The dialed string with the digits matched before the `.` removed (the PreDot discard
    /// instruction), or `None` if the pattern does not match `dialed`. A pattern without `.`
    /// gives the whole string. If the part before the `.` could match several lengths (as in
    /// `9?.X!`), the shortest is removed: no source says what CUCM does there.
    pub fn pre_dot(&self, dialed: &str) -> Option<String> {
        let Some(dot) = self.dot else {
            return self.matches(dialed).then(|| dialed.to_owned());
        };
        if dialed.chars().count() > MAX_DIGITS {
            return None;
        }
        let end = self.elements.len();
        let mut states = self.start(0);
        let mut chars = dialed.char_indices();
        let mut offset = 0;
        // Try each split in turn: the prefix must reach the `.`, the rest must match after it.
        loop {
            let rest = &dialed[offset..];
            if states.contains(dot) && self.run(self.start(dot), rest).is_some_and(|s| s.contains(end)) {
                return Some(rest.to_owned());
            }
            let (at, c) = chars.next()?;
            states = self.step(&states, symbol(c)?);
            if states.is_empty() {
                return None;
            }
            offset = at + c.len_utf8();
        }
    }

    /// The literal characters the pattern starts with: the dialed prefix every string it
    /// matches begins with (`9011` for `9.011!`, `+1408` for `\+1408XXXXXXX`, empty for `X1`
    /// or `[2-9]XX`). The dial plan indexes patterns by it, so that a lookup visits only the
    /// patterns whose prefix is a prefix of the dialed string.
    pub fn literal_prefix(&self) -> String {
        let mut prefix = String::new();
        for element in &self.elements {
            if element.repeat || element.class.count_ones() != 1 {
                break;
            }
            let bit = element.class.trailing_zeros() as usize;
            prefix.push(SYMBOL_CHARS[bit]);
        }
        prefix
    }

    /// Whether some string that starts with `dialed` and is at least one character longer is
    /// matched: the pattern is still a "potential match" after `dialed`, so digit-by-digit
    /// analysis would wait for more digits (dialplan.md §4). False when `dialed` has a character
    /// outside the alphabet or already reaches [`MAX_DIGITS`].
    pub fn extends(&self, dialed: &str) -> bool {
        let Some(mut states) = self.run(self.start(0), dialed) else {
            return false;
        };
        let len = dialed.chars().count();
        let end = self.elements.len();
        // Reachability over the automaton (no determinising needed): the union of the states
        // after one more symbol, then after each further one, up to the digit limit.
        for _ in len..MAX_DIGITS {
            let mut next = States::new(end + 1);
            for symbol in 0..SYMBOLS {
                next.union(&self.step(&states, symbol));
            }
            if next.contains(end) {
                return true;
            }
            if next.is_empty() || next == states {
                return false;
            }
            states = next;
        }
        false
    }

    /// The states after no input from position `from`: it and every position reachable by
    /// skipping repeated elements.
    fn start(&self, from: usize) -> States {
        let mut states = States::new(self.elements.len() + 1);
        states.insert(from);
        self.close(&mut states);
        states
    }

    /// Adds the positions reachable by skipping repeated elements (zero repetitions).
    fn close(&self, states: &mut States) {
        for (i, element) in self.elements.iter().enumerate() {
            if element.repeat && states.contains(i) {
                states.insert(i + 1);
            }
        }
    }

    /// The states after one symbol.
    fn step(&self, states: &States, symbol: usize) -> States {
        let mut next = States::new(self.elements.len() + 1);
        for (i, element) in self.elements.iter().enumerate() {
            if states.contains(i) && element.class & (1 << symbol) != 0 {
                next.insert(if element.repeat { i } else { i + 1 });
            }
        }
        self.close(&mut next);
        next
    }

    /// The states after the whole of `input` from `states`; `None` if `input` has a character
    /// outside the alphabet or is longer than [`MAX_DIGITS`].
    fn run(&self, mut states: States, input: &str) -> Option<States> {
        for (n, c) in input.chars().enumerate() {
            if n >= MAX_DIGITS {
                return None;
            }
            states = self.step(&states, symbol(c)?);
        }
        Some(states)
    }
}

/// Parses a list after its `[`: digits and ranges up to `]`, with a leading `^` for negation.
/// Returns the class and whether it was negated.
fn parse_list(
    text: &str,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<(u16, bool), PatternError> {
    const IN_LIST: &str = "a digit, a range or `]`";
    let end = |expected| PatternError { offset: text.len(), kind: PatternErrorKind::UnexpectedEnd { expected } };
    let negation = chars.next_if(|&(_, c)| c == '^').is_some();
    let mut class: u16 = 0;
    loop {
        let (offset, c) = chars.next().ok_or_else(|| end(IN_LIST))?;
        let low = match c {
            ']' if class == 0 => return Err(PatternError { offset, kind: PatternErrorKind::EmptyList }),
            ']' => break,
            '0'..='9' => c as u16 - '0' as u16,
            found => {
                return Err(PatternError { offset, kind: PatternErrorKind::Unexpected { found, expected: IN_LIST } })
            }
        };
        let mut high = low;
        if chars.next_if(|&(_, c)| c == '-').is_some() {
            let (offset, c) = chars.next().ok_or_else(|| end("a digit ending the range"))?;
            high = match c {
                '0'..='9' => c as u16 - '0' as u16,
                found => {
                    return Err(PatternError {
                        offset,
                        kind: PatternErrorKind::Unexpected { found, expected: "a digit ending the range" },
                    })
                }
            };
            if high < low {
                return Err(PatternError { offset, kind: PatternErrorKind::ReversedRange });
            }
        }
        for digit in low..=high {
            class |= 1 << digit;
        }
    }
    if negation {
        class = (DIGITS | STAR | HASH) & !class;
    }
    Ok((class, negation))
}

/// A set of automaton states (positions in a pattern's elements), ordered so it can key a map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct States(Vec<u64>);

impl States {
    fn new(size: usize) -> States {
        States(vec![0; size.div_ceil(64)])
    }

    fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    fn union(&mut self, other: &States) {
        for (word, more) in self.0.iter_mut().zip(&other.0) {
            *word |= more;
        }
    }
}

#[cfg(test)]
mod tests;
