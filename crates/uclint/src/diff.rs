//! `uclint diff OLD NEW`: what a change did to a cluster (issue #23, docs/diff.md).
//!
//! Each side is read and linted as `check` would read and lint it, with one configuration, one
//! rule selection and one set of deployment facts for both (`check`'s `select` and
//! `deployment`), severity overrides and `[[suppress]]` entries applied to each. The two are
//! read one after the other, each text let go once parsed, so memory holds two models and never
//! two exports' texts; OLD's rules run while NEW is read.
//!
//! Findings are matched by rule code and object key with counts, as the baseline matches them
//! (`uclint_report::Baseline`): within one rule and object the first findings in output order
//! are the matched ones, so a key found twice before and once after is one unchanged and one
//! resolved. A finding's message and location are those of the side that has it (NEW's for an
//! unchanged one). A rule that ran on one side only (its data read on that side alone) is said
//! in a note, since its findings there are all new or all resolved.
//!
//! Objects are compared kind by kind through `uclint_model::fields`, the one listing of each
//! kind's fields; a kind is compared only when both sides read it, and a kind read on one side
//! only is a note, not thousands of added or removed objects.
//!
//! Exit codes (docs/exit-codes.md): 1 when a new finding reaches `--fail-on` (unless
//! `--exit-zero`); 2 for a usage or configuration error, an input not read whole on either
//! side, a path that yielded nothing, or an output that could not be written; 0 otherwise.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::path::Path;

use uclint::config::{self, Config};
use uclint_model::fields;
use uclint_model::{sort_diagnostics, Cluster, ClusterIndex, Diagnostic, ObjectKey, Severity, SourceId, SourceMap};
use uclint_report::{
    diff_headline, text, write_diff_full, write_diff_github, write_diff_json, write_diff_markdown, write_diff_sarif,
    ChangedObject, DiffReport, DiffSide, FieldChange, FindingState, ObjectChanges, ObjectEntry, RenderOptions,
};
use uclint_rules::RuleMeta;

use crate::args::{DiffArgs, DiffFormat, DiffOutput};
use crate::check::{setup, usage_error, Setup};
use crate::exit::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::output;

/// Runs `uclint diff`.
pub fn run(args: &DiffArgs) -> u8 {
    if args.outputs.iter().filter(|o| o.file.is_none()).count() > 1 {
        return usage_error("at most one --format may write to standard output; give the others a file (json=FILE)");
    }
    let check = args.to_check();
    let Setup { config, rules, deployment, .. } = match setup(&check) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let settings = config::settings(&deployment);

    // The exports are read one after the other. OLD's rules run while NEW is read, and the
    // objects are compared while NEW's rules run: each on the cores the other leaves idle (a
    // file parsing alone at the end of a read, the indexes built before the rules).
    let lint = |side: &Side, input| lint(side, input, &rules, &settings, &config);
    let mut old = Side::ingest(&args.old);
    let old_input = std::mem::take(&mut old.input);
    let (old_lint, mut new) = std::thread::scope(|scope| {
        let linted = scope.spawn(|| lint(&old, old_input));
        let new = Side::ingest(&args.new);
        (join(linted), new)
    });
    let new_input = std::mem::take(&mut new.input);
    let (new_lint, objects) = std::thread::scope(|scope| {
        let objects = scope.spawn(|| {
            let mut objects = compare(&old.cluster, &new.cluster);
            secret_changes(&mut objects, &old, &new);
            objects
        });
        let linted = lint(&new, new_input);
        (linted, join(objects))
    });
    let notes = rule_notes(&old_lint, &new_lint);
    let failed = old_lint.failed || new_lint.failed;
    let (old_side, new_side) = (old.describe(&args.old), new.describe(&args.new));

    let (mut new_findings, new_sources) = (new_lint.diagnostics, new.sources);
    let (old_findings, old_sources) = (old_lint.diagnostics, old.sources);
    let roots = [uclint_ingest::display_path(&args.old), uclint_ingest::display_path(&args.new)];
    let (mut states, resolved) = match_findings(&old_findings, &new_findings, [&roots[0], &roots[1]]);
    // Not freed record by record (half a million on each side of a megacluster, a tenth of a
    // second): the process ends once the outputs are written, and the memory goes with it.
    std::mem::forget(old.cluster);
    std::mem::forget(new.cluster);
    // One source map for both sides, NEW's files first: OLD's ids move past them, which keeps
    // the resolved findings (appended after NEW's) in output order.
    let mut sources = new_sources;
    let offset = sources.append(old_sources);
    let mut diagnostics = std::mem::take(&mut new_findings);
    diagnostics.reserve_exact(resolved.len());
    for i in resolved {
        let mut d = old_findings[i].clone();
        for label in std::iter::once(&mut d.primary).chain(&mut d.secondary) {
            label.span.source = SourceId::new(label.span.source.index() + offset);
        }
        diagnostics.push(d);
        states.push(FindingState::Resolved);
    }
    drop(old_findings);

    let report = DiffReport {
        diagnostics: &diagnostics,
        states: &states,
        sources: &sources,
        objects: &objects,
        old: &old_side,
        new: &new_side,
        notes: &notes,
    };
    let options = output::render_options(&check);
    if let Err(message) = write_all(&args.outputs, &report, &options) {
        return usage_error(&message);
    }
    if !args.quiet {
        output::to_stderr(&diff_headline(&report, args.fail_on.severity()));
    }
    let threshold = args.fail_on.severity();
    if failed {
        EXIT_ERROR
    } else if !args.exit_zero
        && diagnostics.iter().zip(&states).any(|(d, s)| *s == FindingState::New && d.severity >= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// What a scoped thread gave. A panic in the rules or the comparison is a bug: it goes on as
/// the panic it is.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// One side, read.
struct Side {
    cluster: Cluster,
    /// Fingerprints of the users' secret values (`uclint_ingest::secrets::fingerprint`), one per
    /// user and file.
    prints: Vec<(ObjectKey, u64)>,
    sources: SourceMap,
    /// Diagnostics about the input itself, until the side is linted.
    input: Vec<Diagnostic>,
    files_read: usize,
    /// Whether nothing was read from the path (already said on standard error).
    nothing_read: bool,
}

impl Side {
    /// Reads `path` as `check` does, each text let go once parsed.
    fn ingest(path: &Path) -> Side {
        let options = uclint_ingest::Options { release_text: true, secret_prints: true, ..Default::default() };
        let mut ingested = uclint_ingest::ingest_with(std::slice::from_ref(&path.to_path_buf()), options);
        let nothing_read = crate::inputs::report_nothing_read(&ingested.given);
        let files_read =
            ingested.files.iter().filter(|f| matches!(f.status, uclint_ingest::FileStatus::Read(_))).count();
        Side {
            cluster: std::mem::take(&mut ingested.cluster),
            prints: std::mem::take(&mut ingested.secret_prints),
            sources: std::mem::take(&mut ingested.sources),
            input: std::mem::take(&mut ingested.diagnostics),
            files_read,
            nothing_read,
        }
    }

    fn describe(&self, path: &Path) -> DiffSide {
        DiffSide {
            path: path.to_string_lossy().into_owned(),
            files_read: self.files_read,
            objects: self.cluster.object_count(),
        }
    }
}

/// One side's findings.
struct Linted {
    /// Findings and input diagnostics, after severity overrides and suppressions, sorted.
    diagnostics: Vec<Diagnostic>,
    /// Codes of the rules that ran.
    checked: Vec<String>,
    /// Rules skipped, with why.
    skipped: Vec<(String, String)>,
    /// An input error, or a path nothing was read from: the run exits 2.
    failed: bool,
}

/// Runs the rules on one side, adds its `input` diagnostics, applies severity overrides and
/// suppressions, and sorts, as `check` does.
fn lint(
    side: &Side,
    input: Vec<Diagnostic>,
    rules: &[&'static RuleMeta],
    settings: &uclint_rules::Settings,
    config: &Config,
) -> Linted {
    let mut context = uclint_rules::Context::new(&side.cluster, settings);
    let result = uclint_rules::run_in(&mut context, rules);
    drop(context);
    let input_failed = input.iter().any(|d| d.severity == Severity::Error);
    let mut diagnostics = result.diagnostics;
    diagnostics.extend(input);
    config.apply_severities(&mut diagnostics);
    let checked = uclint::summary::checked(rules, &result.skipped);
    if !config.suppressions.is_empty() {
        // Unmatched suppressions are `check`'s to report; the diff only applies them.
        diagnostics = config.suppress(diagnostics, &checked).0;
    }
    sort_diagnostics(&mut diagnostics);
    Linted {
        diagnostics,
        checked,
        skipped: result.skipped.iter().map(|s| (s.code.to_owned(), s.reason.clone())).collect(),
        failed: side.nothing_read || input_failed,
    }
}

/// The identity a finding is matched by: its code and its object key as every output writes it.
/// A key that names an input file (`file:old/enduser.csv`, `export:old.tar`) names it below the
/// path given for its side (`file:enduser.csv`), so that the same file of two exports is one
/// object.
fn finding_key(d: &Diagnostic, root: &str) -> (&'static str, String) {
    let key = match &d.object {
        ObjectKey::File(path) | ObjectKey::Export(path) => {
            let below = path.strip_prefix(root).map_or(path.as_str(), |rest| rest.trim_start_matches(['/', '\\']));
            format!("{}:{below}", d.object.kind())
        }
        object => object.to_string(),
    };
    (d.code.id, text::key(&key).into_owned())
}

/// The state of each of NEW's findings, and the indices of OLD's resolved ones, in order.
/// Within one code and object the first findings in output order are the matched ones, as the
/// baseline matches them. `roots` are the display paths given for OLD and NEW.
fn match_findings(old: &[Diagnostic], new: &[Diagnostic], roots: [&str; 2]) -> (Vec<FindingState>, Vec<usize>) {
    let [old_root, new_root] = roots;
    let mut left: HashMap<(&'static str, String), usize> = HashMap::new();
    for d in old {
        *left.entry(finding_key(d, old_root)).or_default() += 1;
    }
    let mut matched: HashMap<(&'static str, String), usize> = HashMap::new();
    let states = new
        .iter()
        .map(|d| {
            let key = finding_key(d, new_root);
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    *matched.entry(key).or_default() += 1;
                    FindingState::Unchanged
                }
                _ => FindingState::New,
            }
        })
        .collect();
    let mut resolved = Vec::new();
    for (i, d) in old.iter().enumerate() {
        match matched.get_mut(&finding_key(d, old_root)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => resolved.push(i),
        }
    }
    (states, resolved)
}

/// A note for each rule that ran on one side only: its findings there are all new or all
/// resolved because the other side lacked its data, not because of a change to its objects.
fn rule_notes(old: &Linted, new: &Linted) -> Vec<String> {
    let reason = |side: &Linted, code: &str| {
        side.skipped.iter().find(|(c, _)| c == code).map(|(_, why)| why.clone()).unwrap_or_default()
    };
    let mut notes = Vec::new();
    for code in &new.checked {
        if !old.checked.contains(code) {
            notes.push(format!(
                "{code} ran on the new export only (skipped on the old one: {}): its findings count as new",
                reason(old, code)
            ));
        }
    }
    for code in &old.checked {
        if !new.checked.contains(code) {
            notes.push(format!(
                "{code} ran on the old export only (skipped on the new one: {}): its findings count as resolved",
                reason(new, code)
            ));
        }
    }
    notes
}

/// The added, removed and changed objects of every kind both sides read, by kind and key, and
/// a note for each kind read on one side only.
fn compare(old: &Cluster, new: &Cluster) -> ObjectChanges {
    let mut changes = ObjectChanges::default();
    for kind in fields::compare(old, new) {
        let name = kind.kind.name;
        match kind.read {
            [true, false] | [false, true] => {
                let side = if kind.read[0] { "old" } else { "new" };
                changes.not_compared.push(format!("{name} were read from the {side} export only: not compared"));
            }
            _ => {}
        }
        changes.added.extend(kind.added.into_iter().map(|key| ObjectEntry { kind: name, key }));
        changes.removed.extend(kind.removed.into_iter().map(|key| ObjectEntry { kind: name, key }));
        changes.changed.extend(kind.changed.into_iter().map(|(key, fields)| {
            let fields = fields
                .into_iter()
                .map(|c| FieldChange {
                    field: c.name.to_string(),
                    secret: c.before.as_ref().or(c.after.as_ref()).is_some_and(|v| v.is_secret()),
                    before: c.before.map(|v| v.to_string()),
                    after: c.after.map(|v| v.to_string()),
                })
                .collect();
            ChangedObject { kind: name, key, fields }
        }));
    }
    changes
}

/// One fingerprint per user, those of a user held by several files combined (xor: the order of
/// the files does not matter).
fn combined(prints: &[(ObjectKey, u64)]) -> FxHashMap<&ObjectKey, u64> {
    let mut by_key: FxHashMap<&ObjectKey, u64> = FxHashMap::with_capacity_and_hasher(prints.len(), Default::default());
    for (key, print) in prints {
        *by_key.entry(key).or_default() ^= print;
    }
    by_key
}

/// The field a changed secret is shown as: never a value, only that it changed, was set or was
/// cleared.
const SECRETS: &str = "secrets (password, PIN, digest credentials)";

/// Adds the end users and application users both sides have whose secret values differ, told by
/// the fingerprints ingest took of them in this process (never the values): "set -> changed",
/// "not set -> set" or "set -> not set", in the kind's place in the order of `fields::KINDS`.
fn secret_changes(objects: &mut ObjectChanges, old: &Side, new: &Side) {
    // Run beside NEW's rules, on the core they leave idle.
    let (before, after) = (combined(&old.prints), combined(&new.prints));
    let mut differ: Vec<(&ObjectKey, Option<u64>, Option<u64>)> = before
        .iter()
        .map(|(key, print)| (*key, Some(*print), after.get(key).copied()))
        .chain(
            after.iter().filter(|(key, _)| !before.contains_key(*key)).map(|(key, print)| (*key, None, Some(*print))),
        )
        .filter(|(_, before, after)| before != after)
        .collect();
    differ.sort_unstable_by(|a, b| a.0.cmp(b.0));
    if differ.is_empty() {
        return;
    }
    // Only users both sides have: one on one side only is an added or removed object.
    let (old_index, new_index) = (ClusterIndex::new(&old.cluster), ClusterIndex::new(&new.cluster));
    let has = |index: &ClusterIndex<'_>, key: &ObjectKey| match key {
        ObjectKey::User(id) => index.user(id).is_some(),
        ObjectKey::AppUser(name) => index.app_user(name).is_some(),
        _ => false,
    };
    let mut added = false;
    for (key, before, after) in differ {
        if !has(&old_index, key) || !has(&new_index, key) {
            continue;
        }
        let field = FieldChange {
            field: SECRETS.to_owned(),
            before: Some(if before.is_some() { "set" } else { "not set" }.to_owned()),
            after: Some(
                if after.is_none() {
                    "not set"
                } else if before.is_some() {
                    "changed"
                } else {
                    "set"
                }
                .to_owned(),
            ),
            secret: true,
        };
        let shown = key.to_string();
        match objects.changed.iter_mut().find(|c| c.key == shown) {
            Some(changed) => changed.fields.push(field),
            None => {
                let kind = if matches!(key, ObjectKey::User(_)) { "End users" } else { "Application users" };
                objects.changed.push(ChangedObject { kind, key: shown, fields: vec![field] });
                added = true;
            }
        }
    }
    if added {
        // Back in report order: by kind as `fields::KINDS` lists them, then by key.
        let rank = |kind: &str| fields::KINDS.iter().position(|k| k.name == kind).unwrap_or(usize::MAX);
        objects.changed.sort_by(|a, b| rank(a.kind).cmp(&rank(b.kind)).then_with(|| a.key.cmp(&b.key)));
    }
}

/// Renders and writes every output asked for; the default is `full` to standard output.
fn write_all(outputs: &[DiffOutput], report: &DiffReport<'_>, options: &RenderOptions) -> Result<(), String> {
    let default = [DiffOutput { format: DiffFormat::Full, file: None }];
    let outputs = if outputs.is_empty() { &default[..] } else { outputs };
    let rules = uclint::catalog::rule_catalog_linked(None);
    for o in outputs {
        let render = |out: &mut dyn std::io::Write| match o.format {
            DiffFormat::Full => write_diff_full(report, options, out),
            DiffFormat::Json => write_diff_json(report, out),
            DiffFormat::Markdown => write_diff_markdown(report, options, out),
            DiffFormat::Sarif => write_diff_sarif(report, &rules, options, out),
            DiffFormat::Github => write_diff_github(report, options, out),
        };
        match &o.file {
            Some(path) => output::write_file(path, render)?,
            None => output::write_stdout(render)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use uclint_model::{Code, Label, Span};

    use super::*;

    static CODE: Code = Code {
        id: "UCCX006",
        name: "test",
        family: uclint_model::Family::Uccx,
        severity: Severity::Error,
        status: uclint_model::Status::Stable,
        summary: "s",
    };

    fn finding(user: &str, at: usize) -> Diagnostic {
        let span = Span::new(SourceId::new(0), at, at + 1);
        Diagnostic::new(&CODE, Severity::Error, ObjectKey::User(user.into()), "m", Label::new(span, "here"))
    }

    #[test]
    fn findings_match_as_a_multiset_by_code_and_object() {
        // `a` twice before and once after: one unchanged, one resolved; `b` moved: unchanged;
        // `c` is new; `d` is gone.
        let old = [finding("a", 1), finding("a", 2), finding("b", 3), finding("d", 4)];
        let new = [finding("a", 5), finding("b", 9), finding("c", 10)];
        let (states, resolved) = match_findings(&old, &new, ["old", "new"]);
        assert_eq!(states, [FindingState::Unchanged, FindingState::Unchanged, FindingState::New]);
        assert_eq!(resolved, [1, 3], "the second `a` and `d`");
    }

    #[test]
    fn a_finding_about_a_file_matches_the_same_file_of_the_other_export() {
        let file = |path: &str| {
            let span = Span::new(SourceId::new(0), 0, 1);
            Diagnostic::new(&CODE, Severity::Info, ObjectKey::File(path.into()), "m", Label::new(span, "here"))
        };
        let old = [file("base/exports/enduser.csv"), file("base/exports/phone.csv")];
        let new = [file("exports/enduser.csv"), file("exports/other/phone.csv")];
        let (states, resolved) = match_findings(&old, &new, ["base/exports/", "exports"]);
        assert_eq!(states, [FindingState::Unchanged, FindingState::New]);
        assert_eq!(resolved, [1]);
    }
}
