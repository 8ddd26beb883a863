//! The IO half of ingest: turns paths into a list of inputs, each read when a parse worker
//! takes it, and read again when a report needs its text.
//!
//! Directories are walked recursively in name order (hidden entries skipped); tars, recognised
//! by their `ustar` magic, are listed member by member (each member is an input named
//! `archive.tar!member`, read from its offset in the archive). Nothing is ever written to disk,
//! so member names cannot escape.
//!
//! Listing first and reading later keeps only the files being parsed in memory, rather than the
//! whole export, and lets the reading of one file overlap the parsing of another.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

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
}

enum Origin {
    /// Bytes handed over in memory; they cannot be read a second time.
    Memory { bytes: Vec<u8>, error: Option<String> },
    /// A file on disk, of `size` bytes when it was listed.
    File { path: PathBuf, size: u64 },
    /// A member of a tar on disk: `size` bytes from `offset`.
    Member { archive: PathBuf, offset: u64, size: u64 },
}

impl From<RawInput> for Input {
    fn from(raw: RawInput) -> Self {
        Input { path: raw.path, origin: Origin::Memory { bytes: raw.bytes, error: raw.error } }
    }
}

impl Input {
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
            Origin::File { size, .. } | Origin::Member { size, .. } => *size,
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
                let mut file = std::fs::File::open(path)?;
                // Regular files say their size: read them into a buffer of that size, once.
                let size = file.metadata().map_or(0, |m| m.len());
                let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize);
                file.read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Origin::Member { archive, offset, size } => {
                let mut file = std::fs::File::open(archive)?;
                file.seek(SeekFrom::Start(*offset))?;
                let mut bytes = vec![0; *size as usize];
                file.read_exact(&mut bytes)?;
                Ok(bytes)
            }
        }
    }
}

/// Largest single file or member read (offsets in spans are 32-bit).
const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// Lists every path: a file, a directory (recursively) or a tar (member by member). Nothing is
/// read but the first block of each file (to tell tars) and the tars' headers.
pub fn list(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => list_file(entry.path(), &mut inputs),
                    Ok(_) => {}
                    Err(err) => {
                        let at = err.path().unwrap_or(path).display().to_string();
                        inputs.push(Input::failed(at, err));
                    }
                }
            }
        } else {
            list_file(path, &mut inputs);
        }
    }
    inputs
}

fn list_file(path: &Path, inputs: &mut Vec<Input>) {
    let display = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            inputs.push(Input::failed(display, format!("file is {} bytes; the limit is 4 GiB", meta.len())));
        }
        Ok(meta) => {
            if let Err(err) = list_tar_or_file(path, &display, meta.len(), inputs) {
                inputs.push(Input::failed(display, err));
            }
        }
        Err(err) => inputs.push(Input::failed(display, err)),
    }
}

fn list_tar_or_file(path: &Path, display: &str, length: u64, inputs: &mut Vec<Input>) -> std::io::Result<()> {
    let mut file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(512);
    (&mut file).take(512).read_to_end(&mut head)?;
    if !is_tar(&head) {
        inputs.push(Input { path: display.to_owned(), origin: Origin::File { path: path.to_owned(), size: length } });
        return Ok(());
    }
    file.rewind()?;
    let members = list_tar(display, std::io::BufReader::new(file), length);
    inputs.extend(members.into_iter().map(|member| match member {
        Ok((path_in_tar, offset, size)) => {
            Input { path: path_in_tar, origin: Origin::Member { archive: path.to_owned(), offset, size } }
        }
        Err(failed) => failed,
    }));
    Ok(())
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
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let offset = entry.raw_file_position();
        let size = entry.size();
        let is_file = entry.header().entry_type().is_file();
        if is_file {
            let member = format!("{display}!{name}");
            if size > MAX_FILE_BYTES {
                members.push(Err(Input::failed(member, format!("member is {size} bytes; the limit is 4 GiB"))));
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
