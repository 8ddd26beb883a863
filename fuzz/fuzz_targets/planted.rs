//! The secrets planted in seed exports, and whether an output shows one.
//!
//! The seeds' secrets are found without uclint's own idea of what is secret: every run of 32 or
//! more hex digits in a member's rows (in the lab-like and demo exports these are exactly the
//! password, PIN, digest and password-reverse cells; nothing else there is that long and all hex).
//! An output leaks one when it shows one of its pieces: every [`PIECE`] digits from its start,
//! and its last [`PIECE`], so any 31 of its digits in a row are caught.
//!
//! A mutation can copy part of a secret into a column that holds none, where uclint may rightly
//! show it. So a piece is checked only while its secret is still in place (under its member's
//! header line, after its row's cells, unchanged) and the input holds no other copy of it.
//! Whatever else changes (earlier rows broken by a stray quote, the member renamed, the archive
//! damaged), a secret in place must not be shown.

use memchr::memmem;

/// Hex digits in a row that make a piece of a secret: a leak of 31 digits or more always shows
/// a whole piece, and no shorter run of hex digits in the seeds or in uclint's own words
/// matches one.
pub const PIECE: usize = 16;

/// A secret a seed carries, and where.
struct Planted {
    /// Its member's first line, without the line break.
    header: Vec<u8>,
    /// A line break, its row up to it, and the secret.
    in_place: Vec<u8>,
    secret: Vec<u8>,
}

impl Planted {
    /// The pieces checked in the outputs: every [`PIECE`] digits from the start, and the last
    /// [`PIECE`].
    fn pieces(&self) -> impl Iterator<Item = &[u8]> {
        let len = self.secret.len();
        let starts = (0..=len - PIECE).step_by(PIECE).chain((!len.is_multiple_of(PIECE)).then_some(len - PIECE));
        starts.map(move |s| &self.secret[s..s + PIECE])
    }
}

/// Every secret of some seed exports.
pub struct Secrets(Vec<Planted>);

impl Secrets {
    /// The secrets of `seeds` (tars, or single files), each found as uclint lists a tar.
    pub fn of(seeds: &[&[u8]]) -> Self {
        let mut planted = Vec::new();
        for seed in seeds {
            for member in uclint_ingest::expand("seed.tar".to_owned(), seed.to_vec()) {
                let bytes = &member.bytes;
                let Some(header_end) = memchr::memchr(b'\n', bytes) else { continue };
                for (start, end) in hex_runs(bytes, 2 * PIECE) {
                    let Some(row_start) = memchr::memrchr(b'\n', &bytes[..start]) else { continue };
                    planted.push(Planted {
                        header: bytes[..header_end].to_vec(),
                        in_place: bytes[row_start..end].to_vec(),
                        secret: bytes[start..end].to_vec(),
                    });
                }
            }
        }
        Secrets(planted)
    }

    /// How many secrets there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The pieces `input` (an export built from the seeds) must not let through: those of each
    /// secret still in place, when every copy of the piece in the input is one of those.
    pub fn in_place(&self, input: &[u8]) -> Vec<&[u8]> {
        let members = uclint_ingest::expand("fuzz.tar".to_owned(), input.to_vec());
        let runs: Vec<&[u8]> = hex_runs(input, PIECE).map(|(s, e)| &input[s..e]).collect();
        let mut pieces = Vec::new();
        for planted in &self.0 {
            let in_place: usize = members
                .iter()
                .filter(|m| m.bytes.starts_with(&planted.header) && m.bytes.get(planted.header.len()) == Some(&b'\n'))
                .map(|m| memmem::find_iter(&m.bytes, &planted.in_place).count())
                .sum();
            if in_place == 0 {
                continue;
            }
            for piece in planted.pieces() {
                let copies: usize = runs.iter().map(|run| memmem::find_iter(run, piece).count()).sum();
                if copies == in_place {
                    pieces.push(piece);
                }
            }
        }
        pieces
    }
}

/// A run of hex digits in `text` that shows one of `pieces`.
pub fn leaked<'t>(text: &'t str, pieces: &[&[u8]]) -> Option<&'t str> {
    if pieces.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    hex_runs(bytes, PIECE)
        .find(|&(s, e)| pieces.iter().any(|piece| memmem::find(&bytes[s..e], piece).is_some()))
        .map(|(s, e)| &text[s..e])
}

/// The maximal runs of at least `min` (at least [`PIECE`]) hex digits, as byte ranges. Such a
/// run holds a multiple of [`PIECE`], so only every [`PIECE`]th byte is looked at until one is a
/// hex digit (the SARIF output alone is half a megabyte, and every byte comparison in a fuzz
/// target is instrumented).
fn hex_runs(bytes: &[u8], min: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    debug_assert!(min >= PIECE);
    let mut probe = 0;
    std::iter::from_fn(move || {
        while probe < bytes.len() {
            if !bytes[probe].is_ascii_hexdigit() {
                probe += PIECE;
                continue;
            }
            let start = bytes[..probe].iter().rposition(|b| !b.is_ascii_hexdigit()).map_or(0, |p| p + 1);
            let end = bytes[probe..].iter().position(|b| !b.is_ascii_hexdigit()).map_or(bytes.len(), |p| probe + p);
            probe = end.next_multiple_of(PIECE);
            if end - start >= min {
                return Some((start, end));
            }
        }
        None
    })
}
