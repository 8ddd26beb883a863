//! Reads CUCM/UCCX exports into one [`Cluster`].
//!
//! Parsers never fail: every file yields records plus diagnostics, and a file that cannot be
//! read is reported (INPUT001) while every other file is still read. A member of the BAT
//! Import/Export tar, or a loose file with a member's name, is what its name says
//! ([`bat::members`]: members share headers, so a template would pass for a live object).
//! Everything else is recognised by content, never by file extension: a tar by its `ustar`
//! magic, a BAT CSV by its header, an AXL response by its `*Response` element in an AXL
//! namespace, a UCCX `adminapi` export by its root elements or `userID` keys. Records of one
//! object from several files are merged by key ([`merge`]).
//!
//! The work is split in two: `load.rs` does the IO (walking directories, listing tar members,
//! reading each input's bytes) and [`parse_inputs`] turns the bytes into the model, in parallel
//! across files. With [`Options::release_text`] each file's text is let go once it is parsed and read
//! back, checked against a hash, for the files a report points into ([`Ingested::restore_text`]):
//! a megacluster's model is then never held in memory beside its whole export.

pub mod axl;
pub mod bat;
pub mod codes;
mod decode;
mod load;
pub mod merge;
#[cfg(test)]
mod random_texts;
mod redact;
mod schedule;
pub mod secrets;
mod shared;
mod table;
pub mod uccx;
pub mod values;
mod work;
pub mod xml;

use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use uclint_model::{Cluster, Diagnostic, NotReadClass, ObjectKey, SourceFile, SourceId, SourceMap};

pub use load::{display_path, expand, list, Input, PathKind, RawInput};

/// What became of one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// Read as the named format, e.g. `BAT phone.csv`.
    Read(String),
    /// Recognised but not needed, or not a format uclint reads.
    NotRead {
        /// What the file is and why it was not read, e.g. `route groups: not checked (no rule
        /// reads them)`.
        reason: String,
        /// The reason as a class a summary counts by.
        class: NotReadClass,
    },
    /// Could not be read (an INPUT001 diagnostic says why).
    Failed,
}

impl FileStatus {
    /// A file not read, with its reason and class.
    pub fn not_read(reason: impl Into<String>, class: NotReadClass) -> Self {
        FileStatus::NotRead { reason: reason.into(), class }
    }
}

/// One input file and what became of it.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// Display path.
    pub path: String,
    /// Outcome.
    pub status: FileStatus,
}

/// Everything ingest produced: sources, the merged cluster, input diagnostics and file reports.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Every source file, in input order.
    pub sources: SourceMap,
    /// The cluster model.
    pub cluster: Cluster,
    /// Diagnostics about the input itself (INPUT0xx).
    pub diagnostics: Vec<Diagnostic>,
    /// One report per input file, in input order.
    pub files: Vec<FileReport>,
    /// How long each stage took (for `--timings`; never part of any report).
    pub timings: IngestTimings,
    /// One account per path given to [`ingest_with`], in the order given: what it held and
    /// how much of it was read ([`GivenPath::nothing_read`]). Empty for [`parse`].
    pub given: Vec<GivenPath>,
    /// Per end user and application user with secret values, a fingerprint of them
    /// ([`secrets::fingerprint`]), in file order: an object held by several files has one per
    /// file. Empty unless [`Options::secret_prints`].
    pub secret_prints: Vec<(ObjectKey, u64)>,
    /// Per source: how to read a released text back (`None` when the text is kept).
    released: Vec<Option<Released>>,
    /// Per source: the given paths it was listed from, and why it was not read as an export
    /// (for [`GivenPath`]).
    outcomes: Vec<(Vec<usize>, Option<String>)>,
}

/// How ingest runs.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// Let go of each file's text once it is parsed, keeping its line table, the secret ranges
    /// masked in it and a hash; [`Ingested::restore_text`] reads back the files a report needs.
    /// Texts given in memory ([`parse`]) are always kept, as they cannot be read again.
    pub release_text: bool,
    /// Told how far parsing has come: once the bytes to parse in all, when the inputs are
    /// listed, then the size of each file as it is parsed, from any worker. Called once per
    /// file, never per row, so it may be slow-ish (a progress bar).
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Fingerprint the secret values of each end user and application user
    /// ([`Ingested::secret_prints`]), for `uclint diff` to tell a changed secret without holding
    /// it.
    pub secret_prints: bool,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("release_text", &self.release_text)
            .field("progress", &self.progress.is_some())
            .field("secret_prints", &self.secret_prints)
            .finish()
    }
}

/// How far ingest has come, as told to [`Options::progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Every input is listed; their sizes add up to `total` bytes (a compressed file counts
    /// its compressed size, a zip member its declared one).
    Listed {
        /// Bytes to parse in all.
        total: u64,
    },
    /// One more input was read and parsed; it counted `bytes` in `Listed`.
    Parsed {
        /// Its size, as listed.
        bytes: u64,
    },
}

/// What one path given on the command line yielded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenPath {
    /// The path as given, shown as every display path is (non-UTF-8 bytes as `\xNN`).
    pub path: String,
    /// What it is.
    pub kind: PathKind,
    /// Inputs listed from it: files in a directory, members of an archive, or the file itself.
    pub files: usize,
    /// Of those, how many were read as an export.
    pub read: usize,
    /// Of those, how many could not be read (each has an INPUT001 diagnostic).
    pub failed: usize,
    /// Why the first input listed from it was not read as an export, when that is all it held.
    pub reason: Option<String>,
}

impl GivenPath {
    /// Why nothing was read from this path, or `None` when at least one file was read as an
    /// export. Each given path must yield one: a run that read nothing is not a pass.
    pub fn nothing_read(&self) -> Option<String> {
        if self.read > 0 {
            return None;
        }
        let holds = |what: &str| match (self.files, self.failed) {
            (0, _) => format!("{what} holds no file"),
            (1, 1) => format!("{what} holds 1 file, which could not be read"),
            (1, _) => format!("{what} holds 1 file, which is not an export uclint reads"),
            (n, 0) => format!("{what} holds {n} files, none of them an export uclint reads"),
            (n, failed) => {
                format!("{what} holds {n} files, none of them read as an export ({failed} could not be read)")
            }
        };
        let why = match self.kind {
            PathKind::Directory { empty: true } => "is an empty directory".to_owned(),
            PathKind::Directory { empty: false } if self.files == 0 => {
                "is a directory that holds only hidden files and directories, which are skipped".to_owned()
            }
            PathKind::Directory { .. } => holds("is a directory that"),
            PathKind::Tar => holds("is a tar that"),
            PathKind::GzipTar => holds("is a gzip-compressed tar that"),
            PathKind::Zip => holds("is a zip archive that"),
            PathKind::Gzip if self.failed > 0 => "is a gzip stream that could not be read".to_owned(),
            PathKind::Gzip => {
                "is a gzip stream holding no tar, and the file in it is not an export uclint reads".to_owned()
            }
            PathKind::File if self.failed > 0 => "could not be read".to_owned(),
            PathKind::File => "is not an export uclint reads".to_owned(),
        };
        Some(match &self.reason {
            Some(reason) if self.files == 1 => why + ": " + reason,
            _ if self.files > 1 => why + " (-v lists why each was not read)",
            _ => why,
        })
    }
}

/// What it takes to read a released text back as it was: where the bytes are and the secret
/// ranges to mask again (the source file keeps the hash the masked text must have).
struct Released {
    input: Input,
    secrets: Vec<(usize, usize)>,
}

impl std::fmt::Debug for Released {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Released").field("path", &self.input.path).finish_non_exhaustive()
    }
}

/// Lists, reads and parses every path (files, directories, tars), keeping every text.
pub fn ingest(paths: &[PathBuf]) -> Ingested {
    ingest_with(paths, Options::default())
}

/// Lists, reads and parses every path (files, directories, tars, gzip and zip archives).
pub fn ingest_with(paths: &[PathBuf], options: Options<'_>) -> Ingested {
    let start = Instant::now();
    let (inputs, kinds) = load::list_given(paths);
    let load_time = start.elapsed();
    let mut ingested = parse_inputs(inputs, options);
    ingested.timings.load = load_time;
    ingested.given = paths
        .iter()
        .zip(kinds)
        .map(|(path, kind)| GivenPath {
            path: load::display_path(path),
            kind,
            files: 0,
            read: 0,
            failed: 0,
            reason: None,
        })
        .collect();
    for (index, (given, outcome)) in std::mem::take(&mut ingested.outcomes).into_iter().enumerate() {
        for at in given {
            let Some(account) = ingested.given.get_mut(at) else { continue };
            account.files += 1;
            match &ingested.files[index].status {
                FileStatus::Read(_) => account.read += 1,
                FileStatus::Failed => account.failed += 1,
                FileStatus::NotRead { .. } => {}
            }
            if account.files == 1 {
                account.reason = outcome.clone();
            }
        }
    }
    ingested
}

impl Ingested {
    /// The bytes of a source as they are on disk, read again, neither decoded nor masked: what
    /// `uclint fix` rewrites. `None` for a source whose text was kept (given in memory, or
    /// ingested without [`Options::release_text`]), which cannot be read again.
    pub fn original_bytes(&self, id: SourceId) -> Option<std::io::Result<Vec<u8>>> {
        let released = self.released.get(id.index())?.as_ref()?;
        Some(released.input.reread())
    }

    /// Reads back the released text of every source in `ids` (those a report shows), in
    /// parallel. A text is taken back only when it decodes and masks to exactly the text that
    /// was parsed (same hash); a file changed or gone since keeps no text, and reports then give
    /// its positions (which the kept line table still makes exact) without a snippet.
    pub fn restore_text(&mut self, ids: impl IntoIterator<Item = SourceId>) {
        let mut wanted: Vec<SourceId> = ids.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let released = &self.released;
        let texts: Vec<(SourceId, String)> = wanted
            .into_par_iter()
            .filter_map(|id| {
                let released = released.get(id.index())?.as_ref()?;
                let bytes = released.input.reread().ok()?;
                let raw = RawInput { path: released.input.path.clone(), bytes, error: None };
                // Decoded and masked as the parse had it: every secret, CSV or XML, is a range
                // the parse recorded.
                let mut file = decode::decode(raw);
                secrets::mask(&mut file.text, &released.secrets);
                Some((id, file.text))
            })
            .collect();
        for (id, text) in texts {
            if self.sources.restore(id, text) {
                self.released[id.index()] = None;
            }
        }
    }
}

/// Wall-clock time of each ingest stage.
#[derive(Clone, Debug, Default)]
pub struct IngestTimings {
    /// Listing files and tar members (their bytes are read in the parse stage).
    pub load: Duration,
    /// Reading, decoding and parsing every file (in parallel across files).
    pub parse: Duration,
    /// Each file's read, decode and parse, in input order.
    pub files: Vec<(String, Duration)>,
    /// Merging the per-file records by key.
    pub merge: Duration,
}

/// The state of parsing one file: its text and what has been read from it so far.
pub struct FileParse<'a> {
    /// The decoded text.
    pub text: &'a str,
    /// Its id in the source map.
    pub source: SourceId,
    /// Its display path.
    pub path: &'a str,
    /// Records read so far.
    pub cluster: Cluster,
    /// Diagnostics so far.
    pub diagnostics: Vec<Diagnostic>,
    /// Byte ranges of secret values found while parsing, masked once parsing is done.
    pub secrets: Vec<(usize, usize)>,
    /// The keys [`FileParse::note_once`] has seen, each with the index of its note in
    /// `diagnostics`.
    once: FxHashMap<&'static str, usize>,
}

impl<'a> FileParse<'a> {
    /// Records a diagnostic.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports an INPUT005 note (a form read by inference) the first time `key` comes up in
    /// this file, for notes that would otherwise repeat on every row.
    pub fn note_once(&mut self, key: &'static str, span: uclint_model::Span, message: &str) {
        if let std::collections::hash_map::Entry::Vacant(vacant) = self.once.entry(key) {
            vacant.insert(self.diagnostics.len());
            self.diagnostics.push(codes::INFERRED_FORM.at(self.path, span, message));
        }
    }

    /// A parse of `text` (source `source`, shown as `path`) with nothing read yet.
    pub(crate) fn new(text: &'a str, source: SourceId, path: &'a str) -> Self {
        FileParse {
            text,
            source,
            path,
            cluster: Cluster::default(),
            diagnostics: Vec::new(),
            secrets: Vec::new(),
            once: FxHashMap::default(),
        }
    }
}

/// Parses inputs given in memory (their texts are kept).
pub fn parse(inputs: Vec<RawInput>) -> Ingested {
    parse_inputs(inputs.into_iter().map(Input::from).collect(), Options::default())
}

/// Reads and parses inputs. Inputs are ordered by display path first (each made unique, see
/// `load::order`) and files are parsed in parallel (largest first), with results combined in
/// path order: the outcome depends neither on the order the paths were given in nor on the
/// number of threads.
pub fn parse_inputs(mut inputs: Vec<Input>, options: Options<'_>) -> Ingested {
    load::order(&mut inputs);
    if let Some(progress) = options.progress {
        progress(Progress::Listed { total: inputs.iter().map(Input::size).sum() });
    }
    let start = Instant::now();
    // Each file is read, decoded, parsed and masked on one worker that owns its text; source ids
    // are the input positions, so they are known before the files enter the source map in order.
    let parsed: Vec<_> = schedule::largest_first(inputs, Input::size, |index, mut input| {
        let id = SourceId::new(index);
        let file_start = Instant::now();
        let given = std::mem::take(&mut input.given);
        let size = input.size();
        let raw = input.read();
        let mut unread = raw.error.clone();
        let mut file = decode::decode(raw);
        let (status, cluster, diagnostics, mut secrets) = {
            let mut parse = FileParse::new(&file.text, id, &file.path);
            parse.diagnostics = file.diagnostic_builder.drain(..).map(|build| build(&file.path, id)).collect();
            let status = match file.status.take() {
                Some(status) => status,
                None => parse_text(&mut parse),
            };
            (status, parse.cluster, parse.diagnostics, parse.secrets)
        };
        // A file that was not read may hold secrets in a form no parser recognised: it keeps
        // none of its text, even when a diagnostic points into it (which is then shown where
        // it points, without a snippet). A file that was read is masked by shape too, wherever
        // its secrets stand.
        let read = matches!(status, FileStatus::Read(_));
        if let FileStatus::NotRead { reason, .. } = &status {
            unread = Some(reason.clone());
        }
        if let Some(progress) = options.progress {
            progress(Progress::Parsed { bytes: size });
        }
        let mut prints = Vec::new();
        if read {
            secrets.extend(secrets::text_secrets(&file.text));
            if options.secret_prints {
                prints = secret_prints(&cluster, &file.text, &mut secrets);
            }
            secrets::mask(&mut file.text, &secrets);
        } else {
            file.text = if diagnostics.is_empty() { String::new() } else { secrets::blanked(&file.text) };
            secrets.clear();
        }
        let mut source = SourceFile::new(file.path.clone(), file.text);
        if !read {
            // Released for good: its line table places the diagnostics, and nothing reads it back.
            source.release();
        }
        let released = (read && options.release_text && input.rereadable() && !source.text.is_empty()).then(|| {
            source.release();
            Released { input, secrets }
        });
        let report = FileReport { path: file.path, status };
        (source, released, report, cluster, diagnostics, file_start.elapsed(), (given, unread), prints)
    });
    let mut out = Ingested::default();
    out.timings.parse = start.elapsed();
    let start = Instant::now();
    let mut merger = merge::Merger::default();
    let mut clusters = Vec::with_capacity(parsed.len());
    for (source, released, report, cluster, diagnostics, time, outcome, prints) in parsed {
        out.secret_prints.extend(prints);
        out.outcomes.push(outcome);
        out.timings.files.push((report.path.clone(), time));
        out.sources.add(source);
        out.released.push(released);
        out.files.push(report);
        clusters.push(cluster);
        out.diagnostics.extend(diagnostics);
    }
    merger.add_all(clusters);
    let (cluster, conflicts) = merger.finish();
    out.cluster = cluster;
    out.diagnostics.extend(conflicts);
    out.timings.merge = start.elapsed();
    out
}

/// The fingerprint of each end user's and application user's secret values in one file: the
/// secret ranges within the record's span. `secrets` is sorted here (masking does not mind).
fn secret_prints(cluster: &Cluster, text: &str, secrets: &mut [(usize, usize)]) -> Vec<(ObjectKey, u64)> {
    // Stable: the parse's ranges and the shape scan's are two sorted runs, which it merges in one pass.
    secrets.sort();
    let within = |span: uclint_model::Span| {
        let (start, end) = (span.start as usize, span.end as usize);
        let first = secrets.partition_point(|&(s, _)| s < start);
        let last = secrets.partition_point(|&(s, _)| s < end);
        &secrets[first..last]
    };
    let users = cluster.end_users.iter().map(|u| (ObjectKey::User(u.user_id.value.clone()), u.span));
    let app_users = cluster.app_users.iter().map(|u| (ObjectKey::AppUser(u.name.value.clone()), u.span));
    users.chain(app_users).filter_map(|(key, span)| Some((key, secrets::fingerprint(text, within(span))?))).collect()
}

/// Recognises a decoded file and parses it: a file named as a member of the Import/Export tar
/// is what its name says (members share headers, so a header alone would mistake a template for
/// a live object); any other file is recognised by its content.
fn parse_text(parse: &mut FileParse<'_>) -> FileStatus {
    let text = parse.text.trim_start();
    if text.is_empty() {
        return FileStatus::not_read("empty file", NotReadClass::Empty);
    }
    if !text.starts_with('<') {
        let role = bat::members::role(bat::members::file_name(parse.path));
        if let Some(reason) = role.and_then(bat::members::MemberRole::not_checked_reason) {
            let look_alike = matches!(role, Some(bat::members::MemberRole::NotChecked { look_alike: true, .. }));
            return FileStatus::not_read(
                reason,
                if look_alike { NotReadClass::LookAlike } else { NotReadClass::NoRuleReads },
            );
        }
        if let Some(bat::members::MemberRole::Read(kind)) = role {
            return read_bat(parse, kind, true);
        }
    }
    if let Some(kind) = bat::detect(parse.text) {
        return read_bat(parse, kind, false);
    }
    if text.starts_with('<') {
        return parse_xml(parse);
    }
    if uccx::json_looks_like_resources(parse.text) {
        uccx::read_json(parse);
        return FileStatus::Read("UCCX adminapi resources (JSON)".into());
    }
    if is_tar_manifest(parse.text) {
        // Its file list says which BAT files the export lacks (GEN010).
        bat::manifest(parse);
        return FileStatus::Read("BAT Import/Export manifest (header.txt)".into());
    }
    FileStatus::not_read("not a format uclint reads", NotReadClass::Other)
}

/// Reads a BAT CSV of `kind`, known by its member name (`by_name`) or by its header. A file
/// whose name and header disagree is read as its name says, with a note.
fn read_bat(parse: &mut FileParse<'_>, kind: bat::BatKind, by_name: bool) -> FileStatus {
    if by_name {
        if let Some(sniffed) = bat::detect(parse.text).filter(|&sniffed| sniffed != kind) {
            let header_end = parse.text.find(['\r', '\n']).unwrap_or(parse.text.len());
            let span = uclint_model::Span::new(parse.source, 0, header_end);
            let message = format!(
                "the file is named {} but its header looks like that of {}; it was read as its name says",
                kind.tar_name(),
                sniffed.tar_name()
            );
            parse.report(codes::INFERRED_FORM.at(parse.path, span, message));
        }
    }
    // A first line that reads as a BAT header but a text that looks like XML: mask its secret
    // elements as XML too, without the XML reader.
    parse.secrets.extend(secrets::scanned_xml_secrets(parse.text));
    bat::parse(kind, parse);
    FileStatus::Read(format!("BAT {}", kind.tar_name()))
}

/// Reads an XML file: AXL responses, or else a UCCX `adminapi` resource, trigger or call
/// control group export, or else an AXL SOAP fault, which is reported as the AXL error it is.
fn parse_xml(parse: &mut FileParse<'_>) -> FileStatus {
    // AXL records are read as the XML reader finishes each, so a file's records are never
    // held as one tree; the responses around them are read once the file is.
    let (text, source) = (parse.text, parse.source);
    let mut read_records = axl::ReadRecords::default();
    let mut take = |response: xml::Element<'_>, record: xml::Element<'_>| {
        *read_records.entry(response.tag().start).or_default() += 1;
        axl::read_record(parse, record);
    };
    let mut doc = xml::read_document_with(
        text,
        source,
        Some(xml::Records { holds_records: &axl::holds_records, take: &mut take }),
    );
    // Masked whatever the file turns out to be: a file not read keeps its text when it has a
    // diagnostic to show.
    parse.secrets.extend(redact::xml_secrets(text, &mut doc));
    let responses = axl::responses(&doc);
    let status = if !responses.is_empty() {
        FileStatus::Read(format!("AXL {}", axl::read(parse, &responses, &read_records)))
    } else if let Some(resources) = uccx::xml_resources(&doc) {
        uccx::read_xml(parse, &resources);
        FileStatus::Read("UCCX adminapi resources".into())
    } else if let Some(triggers) = uccx::xml_triggers(&doc) {
        uccx::read_triggers(parse, &triggers, doc.error.as_ref().map(|(at, _)| *at));
        FileStatus::Read("UCCX adminapi triggers".into())
    } else if let Some(groups) = uccx::xml_call_control_groups(&doc) {
        uccx::read_call_control_groups(parse, &groups);
        FileStatus::Read("UCCX adminapi call control groups".into())
    } else if let Some(fault) = axl::fault(&doc) {
        // A fault is what AXL sends instead of data: the object this file was meant to hold is
        // missing from the export, so it is an error (exit 2), named as AXL names it.
        let message = format!(
            "this file is an AXL error response (SOAP fault), not data: {fault}; nothing was read from it. \
             Fix the request that produced it and export again"
        );
        parse.report(codes::AXL_ERROR_RESPONSE.at(parse.path, fault.span, message));
        FileStatus::not_read(format!("AXL error response (SOAP fault): {fault}"), NotReadClass::Other)
    } else if doc.error.is_some() && parse.text.contains(axl::AXL_NAMESPACE) {
        // Broken before any response element opened: still say where, since it is meant as AXL.
        FileStatus::Read("AXL (malformed)".into())
    } else {
        return FileStatus::not_read("XML that is not an AXL response or a UCCX export", NotReadClass::Other);
    };
    if let Some((start, end)) = doc.doctype {
        let span = uclint_model::Span::new(parse.source, start, end);
        let message = "the file declares a DTD (<!DOCTYPE …>), which AXL and UCCX exports never do; its \
                       entities were not expanded and no external entity was read, so a value that refers to \
                       one is read as written (`&name;`)";
        parse.report(codes::MALFORMED_FILE.at(parse.path, span, message));
    }
    if let Some((at, message)) = doc.error {
        let span = uclint_model::Span::new(parse.source, at, at);
        let message = format!("the XML could not be parsed past this point ({message}); what came before was read");
        parse.report(codes::MALFORMED_FILE.at(parse.path, span, message));
    }
    status
}

/// `header.txt` of a BAT Import/Export tar: `Time : …`, `CCM : …`, `File : <name>` lines.
fn is_tar_manifest(text: &str) -> bool {
    text.lines().any(|l| l.trim_start().starts_with("File :"))
        && text.lines().any(|l| l.trim_start().starts_with("CCM :") || l.trim_start().starts_with("Time :"))
}
