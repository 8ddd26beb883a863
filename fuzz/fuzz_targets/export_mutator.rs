//! The `export_tar` target's mutator: whole exports changed member by member.
//!
//! An input is read as a tar ([`Archive`]) and one mutation is made to it: a member's bytes
//! (libFuzzer's own mutator, or a hostile token planted at a cell's start or a row's end), its
//! name (another member's, a known member's, long, or with `!`, `/`, `..`, NUL, control
//! characters or bytes that are not UTF-8 planted), its size field (short, long, huge, not a
//! number), its kind, its encoding (UTF-16 with a byte-order mark, a lone surrogate, an odd
//! trailing byte); members are duplicated, dropped and their data swapped; the archive is cut
//! short; or libFuzzer's mutator is run on the raw archive. The cross-over puts members of one
//! archive into another.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::tar_members::{self, Archive, Member};

/// libFuzzer's byte mutator (`libfuzzer_sys::fuzzer_mutate`), passed in so that this module
/// does not need libFuzzer's runtime.
pub type ByteMutator = fn(&mut [u8], usize, usize) -> usize;

/// Mutates `data[..size]` into `data`, keeping to `max_size`, and gives the new size, as
/// `fuzz_mutator!` asks.
pub fn mutate_export(data: &mut [u8], size: usize, max_size: usize, seed: u32, bytes: ByteMutator) -> usize {
    let mut rng = Rng::new(seed);
    let original = Archive::parse(&data[..size]);
    // A mutation that would not fit is tried again with another; the last resort is
    // libFuzzer's own, which keeps to `max_size`.
    for _ in 0..8 {
        let mut archive = original.clone();
        let mutation = choose(&mut rng);
        if archive.members.is_empty() && !matches!(mutation, Mutation::Raw | Mutation::Truncate) {
            continue;
        }
        let written = match mutation {
            Mutation::Raw => break,
            Mutation::Truncate => {
                let mut written = archive.write();
                written.truncate(rng.below(written.len()));
                written
            }
            _ => {
                mutate(&mut archive, mutation, &mut rng, max_size.saturating_sub(size), bytes);
                archive.write()
            }
        };
        if written.len() <= max_size && written != data[..size] {
            data[..written.len()].copy_from_slice(&written);
            return written.len();
        }
    }
    bytes(data, size, max_size)
}

/// Members of `data1`, with one to four taken from `data2` (in place of one, or added), written
/// into `out`; 0 when there is nothing to take or the result does not fit.
pub fn cross_over(data1: &[u8], data2: &[u8], out: &mut [u8], seed: u32) -> usize {
    let mut rng = Rng::new(seed);
    let mut archive = Archive::parse(data1);
    let other = Archive::parse(data2);
    if other.members.is_empty() {
        return 0;
    }
    for _ in 0..=rng.below(4) {
        let member: Member = rng.pick(&other.members).clone();
        match archive.members.len() {
            0 => archive.members.push(member),
            n if rng.below(2) == 0 => archive.members[rng.below(n)] = member,
            n => archive.members.insert(rng.below(n + 1), member),
        }
    }
    let written = archive.write();
    if written.len() > out.len() {
        return 0;
    }
    out[..written.len()].copy_from_slice(&written);
    written.len()
}

/// The mutator's deterministic generator: libFuzzer asks that a mutation depend only on the input
/// and its seed. rand's ChaCha8, the generator `uclint-synth` and proptest use too.
struct Rng(ChaCha8Rng);

impl Rng {
    fn new(seed: u32) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(u64::from(seed)))
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.random_range(0..n)
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes planted in a member's data: terminal escapes and line breaks that could forge a
/// workflow command (which the target checks for), Markdown and HTML (whose escaping the formats'
/// own tests check; here they only have to pass without a panic), CSV quoting that breaks rows,
/// bytes that are not UTF-8, secret-looking parameters.
const HOSTILE: &[&[u8]] = &[
    b"\x1b[31mred\x1b[0m",
    b"\x1b]0;title\x07",
    b"\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    b"\x1b[2J\x1b[H",
    b"\x07",
    b"\x1b",
    b"\xc2\x9b31m",
    b"\r",
    b"\n",
    b"\r\n",
    b"\n::error file=forged.csv,line=1::forged",
    b"\r::warning::forged",
    b"![x](https://evil.example/x.png)",
    b"[link](https://evil.example/)",
    b"<img src=x onerror=alert(1)>",
    b"<details><summary>x</summary>",
    b"</td></tr></table><script>alert(1)</script>",
    b"|",
    b"`",
    b"\"",
    b"\"\"",
    b",",
    b",\"",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xae",
    b"%0A",
    b"&#119;",
    b"password=",
    b"?pin=1234&password=hunter2",
    b"<!-- <password>x</password> -->",
    b"<password>",
    b"NULL",
];

/// Name parts a rename plants or appends.
const NAME_PARTS: &[&[u8]] = &[
    b"!",
    b"!phone.csv",
    b"/",
    b"../",
    b"..",
    b"./",
    b"dir/",
    b"\0",
    b"\x1b[31m",
    b"\x1b]0;t\x07",
    b"\x07",
    b"\n",
    b"\r",
    b"\t",
    b"\n::error::forged",
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\x80",
    b"\xe2\x80\xae",
    b" ",
    b"?",
];

/// What a long name is made of, repeated.
const LONG_NAME_PARTS: &[&[u8]] = &[b"a", b"dir/", b"!", b"\xff", b"\xc3\xa9", b"x.tar!"];

/// Member names worth taking: the ones uclint reads by name, and the manifest.
const MEMBER_NAMES: &[&[u8]] = &[
    b"phone.csv",
    b"enduser.csv",
    b"appuser.csv",
    b"deviceprofile.csv",
    b"directorynumber.csv",
    b"ctiroutepoint.csv",
    b"linegroup.csv",
    b"conferencebridge.csv",
    b"siprealm.csv",
    b"dnalookupandsync.csv",
    b"header.txt",
    b"rdp.csv",
    b"ENDUSER.CSV",
    b"",
];

/// Type flags: regular files (both spellings), hard and symbolic links, a character device, a
/// directory, a FIFO, a contiguous file, pax headers, and GNU long names, sparse files and volume
/// labels.
const KINDS: &[u8] = b"0\x00123567xgLKSV";

/// The kinds of mutation, each with its weight.
#[derive(Clone, Copy)]
enum Mutation {
    Bytes,
    Hostile,
    Rename,
    SizeField,
    Kind,
    Utf16,
    Duplicate,
    Drop,
    SwapData,
    Truncate,
    Raw,
}

const MUTATIONS: &[(Mutation, usize)] = &[
    (Mutation::Bytes, 35),
    (Mutation::Hostile, 20),
    (Mutation::Rename, 10),
    (Mutation::SizeField, 5),
    (Mutation::Kind, 3),
    (Mutation::Utf16, 3),
    (Mutation::Duplicate, 5),
    (Mutation::Drop, 5),
    (Mutation::SwapData, 4),
    (Mutation::Truncate, 5),
    (Mutation::Raw, 5),
];

/// A mutation, drawn by weight.
fn choose(rng: &mut Rng) -> Mutation {
    let total: usize = MUTATIONS.iter().map(|(_, w)| w).sum();
    let mut at = rng.below(total);
    for &(mutation, weight) in MUTATIONS {
        if at < weight {
            return mutation;
        }
        at -= weight;
    }
    Mutation::Raw
}

/// Applies one structural mutation to `archive`; `room` is how far it may grow.
fn mutate(archive: &mut Archive, mutation: Mutation, rng: &mut Rng, room: usize, bytes: ByteMutator) {
    let index = pick_member(archive, rng);
    match mutation {
        Mutation::Bytes => {
            let data = &mut archive.members[index].data;
            let len = data.len();
            // libFuzzer's mutator needs room for at least one byte.
            let grow = room.min(4096).max(usize::from(len == 0));
            data.resize(len + grow, 0);
            let new_len = bytes(data, len, len + grow);
            data.truncate(new_len);
        }
        Mutation::Hostile => {
            let data = &mut archive.members[index].data;
            let token = rng.pick(HOSTILE);
            let at = match rng.below(3) {
                // At the start of a cell, or at the end of a row.
                0 | 1 => {
                    let from = rng.below(data.len() + 1);
                    let stop = if rng.below(2) == 0 { b',' } else { b'\n' };
                    data[from..].iter().position(|&b| b == stop).map_or(from, |p| from + p + usize::from(stop == b','))
                }
                _ => rng.below(data.len() + 1),
            };
            data.splice(at..at, token.iter().copied());
        }
        Mutation::Rename => {
            let others: Vec<Vec<u8>> = archive.members.iter().map(|m| m.name.clone()).collect();
            let name = &mut archive.members[index].name;
            match rng.below(5) {
                0 => *name = rng.pick(MEMBER_NAMES).to_vec(),
                1 => *name = rng.pick(&others).clone(),
                2 => {
                    // Long: past the 100-byte field, or far past it.
                    let target = if rng.below(4) == 0 { 1000 + rng.below(15_000) } else { 90 + rng.below(200) };
                    let part = *rng.pick(LONG_NAME_PARTS);
                    let prefix = part.repeat(target.saturating_sub(name.len()).div_ceil(part.len()));
                    name.splice(0..0, prefix);
                }
                _ => {
                    let part = rng.pick(NAME_PARTS);
                    let at = rng.below(name.len() + 1);
                    name.splice(at..at, part.iter().copied());
                }
            }
        }
        Mutation::SizeField => {
            let member = &mut archive.members[index];
            let len = member.data.len() as u64;
            member.size_field = Some(match rng.below(6) {
                0 => tar_members::size_field(len.saturating_sub(1 + rng.below(600) as u64)),
                1 => tar_members::size_field(len + 1 + rng.below(2000) as u64),
                2 => tar_members::size_field(0o777_7777_7777),
                3 => *b"zz0000000000",
                4 => {
                    // GNU base-256: eight gigabytes and more.
                    let mut field = [0u8; 12];
                    field[0] = 0x80;
                    field[7] = 2 + rng.below(200) as u8;
                    field
                }
                _ => *b"           \0",
            });
        }
        Mutation::Kind => archive.members[index].kind = *rng.pick(KINDS),
        Mutation::Utf16 => {
            let data = &mut archive.members[index].data;
            let text = String::from_utf8_lossy(data).into_owned();
            let big = rng.below(2) == 0;
            let mut units: Vec<u16> = text.encode_utf16().collect();
            if rng.below(2) == 0 {
                // A lone surrogate.
                let at = rng.below(units.len() + 1);
                units.insert(at, 0xd800 + rng.below(0x800) as u16);
            }
            let mut out: Vec<u8> = if big { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
            for unit in units {
                out.extend_from_slice(&if big { unit.to_be_bytes() } else { unit.to_le_bytes() });
            }
            if rng.below(3) == 0 {
                out.push(b'x');
            }
            *data = out;
        }
        Mutation::Duplicate => {
            let copy = archive.members[index].clone();
            let at = rng.below(archive.members.len() + 1);
            archive.members.insert(at, copy);
        }
        Mutation::Drop => {
            archive.members.remove(index);
        }
        Mutation::SwapData => {
            let other = rng.below(archive.members.len());
            let data = std::mem::take(&mut archive.members[index].data);
            archive.members[index].data = std::mem::replace(&mut archive.members[other].data, data);
        }
        Mutation::Truncate | Mutation::Raw => unreachable!("applied to the whole archive"),
    }
}

/// A member, half the time any, half the time in proportion to its size (so that `enduser.csv`
/// is mutated more than the many small members).
fn pick_member(archive: &Archive, rng: &mut Rng) -> usize {
    let members = &archive.members;
    if rng.below(2) == 0 {
        return rng.below(members.len());
    }
    let total: usize = members.iter().map(|m| m.data.len() + 1).sum();
    let mut at = rng.below(total);
    for (i, member) in members.iter().enumerate() {
        if at <= member.data.len() {
            return i;
        }
        at -= member.data.len() + 1;
    }
    members.len() - 1
}
