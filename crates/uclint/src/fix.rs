//! `uclint fix`: the fixes of the findings, written for an admin to review and apply, and proved
//! by checking the fixed export (docs/fix.md).
//!
//! The export is read and checked as `check` does, with the rules asked for their fixes
//! (`uclint_rules::run_fixing`). The safe ones (and the unsafe ones under `--unsafe-fixes`) are
//! handed to the writers of `uclint-fix`, which return the AXL requests, the byte edits of the
//! export's own files and the changed BAT rows; this module reads the export's original bytes
//! (never the masked text), writes everything into a temporary directory beside DIR, checks
//! `fixed/` as `check` would, writes the plan and only then renames the directory to DIR. A run
//! with nothing to fix writes nothing, so fixing a fixed export is a no-op.
//!
//! uclint never talks to a cluster: the files are the output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use uclint::config;
use uclint_fix::{Chosen, SourceForm};
use uclint_ingest::{FileStatus, Ingested, PathKind};
use uclint_model::{
    Cluster, ClusterIndex, DeviceKind, Diagnostic, Edit, Fix, ObjectKey, Safety, Severity, SourceId, Span,
};
use uclint_report::{FixPlan, NotFixed, PlanChange, PlanObject, Recheck};
use uclint_rules::{registry, RuleMeta, Settings};

use crate::args::{FixArgs, FixFormat};
use crate::check::{setup, usage_error, Setup};
use crate::exit::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::output;

pub fn run(args: &FixArgs) -> u8 {
    let check = args.to_check();
    let Setup { rules, deployment, .. } = match setup(&check) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let settings = config::settings(&deployment);
    if let Err(message) = check_out_dir(&args.out, args.force) {
        return usage_error(&message);
    }

    let ingested = read(&args.paths);
    if crate::inputs::report_nothing_read(&ingested.given) {
        return EXIT_ERROR;
    }
    let errors: Vec<Diagnostic> =
        ingested.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    if !errors.is_empty() {
        // A fix is written from the export's own bytes: an export not read whole is not fixed.
        let summary = uclint_report::Summary::default();
        let report = uclint_report::Report { diagnostics: &errors, sources: &ingested.sources, summary: &summary };
        output::to_stderr(&uclint_report::render_concise(&report));
        output::to_stderr("error: the export was not read whole, so nothing was fixed; correct the input first\n");
        return EXIT_ERROR;
    }
    let diagnostics = findings(&ingested.cluster, &settings, &rules, true);
    let (chosen, not_fixed) = choose(&diagnostics, args.unsafe_fixes);
    if chosen.is_empty() {
        let found = not_fixed.len();
        let unsafe_ones = not_fixed.iter().filter(|n| n.reason == UNSAFE).count();
        let unsafe_note = match unsafe_ones {
            0 => String::new(),
            n => format!("; {n} {} an unsafe fix: give --unsafe-fixes to apply", if n == 1 { "has" } else { "have" }),
        };
        output::to_stderr(&format!(
            "nothing to fix: {found} finding{} and none with a safe fix{unsafe_note}; nothing was written\n",
            if found == 1 { "" } else { "s" },
        ));
        return EXIT_CLEAN;
    }

    match write(args, &ingested, &diagnostics, &chosen, not_fixed, &settings, &rules) {
        Ok(Outcome::Nothing(declined)) => {
            output::to_stderr(&format!(
                "nothing to fix: the export's own files cannot carry the {} fix{} the rules offer, so none can be \
                 proved; nothing was written\n",
                declined.len(),
                if declined.len() == 1 { "" } else { "es" },
            ));
            for d in &declined {
                output::to_stderr(&format!(
                    "  {} {}: {}\n",
                    d.code,
                    uclint_report::text::terminal_key(&d.object),
                    uclint_report::text::terminal_message(&d.reason)
                ));
            }
            EXIT_CLEAN
        }
        Ok(Outcome::Written(plan)) => {
            let printed = match args.format {
                FixFormat::Text => uclint_report::render_fix_plan_text(&plan, &uclint_ingest::display_path(&args.out)),
                FixFormat::Json => uclint_report::render_fix_plan_json(&plan),
            };
            output::print(&printed);
            if plan.recheck.as_ref().is_some_and(Recheck::proved) {
                EXIT_CLEAN
            } else {
                EXIT_FINDINGS
            }
        }
        Err(message) => {
            output::to_stderr(&format!("error: {message}\n"));
            EXIT_ERROR
        }
    }
}

/// Reads the export as `check` does, keeping nothing of its texts (the writers read the
/// original bytes again).
fn read(paths: &[PathBuf]) -> Ingested {
    uclint_ingest::ingest_with(paths, uclint_ingest::Options { release_text: true, ..Default::default() })
}

/// The rules' findings, in output order, with their fixes when `fixing`.
fn findings(cluster: &Cluster, settings: &Settings, rules: &[&'static RuleMeta], fixing: bool) -> Vec<Diagnostic> {
    let mut context = uclint_rules::Context::new(cluster, settings);
    let result =
        if fixing { uclint_rules::run_fixing(&mut context, rules) } else { uclint_rules::run_in(&mut context, rules) };
    result.diagnostics
}

/// DIR must not exist, or be an empty directory, unless `--force`.
fn check_out_dir(out: &Path, force: bool) -> Result<(), String> {
    let shown = uclint_report::text::terminal_path(&uclint_ingest::display_path(out)).into_owned();
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(format!("--out {shown} exists and is not a directory")),
        Ok(_) if force => Ok(()),
        Ok(_) => match fs::read_dir(out).map(|mut entries| entries.next().is_none()) {
            Ok(true) => Ok(()),
            Ok(false) => Err(format!("--out {shown} exists and is not empty; give --force to replace it")),
            Err(err) => Err(format!("--out {shown} cannot be read: {err}")),
        },
    }
}

/// Why an unsafe fix was not applied.
const UNSAFE: &str = "its fix needs judgement: run with --unsafe-fixes to apply it";

/// The fixes to write, and the findings not fixed with the reason.
fn choose(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (Vec<Chosen<'_>>, Vec<NotFixed>) {
    let mut chosen = Vec::new();
    let mut not_fixed = Vec::new();
    let mut seen: HashMap<&Edit, usize> = HashMap::new();
    for (index, d) in diagnostics.iter().enumerate() {
        let meta = registry::find(d.code.id).and_then(|rule| rule.fix);
        let reason = match (meta, d.fix.as_deref()) {
            (None, _) => "the rule has no automatic fix (its help says what to change)".to_owned(),
            (Some(meta), Some(Fix::Edit(edit))) if meta.safety == Safety::Safe || unsafe_fixes => {
                // Two findings asking for the same change get it once.
                if seen.insert(edit, index).is_none() {
                    chosen.push(Chosen { finding: index, edit });
                }
                continue;
            }
            (Some(_), Some(Fix::Edit(_))) => UNSAFE.to_owned(),
            (Some(_), Some(Fix::NotOffered(why))) => why.clone(),
            (Some(_), None) => "the rule offers no fix for this case".to_owned(),
        };
        not_fixed.push(NotFixed { code: d.code.id, object: d.object.to_string(), reason });
    }
    (chosen, not_fixed)
}

/// How each source was read, from its file report.
fn forms(ingested: &Ingested) -> Vec<SourceForm> {
    ingested
        .files
        .iter()
        .map(|file| match &file.status {
            FileStatus::Read(what) if what.starts_with("BAT ") => SourceForm::BatCsv,
            FileStatus::Read(what) if what.starts_with("AXL ") => {
                // "AXL 14.0 getUser, getPhone": whole records only when every response is a get.
                let operations = what.split([' ', ',']).filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
                let mut operations = operations.peekable();
                if operations.peek().is_some() && operations.all(|op| op.starts_with("get")) {
                    SourceForm::AxlGet
                } else {
                    SourceForm::AxlPartial
                }
            }
            _ => SourceForm::Other,
        })
        .collect()
}

/// The records of the export by name, for the edits that name them.
struct Lookup<'a> {
    cluster: &'a Cluster,
    index: ClusterIndex<'a>,
}

impl<'a> Lookup<'a> {
    fn new(cluster: &'a Cluster) -> Self {
        Lookup { cluster, index: ClusterIndex::new(cluster) }
    }

    /// The span of an object's whole record, where list edits are made.
    fn record_span(&self, object: &ObjectKey) -> Option<Span> {
        match object {
            ObjectKey::Phone(name) => self.index.device(name).filter(|d| d.kind == DeviceKind::Phone).map(|d| d.span),
            // The index gives a phone first when a profile has its name.
            ObjectKey::DeviceProfile(name) => match self.index.device(name) {
                Some(d) if d.kind == DeviceKind::DeviceProfile => Some(d.span),
                _ => self.cluster.device_profiles.iter().find(|d| d.name.value == *name).map(|d| d.span),
            },
            ObjectKey::User(id) => self.index.user(id).map(|u| u.span),
            ObjectKey::AppUser(id) => self.index.app_user(id).map(|u| u.span),
            _ => None,
        }
    }

    /// The source an edit rewrites: the cell of a set value, the record of a list.
    fn export_source(&self, edit: &Edit) -> Option<SourceId> {
        match edit {
            Edit::Set { before, .. } => Some(before.span.source),
            Edit::Add { object, .. } => self.record_span(object).map(|s| s.source),
        }
    }
}

/// What `write` did.
enum Outcome {
    /// The plan of what was written.
    Written(FixPlan),
    /// Nothing was written: no chosen fix could be written into the export's own files.
    Nothing(Vec<NotFixed>),
}

/// Writes everything into a temporary directory beside DIR, re-checks, and renames it to DIR.
fn write(
    args: &FixArgs,
    ingested: &Ingested,
    diagnostics: &[Diagnostic],
    chosen: &[Chosen<'_>],
    mut not_fixed: Vec<NotFixed>,
    settings: &Settings,
    rules: &[&'static RuleMeta],
) -> Result<Outcome, String> {
    let cluster = &ingested.cluster;
    let forms = forms(ingested);
    // The original bytes of every source a fix touches.
    let lookup = Lookup::new(cluster);
    let wanted: BTreeSet<SourceId> = chosen.iter().filter_map(|c| lookup.export_source(c.edit)).collect();
    let mut originals: BTreeMap<SourceId, Vec<u8>> = BTreeMap::new();
    for id in wanted {
        match ingested.original_bytes(id) {
            Some(Ok(bytes)) => {
                originals.insert(id, bytes);
            }
            Some(Err(err)) => return Err(format!("{} could not be read again: {err}", shown(ingested, id))),
            None => {}
        }
    }
    let source = |id: SourceId| {
        let bytes = originals.get(&id)?;
        let path = ingested.sources.get(id).path.as_str();
        let form = forms.get(id.index()).copied().unwrap_or(SourceForm::Other);
        Some(uclint_fix::Source { id, path, form, bytes })
    };
    let form_of = |id: SourceId| forms.get(id.index()).copied().unwrap_or(SourceForm::Other);
    let edits = uclint_fix::export::file_edits(cluster, chosen, &source);
    // Only what the fixed export carries is written: the re-check proves it, and fixing the
    // fixed export again finds nothing to write. A change only AXL could carry is not offered.
    let applied: BTreeSet<usize> = edits.applied.iter().copied().collect();
    let export_declined: BTreeMap<usize, &str> =
        edits.declined.iter().map(|d| (d.finding, d.reason.as_str())).collect();
    let mut declined = Vec::new();
    for c in chosen.iter().filter(|c| !applied.contains(&c.finding)) {
        let d = &diagnostics[c.finding];
        let why = export_declined.get(&c.finding).copied().unwrap_or("no writer could express it");
        declined.push(NotFixed {
            code: d.code.id,
            object: d.object.to_string(),
            reason: format!("its fix cannot be written into the export's own files, so it could not be proved: {why}"),
        });
    }
    let chosen: Vec<Chosen<'_>> = chosen.iter().filter(|c| applied.contains(&c.finding)).copied().collect();
    if chosen.is_empty() {
        return Ok(Outcome::Nothing(declined));
    }
    not_fixed.extend(declined);
    let chosen = &chosen[..];
    let requests =
        uclint_fix::axl::requests_with_codes(cluster, chosen, &form_of, &|i| diagnostics.get(i).map(|d| d.code));

    let temp = temp_dir(&args.out)?;
    let result = (|| {
        let mut files = Vec::new();
        // axl/
        if !requests.requests.is_empty() {
            fs::create_dir_all(temp.join("axl")).map_err(|e| io_error(&temp, e))?;
            for request in &requests.requests {
                let name = format!("axl/{}", request.file_name);
                fs::write(temp.join(&name), &request.xml).map_err(|e| io_error(&temp, e))?;
                files.push(name);
            }
        }
        // fixed/ and bat/
        let fixed: BTreeMap<&str, Vec<u8>> = edits
            .files
            .iter()
            .filter_map(|(id, file_edits)| {
                let bytes = originals.get(id)?;
                let path = ingested.sources.get(*id).path.as_str();
                Some((path, uclint_fix::export::apply(bytes, file_edits)))
            })
            .collect();
        let FixedCopy { written: fixed_paths, unwritten } =
            write_fixed(&args.paths, ingested, &fixed, &temp.join("fixed"))?;
        for (path, _) in &fixed_paths {
            if let Ok(rel) = path.strip_prefix(&temp) {
                files.push(rel.to_string_lossy().into_owned());
            }
        }
        let BatTar { tar, notes: bat_notes } = bat_tar(ingested, &edits, &fixed, &originals)?;
        if let Some(bat) = tar {
            fs::create_dir_all(temp.join("bat")).map_err(|e| io_error(&temp, e))?;
            fs::write(temp.join("bat/uclint-fix-import.tar"), bat).map_err(|e| io_error(&temp, e))?;
            files.push("bat/uclint-fix-import.tar".to_owned());
        }

        let plan_objects = plan_objects(diagnostics, chosen, &requests, &bat_notes, ingested, &lookup);
        let mut plan = FixPlan { objects: plan_objects, not_fixed, files, recheck: None, recheck_skipped: None };
        if let Some(why) = unwritten {
            plan.recheck_skipped = Some(why);
        } else {
            plan.recheck = Some(recheck(diagnostics, chosen, &applied, &fixed_paths, settings, rules));
        }
        plan.files.push("plan.md".to_owned());
        plan.files.push("plan.json".to_owned());
        plan.files.sort();
        fs::write(temp.join("plan.md"), uclint_report::render_fix_plan_markdown(&plan))
            .map_err(|e| io_error(&temp, e))?;
        fs::write(temp.join("plan.json"), uclint_report::render_fix_plan_json(&plan))
            .map_err(|e| io_error(&temp, e))?;
        Ok(plan)
    })();
    match result {
        Ok(plan) => {
            replace_dir(&temp, &args.out)?;
            Ok(Outcome::Written(plan))
        }
        Err(message) => {
            let _ = fs::remove_dir_all(&temp);
            Err(message)
        }
    }
}

fn shown(ingested: &Ingested, id: SourceId) -> String {
    let path = ingested.sources.get(id).path.as_str();
    uclint_report::text::terminal_path(path).into_owned()
}

fn io_error(path: &Path, err: std::io::Error) -> String {
    format!("could not write into {}: {err}", uclint_report::text::terminal_path(&uclint_ingest::display_path(path)))
}

/// A new directory beside DIR (so the final rename stays on one file system).
fn temp_dir(out: &Path) -> Result<PathBuf, String> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "uclint-fix".into());
    for attempt in 0..100u32 {
        let temp = parent.join(format!(".{name}.uclint-fix-{}-{attempt}", std::process::id()));
        match fs::create_dir(&temp) {
            Ok(()) => return Ok(temp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error(&parent, e)),
        }
    }
    Err(format!("could not create a temporary directory in {}", uclint_ingest::display_path(&parent)))
}

/// Moves the finished directory into place: DIR is replaced only now (it was checked to be
/// absent, empty, or given with --force).
fn replace_dir(temp: &Path, out: &Path) -> Result<(), String> {
    if fs::symlink_metadata(out).is_ok() {
        fs::remove_dir_all(out).map_err(|e| io_error(out, e))?;
    }
    fs::rename(temp, out).map_err(|e| {
        let _ = fs::remove_dir_all(temp);
        io_error(out, e)
    })
}

/// What `write_fixed` wrote.
struct FixedCopy {
    /// Each path written under `fixed/`, with the display path of the given path it copies.
    written: Vec<(PathBuf, String)>,
    /// Why a file could not be written in its form (a zip; the re-check then cannot run).
    unwritten: Option<String>,
}

/// Writes the whole export, with the fixed files in place, under `fixed/`, in the form each
/// given path has: a tar stays a tar (members rewritten, others copied byte for byte), a gzip
/// stream a gzip stream, a directory a directory, a file a file. Each written path comes with
/// the display path of the given path it copies, which the re-check puts back into the object
/// keys that name a path (GEN010's `export:`).
fn write_fixed(
    paths: &[PathBuf],
    ingested: &Ingested,
    fixed: &BTreeMap<&str, Vec<u8>>,
    dir: &Path,
) -> Result<FixedCopy, String> {
    fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let mut written = Vec::new();
    let mut unwritten = None;
    let mut names = BTreeSet::new();
    for (path, given) in paths.iter().zip(&ingested.given) {
        let base = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
        // Two given paths with one name (a/x.tar, b/x.tar) are told apart by a number.
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.clone()) {
            name = format!("{n}-{base}");
            n += 1;
        }
        let target = dir.join(&name);
        let mut copy = Copy { fixed, unwritten: &mut unwritten };
        match given.kind {
            PathKind::Directory { .. } => copy.dir(path, &given.path, &target)?,
            _ => copy.file(path, &given.path, &target)?,
        }
        written.push((target, given.path.clone()));
    }
    Ok(FixedCopy { written, unwritten })
}

/// The most bytes a gzip stream is inflated to when it is rewritten: ingest's limit on an
/// archive, so nothing it read is refused here.
const MAX_INFLATED: u64 = 4 << 30;

/// Copies the export under `fixed/` with the fixed files in place.
struct Copy<'f, 'u> {
    fixed: &'f BTreeMap<&'f str, Vec<u8>>,
    /// Why a file with fixes could not be written in its form (a zip).
    unwritten: &'u mut Option<String>,
}

impl Copy<'_, '_> {
    /// Copies one file: as its fixed bytes; as a tar, or a gzip-compressed tar or file, with its
    /// fixed members rewritten (headers and other members as they were); or byte for byte.
    fn file(&mut self, path: &Path, display: &str, target: &Path) -> Result<(), String> {
        let fixed = self.fixed;
        if let Some(bytes) = fixed.get(display) {
            return fs::write(target, bytes).map_err(|e| io_error(target, e));
        }
        let prefix = format!("{display}!");
        let members: Vec<&str> = fixed.keys().copied().filter(|k| k.starts_with(&prefix)).collect();
        if members.is_empty() {
            return fs::copy(path, target).map(|_| ()).map_err(|e| io_error(target, e));
        }
        let replace = |member: &str| fixed.get(format!("{prefix}{member}").as_str()).cloned();
        let mut magic = [0u8; 2];
        let mut original = fs::File::open(path).map_err(|e| io_error(path, e))?;
        // A file too short for a magic number is neither gzip nor zip: read as a tar, it fails.
        let _ = std::io::Read::read(&mut original, &mut magic).map_err(|e| io_error(path, e))?;
        let original = std::io::BufReader::new(fs::File::open(path).map_err(|e| io_error(path, e))?);
        let out = std::io::BufWriter::new(fs::File::create(target).map_err(|e| io_error(target, e))?);
        let written = match magic {
            [0x1f, 0x8b] => {
                let mut inner = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(flate2::read::MultiGzDecoder::new(original), MAX_INFLATED),
                    &mut inner,
                )
                .map_err(|e| io_error(path, e))?;
                let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::default());
                let is_tar = inner.get(257..262) == Some(b"ustar".as_slice());
                let rewritten = if is_tar {
                    uclint_fix::export::rewrite_tar(inner.as_slice(), &mut encoder, &mut |m: &str| replace(m))
                } else {
                    // `x.csv.gz` holds one file, listed as `x.csv.gz!x.csv`.
                    encoder.write_all(members.first().and_then(|m| fixed.get(m)).map_or(&inner, |b| b))
                };
                rewritten.and_then(|()| encoder.finish()?.flush())
            }
            [b'P', b'K'] => {
                drop(out);
                *self.unwritten = Some(format!(
                    "{} is a zip archive, which uclint does not rewrite: unzip it and run uclint fix again",
                    uclint_report::text::terminal_path(display)
                ));
                return fs::copy(path, target).map(|_| ()).map_err(|e| io_error(target, e));
            }
            _ => {
                let mut out = out;
                uclint_fix::export::rewrite_tar(original, &mut out, &mut |m: &str| replace(m))
                    .and_then(|()| out.flush())
            }
        };
        written.map_err(|e| io_error(target, e))
    }

    /// Copies a directory recursively (regular files and directories; links are not followed).
    fn dir(&mut self, path: &Path, display: &str, target: &Path) -> Result<(), String> {
        fs::create_dir_all(target).map_err(|e| io_error(target, e))?;
        let mut entries: Vec<_> = fs::read_dir(path).map_err(|e| io_error(path, e))?.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            let child_display = uclint_ingest::display_path(&Path::new(display).join(&name));
            let child_target = target.join(&name);
            if kind.is_dir() {
                self.dir(&entry.path(), &child_display, &child_target)?;
            } else if kind.is_file() {
                self.file(&entry.path(), &child_display, &child_target)?;
            }
        }
        Ok(())
    }
}

/// The BAT tar, and per source why its rows are not in it.
struct BatTar {
    tar: Option<Vec<u8>>,
    notes: BTreeMap<SourceId, String>,
}

/// The changed rows of the BAT files as one Import/Export tar, with the export's own
/// `header.txt` lines when it has one; and, per source, why its rows are not in the tar.
fn bat_tar(
    ingested: &Ingested,
    edits: &uclint_fix::export::FileEdits,
    fixed: &BTreeMap<&str, Vec<u8>>,
    originals: &BTreeMap<SourceId, Vec<u8>>,
) -> Result<BatTar, String> {
    let mut members = Vec::new();
    let mut names = BTreeSet::new();
    let mut notes = BTreeMap::new();
    let mut header_txt = None;
    for (id, rows) in &edits.rows {
        let path = ingested.sources.get(*id).path.as_str();
        let (Some(original), Some(fixed_bytes)) = (originals.get(id), fixed.get(path)) else { continue };
        let Some(member) = uclint_fix::bat::changed_member(path, original, fixed_bytes, rows, edits.files.get(id))
        else {
            continue;
        };
        let secrets = member.secret_columns(&uclint_ingest::secrets::is_secret_name);
        if !secrets.is_empty() {
            notes.insert(
                *id,
                format!(
                    "not in the BAT tar: the row of {} carries {}, which uclint never writes into a file of its \
                     own; apply the AXL request instead",
                    member.name,
                    secrets.join(", ")
                ),
            );
            continue;
        }
        if !names.insert(member.name.clone()) {
            notes.insert(*id, format!("not in the BAT tar: another input already gave it a {}", member.name));
            continue;
        }
        // The export's header.txt: the member's sibling in its tar or directory.
        if header_txt.is_none() {
            let sibling = path.rfind(['!', '/']).map(|at| format!("{}header.txt", &path[..=at]));
            header_txt = sibling.and_then(|sibling| {
                let (id, _) = ingested.sources.iter().find(|(_, s)| s.path == sibling)?;
                ingested.original_bytes(id)?.ok()
            });
        }
        members.push(member);
    }
    if members.is_empty() {
        return Ok(BatTar { tar: None, notes });
    }
    uclint_fix::bat::changed_rows_tar(&members, header_txt.as_deref())
        .map(|tar| BatTar { tar: Some(tar), notes })
        .map_err(|e| format!("could not build the BAT tar: {e}"))
}

/// The plan's objects: one per changed object, in the order of the AXL requests, then the
/// objects only the export edits changed.
fn plan_objects(
    diagnostics: &[Diagnostic],
    chosen: &[Chosen<'_>],
    requests: &uclint_fix::axl::AxlRequests,
    bat_notes: &BTreeMap<SourceId, String>,
    ingested: &Ingested,
    lookup: &Lookup<'_>,
) -> Vec<PlanObject> {
    let mut objects: Vec<PlanObject> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for request in &requests.requests {
        index.insert(request.object.to_string(), objects.len());
        objects.push(PlanObject {
            object: request.object.to_string(),
            changes: Vec::new(),
            axl_request: Some(format!("axl/{}", request.file_name)),
            notes: request.notes.clone(),
        });
    }
    let declined_axl: BTreeMap<usize, &str> =
        requests.declined.iter().map(|d| (d.finding, d.reason.as_str())).collect();
    // Every chosen fix is in the fixed export (`write` keeps only those); most are in a request.
    let in_requests: BTreeSet<usize> = requests.requests.iter().flat_map(|r| r.findings.iter().copied()).collect();
    for c in chosen {
        let in_axl = in_requests.contains(&c.finding);
        let key = c.edit.object().to_string();
        let at = *index.entry(key.clone()).or_insert_with(|| {
            objects.push(PlanObject { object: key.clone(), changes: Vec::new(), axl_request: None, notes: Vec::new() });
            objects.len() - 1
        });
        let what = format!("{} {}", c.edit.field_name(), c.edit.change());
        if !in_axl {
            if let Some(why) = declined_axl.get(&c.finding) {
                objects[at].notes.push(format!("{what}: no AXL request: {why}"));
            }
        }
        if let Some(note) = lookup.export_source(c.edit).and_then(|id| bat_notes.get(&id)) {
            objects[at].notes.push(format!("{what}: {note}"));
        }
        let d = &diagnostics[c.finding];
        let safety = registry::find(d.code.id).and_then(|r| r.fix).map_or(Safety::Safe, |f| f.safety);
        let files = lookup.export_source(c.edit).map(|id| vec![shown(ingested, id)]).unwrap_or_default();
        objects[at].changes.push(PlanChange {
            code: d.code.id,
            finding_object: d.object.to_string(),
            message: d.message.clone(),
            field: c.edit.field_name(),
            change: c.edit.change(),
            safety: safety.as_str(),
            files,
        });
    }
    objects.retain(|o| !o.changes.is_empty());
    objects
}

/// The findings of one rule on one object: before, fixed, after; and a message of the after side.
#[derive(Default)]
struct Tally<'a> {
    was: usize,
    fixed: usize,
    now: usize,
    message: Option<&'a str>,
}

/// Checks the fixed export as `check` would and compares, per rule and object, with the
/// export's findings: the fixed ones must be gone and nothing new may appear.
fn recheck(
    before: &[Diagnostic],
    chosen: &[Chosen<'_>],
    applied: &BTreeSet<usize>,
    fixed_paths: &[(PathBuf, String)],
    settings: &Settings,
    rules: &[&'static RuleMeta],
) -> Recheck {
    let paths: Vec<PathBuf> = fixed_paths.iter().map(|(path, _)| path.clone()).collect();
    let ingested = read(&paths);
    let after = findings(&ingested.cluster, settings, rules, false);
    // A key that names a path of the fixed copy names the export's own path again.
    let renames: Vec<(String, &str)> =
        fixed_paths.iter().map(|(path, given)| (uclint_ingest::display_path(path), given.as_str())).collect();
    let key = |d: &Diagnostic| {
        let key = d.object.to_string();
        match renames.iter().find(|(fixed, _)| key.contains(fixed.as_str())) {
            Some((fixed, given)) => key.replacen(fixed.as_str(), given, 1),
            None => key,
        }
    };
    // Per (code, object): how many before, how many of those fixed, how many after.
    let mut counts: BTreeMap<(&str, String), Tally<'_>> = BTreeMap::new();
    for d in before {
        counts.entry((d.code.id, d.object.to_string())).or_default().was += 1;
    }
    for c in chosen.iter().filter(|c| applied.contains(&c.finding)) {
        let d = &before[c.finding];
        counts.entry((d.code.id, d.object.to_string())).or_default().fixed += 1;
    }
    for d in &after {
        let entry = counts.entry((d.code.id, key(d))).or_default();
        entry.now += 1;
        entry.message.get_or_insert(d.message.as_str());
    }
    let mut recheck = Recheck::default();
    for ((code, object), Tally { was, fixed, now, message }) in &counts {
        let kept = was - fixed;
        if *now > *was {
            recheck.new.push(format!("{code} {object}: {}", message.unwrap_or_default()));
        } else if *now > kept {
            recheck.still_found.push(format!("{code} {object}"));
        }
        recheck.gone += fixed.saturating_sub(now.saturating_sub(kept));
        recheck.remaining += kept.min(*now);
    }
    recheck
}
