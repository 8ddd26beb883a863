//! The fixed export: byte edits of the export's own files, and the archive rewritten with them.
//!
//! `uclint fix` proves its fixes by checking the export again with them applied, so the fixed
//! export must be the original with only the changed values changed: a CSV stays the same CSV
//! (its other cells, quoting, line ends and byte-order mark untouched), an AXL response the same
//! response, a tar the same tar. [`file_edits`] turns the chosen fixes into [`ByteEdit`]s of each
//! source file's original bytes, [`apply`] applies them, and [`rewrite_tar`] writes an archive
//! whose changed members hold the fixed bytes.
//!
//! Where the edits land:
//!
//! - A set value replaces its cell or element text where the span of the value as read
//!   (`Edit::Set`'s `before`) puts it. Spans count bytes of the text uclint decoded
//!   (`uclint-ingest`'s `decode.rs`): the file's own offsets for UTF-8, less the 3 bytes of a
//!   UTF-8 byte-order mark, which decoding drops. A UTF-16 file's offsets are not its bytes', and
//!   a file that is not valid UTF-8 was read with replacement characters, which shift them: edits
//!   to both are declined. The bytes at the span must read as the value did (trimmed, unquoted,
//!   entity references undone, as ingest reads them), or the edit is declined: an edit never
//!   lands where the export does not show what uclint read.
//! - An added item goes into the record (the row or element the model's record spans): in a BAT
//!   CSV, into the first empty column of the list's numbered group in that row (`list_columns`
//!   says which columns); in an AXL `get*` response, as a new child of the list element. An
//!   `AxlPartial` file (a `list*` response, SQL rows) shows lists in part, and a list element a
//!   `get*` response left out is not known to be empty: neither is extended.
//!
//! Everything here reads hostile bytes: nothing panics on them, and a value that cannot be
//! placed faithfully is declined with the reason, never guessed.

mod csv;
mod xml;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read, Write};
use std::ops::Range;

use uclint_model::{AppUser, Cluster, Edit, EndUser, List, ObjectKey, SourceId, Span, Spanned, Text, Value};

use crate::{Chosen, Declined, Source, SourceForm};

/// One change to a file's bytes: the bytes of `range` (in the original) become `replacement`.
/// An empty range inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteEdit {
    /// The bytes replaced, as offsets in the original file.
    pub range: Range<usize>,
    /// What they become.
    pub replacement: Vec<u8>,
}

/// The edits of the chosen fixes, per source file, and what became of each fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileEdits {
    /// Each changed source's edits, sorted by range and apart (two never overlap, and two
    /// insertions never share an offset): ready for [`apply`].
    pub files: BTreeMap<SourceId, Vec<ByteEdit>>,
    /// For each changed BAT CSV, the rows its edits change, as byte ranges of the ORIGINAL file
    /// without the line end, sorted and apart. Each edit of the file lies within one of them, so
    /// a fixed row is its range of the original with the edits inside it applied (the range
    /// shifted by them): [`crate::bat::changed_rows`] does that.
    pub rows: BTreeMap<SourceId, Vec<Range<usize>>>,
    /// The findings (their [`Chosen::finding`]) whose fix is written, sorted, each once.
    pub applied: Vec<usize>,
    /// The fixes not written and why, by finding.
    pub declined: Vec<Declined>,
}

/// Turns the chosen fixes into byte edits of the export's files. `source` gives a source's
/// original bytes and form by its id (`None` when it has none to give: the fix is declined).
///
/// Two fixes that make the same change (the same cell set to the same value, the same item
/// added to the same list) are both applied by one edit; of two that would change the same bytes
/// differently, the one planned first is kept and the other declined (values set are planned
/// before items added, each in `chosen`'s order). A finding is in [`FileEdits::applied`] or in
/// [`FileEdits::declined`], never both.
pub fn file_edits<'s>(
    cluster: &Cluster,
    chosen: &[Chosen<'_>],
    source: &dyn Fn(SourceId) -> Option<Source<'s>>,
) -> FileEdits {
    // By name, built once: a systematic fault gives tens of thousands of edits.
    let users: HashMap<&str, &EndUser> =
        if chosen.iter().any(|c| matches!(c.edit, Edit::Add { object: ObjectKey::User(_), .. })) {
            cluster.end_users.iter().map(|u| (u.user_id.value.as_str(), u)).collect()
        } else {
            HashMap::new()
        };
    let app_users: HashMap<&str, &AppUser> = cluster.app_users.iter().map(|u| (u.name.value.as_str(), u)).collect();
    let mut run = Run { source, opened: BTreeMap::new(), planned: Vec::new(), declined: Vec::new() };
    let records = Records { users, app_users };
    // Items to add, by (source, record), in `chosen`'s order: each record's lists are rendered
    // at once (an application user's devices and profiles share the BAT `DEVICE NAME` columns).
    let mut adds: BTreeMap<(SourceId, (usize, usize)), Vec<Add>> = BTreeMap::new();
    for chosen in chosen {
        let finding = chosen.finding;
        let outcome = match chosen.edit {
            Edit::Set { before, after, .. } => run.plan_set(before, after, finding),
            Edit::Add { object, list, item } => match run.locate_add(&records, object, *list, item) {
                Ok((source, record, key)) => {
                    adds.entry((source, record)).or_default().push((key, item.clone(), finding));
                    Ok(())
                }
                Err(reason) => Err(reason),
            },
        };
        if let Err(reason) = outcome {
            run.declined.push(Declined { finding, reason });
        }
    }
    for ((source, (start, end)), items) in adds {
        run.plan_adds(source, start..end, &items);
    }
    run.finish()
}

/// Applies `edits` (sorted and apart, as [`FileEdits::files`] gives them) to `bytes`. An edit
/// that starts before the end of the previous one or reaches past the end of `bytes` is skipped
/// rather than trusted.
pub fn apply(bytes: &[u8], edits: &[ByteEdit]) -> Vec<u8> {
    let grows: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = Vec::with_capacity(bytes.len() + grows);
    let mut at = 0;
    for edit in edits {
        let Range { start, end } = edit.range;
        if start < at || start > end || end > bytes.len() {
            continue;
        }
        out.extend_from_slice(&bytes[at..start]);
        out.extend_from_slice(&edit.replacement);
        at = end;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// A member's name as ingest writes it after `archive!` (`uclint-ingest`'s `load/name.rs`,
/// `display_bytes`): UTF-8 as it is, each byte that is not UTF-8 as `\xNN`.
fn member_name(bytes: &[u8]) -> String {
    let mut name = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        name.push_str(chunk.valid());
        for byte in chunk.invalid() {
            name.push_str(&format!("\\x{byte:02X}"));
        }
    }
    name
}

/// Copies the tar `original` to `out` member by member, each with its 512-byte header as it is
/// (name, mode, owner, mtime, type), except that a member for which `replace(name)` returns bytes
/// gets them as its content, its size and checksum updated. GNU long-name and pax records are
/// copied as they are, and the name they give is the one `replace` is asked about; a member
/// whose size a pax record gives cannot be resized that way and is refused (an error), as is a
/// sparse member (no export holds one). Nothing is extracted; `original` is read once, as a
/// stream. The archive ends with the two zero blocks of the format.
///
/// `replace` is asked about regular files only, by the name ingest gives the member after
/// `archive!` (its path as its header, a GNU long-name record or a pax `path` writes it, bytes
/// that are not UTF-8 written `\xNN`): hostile text, for the caller to match, never to print
/// unescaped.
pub fn rewrite_tar(
    original: impl Read,
    mut out: impl Write,
    replace: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
) -> io::Result<()> {
    let mut archive = tar::Archive::new(original);
    // Raw: long-name and pax records come as members of their own, so they are copied too.
    let mut entries = archive.entries()?.raw(true);
    // What the records before a member say of it: a GNU long name, a pax path, whether a pax
    // record gives its size. The names are taken as the tar crate (and so ingest) takes them.
    let (mut gnu_name, mut pax_path, mut pax_size): (Option<Vec<u8>>, Option<Vec<u8>>, bool) = (None, None, false);
    for entry in &mut entries {
        let mut entry = entry?;
        let mut header = entry.header().clone();
        let kind = header.entry_type();
        if kind.is_gnu_sparse() {
            // Its data as read is not its data as stored: it could not be copied as it is.
            return Err(io::Error::new(io::ErrorKind::InvalidData, "a sparse member cannot be copied as it is"));
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if kind.is_gnu_longname() {
            gnu_name = Some(data.strip_suffix(b"\0").unwrap_or(&data).to_vec());
        } else if kind.is_pax_local_extensions() {
            for (key, value) in pax_records(&data) {
                match key {
                    b"path" => pax_path = Some(value.to_vec()),
                    b"size" => pax_size = true,
                    _ => {}
                }
            }
        } else if !kind.is_gnu_longlink() && !kind.is_pax_global_extensions() {
            let name_bytes = gnu_name.take().or(pax_path.take()).unwrap_or_else(|| header.path_bytes().into_owned());
            let replaced = if kind.is_file() { replace(&member_name(&name_bytes)) } else { None };
            if let Some(content) = replaced {
                if pax_size {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "a member whose size a pax record gives cannot be rewritten",
                    ));
                }
                header.set_size(content.len() as u64);
                header.set_cksum();
                data = content;
            }
            pax_size = false;
        }
        out.write_all(header.as_bytes())?;
        out.write_all(&data)?;
        let padding = (512 - data.len() % 512) % 512;
        out.write_all(&[0u8; 512][..padding])?;
    }
    out.write_all(&[0u8; 1024])?;
    out.flush()
}

/// The `key=value` records of a pax extended header (`<length> <key>=<value>\n` each); a
/// malformed record ends the list.
fn pax_records(data: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut records = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let Some(space) = rest.iter().position(|&b| b == b' ') else { break };
        let Some(length) = std::str::from_utf8(&rest[..space]).ok().and_then(|l| l.parse::<usize>().ok()) else {
            break;
        };
        let Some(record) = rest.get(space + 1..length) else { break };
        let record = record.strip_suffix(b"\n").unwrap_or(record);
        if let Some(eq) = record.iter().position(|&b| b == b'=') {
            records.push((&record[..eq], &record[eq + 1..]));
        }
        rest = &rest[length.max(space + 1)..];
    }
    records
}

/// The values of the first CSV record of `bytes` (past a byte-order mark), as ingest reads
/// them, with an unset cell (empty, blank, `NULL`) as the empty string: for [`crate::bat`].
pub(crate) fn csv_values(bytes: &[u8]) -> Vec<String> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    csv::record_at(body, 0)
        .map(|record| {
            record
                .cells
                .iter()
                .map(|c| if c.is_unset(body) { String::new() } else { c.value(body).into_owned() })
                .collect()
        })
        .unwrap_or_default()
}

/// The header record of a CSV's original bytes (a byte-order mark kept) and the line end after
/// it (empty when the file has none), for [`crate::bat`].
pub(crate) fn csv_header(bytes: &[u8]) -> (&[u8], &[u8]) {
    let shift = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &bytes[shift..];
    let end = csv::Header::read(body).map_or(0, |h| h.end) + shift;
    let line_end = if bytes[end..].starts_with(b"\r\n") {
        &bytes[end..end + 2]
    } else if bytes[end..].starts_with(b"\n") || bytes[end..].starts_with(b"\r") {
        &bytes[end..end + 1]
    } else {
        &[]
    };
    (&bytes[..end], line_end)
}

/// The UTF-8 byte-order mark, which decoding drops.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A list of a kind of record, as the writers place it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ListKey {
    /// An end user's list.
    User(List),
    /// An application user's list.
    AppUser(List),
}

/// An item to add to a list, and the finding it fixes.
type Add = (ListKey, Text, usize);

/// One source's bytes as edits see them.
struct Opened<'s> {
    source: Source<'s>,
    /// The bytes past the byte-order mark: what spans count in.
    body: &'s [u8],
    /// The byte-order mark's length (0 or 3): a span's offset plus this is the file's.
    shift: usize,
    /// A BAT CSV's records (the header first), found on first use.
    records: Option<Vec<Range<usize>>>,
}

/// The change of one fix (or of several that make the same change), before the edits of a
/// file are put in order.
struct Planned {
    source: SourceId,
    /// Its edits: ranges in the body (past the byte-order mark), and their bytes.
    edits: Vec<(Range<usize>, Vec<u8>)>,
    /// The findings it fixes.
    findings: Vec<usize>,
    /// The row it changes, in a BAT CSV (body offsets).
    row: Option<Range<usize>>,
}

/// What became of one item of an add.
enum Step {
    /// Its edits (body offsets, bytes), for these findings.
    Change { edits: Vec<(Range<usize>, String)>, findings: Vec<usize>, row: Option<Range<usize>> },
    /// Not added, and why.
    Decline { findings: Vec<usize>, reason: String },
}

/// The records list edits change, by name.
struct Records<'c> {
    users: HashMap<&'c str, &'c EndUser>,
    app_users: HashMap<&'c str, &'c AppUser>,
}

/// The state of one [`file_edits`] call.
struct Run<'a, 's> {
    source: &'a dyn Fn(SourceId) -> Option<Source<'s>>,
    opened: BTreeMap<SourceId, Result<Opened<'s>, String>>,
    planned: Vec<Planned>,
    declined: Vec<Declined>,
}

/// Why an edit whose bytes are not what uclint read is declined.
const MISMATCH: &str = "the export's bytes at the cell do not read as uclint read them";

/// Why a list read from an `AxlPartial` file is not extended.
const PARTIAL: &str =
    "the export shows this list only in part (an AXL list response or SQL rows), so it cannot be extended in place";

impl<'s> Run<'_, 's> {
    /// The source `id`, opened once.
    fn open(&mut self, id: SourceId) -> Result<&mut Opened<'s>, String> {
        let source = self.source;
        let opened = self.opened.entry(id).or_insert_with(|| match source(id) {
            Some(source) => open(source),
            None => Err("the export file it was read from is not available to rewrite".to_owned()),
        });
        opened.as_mut().map_err(|reason| reason.clone())
    }

    /// Plans the edit that sets the value read at `before` to `after`, spelled as the export
    /// spells the value it replaces ([`Value::spelled_like`]).
    fn plan_set(&mut self, before: &Spanned<Text>, after: &Value, finding: usize) -> Result<(), String> {
        let Span { source, start, end } = before.span;
        let range = start as usize..end as usize;
        let opened = self.open(source)?;
        let body = opened.body;
        if range.end > body.len() || range.is_empty() {
            return Err(MISMATCH.to_owned());
        }
        let (range, replacement, row) = match opened.source.form {
            SourceForm::BatCsv => {
                let row = opened.record_around(range.start).ok_or_else(|| MISMATCH.to_owned())?;
                let cells = csv::record_at(body, row.start).map(|r| r.cells).unwrap_or_default();
                let cell = cells.iter().find(|c| c.content == range).ok_or_else(|| MISMATCH.to_owned())?;
                let read = cell.value(body);
                if !same_value(&read, &before.value) {
                    return Err(MISMATCH.to_owned());
                }
                let (range, replacement) = set_cell(body, cell, &after.spelled_like(&read));
                (range, replacement, Some(row))
            }
            SourceForm::AxlGet | SourceForm::AxlPartial => {
                let (form, read) = xml::read_text(body, range.clone()).ok_or_else(|| MISMATCH.to_owned())?;
                if !same_value(&read, &before.value) {
                    return Err(MISMATCH.to_owned());
                }
                let text = xml::write_text(&after.spelled_like(&read), &form)
                    .ok_or_else(|| "the new value cannot be written inside the element's CDATA section".to_owned())?;
                (range, text, None)
            }
            SourceForm::Other => return Err(not_rewritten()),
        };
        let edits = vec![(range, replacement.into_bytes())];
        self.planned.push(Planned { source, edits, findings: vec![finding], row });
        Ok(())
    }

    /// Finds where an item is added: the source, the record (body offsets) and the list.
    fn locate_add(
        &mut self,
        records: &Records<'_>,
        object: &ObjectKey,
        list: List,
        item: &Text,
    ) -> Result<(SourceId, (usize, usize), ListKey), String> {
        let (span, items, key) = match object {
            ObjectKey::User(id) => {
                let user = records.users.get(id.as_str()).ok_or_else(absent)?;
                (user.span, user.list(list), ListKey::User(list))
            }
            ObjectKey::AppUser(name) => {
                let user = records.app_users.get(name.as_str()).ok_or_else(absent)?;
                (user.span, user.list(list), ListKey::AppUser(list))
            }
            _ => return Err(format!("{} is not a list uclint writes for this object", list.describe())),
        };
        if items.iter().any(|i| i.value == *item) {
            return Err("already there: the export's record lists it".to_owned());
        }
        if key == ListKey::User(List::ControlledProfiles) {
            // Ingest reads an end user's profiles from `phoneProfiles` (AXL) and `Profile
            // Available` associations (BAT): the profiles the user logs in to, which are not the
            // CTI controlled profiles this list names (`ctiControlledDeviceProfiles`).
            return Err("an end user's CTI controlled device profiles are not a list uclint reads from the export, \
                        so it does not write them"
                .to_owned());
        }
        let opened = self.open(span.source)?;
        let record = (span.start as usize, span.end as usize);
        if record.1 > opened.body.len() || record.0 >= record.1 {
            return Err(MISMATCH.to_owned());
        }
        match opened.source.form {
            SourceForm::BatCsv | SourceForm::AxlGet => Ok((span.source, record, key)),
            SourceForm::AxlPartial => Err(PARTIAL.to_owned()),
            SourceForm::Other => Err(not_rewritten()),
        }
    }

    /// Plans the edits that add `items` (each to a list, with its finding) to a record.
    fn plan_adds(&mut self, source: SourceId, record: Range<usize>, items: &[Add]) {
        // The same item asked for twice is added once, for both findings.
        let mut unique: Vec<(ListKey, Text, Vec<usize>)> = Vec::new();
        for (key, item, finding) in items {
            match unique.iter_mut().find(|(k, i, _)| k == key && i == item) {
                Some((_, _, findings)) => findings.push(*finding),
                None => unique.push((*key, item.clone(), vec![*finding])),
            }
        }
        let steps = match self.open(source) {
            Ok(opened) => match opened.source.form {
                SourceForm::BatCsv => bat_adds(opened.body, record, &unique),
                _ => xml_adds(opened.body, record, &unique),
            },
            Err(reason) => Err(reason),
        };
        let steps = steps.unwrap_or_else(|reason| {
            unique.into_iter().map(|(_, _, findings)| Step::Decline { findings, reason: reason.clone() }).collect()
        });
        for step in steps {
            match step {
                Step::Change { edits, findings, row } => {
                    let edits = edits.into_iter().map(|(range, text)| (range, text.into_bytes())).collect();
                    self.planned.push(Planned { source, edits, findings, row });
                }
                Step::Decline { findings, reason } => {
                    self.declined
                        .extend(findings.into_iter().map(|finding| Declined { finding, reason: reason.clone() }));
                }
            }
        }
    }

    /// Puts each file's edits in order, declines the fixes whose edits collide with those of a
    /// fix planned before them, and shifts offsets to the file's own.
    fn finish(mut self) -> FileEdits {
        let mut result = FileEdits::default();
        // The edits kept: (source, start) -> end; a fix is kept whole or not at all.
        let mut kept: BTreeMap<(SourceId, usize), usize> = BTreeMap::new();
        // A fix of one edit that another already makes is applied by it.
        let mut single: BTreeMap<(SourceId, usize, usize, Vec<u8>), usize> = BTreeMap::new();
        let mut changes: Vec<Planned> = Vec::new();
        for planned in std::mem::take(&mut self.planned) {
            let same = match planned.edits.as_slice() {
                [(range, replacement)] => Some((planned.source, range.start, range.end, replacement.clone())),
                _ => None,
            };
            if let Some(&at) = same.as_ref().and_then(|same| single.get(same)) {
                changes[at].findings.extend(planned.findings);
                continue;
            }
            if planned.edits.iter().any(|(range, _)| collides(&kept, planned.source, range)) {
                let reason = "another fix changes the same bytes of the export differently".to_owned();
                self.declined
                    .extend(planned.findings.into_iter().map(|finding| Declined { finding, reason: reason.clone() }));
                continue;
            }
            for (range, _) in &planned.edits {
                kept.insert((planned.source, range.start), range.end);
            }
            if let Some(same) = same {
                single.insert(same, changes.len());
            }
            changes.push(planned);
        }
        for planned in changes {
            let shift = self.opened.get(&planned.source).and_then(|o| o.as_ref().ok()).map_or(0, |o| o.shift);
            let moved = |r: &Range<usize>| r.start + shift..r.end + shift;
            let edits = result.files.entry(planned.source).or_default();
            edits.extend(
                planned
                    .edits
                    .iter()
                    .map(|(range, replacement)| ByteEdit { range: moved(range), replacement: replacement.clone() }),
            );
            if let Some(row) = &planned.row {
                result.rows.entry(planned.source).or_default().push(moved(row));
            }
            result.applied.extend(planned.findings);
        }
        for edits in result.files.values_mut() {
            edits.sort_by_key(|e| (e.range.start, e.range.end));
        }
        for rows in result.rows.values_mut() {
            rows.sort_by_key(|r| (r.start, r.end));
            rows.dedup();
        }
        // A finding both applied and declined (two fixes of one finding, never expected) counts
        // as declined: its change is not whole.
        result.declined = self.declined;
        result.declined.sort_by_key(|d| d.finding);
        result.declined.dedup_by_key(|d| d.finding);
        result.applied.sort_unstable();
        result.applied.dedup();
        let declined: Vec<usize> = result.declined.iter().map(|d| d.finding).collect();
        result.applied.retain(|f| declined.binary_search(f).is_err());
        result
    }
}

/// Whether an edit of `range` in `source` would touch the bytes of an edit kept: overlap it,
/// or share its start (two insertions at one offset, or an insertion where a replacement
/// starts, have no order of their own).
fn collides(kept: &BTreeMap<(SourceId, usize), usize>, source: SourceId, range: &Range<usize>) -> bool {
    let before = kept.range((source, 0)..=(source, range.start)).next_back();
    let after = kept.range((source, range.start)..=(source, usize::MAX)).next();
    before.is_some_and(|(&(_, start), &end)| start == range.start || end > range.start)
        || after.is_some_and(|(&(_, start), _)| start == range.start || start < range.end)
}

/// Whether the export's text `read` is the value a fix read there: the same, or the same but
/// for ASCII case (a check box the rule spells `false` where the file writes `False`).
fn same_value(read: &str, value: &str) -> bool {
    read == value || read.eq_ignore_ascii_case(value)
}

/// The reason of a fix to a record the model does not hold.
fn absent() -> String {
    "the object's record is not in the export".to_owned()
}

/// The reason of a fix to a file of a form uclint does not rewrite.
fn not_rewritten() -> String {
    "uclint rewrites BAT CSV files and AXL responses only, and this value was read from neither".to_owned()
}

/// Checks what a source's bytes allow: UTF-8, with or without a byte-order mark.
fn open(source: Source<'_>) -> Result<Opened<'_>, String> {
    let bytes = source.bytes;
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.starts_with(b"<\0?\0")
        || bytes.starts_with(b"\0<\0?");
    if utf16 {
        return Err("the file is UTF-16, whose offsets are not those uclint read; uclint rewrites UTF-8 files only \
                    (save it as UTF-8 to have it fixed)"
            .to_owned());
    }
    let shift = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &bytes[shift..];
    if std::str::from_utf8(body).is_err() {
        return Err("the file is not valid UTF-8, so uclint's offsets in it are not the file's".to_owned());
    }
    Ok(Opened { source, body, shift, records: None })
}

impl Opened<'_> {
    /// The record (row) of a BAT CSV that holds body offset `at`.
    fn record_around(&mut self, at: usize) -> Option<Range<usize>> {
        let body = self.body;
        let records = self.records.get_or_insert_with(|| csv::Records::new(body, 0).map(|r| r.range).collect());
        let after = records.partition_point(|r| r.start <= at);
        let record = records.get(after.checked_sub(1)?)?;
        // The header is no row.
        (after > 1 && at <= record.end).then(|| record.clone())
    }
}

/// The range and bytes that set `cell` to `value`: the value replaces the cell's text inside
/// the white space around it (and inside its quotes, doubling any quote); an unquoted cell that
/// needs quotes for it is replaced whole by the quoted value.
fn set_cell(body: &[u8], cell: &csv::Cell, value: &str) -> (Range<usize>, String) {
    let content = std::str::from_utf8(body.get(cell.content.clone()).unwrap_or_default()).unwrap_or_default();
    let lead = content.len() - content.trim_start().len();
    let inner = cell.content.start + lead..cell.content.start + lead + content.trim().len();
    if cell.quoted {
        (inner, value.replace('"', "\"\""))
    } else if csv::field(value) != value {
        (cell.raw.clone(), csv::field(value))
    } else {
        (inner, value.to_owned())
    }
}

/// The columns of a list in a BAT CSV (bat-export-14.0.md, formats.md §7, §8, and how
/// `uclint-ingest`'s `bat/end_users.rs` and `bat/app_users.rs` read them): the numbered group
/// the items go into, and the numbered group that says what each is, if the list has one.
///
/// - An end user's access control groups: `ACCESS CONTROL GROUP n` (`enduser.csv`).
/// - An application user's: `DIR GROUP NAME n` (`appuser.csv`).
/// - Controlled devices: `DEVICE NAME n` with `TYPE USER ASSOCIATION n` = `Cti Control In`
///   (both files; an end-user export without those columns has `CONTROLLED DEVICE n`).
/// - An application user's CTI controlled profiles: `DEVICE NAME n` with a `TYPE USER
///   ASSOCIATION n` that names a profile, spelled as another row of the same file spells it
///   (ingest reads any association naming a profile as one; formats.md does not give
///   appuser.csv's spelling, so none is made up).
fn list_columns(header: &csv::Header, key: ListKey) -> (&'static str, Option<&'static str>) {
    match key {
        ListKey::User(List::Groups) => ("access control group", None),
        ListKey::AppUser(List::Groups) => ("dir group name", None),
        ListKey::User(List::ControlledDevices) if header.group("device name").is_empty() => ("controlled device", None),
        ListKey::User(_) | ListKey::AppUser(_) => ("device name", Some("type user association")),
    }
}

/// The association a controlled device is marked with (formats.md §7, §8: [C]).
const CTI_CONTROL: &str = "Cti Control In";

/// The adds of `items` (each to a list) to the BAT row `record` (body offsets). Items go into
/// free columns in order; a column taken by one is not free for the next.
fn bat_adds(body: &[u8], record: Range<usize>, items: &[(ListKey, Text, Vec<usize>)]) -> Result<Vec<Step>, String> {
    let header = csv::Header::read(body).ok_or_else(|| MISMATCH.to_owned())?;
    let row = csv::record_at(body, record.start).filter(|r| r.range == record).ok_or_else(|| MISMATCH.to_owned())?;
    let mut taken: Vec<usize> = Vec::new();
    let steps = items
        .iter()
        .map(|(key, item, findings)| match bat_add(body, &header, &row, *key, item, &mut taken) {
            Ok(edits) => Step::Change { edits, findings: findings.clone(), row: Some(row.range.clone()) },
            Err(reason) => Step::Decline { findings: findings.clone(), reason },
        })
        .collect();
    Ok(steps)
}

/// The edits that add `item` to the list `key` of `row`, in the first member of the list's
/// columns whose cell (and companion cell) the row has empty and not `taken`.
fn bat_add(
    body: &[u8],
    header: &csv::Header,
    row: &csv::Record,
    key: ListKey,
    item: &str,
    taken: &mut Vec<usize>,
) -> Result<Vec<(Range<usize>, String)>, String> {
    let (base, companion) = list_columns(header, key);
    let members = header.group(base);
    // The companion column of each member, when the header has the group.
    let companions: Option<Vec<Option<usize>>> = companion
        .filter(|c| !header.group(c).is_empty())
        .map(|c| members.iter().map(|&(n, _)| header.numbered(c, n)).collect());
    let companion_value = match key {
        ListKey::AppUser(List::ControlledProfiles) => {
            let Some(companion) = companion.filter(|_| companions.is_some()) else {
                return Err("the file has no TYPE USER ASSOCIATION columns, so a profile added would be read as a \
                            device"
                    .to_owned());
            };
            Some(profile_spelling(body, header, companion).ok_or_else(|| {
                "no row of this file shows how it marks a CTI controlled profile (TYPE USER ASSOCIATION), so uclint \
                 does not guess it; add the profile on the Application User page"
                    .to_owned()
            })?)
        }
        _ => companions.as_ref().map(|_| CTI_CONTROL.to_owned()),
    };
    let cell = |col: usize| row.cells.get(col);
    let unset = |col: usize| cell(col).is_some_and(|c| c.is_unset(body));
    if members.iter().any(|&(_, col)| cell(col).is_some_and(|c| c.value(body) == item)) {
        return Err("already there: the export's row lists it".to_owned());
    }
    let free = members.iter().enumerate().find(|&(at, &(_, col))| {
        let companion_free = match companions.as_ref().map(|c| c.get(at).copied().flatten()) {
            Some(Some(c)) => unset(c),
            Some(None) => false,
            None => true,
        };
        !taken.contains(&col) && unset(col) && companion_free
    });
    let Some((at, &(_, col))) = free else {
        return Err(format!("the header has no free {} column in this row; BAT import needs one", base.to_uppercase()));
    };
    taken.push(col);
    let mut edits = Vec::new();
    if let Some(c) = cell(col) {
        edits.push((c.raw.clone(), csv::field(item)));
    }
    let companion_cell = companions.as_ref().and_then(|c| c.get(at).copied().flatten()).and_then(cell);
    if let (Some(c), Some(value)) = (companion_cell, &companion_value) {
        edits.push((c.raw.clone(), csv::field(value)));
    }
    Ok(edits)
}

/// How a file spells the association of a CTI controlled profile: the first `TYPE USER
/// ASSOCIATION n` cell of any row that names a profile, as written.
fn profile_spelling(body: &[u8], header: &csv::Header, base: &str) -> Option<String> {
    let cols: Vec<usize> = header.group(base).into_iter().map(|(_, c)| c).collect();
    csv::Records::new(body, header.end).find_map(|record| {
        cols.iter()
            .filter_map(|&c| record.cells.get(c))
            .map(|c| c.value(body))
            .find_map(|v| v.to_ascii_lowercase().contains("profile").then(|| v.into_owned()))
    })
}

/// The adds of `items` (each to a list) to the AXL record `record` (body offsets: from `<` of
/// its start tag to `>` of its end tag): one edit per list.
fn xml_adds(body: &[u8], record: Range<usize>, items: &[(ListKey, Text, Vec<usize>)]) -> Result<Vec<Step>, String> {
    let text = std::str::from_utf8(body).map_err(|_| MISMATCH.to_owned())?;
    let record_text = text.get(record.clone()).filter(|t| t.starts_with('<')).ok_or_else(|| MISMATCH.to_owned())?;
    let mut keys: Vec<ListKey> = items.iter().map(|(key, _, _)| *key).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut steps = Vec::new();
    for key in keys {
        let of_list: Vec<(&Text, &[usize])> =
            items.iter().filter(|(k, _, _)| *k == key).map(|(_, item, f)| (item, f.as_slice())).collect();
        let findings: Vec<usize> = of_list.iter().flat_map(|(_, f)| f.iter().copied()).collect();
        match xml_list_add(text, record.start, record_text, key, &of_list) {
            Ok(edit) => steps.push(Step::Change { edits: vec![edit], findings, row: None }),
            Err(reason) => steps.push(Step::Decline { findings, reason }),
        }
    }
    Ok(steps)
}

/// The edit that adds `items` to the list `key` of the record `record_text`, which starts at
/// `record_start` of `text`.
fn xml_list_add(
    text: &str,
    record_start: usize,
    record_text: &str,
    key: ListKey,
    items: &[(&Text, &[usize])],
) -> Result<(Range<usize>, String), String> {
    let (list, child) = match key {
        ListKey::User(List::Groups) | ListKey::AppUser(List::Groups) => ("associatedGroups", "userGroup"),
        ListKey::User(List::ControlledDevices) | ListKey::AppUser(List::ControlledDevices) => {
            ("associatedDevices", "device")
        }
        // updateAppUser's `ctiControlledDeviceProfiles/deviceProfile` (axl-updates.md); an end
        // user's are declined before this.
        ListKey::AppUser(List::ControlledProfiles) | ListKey::User(List::ControlledProfiles) => {
            ("ctiControlledDeviceProfiles", "deviceProfile")
        }
    };
    let found = xml::find_list(record_text, list)?;
    if found == xml::ListElement::Absent {
        return Err(format!("the response does not carry <{list}>, so the whole list is not known"));
    }
    let elements: Vec<String> = items
        .iter()
        .map(|(item, _)| {
            let item = quick_xml::escape::escape(item.as_str());
            match child {
                "userGroup" => format!("<userGroup><name>{item}</name></userGroup>"),
                _ => format!("<{child}>{item}</{child}>"),
            }
        })
        .collect();
    let indent = xml::indent_before(text, record_start);
    let (range, inserted) = xml::insert(record_text, indent, &found, &elements).ok_or_else(|| MISMATCH.to_owned())?;
    Ok((range.start + record_start..range.end + record_start, inserted))
}
