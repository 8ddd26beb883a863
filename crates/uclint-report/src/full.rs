//! `full`: miette's graphical report, one block per diagnostic with the export snippet, the
//! labelled cell and the fix.
//!
//! BAT CSV rows run to hundreds of columns, so each snippet is a window of about 100
//! characters around the labelled cell rather than the whole line. Labels on other lines or in
//! other files (the other devices sharing a line, the RMCM user) are rendered as related blocks,
//! each with its own window.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use uclint_model::{Diagnostic, Label, Severity, SourceFile, SourceMap};

use crate::Report;

/// Options for the graphical renderer.
#[derive(Clone, Copy, Debug)]
pub struct FullOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap width of messages.
    pub width: usize,
}

impl Default for FullOptions {
    fn default() -> Self {
        FullOptions { color: false, width: 100 }
    }
}

/// Characters of context shown on each side of a label.
const WINDOW: usize = 48;

/// Renders every diagnostic as a graphical block.
pub fn render_full(report: &Report<'_>, options: FullOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_context_lines(0);
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        let block = Block::new(diagnostic, report.sources);
        // Rendering into a String cannot fail; a failure would only drop this block's snippet.
        if handler.render_report(&mut out, &block).is_err() {
            out.push_str(&diagnostic.message);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// One miette diagnostic: a uclint diagnostic, or one of its labels elsewhere.
struct Block<'a> {
    code: Option<String>,
    message: String,
    severity: Severity,
    help: Option<String>,
    labels: Vec<(Label, bool)>,
    source: Window<'a>,
    related: Vec<Block<'a>>,
}

impl<'a> Block<'a> {
    fn new(d: &Diagnostic, sources: &'a SourceMap) -> Self {
        let file = sources.get(d.primary.span.source);
        let primary_line = file.line_col(d.primary.span.start).0;
        let mut labels = vec![(d.primary.clone(), true)];
        let mut related = Vec::new();
        for label in &d.secondary {
            let same_line =
                label.span.source == d.primary.span.source && file.line_col(label.span.start).0 == primary_line;
            if same_line {
                labels.push((label.clone(), false));
            } else {
                let other = sources.get(label.span.source);
                related.push(Block {
                    code: None,
                    message: label.message.clone().unwrap_or_default(),
                    severity: Severity::Info,
                    help: None,
                    labels: vec![(Label { span: label.span, message: None }, true)],
                    source: Window { file: other },
                    related: Vec::new(),
                });
            }
        }
        let help = match &d.help {
            Some(help) => format!("{help}\nobject: {}", d.object),
            None => format!("object: {}", d.object),
        };
        Block {
            code: Some(format!("{} {}", d.code, d.name)),
            message: d.message.clone(),
            severity: d.severity,
            help: Some(help),
            labels,
            source: Window { file },
            related,
        }
    }
}

impl fmt::Debug for Block<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Block<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Block<'_> {}

impl miette::Diagnostic for Block<'_> {
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
        (!self.source.file.text.is_empty()).then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.file.text.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().map(|(label, primary)| {
            let span = SourceSpan::new((label.span.start as usize).into(), label.span.len());
            if *primary {
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

/// A source file that hands miette a window of the labelled line instead of the whole line.
struct Window<'a> {
    file: &'a SourceFile,
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = &self.file.text;
        // Spans come from parsers; should one ever fall inside a UTF-8 sequence, widen it to
        // whole characters rather than panic while printing a finding.
        let start = floor_char(text, span.offset().min(text.len()));
        let end = ceil_char(text, (span.offset() + span.len()).min(text.len()).max(start));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
        let from = back_chars(text, start, WINDOW).max(line_start);
        let to = forward_chars(text, end, WINDOW).min(line_end);
        // miette prints this position in the snippet header; the labelled cell's is the one
        // users need (the snippet itself is positioned by byte offsets, not by these).
        let (line, column) = self.file.line_col(start as u32);
        let lines = text[from..to].matches('\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            line - 1,
            column - 1,
            lines,
        )))
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

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uclint_model::SourceFile;

    #[test]
    fn a_span_inside_a_character_is_widened_not_a_panic() {
        let file = SourceFile::new("x.json", "{\"a\": \"\u{FFFD}x\"}");
        let window = Window { file: &file };
        // Byte 8 is inside the three-byte U+FFFD.
        let contents = window.read_span(&SourceSpan::new(8.into(), 1), 0, 0).unwrap();
        assert!(std::str::from_utf8(contents.data()).is_ok());
    }
}
