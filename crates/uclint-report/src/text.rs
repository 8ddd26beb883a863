//! What every renderer does to text that comes from the input before printing it: bound its
//! length and make its control characters visible.
//!
//! An export is written by whoever made it, so a cell value, a tar member name or an element
//! name can hold anything: ESC and OSC sequences that retitle or repaint a terminal, a newline
//! followed by `::error file=…::` that forges a GitHub Actions command in a CI log, a Unicode
//! bidi override that shows text in another order than it is read, or a megabyte of text that
//! every finding would repeat. Renderers therefore never print such text as it is:
//!
//! - [`path`] and [`key`] shorten display paths and object keys longer than a couple of hundred
//!   characters to their start and end around a stable hash of the whole, so two long names
//!   stay distinct and every format names a file or object the same way;
//! - [`message`] shortens each long run of text in a message (a quoted value) and then the
//!   message itself;
//! - [`terminal`] turns C0 and C1 controls, DEL, the bidi controls and the Unicode line and
//!   paragraph separators into visible escapes (`\x1b`, `\n`, `\u{202e}`), for the terminal
//!   formats and as the first step of the line-oriented ones.
//!
//! Escapes are for display: a value that already holds the text `\x1b` prints the same way as
//! one that holds ESC. The structured formats (JSON, SARIF) keep the bounded text as it is and
//! leave escaping to their serialiser.

use std::borrow::Cow;
use std::fmt::Write;

/// Longest display path printed whole, in characters.
pub(crate) const MAX_PATH: usize = 200;
/// Longest part of a tar member's display path (the archive, the member) once the whole path is
/// too long.
const MAX_PATH_PART: usize = 100;
/// Longest object key printed whole, in characters.
pub(crate) const MAX_KEY: usize = 200;
/// Longest run of text without white space kept whole in a message: a quoted value.
const MAX_RUN: usize = 160;
/// Longest message, help text, label caption or reason printed, in characters.
pub(crate) const MAX_MESSAGE: usize = 2000;

/// A display path, shortened when longer than `MAX_PATH` (200) characters.
///
/// A tar member's path (`archive.tar!member.csv`) keeps its `!` and has each side shortened on
/// its own, so the formats that split archive and member still can.
pub fn path(path: &str) -> Cow<'_, str> {
    if !longer_than(path, MAX_PATH) {
        return Cow::Borrowed(path);
    }
    match path.split_once('!') {
        Some((archive, member)) => {
            Cow::Owned(format!("{}!{}", hashed(archive, MAX_PATH_PART), hashed(member, MAX_PATH_PART)))
        }
        None => hashed(path, MAX_PATH),
    }
}

/// An object key (`phone:SEP…`), shortened when longer than `MAX_KEY` (200) characters.
///
/// The baseline and SARIF fingerprints use the shortened key too, so a finding keeps one
/// identity in every output.
pub fn key(key: &str) -> Cow<'_, str> {
    hashed(key, MAX_KEY)
}

/// A message, help text or reason with its long parts shortened: every run of more than
/// `MAX_RUN` (160) characters without white space (a quoted value, a path) keeps its start and its
/// end, and the whole keeps at most `MAX_MESSAGE` (2,000) characters.
pub fn message(text: &str) -> Cow<'_, str> {
    let needs_runs = has_long_run(text);
    if !needs_runs && !longer_than(text, MAX_MESSAGE) {
        return Cow::Borrowed(text);
    }
    let runs_cut: Cow<'_, str> = if needs_runs { Cow::Owned(cut_runs(text)) } else { Cow::Borrowed(text) };
    let cut = match elide(&runs_cut, MAX_MESSAGE, "…") {
        Cow::Owned(cut) => Some(cut),
        Cow::Borrowed(_) => None,
    };
    cut.map_or(runs_cut, Cow::Owned)
}

/// Text with every character that can act on a terminal or a log reader turned into a visible
/// escape: C0 controls (tab, line feed and carriage return too) as `\t`, `\n`, `\r` or `\x1b`,
/// DEL as `\x7f`, and C1 controls, the bidi marks, embeddings, overrides and isolates, and the
/// line and paragraph separators as `\u{202e}`.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c`, as a visible escape when [`terminal`] would escape it.
pub(crate) fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\0'..='\x1f' | '\x7f' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Whether [`terminal`] escapes `c`.
pub(crate) fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            // Arabic letter mark, left-to-right and right-to-left marks.
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            // Line and paragraph separators, which some viewers break lines at.
            | '\u{2028}'
            | '\u{2029}'
            // Embeddings and overrides, then isolates: "Trojan Source" reordering.
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// [`message`] then [`terminal`]: what the terminal formats print of a message.
pub fn terminal_message(text: &str) -> Cow<'_, str> {
    match message(text) {
        Cow::Borrowed(text) => terminal(text),
        Cow::Owned(text) => Cow::Owned(terminal(&text).into_owned()),
    }
}

/// [`path`] then [`terminal`].
pub fn terminal_path(text: &str) -> Cow<'_, str> {
    match path(text) {
        Cow::Borrowed(text) => terminal(text),
        Cow::Owned(text) => Cow::Owned(terminal(&text).into_owned()),
    }
}

/// [`key`] then [`terminal`].
pub fn terminal_key(text: &str) -> Cow<'_, str> {
    match key(text) {
        Cow::Borrowed(text) => terminal(text),
        Cow::Owned(text) => Cow::Owned(terminal(&text).into_owned()),
    }
}

/// Whether `text` has more than `max` characters, without counting past `max + 1`.
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

/// Whether some run of non-white-space characters is longer than [`MAX_RUN`].
fn has_long_run(text: &str) -> bool {
    if text.len() <= MAX_RUN {
        return false;
    }
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > MAX_RUN {
            return true;
        }
    }
    false
}

/// `text` with each run of more than [`MAX_RUN`] non-white-space characters elided in the middle.
fn cut_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MAX_MESSAGE));
    let mut rest = text;
    while !rest.is_empty() {
        let run_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&elide(&rest[..run_end], MAX_RUN, "…"));
        rest = &rest[run_end..];
        let space_end = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..space_end]);
        rest = &rest[space_end..];
    }
    out
}

/// `text` cut to at most `max` characters: its start, `marker`, its end.
fn elide<'t>(text: &'t str, max: usize, marker: &str) -> Cow<'t, str> {
    if !longer_than(text, max) {
        return Cow::Borrowed(text);
    }
    let keep = max.saturating_sub(marker.chars().count());
    let head = keep - keep / 2;
    let tail = keep / 2;
    let head_end = text.char_indices().nth(head).map_or(text.len(), |(i, _)| i);
    let tail_start = if tail == 0 { text.len() } else { text.char_indices().rev().nth(tail - 1).map_or(0, |(i, _)| i) };
    Cow::Owned(format!("{}{marker}{}", &text[..head_end], &text[tail_start.max(head_end)..]))
}

/// `text` cut to at most `max` characters around a hash of the whole: `start…#0123456789abcdef…end`.
fn hashed(text: &str, max: usize) -> Cow<'_, str> {
    if !longer_than(text, max) {
        return Cow::Borrowed(text);
    }
    elide(text, max, &format!("…#{:016x}…", fnv1a(text.as_bytes())))
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible_escapes() {
        assert_eq!(terminal("a\x1b]0;x\x07b"), "a\\x1b]0;x\\x07b");
        assert_eq!(terminal("x\r\n::error::y\tz\x7f"), "x\\r\\n::error::y\\tz\\x7f");
        assert_eq!(
            terminal("\u{9b}31m\u{202e}txt.exe\u{2066}\u{2028}"),
            "\\u{9b}31m\\u{202e}txt.exe\\u{2066}\\u{2028}"
        );
        assert!(matches!(terminal("plain ünïcode ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_paths_keep_start_end_and_a_hash_and_stay_distinct() {
        let a = format!("dir/{}a.csv", "x".repeat(1000));
        let b = format!("dir/{}b.csv", "x".repeat(1000));
        let (short_a, short_b) = (path(&a), path(&b));
        assert_eq!(short_a.chars().count(), MAX_PATH);
        assert!(short_a.starts_with("dir/xxx") && short_a.ends_with("xa.csv"), "{short_a}");
        assert_ne!(short_a, short_b);
        assert_eq!(path(&a), short_a, "stable");
        assert!(matches!(path("fixtures/demo/x.tar!phone.csv"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_long_member_name_is_shortened_on_its_side_of_the_bang() {
        let long = format!("export.tar!{}.csv", "m".repeat(5000));
        let short = path(&long);
        let (archive, member) = short.split_once('!').unwrap();
        assert_eq!(archive, "export.tar");
        assert_eq!(member.chars().count(), MAX_PATH_PART);
        assert!(member.ends_with("mm.csv"));
    }

    #[test]
    fn messages_shorten_long_values_and_keep_their_explanation() {
        let value = "v".repeat(1_000_000);
        let text = format!("Service URL '{value}' has a pin; remove it");
        let short = message(&text);
        assert!(short.chars().count() < 250, "{short}");
        assert!(short.starts_with("Service URL 'vvv") && short.ends_with("' has a pin; remove it"), "{short}");
        let spaced = "a ".repeat(1_000_000);
        assert_eq!(message(&spaced).chars().count(), MAX_MESSAGE);
        assert!(matches!(message("IPCC extension 4001 is shared"), Cow::Borrowed(_)));
    }

    #[test]
    fn elision_counts_characters_not_bytes() {
        let text = "é".repeat(500);
        let short = elide(&text, 11, "…");
        assert_eq!(short, "ééééé…ééééé");
    }
}
