//! Compressed inputs: gzip streams (a `.tar.gz`/`.tgz`, or one file such as `phone.csv.gz`)
//! and zip archives, recognised by their magic bytes, never by their names; and the other
//! compressions an export may come in, recognised so that they can be refused with a reason.
//!
//! This module reads formats, not files: it is given readers (and a way to open one again) and
//! gives back what they hold, as member names with what to read them by, or as [`Refused`]
//! members. `load.rs`, the only IO, opens the files and makes inputs of what is listed here, so
//! that this module depends on nothing of its parent's but the [`limits`](super::limits) and
//! how a [`name`](super::name) is shown.
//!
//! Every limit of a plain tar holds for the **decompressed** bytes, counted as they come out
//! of the decompressor, whatever the headers claim: no member over
//! [`MAX_FILE_BYTES`](super::limits::MAX_FILE_BYTES), no archive over
//! [`MAX_ARCHIVE_BYTES`](super::limits::MAX_ARCHIVE_BYTES). A gzip or zip bomb stops at the
//! limit with an INPUT001 error that names it, and no buffer is ever sized from a claim beyond
//! what the compressed bytes could hold (deflate expands at most about 1032 times). Nothing is
//! written to disk, so member names (`../`, absolute, non-UTF-8) are only names.
//!
//! - **zip**: the central directory is read when the archive is listed; each regular member
//!   is an input `archive.zip!member`, read (decompressed, its CRC checked) by the worker that
//!   parses it and read again by index for a report's snippets. Members share the listed
//!   directory and each read goes through a clone of the archive's reader (`load.rs` gives one
//!   that opens the archive anew for each clone), so reads in parallel need no lock and never
//!   list the archive again. Only stored and deflate members are read; an encrypted member, or
//!   one compressed another way, is INPUT001 and the others are still read. Directories are
//!   skipped and links and special files are not read, as in a tar. A member may hold no more
//!   than its header declares: the declared sizes are bounded (each, and their sum) when
//!   listing, and each read stops one byte past its declared size.
//! - **gzip** (several members concatenated are one stream, as gzip itself reads them): the
//!   first 512 decompressed bytes say whether it holds a tar. A file (`phone.csv.gz`) is one
//!   input named `phone.csv.gz!phone.csv` (the name less `.gz`, so that a BAT member's name is
//!   still recognised), decompressed when a worker reads it and again to be read back. A tar
//!   cannot be read member by member from the middle of a gzip stream, so a `.tar.gz` is
//!   decompressed once, when it is listed, and its regular members are kept in memory: a
//!   `.tar.gz` costs its decompressed members' size in memory for the whole run (they are the
//!   only copy to read back from), where a plain tar costs only the files being parsed. The
//!   alternative, decompressing the stream again for each member read back, would be
//!   quadratic in the archive's size; for the largest exports, give the plain tar.
//! - bzip2, xz, zstd, 7z and rar are INPUT001 with "decompress it first".

use std::io::{Read, Seek};
use std::sync::Arc;

use super::limits::{too_large, Limits};
use super::name::display_bytes;

/// How much deflate can expand its input, at most (a run of 258 bytes from one 2-bit code
/// pair, about 1032:1): the most bytes a compressed member can honestly decompress to, so
/// that no buffer is sized from a header's claim beyond that.
const MAX_DEFLATE_RATIO: u64 = 1032;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Magic {
    /// A POSIX or GNU tar (`ustar` at offset 257).
    Tar,
    /// A gzip stream (`1f 8b`).
    Gzip,
    /// A zip archive (`PK\3\4`, or `PK\5\6` for an empty one).
    Zip,
    /// Another compression or archive format, which uclint does not read: its name.
    Unsupported(&'static str),
    /// Anything else: a file to parse.
    Plain,
}

/// Recognises a file by its first bytes (up to 512).
pub(crate) fn magic(head: &[u8]) -> Magic {
    const OTHERS: [(&[u8], &str); 5] = [
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7z archive"),
        (b"Rar!\x1A\x07", "a rar archive"),
    ];
    if head.get(257..262) == Some(b"ustar") {
        Magic::Tar
    } else if head.starts_with(b"\x1F\x8B") {
        Magic::Gzip
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Magic::Zip
    } else if let Some((_, name)) = OTHERS.iter().find(|(magic, _)| head.starts_with(magic)) {
        Magic::Unsupported(name)
    } else {
        Magic::Plain
    }
}

/// Why a file compressed another way is not read.
pub(crate) fn unsupported(name: &str) -> String {
    format!("{name}: decompress it first (uclint reads tars, gzip and zip, and the files themselves)")
}

/// A member, or a whole archive, that is listed but not read: its display path and why (an
/// INPUT001 error, once `load.rs` has made it an input).
pub(crate) struct Refused {
    /// Display path: `archive!member`, or the archive's own.
    pub(crate) path: String,
    /// Why it is not read.
    pub(crate) reason: String,
}

impl Refused {
    fn new(path: String, reason: impl ToString) -> Self {
        Refused { path, reason: reason.to_string() }
    }
}

/// Reads `reader` to its end into a buffer of at most `capacity` bytes to start with, unless it
/// holds more than `limit` bytes: then `Ok(None)`, having read one byte past the limit and no
/// more.
fn read_limited(reader: impl Read, limit: u64, capacity: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(capacity.min(limit) as usize);
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Why a gzip stream or zip member that decompresses past a limit is not read.
fn bomb(what: &str, limit: u64) -> String {
    format!(
        "{what} decompresses to more than {}; uclint reads no file or archive member over 1 GiB and no archive over \
         4 GiB, counted as decompressed (a megacluster's export is a fraction of that), so it was not read",
        size_text(limit)
    )
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else {
        format!("{bytes} bytes")
    }
}

// ---------------------------------------------------------------------------------------------
// zip

/// What is known of one zip member when listed, to read it later.
#[derive(Clone)]
pub(crate) struct ZipMember<R> {
    pub(crate) archive: zip::ZipArchive<R>,
    pub(crate) index: usize,
    /// The uncompressed size its header declares.
    pub(crate) size: u64,
    compressed: u64,
}

impl<R: Read + Seek + Clone> ZipMember<R> {
    /// Decompresses the member (checking its CRC), never past its declared size.
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        let mut archive = self.archive.clone();
        let member = archive.by_index(self.index).map_err(std::io::Error::other)?;
        let capacity = self.compressed.saturating_mul(MAX_DEFLATE_RATIO).saturating_add(1024).min(self.size);
        match read_limited(member, self.size, capacity) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(std::io::Error::other(format!(
                "the member decompresses to more than the {} bytes its header declares, so it was not read",
                self.size
            ))),
            Err(err) => Err(std::io::Error::other(format!("the zip member is damaged: {err}"))),
        }
    }
}

/// Lists a zip archive's regular members as (display path, member) or refused ones, in the
/// archive's order: directories skipped, links and special files not read, encrypted members
/// and methods other than stored and deflate refused, and sizes bounded by `limits` as the
/// headers declare them (each read then stops past its declared size).
pub(crate) fn list_zip<R: Read + Seek + Clone>(
    display: &str,
    reader: R,
    limits: Limits,
) -> Vec<Result<(String, ZipMember<R>), Refused>> {
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(archive) => archive,
        Err(err) => return vec![Err(Refused::new(display.to_owned(), format!("the zip archive is damaged: {err}")))],
    };
    let mut members = Vec::new();
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let listed = archive.clone();
        let entry = match archive.by_index_raw(index) {
            Ok(entry) => entry,
            Err(err) => {
                // The directory names it; its local header is what is damaged.
                let name = listed.name_for_index(index).unwrap_or_default();
                let member = format!("{display}!{}", display_bytes(name.as_bytes()));
                members.push(Err(Refused::new(member, format!("the zip member is damaged: {err}"))));
                continue;
            }
        };
        if entry.is_dir() || !is_regular(entry.unix_mode()) {
            continue;
        }
        let name = format!("{display}!{}", display_bytes(entry.name().as_bytes()));
        let size = entry.size();
        let refused = if entry.encrypted() {
            Some("the member is encrypted; uclint reads no encrypted member (export it without a password)".to_owned())
        } else if !matches!(entry.compression(), zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated) {
            Some(format!(
                "the member is compressed with {:?}, which uclint does not read (only stored and deflate members are \
                 read): decompress it first",
                entry.compression()
            ))
        } else if size > limits.file {
            Some(too_large("member", Some(size)))
        } else {
            None
        };
        if let Some(message) = refused {
            members.push(Err(Refused::new(name, message)));
            continue;
        }
        declared = declared.saturating_add(size);
        if declared > limits.archive {
            members.push(Err(Refused::new(display.to_owned(), bomb("the zip archive", limits.archive))));
            break;
        }
        let compressed = entry.compressed_size();
        members.push(Ok((name, ZipMember { archive: listed, index, size, compressed })));
    }
    members
}

/// Whether a zip member's Unix mode, if it has one, is a regular file's.
fn is_regular(mode: Option<u32>) -> bool {
    const S_IFMT: u32 = 0o170_000;
    mode.is_none_or(|mode| matches!(mode & S_IFMT, 0 | 0o100_000))
}

// ---------------------------------------------------------------------------------------------
// gzip

/// A reader that fails once more than `left` bytes have come through, and says so in `hit`
/// (errors that pass through the tar reader lose their type).
struct Capped<R> {
    inner: R,
    left: u64,
    hit: Arc<std::sync::atomic::AtomicBool>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // Past the cap only if there is more.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.hit.store(true, std::sync::atomic::Ordering::Relaxed);
            return Err(std::io::Error::other("over the limit"));
        }
        let max = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..max])?;
        self.left -= read as u64;
        Ok(read)
    }
}

/// A member of a gzip-compressed tar as listed: (display path, offset in the tar, bytes), or
/// refused.
type Inflated = Result<(String, u64, Vec<u8>), Refused>;

/// What a gzip stream holds, as listed.
pub(crate) enum Gzip {
    /// A tar: its regular members, or refused ones.
    Tar(Vec<Inflated>),
    /// One file, to read when a worker takes it.
    File,
}

/// Looks into a gzip stream: a tar is read whole now, member by member, within `limits`
/// (counted on the decompressed stream); anything else is one file. `compressed` is the
/// stream's size, which bounds how large a buffer any member can honestly need.
pub(crate) fn list_gzip<'a>(
    display: &str,
    mut open: impl FnMut() -> std::io::Result<Box<dyn Read + 'a>>,
    compressed: u64,
    limits: Limits,
) -> Gzip {
    let mut head = Vec::with_capacity(512);
    let peeked = open().and_then(|reader| flate2::read::MultiGzDecoder::new(reader).take(512).read_to_end(&mut head));
    // A stream that cannot even give its first block is reported when it is read as a file.
    if peeked.is_err() || magic(&head) != Magic::Tar {
        return Gzip::File;
    }
    let reader = match open() {
        Ok(reader) => reader,
        Err(err) => return Gzip::Tar(vec![Err(Refused::new(display.to_owned(), err))]),
    };
    let hit = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let capped =
        Capped { inner: flate2::read::MultiGzDecoder::new(reader), left: limits.archive, hit: Arc::clone(&hit) };
    let mut members = Vec::new();
    let mut archive = tar::Archive::new(capped);
    let damaged = |err: &dyn std::fmt::Display| {
        if hit.load(std::sync::atomic::Ordering::Relaxed) {
            Refused::new(display.to_owned(), bomb("the gzip stream", limits.archive))
        } else {
            Refused::new(display.to_owned(), format!("the compressed tar is damaged: {err}"))
        }
    };
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(err) => return Gzip::Tar(vec![Err(damaged(&err))]),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                members.push(Err(damaged(&err)));
                break;
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = format!("{display}!{}", display_bytes(&entry.path_bytes()));
        let size = entry.size();
        if size > limits.file {
            members.push(Err(Refused::new(name, too_large("member", Some(size)))));
            continue;
        }
        let offset = entry.raw_file_position();
        let capacity = compressed.saturating_mul(MAX_DEFLATE_RATIO);
        match read_limited(entry, size, capacity) {
            Ok(Some(bytes)) if bytes.len() as u64 == size => members.push(Ok((name, offset, bytes))),
            Ok(_) => {
                members.push(Err(damaged(&format!("it ends inside member `{name}`"))));
                break;
            }
            Err(err) => {
                members.push(Err(damaged(&err)));
                break;
            }
        }
    }
    Gzip::Tar(members)
}

/// Decompresses a gzip stream holding one file, within `limit`.
pub(crate) fn read_gzip_file(reader: impl Read, compressed: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let capacity = compressed.saturating_mul(MAX_DEFLATE_RATIO);
    match read_limited(flate2::read::MultiGzDecoder::new(reader), limit, capacity) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(std::io::Error::other(bomb("the gzip stream", limit))),
        Err(err) => Err(std::io::Error::other(format!("the gzip stream is damaged: {err}"))),
    }
}

/// The name of the one file in a gzip stream: the stream's own name less `.gz` (or `.gzip`),
/// so that `phone.csv.gz` holds `phone.csv`; the last component only.
pub(crate) fn gzip_member_name(display: &str) -> &str {
    let name = display.rsplit(['/', '!']).next().unwrap_or(display);
    let lower = name.to_ascii_lowercase();
    for suffix in [".gz", ".gzip"] {
        if lower.len() > suffix.len() && lower.ends_with(suffix) {
            return &name[..name.len() - suffix.len()];
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// A tar of `(name, data)` members.
    fn tar(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, data) in members {
            let mut header = tar::Header::new_ustar();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, *data).unwrap();
        }
        builder.into_inner().unwrap()
    }

    fn opener(bytes: Vec<u8>) -> impl FnMut() -> std::io::Result<Box<dyn Read>> {
        move || Ok(Box::new(std::io::Cursor::new(bytes.clone())) as Box<dyn Read>)
    }

    #[test]
    fn magic_bytes_decide_not_names() {
        assert_eq!(magic(b"\x1F\x8B\x08"), Magic::Gzip);
        assert_eq!(magic(b"PK\x03\x04rest"), Magic::Zip);
        assert_eq!(magic(b"PK\x05\x06"), Magic::Zip);
        assert_eq!(magic(b"BZh91AY"), Magic::Unsupported("a bzip2 archive"));
        assert_eq!(magic(b"\xFD7zXZ\x00\x00"), Magic::Unsupported("an xz archive"));
        assert_eq!(magic(b"\x28\xB5\x2F\xFD"), Magic::Unsupported("a zstd archive"));
        assert_eq!(magic(b"7z\xBC\xAF\x27\x1C"), Magic::Unsupported("a 7z archive"));
        assert_eq!(magic(b"Rar!\x1A\x07\x00"), Magic::Unsupported("a rar archive"));
        assert_eq!(magic(b"Device Name,PK"), Magic::Plain);
        assert_eq!(magic(&tar(&[("a", b"x")])), Magic::Tar);
    }

    #[test]
    fn the_one_file_of_a_gzip_stream_is_named_after_it() {
        assert_eq!(gzip_member_name("exports/phone.csv.gz"), "phone.csv");
        assert_eq!(gzip_member_name("a.tar!phone.csv.GZ"), "phone.csv");
        assert_eq!(gzip_member_name("x.gzip"), "x");
        assert_eq!(gzip_member_name("dir/data"), "data");
        assert_eq!(gzip_member_name(".gz"), ".gz");
    }

    #[test]
    fn a_gzip_bomb_stops_one_byte_past_the_limit() {
        // 16 MiB of zeros compress to about 16 KiB; with a 1 MiB limit the read stops there.
        let zeros = vec![0u8; 16 << 20];
        let compressed = gzip(&zeros);
        drop(zeros);
        assert!(compressed.len() < 1 << 15);
        let err = read_gzip_file(compressed.as_slice(), compressed.len() as u64, 1 << 20).unwrap_err();
        assert!(err.to_string().contains("decompresses to more than 1048576 bytes"), "{err}");
        // Within the limit it is read whole.
        let small = gzip(b"Device Name\nSEP1\n");
        assert_eq!(read_gzip_file(small.as_slice(), small.len() as u64, 1 << 20).unwrap(), b"Device Name\nSEP1\n");
    }

    #[test]
    fn a_gzip_tar_bomb_stops_at_the_archive_limit_and_keeps_earlier_members() {
        let big = vec![b'a'; 8 << 20];
        let bytes = gzip(&tar(&[("phone.csv", b"Device Name\nSEP1\n"), ("big.csv", &big), ("late.csv", b"x")]));
        let limits = Limits { file: 16 << 20, archive: 1 << 20 };
        let Gzip::Tar(members) = list_gzip("x.tgz", opener(bytes), 1 << 10, limits) else { panic!("a tar") };
        let outcome: Vec<String> = members
            .into_iter()
            .map(|m| match m {
                Ok((name, _, bytes)) => format!("{name} {}", bytes.len()),
                Err(refused) => format!("{} {}", refused.path, refused.reason),
            })
            .collect();
        assert_eq!(outcome.len(), 2, "{outcome:?}");
        assert_eq!(outcome[0], "x.tgz!phone.csv 17");
        assert!(outcome[1].starts_with("x.tgz the gzip stream decompresses to more than 1048576 bytes"), "{outcome:?}");
    }

    #[test]
    fn a_gzip_tar_member_over_the_file_limit_is_refused_and_later_ones_read() {
        let big = vec![b'a'; 3 << 20];
        let bytes = gzip(&tar(&[("big.csv", &big), ("phone.csv", b"Device Name\n")]));
        let limits = Limits { file: 1 << 20, archive: 16 << 20 };
        let Gzip::Tar(members) = list_gzip("x.tgz", opener(bytes), 1 << 10, limits) else { panic!("a tar") };
        let names: Vec<String> =
            members.iter().map(|m| m.as_ref().map_or_else(|f| format!("failed {}", f.path), |m| m.0.clone())).collect();
        assert_eq!(names, ["failed x.tgz!big.csv", "x.tgz!phone.csv"]);
    }

    #[test]
    fn a_gzip_stream_of_one_file_is_a_file() {
        let bytes = gzip(b"Device Name\nSEP1\n");
        assert!(matches!(list_gzip("p.csv.gz", opener(bytes), 40, Limits::DEFAULT), Gzip::File));
    }

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in entries {
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_members_over_the_limits_declared_are_refused_without_reading() {
        let a = vec![b'a'; 3000];
        let bytes = zip_of(&[("one.csv", &a), ("two.csv", &a), ("three.csv", &a)], zip::CompressionMethod::Stored);
        let limits = Limits { file: 2500, archive: 1 << 20 };
        let members = list_zip("x.zip", std::io::Cursor::new(bytes.clone()), limits);
        assert!(members.iter().all(|m| m.is_err()));
        let limits = Limits { file: 4000, archive: 7000 };
        let members = list_zip("x.zip", std::io::Cursor::new(bytes), limits);
        let names: Vec<String> =
            members.iter().map(|m| m.as_ref().map_or_else(|f| format!("failed {}", f.path), |m| m.0.clone())).collect();
        assert_eq!(names, ["x.zip!one.csv", "x.zip!two.csv", "failed x.zip"]);
    }

    #[test]
    fn a_zip_member_that_holds_more_than_it_declares_stops_there() {
        // Deflate 1 MiB of zeros, then lower the declared size (local and central headers)
        // to 100 bytes: the reader must stop at 101 bytes, not inflate the megabyte.
        let zeros = vec![0u8; 1 << 20];
        let mut bytes = zip_of(&[("bomb.csv", &zeros)], zip::CompressionMethod::Deflated);
        let size = (1u32 << 20).to_le_bytes();
        let mut patched = 0;
        for at in 0..bytes.len() - 4 {
            if bytes[at..at + 4] == size {
                bytes[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "the uncompressed size in the local and central headers");
        let members = list_zip("x.zip", std::io::Cursor::new(bytes), Limits::DEFAULT);
        let [Ok((_, member))] = members.as_slice() else { panic!("one member") };
        assert_eq!(member.size, 100);
        let err = member.read().unwrap_err().to_string();
        assert!(err.contains("100"), "{err}");
    }
}
