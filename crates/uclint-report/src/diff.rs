//! `uclint diff OLD NEW`: what a change did to a cluster, as its data model ([`DiffReport`]) and
//! its five formats: `full` (a terminal), `json` (scripts), `markdown` (a pull-request comment),
//! `sarif` (code scanning, with `baselineState`) and `github` (annotations).
//!
//! The CLI reads both exports, runs the same rules on each and matches their findings by rule
//! code and object key, as the baseline does ([`crate::Baseline`]): a finding is **new** when
//! NEW has more findings of its rule on its object than OLD, **resolved** when fewer, and
//! **unchanged** otherwise, whatever its message or row says now. It compares the objects kind
//! by kind (`uclint_model::fields`). This module only renders what it is given, in the order
//! given: findings sorted as every output sorts them, objects by kind and key.
//!
//! Every text from an export (paths, keys, messages, field names and values) is bounded and
//! escaped for where it goes, as in every format ([`crate::text`], markdown's `cell` and
//! `code_span`, github's escaping, serde for JSON and SARIF). The model holds no secret, so no
//! value shown can be one; a secret's field says only "set" or "not set" (docs/diff.md).
//!
//! Sizes: `json` is never capped. `full` and `markdown` list at most a fixed number of entries
//! per section unless `--no-cap`, and say how many they left out ("… and N more"); `markdown`
//! also stops each section once the comment would pass [`DIFF_MARKDOWN_BUDGET`] bytes, so a
//! comment stays under GitHub's 65,536 characters even uncapped. `sarif` is capped as `check`'s
//! is; `github` annotates the new findings alone, as `check` annotates findings.

use std::borrow::Cow;
use std::io;

use serde::Serialize;
use uclint_model::{Diagnostic, Severity, SourceMap};

use crate::json::{diagnostic as json_diagnostic, JsonDiagnostic};
use crate::markdown::{cell, code_span};
use crate::{count, text, Paths, Position, RenderOptions, Report, RuleInfo, Summary};

/// Version of the diff's JSON document (`schema_version`): changes only when a field is
/// removed or changes meaning.
pub const DIFF_SCHEMA_VERSION: u32 = 1;
/// Bytes of Markdown written at most, whatever the caps: under the 65,536 characters of a
/// GitHub comment, with room for the lines that say what was left out.
pub const DIFF_MARKDOWN_BUDGET: usize = 60_000;
/// Entries of one section (findings, objects) listed when capped, in `full` and `markdown`.
pub const DIFF_PER_SECTION: usize = 50;
/// Field changes listed per changed object when capped.
const FIELDS_PER_OBJECT: usize = 10;

/// What became of a finding between OLD and NEW.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingState {
    /// In NEW, not (or not as often) in OLD.
    New,
    /// In both.
    Unchanged,
    /// In OLD, not (or not as often) in NEW.
    Resolved,
}

impl FindingState {
    /// SARIF's `baselineState` of a result in this state.
    pub fn baseline_state(self) -> &'static str {
        match self {
            FindingState::New => "new",
            FindingState::Unchanged => "unchanged",
            FindingState::Resolved => "absent",
        }
    }
}

/// One side of the diff: what was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSide {
    /// The path given, as typed.
    pub path: String,
    /// Files read as exports.
    pub files_read: usize,
    /// Objects read ([`uclint_model::Cluster::object_count`]).
    pub objects: usize,
}

/// An object one side has and the other has not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectEntry {
    /// Its kind, plural ("Phones").
    pub kind: &'static str,
    /// Its key (`phone:SEP…`).
    pub key: String,
}

/// One field of a changed object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field (`line 1 maximum number of calls`).
    pub field: String,
    /// Its value in OLD; `None` when OLD does not set it (or its export does not carry it).
    pub before: Option<String>,
    /// Its value in NEW; `None` when NEW does not set it.
    pub after: Option<String>,
    /// Whether the field is a secret's: its values are only ever "set" or "not set".
    pub secret: bool,
}

/// An object both sides have whose fields differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangedObject {
    /// Its kind, plural ("Phones").
    pub kind: &'static str,
    /// Its key.
    pub key: String,
    /// The fields that differ, in the order the object lists them.
    pub fields: Vec<FieldChange>,
}

/// The objects' side of the diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ObjectChanges {
    /// Objects in NEW only, by kind and key.
    pub added: Vec<ObjectEntry>,
    /// Objects in OLD only, by kind and key.
    pub removed: Vec<ObjectEntry>,
    /// Objects in both whose fields differ, by kind and key.
    pub changed: Vec<ChangedObject>,
    /// Kinds not compared, and why (read on one side only).
    pub not_compared: Vec<String>,
}

/// Everything `uclint diff` shows.
#[derive(Debug)]
pub struct DiffReport<'a> {
    /// The findings in every state, sorted in output order, spans into [`DiffReport::sources`]:
    /// NEW's (new and unchanged) first, then OLD's resolved ones.
    pub diagnostics: &'a [Diagnostic],
    /// The state of each of [`DiffReport::diagnostics`].
    pub states: &'a [FindingState],
    /// The files of both sides, NEW's first.
    pub sources: &'a SourceMap,
    /// Added, removed and changed objects.
    pub objects: &'a ObjectChanges,
    /// What OLD was.
    pub old: &'a DiffSide,
    /// What NEW was.
    pub new: &'a DiffSide,
    /// What the reader should know to read the diff right (a rule that ran on one side only).
    pub notes: &'a [String],
}

impl DiffReport<'_> {
    /// The findings in `state`, in output order.
    fn in_state(&self, state: FindingState) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().zip(self.states).filter(move |(_, s)| **s == state).map(|(d, _)| d)
    }

    /// How many findings are in `state`.
    pub fn count(&self, state: FindingState) -> usize {
        self.states.iter().filter(|s| **s == state).count()
    }
}

// ---------------------------------------------------------------------------------------------
// json

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    inputs: Inputs<'a>,
    summary: Counts,
    new: Vec<JsonDiagnostic<'a>>,
    resolved: Vec<JsonDiagnostic<'a>>,
    unchanged: Vec<JsonDiagnostic<'a>>,
    objects: JsonObjects<'a>,
    notes: Vec<Cow<'a, str>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Inputs<'a> {
    old: JsonSide<'a>,
    new: JsonSide<'a>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    path: Cow<'a, str>,
    files_read: usize,
    objects: usize,
}

#[derive(Serialize)]
struct Counts {
    new: usize,
    resolved: usize,
    unchanged: usize,
    objects_added: usize,
    objects_removed: usize,
    objects_changed: usize,
}

#[derive(Serialize)]
struct JsonObjects<'a> {
    added: Vec<JsonObject<'a>>,
    removed: Vec<JsonObject<'a>>,
    changed: Vec<JsonChanged<'a>>,
    not_compared: Vec<Cow<'a, str>>,
}

#[derive(Serialize)]
struct JsonObject<'a> {
    kind: &'static str,
    key: Cow<'a, str>,
}

#[derive(Serialize)]
struct JsonChanged<'a> {
    kind: &'static str,
    key: Cow<'a, str>,
    fields: Vec<JsonField<'a>>,
}

#[derive(Serialize)]
struct JsonField<'a> {
    field: Cow<'a, str>,
    before: Option<Cow<'a, str>>,
    after: Option<Cow<'a, str>>,
    secret: bool,
}

fn counts(report: &DiffReport<'_>) -> Counts {
    Counts {
        new: report.count(FindingState::New),
        resolved: report.count(FindingState::Resolved),
        unchanged: report.count(FindingState::Unchanged),
        objects_added: report.objects.added.len(),
        objects_removed: report.objects.removed.len(),
        objects_changed: report.objects.changed.len(),
    }
}

fn json_side(side: &DiffSide) -> JsonSide<'_> {
    JsonSide { path: text::path(&side.path), files_read: side.files_read, objects: side.objects }
}

/// Writes the diff as one pretty-printed JSON document (docs/diff.md), never capped.
pub fn write_diff_json(report: &DiffReport<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    let list = |state| report.in_state(state).map(|d| json_diagnostic(d, &paths)).collect();
    fn object(o: &ObjectEntry) -> JsonObject<'_> {
        JsonObject { kind: o.kind, key: text::key(&o.key) }
    }
    let objects = report.objects;
    let document = Document {
        schema_version: DIFF_SCHEMA_VERSION,
        tool: Tool { name: "uclint", version: env!("CARGO_PKG_VERSION") },
        inputs: Inputs { old: json_side(report.old), new: json_side(report.new) },
        summary: counts(report),
        new: list(FindingState::New),
        resolved: list(FindingState::Resolved),
        unchanged: list(FindingState::Unchanged),
        objects: JsonObjects {
            added: objects.added.iter().map(object).collect(),
            removed: objects.removed.iter().map(object).collect(),
            changed: objects
                .changed
                .iter()
                .map(|c| JsonChanged {
                    kind: c.kind,
                    key: text::key(&c.key),
                    fields: c
                        .fields
                        .iter()
                        .map(|f| JsonField {
                            field: text::message(&f.field),
                            before: f.before.as_deref().map(text::message),
                            after: f.after.as_deref().map(text::message),
                            secret: f.secret,
                        })
                        .collect(),
                })
                .collect(),
            not_compared: objects.not_compared.iter().map(|n| text::message(n)).collect(),
        },
        notes: report.notes.iter().map(|n| text::message(n)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

// ---------------------------------------------------------------------------------------------
// full

/// Writes the diff for a terminal: the counts, then each section, capped unless `options.cap`
/// is off. Findings are one line each with their location (no snippet: they come from two
/// exports).
pub fn write_diff_full(report: &DiffReport<'_>, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    let c = counts(report);
    writeln!(
        out,
        "uclint diff {} -> {}",
        text::terminal_path(&report.old.path),
        text::terminal_path(&report.new.path)
    )?;
    writeln!(out, "findings: {} new, {} resolved, {} unchanged", count(c.new), count(c.resolved), count(c.unchanged))?;
    writeln!(
        out,
        "objects: {} added, {} removed, {} changed",
        count(c.objects_added),
        count(c.objects_removed),
        count(c.objects_changed)
    )?;
    let cap = |n: usize| if options.cap { n.min(DIFF_PER_SECTION) } else { n };
    for (title, state) in [("New findings", FindingState::New), ("Resolved findings", FindingState::Resolved)] {
        let n = report.count(state);
        if n == 0 {
            continue;
        }
        writeln!(out, "\n{title} ({}):", count(n))?;
        for d in report.in_state(state).take(cap(n)) {
            let at = Position::of(&d.primary, &paths);
            writeln!(
                out,
                "  {:<7} {} {} at {}:{}:{}",
                d.severity.to_string(),
                d.code,
                text::terminal_key(&d.object.to_string()),
                text::terminal(at.file),
                at.line,
                at.column
            )?;
            writeln!(out, "          {}", text::terminal_message(&d.message))?;
        }
        more(out, "  ", n - cap(n))?;
    }
    let objects = report.objects;
    for (title, list) in [("Objects added", &objects.added), ("Objects removed", &objects.removed)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title} ({}):", count(list.len()))?;
        for o in list.iter().take(cap(list.len())) {
            writeln!(out, "  {}", text::terminal_key(&o.key))?;
        }
        more(out, "  ", list.len() - cap(list.len()))?;
    }
    if !objects.changed.is_empty() {
        let n = objects.changed.len();
        writeln!(out, "\nObjects changed ({}):", count(n))?;
        for o in objects.changed.iter().take(cap(n)) {
            writeln!(out, "  {}", text::terminal_key(&o.key))?;
            let shown = if options.cap { o.fields.len().min(FIELDS_PER_OBJECT) } else { o.fields.len() };
            for f in &o.fields[..shown] {
                let (before, after) = values(f);
                writeln!(
                    out,
                    "    {}: {} -> {}",
                    text::terminal_message(&f.field),
                    text::terminal_message(before),
                    text::terminal_message(after)
                )?;
            }
            more(out, "    ", o.fields.len() - shown)?;
        }
        more(out, "  ", n - cap(n))?;
    }
    let notes: Vec<&String> = objects.not_compared.iter().chain(report.notes).collect();
    if !notes.is_empty() {
        writeln!(out, "\nNotes:")?;
        for note in notes {
            writeln!(out, "  {}", text::terminal_message(note))?;
        }
    }
    Ok(())
}

/// "… and N more", when N is not 0.
fn more(out: &mut dyn io::Write, indent: &str, n: usize) -> io::Result<()> {
    if n > 0 {
        writeln!(out, "{indent}... and {} more", count(n))?;
    }
    Ok(())
}

/// A field's before and after as shown: "(not set)" for a side that does not set it.
fn values(f: &FieldChange) -> (&str, &str) {
    (f.before.as_deref().unwrap_or("(not set)"), f.after.as_deref().unwrap_or("(not set)"))
}

// ---------------------------------------------------------------------------------------------
// markdown

/// Writes the diff as a pull-request comment: a link-free table of the counts first, then the
/// new and resolved findings and the added, removed and changed objects, each capped and all
/// within [`DIFF_MARKDOWN_BUDGET`] bytes.
pub fn write_diff_markdown(
    report: &DiffReport<'_>,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut md = Markdown { out: String::new(), options };
    md.summary(report);
    md.findings(report, "New findings", FindingState::New);
    md.findings(report, "Resolved findings", FindingState::Resolved);
    md.objects(report);
    out.write_all(md.out.as_bytes())
}

/// The comment being written: sections are added while they fit.
struct Markdown<'o> {
    out: String,
    options: &'o RenderOptions,
}

/// Bytes kept for what ends a section ("… and N more", a blank line) and the next heading.
const SECTION_RESERVE: usize = 200;
/// Notes listed at most.
const NOTES: usize = 10;
/// Characters of a note listed at most.
const NOTE_CHARS: usize = 280;
/// Bytes kept for the notes: each bounded, escaped (which may double it) and in UTF-8.
const NOTES_RESERVE: usize = (NOTES + 1) * (NOTE_CHARS * 2 + 8) + 64;

impl Markdown<'_> {
    /// The rows of a section that fit, then the line that says what was left out. The section
    /// has its share of the bytes left: those left after the notes' part, split evenly between
    /// it and the `sections_left` after it (a share a section does not use goes to the next).
    fn rows(&mut self, rows: impl ExactSizeIterator<Item = String>, sections_left: usize) {
        let total = rows.len();
        let limit = if self.options.cap { DIFF_PER_SECTION } else { usize::MAX };
        let left = DIFF_MARKDOWN_BUDGET.saturating_sub(self.out.len() + NOTES_RESERVE);
        let end = self.out.len() + left / (sections_left + 1);
        let mut written = 0;
        for row in rows.take(limit) {
            if self.out.len() + row.len() + SECTION_RESERVE > end {
                break;
            }
            self.out.push_str(&row);
            written += 1;
        }
        if written < total {
            self.out.push_str(&format!("\n... and {} more\n", count(total - written)));
        }
        self.out.push('\n');
    }

    fn summary(&mut self, report: &DiffReport<'_>) {
        let c = counts(report);
        self.out.push_str("## uclint diff\n\n| | Count |\n|---|---:|\n");
        for (what, n) in [
            ("New findings", c.new),
            ("Resolved findings", c.resolved),
            ("Unchanged findings", c.unchanged),
            ("Objects added", c.objects_added),
            ("Objects removed", c.objects_removed),
            ("Objects changed", c.objects_changed),
        ] {
            self.out.push_str(&format!("| {what} | {} |\n", count(n)));
        }
        self.out.push_str(&format!(
            "\n{} ({} objects) → {} ({} objects)\n\n",
            code_span(&text::path(&report.old.path)),
            count(report.old.objects),
            code_span(&text::path(&report.new.path)),
            count(report.new.objects),
        ));
    }

    fn findings(&mut self, report: &DiffReport<'_>, title: &str, state: FindingState) {
        let n = report.count(state);
        if n == 0 {
            return;
        }
        let paths = Paths::new(report.sources);
        self.out.push_str(&format!("### {title} ({})\n\n", count(n)));
        self.out.push_str("| Severity | Code | Object | Location | Message |\n|---|---|---|---|---|\n");
        let rows = report.in_state(state).collect::<Vec<_>>().into_iter().map(|d| {
            let at = Position::of(&d.primary, &paths);
            format!(
                "| {} | {} `{}` | {} | {} | {} |\n",
                d.severity,
                d.code,
                d.code.name,
                code_span(&text::key(&d.object.to_string())),
                code_span(&format!("{}:{}:{}", at.file, at.line, at.column)),
                cell(&text::message(&d.message)),
            )
        });
        let sections_left = if state == FindingState::New { 4 } else { 3 };
        self.rows(rows, sections_left);
    }

    fn objects(&mut self, report: &DiffReport<'_>) {
        let objects = report.objects;
        for (i, (title, list)) in
            [("Objects added", &objects.added), ("Objects removed", &objects.removed)].into_iter().enumerate()
        {
            if list.is_empty() {
                continue;
            }
            self.out.push_str(&format!("### {title} ({})\n\n| Kind | Object |\n|---|---|\n", count(list.len())));
            let rows = list.iter().map(|o| format!("| {} | {} |\n", o.kind, code_span(&text::key(&o.key))));
            self.rows(rows, 2 - i);
        }
        if !objects.changed.is_empty() {
            let n = objects.changed.len();
            self.out.push_str(&format!(
                "### Objects changed ({})\n\n| Object | Field | Before | After |\n|---|---|---|---|\n",
                count(n)
            ));
            let cap = self.options.cap;
            let rows = objects.changed.iter().map(|o| {
                let shown = if cap { o.fields.len().min(FIELDS_PER_OBJECT) } else { o.fields.len() };
                let mut row = String::new();
                for (i, f) in o.fields[..shown].iter().enumerate() {
                    let object = if i == 0 { code_span(&text::key(&o.key)) } else { String::new() };
                    let (before, after) = values(f);
                    row.push_str(&format!(
                        "| {object} | {} | {} | {} |\n",
                        cell(&text::message(&f.field)),
                        cell(&text::message(before)),
                        cell(&text::message(after)),
                    ));
                }
                if shown < o.fields.len() {
                    row.push_str(&format!("| | ... and {} more fields | | |\n", count(o.fields.len() - shown)));
                }
                row
            });
            self.rows(rows, 0);
        }
        let notes: Vec<&String> = objects.not_compared.iter().chain(report.notes).collect();
        if !notes.is_empty() {
            self.out.push_str("### Notes\n\n");
            for note in notes.iter().take(NOTES) {
                // Bounded to fit what `reserve` kept for each.
                let note: String = text::message(note).chars().take(NOTE_CHARS).collect();
                let note = cell(&note);
                self.out.push_str(&format!("- {note}\n"));
            }
            if notes.len() > NOTES {
                self.out.push_str(&format!("- ... and {} more\n", count(notes.len() - NOTES)));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// sarif and github

/// Writes the diff as a SARIF 2.1.0 log: every finding, each with its `baselineState` (`new`,
/// `unchanged`, or `absent` for a resolved one, located in OLD), capped as `check`'s log is.
pub fn write_diff_sarif(
    report: &DiffReport<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let summary = Summary::default();
    let inner = Report { diagnostics: report.diagnostics, sources: report.sources, summary: &summary };
    let states: Vec<&'static str> = report.states.iter().map(|s| s.baseline_state()).collect();
    crate::sarif::write_sarif_with_states(&inner, &states, rules, options, out)
}

/// Writes GitHub Actions annotations for the new findings alone, as `check --format github`
/// writes them (grouped and capped unless `options.cap` is off).
pub fn write_diff_github(report: &DiffReport<'_>, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let new: Vec<Diagnostic> = report.in_state(FindingState::New).cloned().collect();
    let summary = Summary::default();
    let inner = Report { diagnostics: &new, sources: report.sources, summary: &summary };
    crate::github::write_github(&inner, options, out)
}

/// The one line a terminal gets on standard error after the diff: the counts, and what fails.
pub fn diff_headline(report: &DiffReport<'_>, fail_on: Severity) -> String {
    let failing = report.in_state(FindingState::New).filter(|d| d.severity >= fail_on).count();
    let c = counts(report);
    format!(
        "findings: {} new ({} at or above {fail_on}), {} resolved, {} unchanged; objects: {} added, {} removed, \
         {} changed\n",
        count(c.new),
        count(failing),
        count(c.resolved),
        count(c.unchanged),
        count(c.objects_added),
        count(c.objects_removed),
        count(c.objects_changed),
    )
}

/// Renders [`write_diff_json`] into a `String`.
pub fn render_diff_json(report: &DiffReport<'_>) -> String {
    crate::to_string(|out| write_diff_json(report, out))
}

/// Renders [`write_diff_markdown`] into a `String`.
pub fn render_diff_markdown(report: &DiffReport<'_>, options: &RenderOptions) -> String {
    crate::to_string(|out| write_diff_markdown(report, options, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many;

    fn report_of<'a>(
        diagnostics: &'a [Diagnostic],
        states: &'a [FindingState],
        sources: &'a SourceMap,
        objects: &'a ObjectChanges,
        side: &'a DiffSide,
    ) -> DiffReport<'a> {
        DiffReport { diagnostics, states, sources, objects, old: side, new: side, notes: &[] }
    }

    #[test]
    fn markdown_stays_under_a_comment_s_size_with_huge_sections_even_uncapped() {
        let sources = many::sources();
        let n = 5_000;
        let diagnostics: Vec<Diagnostic> = (0..n)
            .map(|i| many::finding("UCCX006", Severity::Error, &format!("SEP{i}"), &many::noise(i as u64, 300), "h"))
            .collect();
        let states: Vec<FindingState> =
            (0..n).map(|i| if i % 2 == 0 { FindingState::New } else { FindingState::Resolved }).collect();
        let entry = |i: usize| ObjectEntry { kind: "Phones", key: format!("phone:{}", many::noise(i as u64, 150)) };
        let objects = ObjectChanges {
            added: (0..n).map(entry).collect(),
            removed: (0..n).map(entry).collect(),
            changed: (0..n)
                .map(|i| ChangedObject {
                    kind: "Phones",
                    key: format!("phone:SEP{i}"),
                    fields: (0..30)
                        .map(|f| FieldChange {
                            field: format!("line {f} busy trigger"),
                            before: Some(many::noise(f, 200)),
                            after: None,
                            secret: false,
                        })
                        .collect(),
                })
                .collect(),
            not_compared: (0..50).map(|i| many::noise(i, 3_000)).collect(),
        };
        let side = DiffSide { path: "x".repeat(10_000), files_read: 1, objects: n };
        let report = report_of(&diagnostics, &states, &sources, &objects, &side);
        for cap in [true, false] {
            let options = RenderOptions { cap, ..RenderOptions::default() };
            let md = render_diff_markdown(&report, &options);
            assert!(md.chars().count() < 65_536, "{} characters (cap {cap})", md.chars().count());
            assert!(md.starts_with("## uclint diff\n\n| | Count |"), "the summary table comes first");
            let table_end = md.find("\n\n").and_then(|i| md[i + 2..].find("\n\n").map(|j| i + 2 + j)).unwrap();
            assert!(!md[..table_end].contains("]("), "the summary table has no link");
            assert!(md.contains("... and "), "what was left out is said");
            assert!(md.contains("| New findings | 2,500 |"));
        }
    }

    #[test]
    fn export_text_cannot_break_out_of_a_markdown_cell_or_a_terminal_line() {
        let sources = many::sources();
        let diagnostics = [many::finding("UCCX006", Severity::Error, "SEP1", "m", "h")];
        let objects = ObjectChanges {
            changed: vec![ChangedObject {
                kind: "Phones",
                key: "phone:SEP|`x".into(),
                fields: vec![FieldChange {
                    field: "product-specific a|b".into(),
                    before: Some("<img src=x>\r\n| injected |".into()),
                    after: Some("\x1b]0;title\x07".into()),
                    secret: false,
                }],
            }],
            ..ObjectChanges::default()
        };
        let side = DiffSide::default();
        let report = report_of(&diagnostics, &[FindingState::New], &sources, &objects, &side);
        let md = render_diff_markdown(&report, &RenderOptions::default());
        assert!(md.contains("\\<img"), "{md}");
        assert!(md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')), "every < is escaped: {md}");
        let row = md.lines().find(|l| l.contains("img")).unwrap_or_default();
        assert_eq!(row.matches(" | ").count(), 3, "one row of four cells: {row}");
        assert!(!md.contains('\x1b') && !md.contains('\r'), "{md}");
        let full = crate::to_string(|out| write_diff_full(&report, &RenderOptions::default(), out));
        assert!(!full.contains('\x1b') && !full.contains('\r'), "{full}");
        assert!(full.contains("\\x1b]0;title\\x07"), "{full}");
    }
}
