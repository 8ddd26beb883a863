//! The IO half of ingest: turns paths into a list of inputs, each read when a parse worker
//! takes it, and read again when a report needs its text.
//!
//! Directories are walked recursively in name order (hidden entries skipped); tars, recognised
//! by their `ustar` magic, are listed member by member (each member is an input named
//! `archive.tar!member`, read from its offset in the archive). gzip streams and zip archives,
//! also known by their magic bytes, are listed the same way ([`archive`]: `x.zip!member`,
//! `x.tar.gz!member`, `x.csv.gz!x.csv`), within the same limits counted on the decompressed
//! bytes; other compressions are refused with "decompress it first". Nothing is ever written
//! to disk, so member names cannot escape.
//!
//! Listing first and reading later keeps only the files being parsed in memory, rather than the
//! whole export, and lets the reading of one file overlap the parsing of another.
//!
//! Only regular files are read. A device, FIFO or socket, given as a path or met in a directory,
//! is reported (INPUT001) and never opened: `/dev/zero` would be read until memory ran out and a
//! FIFO would block forever. A symbolic link given as a path, or met in a directory, is followed
//! to the regular file it names; a link to a directory is followed only when given as a path
//! (a walk does not follow them, so no link can make it loop), and a link that loops or leads
//! nowhere is reported. Every read is bounded: no file or member over [`MAX_FILE_BYTES`] is
//! read, whatever it claims or grows to while it is read ([`limits`]).
//!
//! Every input has a display path of its own ([`order`]): file names that are not UTF-8 show
//! their bytes as `\xNN`, and two inputs that would still show the same path (a file literally
//! named `x.tar!phone.csv` beside the member `phone.csv` of `x.tar`) are told apart by what they
//! are, never by the order the paths were given in.
//!
//! The modules below are leaves that open no file: [`archive`] reads the compressed formats from
//! the readers this module opens, and [`limits`] and [`name`] are what this module and
//! [`archive`] share, so that neither depends on the other's items.

mod archive;
mod limits;
mod name;

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use archive::{Gzip, Magic, Refused, ZipMember};
use limits::{too_large, Limits, MAX_ARCHIVE_BYTES, MAX_FILE_BYTES};
use name::display_bytes;

pub use name::display_path;

/// One input file's bytes, or the reason it could not be read.
pub struct RawInput {
    /// Display path.
    pub path: String,
    /// The bytes (empty when `error` is set).
    pub bytes: Vec<u8>,
    /// Why the input could not be read.
    pub error: Option<String>,
}

impl RawInput {
    fn failed(path: String, error: impl ToString) -> Self {
        RawInput { path, bytes: Vec::new(), error: Some(error.to_string()) }
    }
}

/// One input: its display path and where its bytes are.
pub struct Input {
    /// Display path.
    pub path: String,
    origin: Origin,
    /// The positions, among the paths given to [`list`], of the paths this input was listed
    /// from (one, or more when two given paths hold the same file).
    pub(crate) given: Vec<usize>,
}

enum Origin {
    /// Bytes handed over in memory; they cannot be read a second time.
    Memory { bytes: Vec<u8>, error: Option<String> },
    /// A regular file on disk, of `size` bytes when it was listed.
    File { path: PathBuf, size: u64 },
    /// A member of a tar on disk: `size` bytes from `offset`.
    Member { archive: PathBuf, offset: u64, size: u64 },
    /// A member of a gzip-compressed tar on disk (at `offset` in the decompressed tar), held
    /// decompressed since the tar was listed ([`archive`]).
    Inflated { archive: PathBuf, offset: u64, bytes: Arc<Vec<u8>> },
    /// A gzip file on disk holding one file, `size` bytes compressed, decompressed when read.
    Gzip { path: PathBuf, size: u64 },
    /// A member of a zip archive on disk (the archive's path, for ordering).
    Zip(Box<ZipMember<Reopen>>, PathBuf),
}

impl Origin {
    /// What the input is, as bytes that differ for any two different inputs: the kind, then
    /// the file's path as the file system has it, or the archive's path and the member's offset,
    /// or the bytes given in memory. Inputs that show the same display path are ordered by it.
    fn identity(&self) -> (u8, &[u8], u64) {
        match self {
            // One archive is of one kind only: its members are told apart by where they are.
            Origin::Member { archive, offset, .. } | Origin::Inflated { archive, offset, .. } => {
                (0, archive.as_os_str().as_encoded_bytes(), *offset)
            }
            Origin::Zip(member, archive) => (0, archive.as_os_str().as_encoded_bytes(), member.index as u64),
            Origin::Gzip { path, .. } => (0, path.as_os_str().as_encoded_bytes(), 0),
            Origin::File { path, .. } => (1, path.as_os_str().as_encoded_bytes(), 0),
            Origin::Memory { bytes, error } => match error {
                Some(error) => (2, error.as_bytes(), 0),
                None => (3, bytes, 0),
            },
        }
    }
}

impl From<RawInput> for Input {
    fn from(raw: RawInput) -> Self {
        Input::new(raw.path, Origin::Memory { bytes: raw.bytes, error: raw.error })
    }
}

impl From<Refused> for Input {
    fn from(refused: Refused) -> Self {
        Input::failed(refused.path, refused.reason)
    }
}

impl Input {
    fn new(path: String, origin: Origin) -> Self {
        Input { path, origin, given: Vec::new() }
    }

    fn failed(path: String, error: impl ToString) -> Self {
        RawInput::failed(path, error).into()
    }

    /// Reads the input's bytes. In-memory bytes are handed over (and cannot be read again).
    pub(crate) fn read(&mut self) -> RawInput {
        let path = self.path.clone();
        let bytes = match &mut self.origin {
            Origin::Memory { bytes, error } => {
                return RawInput { path, bytes: std::mem::take(bytes), error: error.take() };
            }
            origin => origin.read(),
        };
        match bytes {
            Ok(bytes) => RawInput { path, bytes, error: None },
            Err(err) => RawInput::failed(path, err),
        }
    }

    /// The input's size in bytes (as listed), for scheduling the largest files first.
    pub fn size(&self) -> u64 {
        match &self.origin {
            Origin::Memory { bytes, .. } => bytes.len() as u64,
            Origin::File { size, .. } | Origin::Member { size, .. } | Origin::Gzip { size, .. } => *size,
            Origin::Inflated { bytes, .. } => bytes.len() as u64,
            Origin::Zip(member, _) => member.size,
        }
    }

    /// Whether the bytes can be read again (from disk).
    pub(crate) fn rereadable(&self) -> bool {
        !matches!(self.origin, Origin::Memory { .. })
    }

    /// Reads the bytes again from disk, for a report that needs the text back.
    pub(crate) fn reread(&self) -> std::io::Result<Vec<u8>> {
        self.origin.read()
    }
}

impl Origin {
    fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Origin::Memory { .. } => {
                Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "the bytes were given in memory"))
            }
            Origin::File { path, .. } => {
                let mut file = open_regular(path)?;
                // Regular files say their size: read them into a buffer of that size, once. A
                // file that grew past the limit since it was listed is read no further than that.
                let size = file.metadata().map_or(0, |m| m.len());
                let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize);
                (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
                if bytes.len() as u64 > MAX_FILE_BYTES {
                    return Err(std::io::Error::other(too_large("file", None)));
                }
                Ok(bytes)
            }
            Origin::Member { archive, offset, size } => {
                let mut file = open_regular(archive)?;
                file.seek(SeekFrom::Start(*offset))?;
                // Listed members are within the limit and within the archive (`list_tar`).
                let mut bytes = vec![0; (*size).min(MAX_FILE_BYTES) as usize];
                file.read_exact(&mut bytes)?;
                Ok(bytes)
            }
            Origin::Inflated { bytes, .. } => Ok(bytes.as_ref().clone()),
            Origin::Gzip { path, .. } => read_gzip_path(path),
            Origin::Zip(member, _) => member.read(),
        }
    }
}

/// Opens `path` for reading only if it is a regular file (after following symbolic links),
/// without blocking on a FIFO that was put in its place since it was listed.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO for reading waits for a writer without it. Reads from a
        // regular file never block, so it changes nothing else.
        options.custom_flags(0o4000);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(std::io::Error::other(not_regular(file_type)));
    }
    Ok(file)
}

/// Why a path that is neither a regular file nor a directory is not read.
fn not_regular(file_type: std::fs::FileType) -> String {
    let kind = describe(file_type);
    format!(
        "this is {kind}, not a regular file; uclint reads only regular files, directories and tars (an export \
         is never a device, FIFO or socket), so it was not opened"
    )
}

/// What kind of non-regular file `file_type` is, for messages.
fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

/// What a path given to [`list`] is, as listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// A directory; `empty` when it holds nothing at all (hidden entries are never listed).
    Directory {
        /// Whether it holds no entry, hidden or not.
        empty: bool,
    },
    /// A tar, listed member by member.
    Tar,
    /// A gzip stream holding a tar (`.tar.gz`, `.tgz`).
    GzipTar,
    /// A gzip stream holding one file (`phone.csv.gz`).
    Gzip,
    /// A zip archive.
    Zip,
    /// Anything else: one file (or what could not be opened).
    File,
}

/// Lists every path: a file, a directory (recursively) or an archive (member by member).
/// Nothing is read but the first block of each file (to tell archives), the tars' headers,
/// the zips' directories and a gzip-compressed tar (see `load/archive.rs`).
pub fn list(paths: &[PathBuf]) -> Vec<Input> {
    list_given(paths).0
}

/// [`list`], with what each path is; each input knows which paths it came from.
pub(crate) fn list_given(paths: &[PathBuf]) -> (Vec<Input>, Vec<PathKind>) {
    let mut inputs = Vec::new();
    let mut kinds = Vec::with_capacity(paths.len());
    for (given, path) in paths.iter().enumerate() {
        let first = inputs.len();
        let kind = if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                match entry {
                    // Directories are walked into; a link to one is not followed (see the module).
                    Ok(entry) if entry.file_type().is_dir() => {}
                    Ok(entry) if entry.path_is_symlink() && entry.path().is_dir() => {}
                    // Regular files, links to them, and whatever else is there, which `list_file`
                    // reports without opening it.
                    Ok(entry) => {
                        list_file(entry.path(), &mut inputs);
                    }
                    Err(err) => {
                        let at = display_path(err.path().unwrap_or(path));
                        inputs.push(Input::failed(at, err));
                    }
                }
            }
            let empty = std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none());
            PathKind::Directory { empty }
        } else {
            list_file(path, &mut inputs)
        };
        for input in &mut inputs[first..] {
            input.given.push(given);
        }
        kinds.push(kind);
    }
    (inputs, kinds)
}

fn list_file(path: &Path, inputs: &mut Vec<Input>) -> PathKind {
    let display = display_path(path);
    // `metadata` follows symbolic links: a link to a regular file is that file, and a link that
    // loops or leads nowhere is an error here.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => inputs.push(Input::failed(display, not_regular(meta.file_type()))),
        Ok(meta) => match list_archive_or_file(path, &display, meta.len(), inputs) {
            Ok(kind) => return kind,
            Err(err) => inputs.push(Input::failed(display, err)),
        },
        Err(err) => inputs.push(Input::failed(display, err)),
    }
    PathKind::File
}

fn list_archive_or_file(path: &Path, display: &str, length: u64, inputs: &mut Vec<Input>) -> std::io::Result<PathKind> {
    let mut file = open_regular(path)?;
    let mut head = Vec::with_capacity(512);
    (&mut file).take(512).read_to_end(&mut head)?;
    let magic = archive::magic(&head);
    let (kind, limit, what) = match magic {
        Magic::Tar => (PathKind::Tar, MAX_ARCHIVE_BYTES, "tar"),
        Magic::Gzip => (PathKind::Gzip, MAX_ARCHIVE_BYTES, "gzip file"),
        Magic::Zip => (PathKind::Zip, MAX_ARCHIVE_BYTES, "zip archive"),
        Magic::Unsupported(name) => {
            inputs.push(Input::failed(display.to_owned(), archive::unsupported(name)));
            return Ok(PathKind::File);
        }
        Magic::Plain => (PathKind::File, MAX_FILE_BYTES, "file"),
    };
    if length > limit {
        inputs.push(Input::failed(display.to_owned(), too_large(what, Some(length))));
        return Ok(kind);
    }
    match magic {
        Magic::Tar => {}
        Magic::Gzip => {
            drop(file);
            let tar = list_gzip_file(path, display, length, inputs);
            return Ok(if tar { PathKind::GzipTar } else { PathKind::Gzip });
        }
        Magic::Zip => {
            drop(file);
            list_zip_file(path, display, inputs);
            return Ok(kind);
        }
        _ => {
            inputs.push(Input::new(display.to_owned(), Origin::File { path: path.to_owned(), size: length }));
            return Ok(kind);
        }
    }
    file.rewind()?;
    let members = list_tar(display, std::io::BufReader::new(file), length);
    inputs.extend(members.into_iter().map(|member| match member {
        Ok((path_in_tar, offset, size)) => {
            Input::new(path_in_tar, Origin::Member { archive: path.to_owned(), offset, size })
        }
        Err(failed) => failed,
    }));
    Ok(kind)
}

/// One input's bytes as inputs: a tar's members (`name.tar!member`), or the bytes themselves.
pub fn expand(display: String, bytes: Vec<u8>) -> Vec<RawInput> {
    if !is_tar(&bytes) {
        return vec![RawInput { path: display, bytes, error: None }];
    }
    list_tar(&display, std::io::Cursor::new(bytes.as_slice()), bytes.len() as u64)
        .into_iter()
        .map(|member| match member {
            Ok((path, offset, size)) => {
                RawInput { path, bytes: bytes[offset as usize..(offset + size) as usize].to_vec(), error: None }
            }
            Err(mut failed) => failed.read(),
        })
        .collect()
}

/// POSIX and GNU tars carry `ustar` at offset 257.
fn is_tar(bytes: &[u8]) -> bool {
    bytes.get(257..262) == Some(b"ustar")
}

/// A tar's regular members as (display path, offset of the data, size), skipping over the
/// data; a member that cannot be read, or the archive once it is found damaged, as a failed
/// input. `length` is the archive's size: no member can run past it, whatever its header claims.
fn list_tar(display: &str, reader: impl Read + Seek, length: u64) -> Vec<Result<(String, u64, u64), Input>> {
    let mut members = Vec::new();
    let mut archive = tar::Archive::new(reader);
    let entries = match archive.entries_with_seek() {
        Ok(entries) => entries,
        Err(err) => return vec![Err(Input::failed(display.to_owned(), err))],
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                members.push(Err(Input::failed(display.to_owned(), format!("the tar is damaged: {err}"))));
                break;
            }
        };
        let name = display_bytes(&entry.path_bytes());
        let offset = entry.raw_file_position();
        let size = entry.size();
        let is_file = entry.header().entry_type().is_file();
        if is_file {
            let member = format!("{display}!{name}");
            if size > MAX_FILE_BYTES {
                members.push(Err(Input::failed(member, too_large("member", Some(size)))));
            } else if offset + size <= length {
                members.push(Ok((member, offset, size)));
            }
        }
        // A member's data and its padding to the next 512-byte block must fit in the archive;
        // skipping over them with seeks would not notice a tar cut short.
        let end = offset.saturating_add(size.div_ceil(512).saturating_mul(512));
        if end > length {
            let message = format!(
                "the tar is damaged: it ends at byte {length}, inside member `{name}`, whose data and padding \
                 run to byte {end}"
            );
            members.push(Err(Input::failed(display.to_owned(), message)));
            break;
        }
    }
    members
}

// ---------------------------------------------------------------------------------------------
// Compressed archives on disk ([`archive`] reads their formats)

/// A file on disk that a clone reopens: each clone of a zip archive (one per member read, on
/// any worker) reads through a handle of its own, at the position it was cloned at.
struct Reopen {
    path: Arc<Path>,
    file: Option<std::fs::File>,
    position: u64,
}

impl Reopen {
    fn new(path: &Path) -> Reopen {
        Reopen { path: path.into(), file: None, position: 0 }
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        if self.file.is_none() {
            let mut file = open_regular(&self.path)?;
            file.seek(SeekFrom::Start(self.position))?;
            self.file = Some(file);
        }
        Ok(self.file.as_mut().expect("opened above"))
    }
}

impl Clone for Reopen {
    fn clone(&self) -> Self {
        Reopen { path: Arc::clone(&self.path), file: None, position: self.position }
    }
}

impl Read for Reopen {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.file()?.read(buf)?;
        self.position += read as u64;
        Ok(read)
    }
}

impl Seek for Reopen {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.position = self.file()?.seek(to)?;
        Ok(self.position)
    }
}

/// Lists a zip on disk.
fn list_zip_file(path: &Path, display: &str, inputs: &mut Vec<Input>) {
    inputs.extend(archive::list_zip(display, Reopen::new(path), Limits::DEFAULT).into_iter().map(|member| {
        member
            .map_or_else(Input::from, |(name, member)| Input::new(name, Origin::Zip(Box::new(member), path.to_owned())))
    }));
}

/// Lists a gzip file on disk: a tar's members, held decompressed ([`Origin::Inflated`]), or
/// the one file, decompressed when read ([`Origin::Gzip`]); says whether it holds a tar.
fn list_gzip_file(path: &Path, display: &str, length: u64, inputs: &mut Vec<Input>) -> bool {
    let open = || -> std::io::Result<Box<dyn Read>> { Ok(Box::new(std::io::BufReader::new(open_regular(path)?))) };
    match archive::list_gzip(display, open, length, Limits::DEFAULT) {
        Gzip::File => {
            let name = format!("{display}!{}", archive::gzip_member_name(display));
            inputs.push(Input::new(name, Origin::Gzip { path: path.to_owned(), size: length }));
            false
        }
        Gzip::Tar(members) => {
            inputs.extend(members.into_iter().map(|member| match member {
                Ok((name, offset, bytes)) => {
                    Input::new(name, Origin::Inflated { archive: path.to_owned(), offset, bytes: Arc::new(bytes) })
                }
                Err(refused) => refused.into(),
            }));
            true
        }
    }
}

/// Reads the one file of a gzip file on disk.
fn read_gzip_path(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let compressed = file.metadata().map_or(0, |m| m.len());
    archive::read_gzip_file(std::io::BufReader::new(file), compressed, MAX_FILE_BYTES)
}

/// Puts inputs in the order they are parsed and reported in, and makes their display paths
/// unique, so that neither the outcome nor any path in it depends on the order the paths were
/// given in: by display path, then by what each input is ([`Origin::identity`]). The same input
/// listed twice (a directory and a file in it, both given) is read once.
///
/// Two different inputs can still show the same path: a file literally named
/// `x.tar!phone.csv` beside the member `phone.csv` of `x.tar`, or a file named `a\xFF.csv`
/// beside one whose name has the byte 0xFF. The first of them in that order keeps the path
/// (a tar member sorts before a file, so a member keeps its name); a file among the others has
/// its `!` shown as `\!`, since `!` is what marks a member, and any input whose path is still
/// taken gets ` (2)`, ` (3)`, … after it.
pub(crate) fn order(inputs: &mut Vec<Input>) {
    let by_path_then_identity =
        |a: &Input, b: &Input| a.path.cmp(&b.path).then_with(|| a.origin.identity().cmp(&b.origin.identity()));
    inputs.sort_by(by_path_then_identity);
    inputs.dedup_by(|later, earlier| {
        let same = later.path == earlier.path && later.origin.identity() == earlier.origin.identity();
        if same {
            // Read once, on behalf of every path it was listed from.
            earlier.given.append(&mut later.given);
        }
        same
    });
    if inputs.windows(2).all(|pair| pair[0].path != pair[1].path) {
        return;
    }
    let mut taken: rustc_hash::FxHashSet<String> = inputs.iter().map(|input| input.path.clone()).collect();
    let mut index = 1;
    while index < inputs.len() {
        if inputs[index].path != inputs[index - 1].path {
            index += 1;
            continue;
        }
        // Every later input of this run of equal paths is renamed; the first keeps the path.
        let shared = inputs[index].path.clone();
        let mut run_end = index;
        while run_end < inputs.len() && inputs[run_end].path == shared {
            run_end += 1;
        }
        for input in &mut inputs[index..run_end] {
            let mut renamed = input.path.clone();
            if matches!(input.origin, Origin::File { .. }) && renamed.contains('!') {
                renamed = renamed.replace('!', "\\!");
            }
            if taken.contains(&renamed) {
                renamed =
                    (2..).map(|n| format!("{renamed} ({n})")).find(|name| !taken.contains(name)).unwrap_or_default();
            }
            taken.insert(renamed.clone());
            input.path = renamed;
        }
        index = run_end;
    }
    inputs.sort_by(by_path_then_identity);
}
