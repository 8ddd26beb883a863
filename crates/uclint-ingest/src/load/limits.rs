//! How much of an export is read: the size limits on files, members and archives, and the
//! message that refuses what is over them.
//!
//! A module of its own so that both `load.rs` (files and tars on disk) and `load/archive.rs`
//! (gzip and zip, counted on the decompressed bytes) hold to the same limits and say the same
//! thing when refusing, without either depending on the other's items.

/// The largest file or tar member read: 1 GiB. A megacluster's largest file is a fraction of
/// that (the synthetic megacluster's whole BAT tar is 181 MiB, and its 715 MiB of AXL responses
/// come in many files), and each file is held in memory while it is parsed, with the model
/// beside it; span offsets are 32-bit, so nothing over 4 GiB could be read anyway.
pub(crate) const MAX_FILE_BYTES: u64 = 1 << 30;

/// The largest tar archive listed: 4 GiB. Only its members are read (each within
/// [`MAX_FILE_BYTES`]); the archive itself is read header by header.
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 4 << 30;

/// The limits of one archive: per member and for the whole of it, in decompressed bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The largest member read.
    pub(crate) file: u64,
    /// The most bytes the whole archive may hold.
    pub(crate) archive: u64,
}

impl Limits {
    /// The limits every run uses.
    pub(crate) const DEFAULT: Limits = Limits { file: MAX_FILE_BYTES, archive: MAX_ARCHIVE_BYTES };
}

/// Why a file, member or tar of `size` bytes (unknown when it grew while being read) is not
/// read. `what` is "file", "member" or the kind of archive ("tar", "zip archive", "gzip
/// file").
pub(crate) fn too_large(what: &str, size: Option<u64>) -> String {
    let size = size.map_or_else(|| "more than 1 GiB".to_owned(), |size| format!("{size} bytes"));
    let limit = if matches!(what, "file" | "member") {
        "reads no file or tar member over 1 GiB".to_owned()
    } else {
        format!("reads no {what} over 4 GiB")
    };
    format!(
        "the {what} is {size}; uclint {limit} (a megacluster's largest export file is a fraction of that), so it \
         was not read"
    )
}
