//! `full`: miette's graphical report, one block per diagnostic with the export snippet, the
//! labelled cell and the fix.
//!
//! A snippet is always a small window, whatever the file: BAT CSV rows run to hundreds of
//! columns, and a broken file can make one span (a quoted cell with no closing quote) run to the
//! end of a file of hundreds of megabytes. So each label shows at most [`SPAN_SHOWN`] characters
//! of its own span, on its first line only, and says where a longer span ends; around it, at
//! most [`WINDOW`] characters of context on each side, never past the line. Windows of labels on
//! one line are joined when they overlap and separated by ` … ` when they do not. Labels on
//! other lines or in other files (the other devices sharing a line, the RMCM user) are rendered
//! as related blocks, each with its own window.
//!
//! A terminal is read by a person: by default ([`FullOptions::cap`]) at most [`FULL_PER_RULE`]
//! findings of each rule are shown in full, in output order, and after them one paragraph per
//! rule that had more says how many were left out and lists what they say, grouped
//! ([`crate::group`]): the first [`GROUPS_LISTED`] groups, each as its count, first message
//! and first objects. `--format concise` (one line each, never capped) and `--format json` have
//! them all.
//!
//! Everything shown comes from the input, so it is escaped for the terminal
//! ([`crate::text::terminal`]): a snippet is built as its own escaped text, with the labels
//! moved to their places in it, and miette is handed that text rather than the file.

use std::fmt;
use std::io;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use uclint_model::{Diagnostic, Label, Severity, SourceFile};

use crate::{count, findings, group, text, Paths, Report};

/// Options for the graphical renderer.
#[derive(Clone, Copy, Debug)]
pub struct FullOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap width of messages.
    pub width: usize,
    /// Show at most [`FULL_PER_RULE`] findings of each rule, then what was left out.
    pub cap: bool,
}

impl Default for FullOptions {
    fn default() -> Self {
        FullOptions { color: false, width: 100, cap: true }
    }
}

/// Findings of one rule shown in full when capped: a screenful or two each, enough to see what
/// the rule says and where; the rest are summarised in groups.
pub const FULL_PER_RULE: usize = 10;
/// Groups of left-out findings listed per rule.
const GROUPS_LISTED: usize = 5;
/// Objects named per listed group.
const OBJECTS_LISTED: usize = 3;

/// Characters of context shown on each side of a label.
const WINDOW: usize = 48;
/// Characters of a label's own span shown; a longer one shows its start and where it ends.
const SPAN_SHOWN: usize = 400;
/// What stands between two windows of one line that do not meet.
const GAP: &str = " … ";

/// What `full` shows of a report: the findings shown in full, and per code (in order of first
/// appearance) the ones left out.
#[derive(Debug, Default)]
pub struct FullSelection {
    /// Indices of the findings shown in full, in output order.
    pub shown: Vec<usize>,
    /// Per code, the indices of the findings left out, in output order.
    pub left_out: Vec<(&'static str, Vec<usize>)>,
}

/// The findings `full` shows in full: every one, or with `cap` the first [`FULL_PER_RULE`] of each
/// code. Only the texts of the files these point into need to be held when it renders.
pub fn full_selection(diagnostics: &[Diagnostic], cap: bool) -> FullSelection {
    if !cap {
        return FullSelection { shown: (0..diagnostics.len()).collect(), left_out: Vec::new() };
    }
    let mut selection = FullSelection::default();
    // Per code, in order of first appearance: how many were shown, and the ones left out.
    let mut per_code: Vec<(&'static str, usize, Vec<usize>)> = Vec::new();
    let mut by_code = std::collections::HashMap::<&str, usize>::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let at = *by_code.entry(diagnostic.code.id).or_insert_with(|| {
            per_code.push((diagnostic.code.id, 0, Vec::new()));
            per_code.len() - 1
        });
        let (_, n, left_out) = &mut per_code[at];
        if *n == FULL_PER_RULE {
            left_out.push(index);
        } else {
            *n += 1;
            selection.shown.push(index);
        }
    }
    selection.left_out =
        per_code.into_iter().filter(|(_, _, left_out)| !left_out.is_empty()).map(|(code, _, l)| (code, l)).collect();
    selection
}

/// Writes every diagnostic as a graphical block to `out`, one block at a time.
pub fn write_full(report: &Report<'_>, options: FullOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_context_lines(0);
    let mut rendered = String::new();
    let paths = Paths::new(report.sources);
    let selection = full_selection(report.diagnostics, options.cap);
    for &index in &selection.shown {
        rendered.clear();
        let block = Block::new(&report.diagnostics[index], &paths);
        // Rendering into a String cannot fail; a failure would only drop this block's snippet.
        if handler.render_report(&mut rendered, &block).is_err() {
            rendered.push_str(&block.message);
            rendered.push('\n');
        }
        rendered.push('\n');
        out.write_all(rendered.as_bytes())?;
    }
    for (code, left_out) in &selection.left_out {
        write_left_out(report, code, left_out, out)?;
    }
    Ok(())
}

/// The paragraph that says what of one rule was left out: the count, then the groups.
fn write_left_out(report: &Report<'_>, code: &str, left_out: &[usize], out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "... and {} more {code} {} (see --format json, or --no-cap)",
        count(left_out.len()),
        findings(left_out.len())
    )?;
    let groups = group::groups_of(report.diagnostics, left_out.iter().copied());
    let width = groups.iter().take(GROUPS_LISTED).map(|g| count(g.len()).len()).max().unwrap_or(1);
    for g in groups.iter().take(GROUPS_LISTED) {
        let first = &report.diagnostics[g.first()];
        let objects: Vec<String> = g
            .members
            .iter()
            .take(OBJECTS_LISTED)
            .map(|&i| text::terminal_key(&report.diagnostics[i].object.to_string()).into_owned())
            .collect();
        let more = if g.len() > OBJECTS_LISTED { ", …" } else { "" };
        writeln!(
            out,
            "  {:>width$} × {} ({}{more})",
            count(g.len()),
            text::terminal_message(&first.message),
            objects.join(", ")
        )?;
    }
    if groups.len() > GROUPS_LISTED {
        let rest: usize = groups[GROUPS_LISTED..].iter().map(group::Group::len).sum();
        writeln!(
            out,
            "  … and {} more {} in {} more groups",
            count(rest),
            findings(rest),
            count(groups.len() - GROUPS_LISTED)
        )?;
    }
    writeln!(out)
}

/// Renders every diagnostic as a graphical block.
pub fn render_full(report: &Report<'_>, options: FullOptions) -> String {
    crate::to_string(|out| write_full(report, options, out))
}

/// One miette diagnostic: a uclint diagnostic, or one of its labels elsewhere.
struct Block {
    code: Option<String>,
    message: String,
    severity: Severity,
    help: Option<String>,
    snippet: Option<Snippet>,
    related: Vec<Block>,
}

impl Block {
    fn new(d: &Diagnostic, paths: &Paths<'_>) -> Self {
        let sources = paths.sources;
        let file = sources.get(d.primary.span.source);
        let primary_line = file.line_col(d.primary.span.start).0;
        let mut labels = vec![(&d.primary, true)];
        let mut related = Vec::new();
        for label in &d.secondary {
            let same_line =
                label.span.source == d.primary.span.source && file.line_col(label.span.start).0 == primary_line;
            if same_line {
                labels.push((label, false));
            } else {
                let other = sources.get(label.span.source);
                let bare = Label { span: label.span, message: None };
                related.push(Block {
                    code: None,
                    message: text::terminal_message(label.message.as_deref().unwrap_or_default()).into_owned(),
                    severity: Severity::Info,
                    help: None,
                    snippet: Snippet::new(other, paths.get(label.span.source), &[(&bare, true)]),
                    related: Vec::new(),
                });
            }
        }
        let object = text::terminal_key(&d.object.to_string()).into_owned();
        let help = match &d.help {
            Some(help) => format!("{}\nobject: {object}", text::terminal_message(help)),
            None => format!("object: {object}"),
        };
        Block {
            code: Some(format!("{} {}", d.code, d.code.name)),
            message: text::terminal_message(&d.message).into_owned(),
            severity: d.severity,
            help: Some(help),
            snippet: Snippet::new(file, paths.get(d.primary.span.source), &labels),
            related,
        }
    }
}

impl fmt::Debug for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Block {}

impl miette::Diagnostic for Block {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let snippet = self.snippet.as_ref()?;
        Some(Box::new(snippet.labels.iter().map(|label| {
            let span = SourceSpan::new(label.start.into(), label.end - label.start);
            if label.primary {
                LabeledSpan::new_primary_with_span(label.message.clone(), span)
            } else {
                LabeledSpan::new_with_span(label.message.clone(), span)
            }
        })))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|b| b as &dyn miette::Diagnostic)))
    }
}

/// What miette is shown of one line of a file: the windows around the labels on it, escaped
/// and joined into a text of its own, with the labels placed in that text.
struct Snippet {
    /// The file's display path, shortened and escaped.
    name: String,
    /// The windows, escaped: one line, whatever the file held.
    text: String,
    /// 0-based line of the primary label in the file.
    line: usize,
    /// 0-based column, in characters, of the primary label in the file.
    column: usize,
    labels: Vec<SnippetLabel>,
}

/// A label placed in [`Snippet::text`]: byte offsets there.
struct SnippetLabel {
    start: usize,
    end: usize,
    message: Option<String>,
    primary: bool,
}

/// Where one label falls in the file: byte offsets.
struct Cut {
    /// The span's first byte.
    start: usize,
    /// Just past what is shown of the span.
    shown_end: usize,
    /// Where its window starts and ends.
    from: usize,
    to: usize,
}

impl Snippet {
    /// The snippet of `labels` (the first of which is the primary one, all on one line of
    /// `file`, shown as `path`); `None` when the file's text is not held (not read, or
    /// released).
    fn new(file: &SourceFile, path: &str, labels: &[(&Label, bool)]) -> Option<Snippet> {
        let text = file.text.as_str();
        let (first, _) = labels.first()?;
        if text.is_empty() {
            return None;
        }
        let mut cuts = Vec::with_capacity(labels.len());
        let mut captions = Vec::with_capacity(labels.len());
        for (label, primary) in labels {
            // Spans come from parsers; should one ever fall inside a UTF-8 sequence, widen it
            // to whole characters rather than panic while printing a finding.
            let start = floor_char(text, (label.span.start as usize).min(text.len()));
            let end = ceil_char(text, (label.span.end as usize).min(text.len())).max(start);
            let shown_end = line_end(text, start, forward_chars(text, start, SPAN_SHOWN).min(end));
            let continues = shown_end < end;
            let window_start = back_chars(text, start, WINDOW);
            let from = text[window_start..start].rfind('\n').map_or(window_start, |i| window_start + i + 1);
            // Past a span that goes on, the text is still the span: the window ends with what
            // is shown of it.
            let to =
                if continues { shown_end } else { line_end(text, shown_end, forward_chars(text, shown_end, WINDOW)) };
            let mut caption = label.message.as_deref().map(|m| text::terminal_message(m).into_owned());
            if continues {
                let (line, column) = file.line_col(end as u32);
                let more = format!("continues to line {line}, column {column}");
                caption = Some(match caption {
                    Some(caption) => format!("{caption} ({more})"),
                    None => more,
                });
            }
            cuts.push(Cut { start, shown_end, from, to });
            captions.push((caption, *primary));
        }

        // Windows in file order, joined where they meet.
        let mut windows: Vec<(usize, usize)> = cuts.iter().map(|c| (c.from, c.to)).collect();
        windows.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }

        // The escaped text, and where each character boundary of the windows landed in it.
        let mut shown = String::new();
        let mut places: Vec<(usize, usize)> = Vec::new();
        for (i, &(from, to)) in merged.iter().enumerate() {
            if i > 0 {
                shown.push_str(GAP);
            }
            for (offset, c) in text[from..to].char_indices() {
                places.push((from + offset, shown.len()));
                match c {
                    // miette lays tabs out as spaces itself.
                    '\t' => shown.push('\t'),
                    c => text::push_visible(&mut shown, c),
                }
            }
            places.push((to, shown.len()));
        }
        let place =
            |offset: usize| places.binary_search_by_key(&offset, |&(o, _)| o).map_or(shown.len(), |i| places[i].1);
        let labels = cuts
            .iter()
            .zip(captions)
            .map(|(cut, (message, primary))| SnippetLabel {
                start: place(cut.start),
                end: place(cut.shown_end),
                message,
                primary,
            })
            .collect();
        let (line, column) = file.line_col(first.span.start);
        Some(Snippet {
            name: text::terminal(path).into_owned(),
            text: shown,
            line: line - 1,
            column: column - 1,
            labels,
        })
    }
}

impl SourceCode for Snippet {
    /// The whole snippet, whatever span is asked for: it is one line, and every label of the
    /// block lies in it.
    fn read_span<'b>(
        &'b self,
        _span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette prints this position in the snippet header: the primary label's, the one users
        // need (the snippet itself is positioned by offsets in its own text).
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.line,
            self.column,
            1,
        )))
    }
}

/// `to`, or the end of the line before it: the first `\n` in `text[from..to]`, less a `\r`
/// right before it.
fn line_end(text: &str, from: usize, to: usize) -> usize {
    match text.as_bytes()[from..to].iter().position(|&b| b == b'\n') {
        Some(i) if i > 0 && text.as_bytes()[from + i - 1] == b'\r' => from + i - 1,
        Some(i) => from + i,
        None => to,
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The start of the `n`th character before `from` (or 0): at most `n` characters are looked at.
fn back_chars(text: &str, from: usize, n: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[..from].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The end of the `n`th character after `from` (or the text's end).
fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use uclint_model::{ObjectKey, SourceMap, Span};

    use super::*;
    use crate::Summary;

    #[test]
    fn the_cap_selects_the_first_findings_of_each_rule_and_leaves_out_the_rest() {
        use crate::many::finding;
        let mut diagnostics = Vec::new();
        for i in 0..25 {
            diagnostics.push(finding("TEST001", Severity::Error, &format!("SEP{i}"), "m", "h"));
        }
        for i in 0..3 {
            diagnostics.push(finding("TEST002", Severity::Error, &format!("SEP{i}"), "m", "h"));
        }
        let capped = full_selection(&diagnostics, true);
        let expected: Vec<usize> = (0..FULL_PER_RULE).chain(25..28).collect();
        assert_eq!(capped.shown, expected);
        assert_eq!(capped.left_out, [("TEST001", (FULL_PER_RULE..25).collect::<Vec<_>>())]);
        let all = full_selection(&diagnostics, false);
        assert_eq!(all.shown, (0..28).collect::<Vec<_>>());
        assert!(all.left_out.is_empty());
    }

    /// The full output of one error on `text` (in `path`) with the given labels, the first the
    /// primary one.
    fn render(path: &str, text: &str, labels: &[(usize, usize, &str)]) -> String {
        let mut sources = SourceMap::new();
        let id = sources.add(SourceFile::new(path, text));
        let (start, end, message) = labels[0];
        let mut d = Diagnostic::new(
            crate::many::code("TEST001"),
            Severity::Error,
            ObjectKey::File("x".into()),
            "broken",
            Label::new(Span::new(id, start, end), message),
        );
        for &(start, end, message) in &labels[1..] {
            d = d.with_label(Span::new(id, start, end), message);
        }
        let summary = Summary::default();
        render_full(&Report { diagnostics: &[d], sources: &sources, summary: &summary }, FullOptions::default())
    }

    #[test]
    fn a_span_inside_a_character_is_widened_not_a_panic() {
        // Byte 8 is inside the three-byte U+FFFD.
        let out = render("x.json", "{\"a\": \"\u{FFFD}x\"}", &[(8, 9, "here")]);
        assert!(out.contains("here"), "{out}");
    }

    #[test]
    fn labels_at_the_edges_of_a_file_render() {
        let text = "a,b\r\n\r\nc,d";
        for (start, end) in [(0, 0), (3, 5), (5, 7), (7, 7), (text.len(), text.len()), (text.len(), text.len() + 9)] {
            let out = render("e.csv", text, &[(start, end, "here")]);
            assert!(out.contains("TEST001"), "{start}..{end}: {out}");
            assert!(!out.contains('\r'), "{start}..{end}: {out:?}");
        }
    }

    #[test]
    fn a_span_to_the_end_of_a_huge_file_shows_its_start_and_where_it_ends() {
        // One stray quote: the rest of the file is one cell.
        let mut text = String::from("NAME,PIN\n\"a,1\n");
        for i in 0..200_000 {
            text.push_str(&format!("user{i},secret{i}\n"));
        }
        let out = render("enduser.csv", &text, &[(9, text.len(), "ragged row")]);
        assert!(out.len() < 2_000, "{} bytes:\n{out}", out.len());
        assert!(out.contains("\"a,1"), "{out}");
        assert!(!out.contains("user0"), "the window stays on the span's first line:\n{out}");
        assert!(out.contains("ragged row (continues to line 200003, column 1)"), "{out}");
    }

    #[test]
    fn a_long_line_shows_a_window_around_each_label() {
        let line = format!("{}TARGET{}OTHER{}", "a".repeat(100_000), "b".repeat(100_000), "c".repeat(100_000));
        let target = 100_000;
        let other = 200_006;
        let out = render("phone.csv", &line, &[(target, target + 6, "here"), (other, other + 5, "and here")]);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(
            out.contains(&format!(
                "{}TARGET{}{GAP}{}OTHER{}",
                "a".repeat(48),
                "b".repeat(48),
                "b".repeat(48),
                "c".repeat(48)
            )),
            "{out}"
        );
        assert!(out.contains("[phone.csv:1:100001]"), "{out}");
    }

    #[test]
    fn controls_in_the_snippet_are_escaped_and_the_label_stays_under_its_cell() {
        let text = "NAME,TITLE\nbob,\x1b]0;pwned\x07\r\u{202e}x\n";
        let start = text.find("\x1b").unwrap();
        let out = render("a.csv", text, &[(start, text.len() - 1, "title")]);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("bob,\\x1b]0;pwned\\x07\\r\\u{202e}x"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let row = lines.iter().position(|l| l.contains("bob,")).unwrap();
        let underline = lines[row + 1];
        // The underline starts under the escaped ESC and covers every escape.
        let column = |s: &str, at: usize| s[..at].chars().count();
        assert_eq!(
            column(underline, underline.find('─').unwrap()),
            column(lines[row], lines[row].find("\\x1b").unwrap())
        );
        assert_eq!(
            underline.chars().filter(|&c| c == '─' || c == '┬').count(),
            "\\x1b]0;pwned\\x07\\r\\u{202e}x".len()
        );
    }
}
