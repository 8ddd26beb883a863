//! The IO half of ingest: turns paths into named byte buffers.
//!
//! Directories are walked recursively in name order (hidden entries skipped); tars, recognised
//! by their `ustar` magic, are unpacked in memory and each member becomes an input named
//! `archive.tar!member`. Nothing is ever written to disk, so member names cannot escape.

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

/// Largest single file or member read (offsets in spans are 32-bit).
const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// Reads every path: a file, a directory (recursively) or a tar.
pub fn load(paths: &[PathBuf]) -> Vec<RawInput> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => load_file(entry.path(), &mut inputs),
                    Ok(_) => {}
                    Err(err) => {
                        let at = err.path().unwrap_or(path).display().to_string();
                        inputs.push(RawInput::failed(at, err));
                    }
                }
            }
        } else {
            load_file(path, &mut inputs);
        }
    }
    inputs
}

fn load_file(path: &Path, inputs: &mut Vec<RawInput>) {
    let display = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            inputs.push(RawInput::failed(display, format!("file is {} bytes; the limit is 4 GiB", meta.len())));
            return;
        }
        Err(err) => {
            inputs.push(RawInput::failed(display, err));
            return;
        }
        Ok(_) => {}
    }
    if let Err(err) = read_file(path, &display, inputs) {
        inputs.push(RawInput::failed(display, err));
    }
}

/// Reads a file, streaming a tar member by member so that the archive is never held in memory
/// beside its members.
fn read_file(path: &Path, display: &str, inputs: &mut Vec<RawInput>) -> std::io::Result<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(512);
    (&mut file).take(512).read_to_end(&mut head)?;
    if is_tar(&head) {
        let length = file.metadata().map_or(u64::MAX, |m| m.len());
        load_tar(display, std::io::BufReader::new(std::io::Cursor::new(head).chain(file)), length, inputs);
    } else {
        file.read_to_end(&mut head)?;
        inputs.push(RawInput { path: display.to_owned(), bytes: head, error: None });
    }
    Ok(())
}

/// One input's bytes as inputs: a tar's members (`name.tar!member`), or the bytes themselves.
pub fn expand(display: String, bytes: Vec<u8>) -> Vec<RawInput> {
    let mut inputs = Vec::new();
    if is_tar(&bytes) {
        load_tar(&display, bytes.as_slice(), bytes.len() as u64, &mut inputs);
    } else {
        inputs.push(RawInput { path: display, bytes, error: None });
    }
    inputs
}

/// POSIX and GNU tars carry `ustar` at offset 257.
fn is_tar(bytes: &[u8]) -> bool {
    bytes.get(257..262) == Some(b"ustar")
}

/// `length` is the archive's size: no member can be larger, whatever its header claims.
fn load_tar(display: &str, reader: impl std::io::Read, length: u64, inputs: &mut Vec<RawInput>) {
    let mut archive = tar::Archive::new(reader);
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(err) => return inputs.push(RawInput::failed(display.to_owned(), err)),
    };
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                inputs.push(RawInput::failed(display.to_owned(), format!("the tar is damaged: {err}")));
                return;
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let member = format!("{display}!{name}");
        let size = entry.header().size().unwrap_or(0);
        if size > MAX_FILE_BYTES {
            inputs.push(RawInput::failed(member, format!("member is {size} bytes; the limit is 4 GiB")));
            continue;
        }
        // The header's size is a claim: reserve no more than the archive holds, so that a
        // member is read without regrowing (and copying) its buffer.
        let mut data = Vec::with_capacity(size.min(length) as usize);
        match std::io::Read::read_to_end(&mut entry, &mut data) {
            Ok(_) => inputs.push(RawInput { path: member, bytes: data, error: None }),
            Err(err) => inputs.push(RawInput::failed(member, err)),
        }
    }
}
