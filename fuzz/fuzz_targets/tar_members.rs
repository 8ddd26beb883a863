//! A tar archive as a list of members, so that a mutator can change whole members (their bytes,
//! names, size fields and kinds, which members there are) and write the archive back, rather than
//! flipping bytes that mostly land in headers and padding.
//!
//! Reading is lenient and writing is exact: every name is written back byte for byte (in a GNU
//! long-name record when the 100-byte field cannot hold it), and a size field read from a damaged
//! archive, or set by a mutation, is written back as it was, so that the lie survives.

/// One member: its header's facts and its data.
#[derive(Clone, Debug)]
pub struct Member {
    /// The full name, as a tar reader sees it.
    pub name: Vec<u8>,
    /// The type flag (`b'0'` or `0` for a regular file).
    pub kind: u8,
    pub data: Vec<u8>,
    /// The raw 12-byte size field, when it does not say `data.len()`.
    pub size_field: Option<[u8; 12]>,
}

/// A tar: its members, then whatever follows the last member that could be read (the end
/// blocks, a damaged header, trailing bytes).
#[derive(Clone, Debug, Default)]
pub struct Archive {
    pub members: Vec<Member>,
    pub tail: Vec<u8>,
}

const BLOCK: usize = 512;
const LONG_NAME: &[u8] = b"././@LongLink";

impl Archive {
    /// Reads as many members as the headers allow. Bytes that are not a tar at all give an
    /// archive with no members and the bytes as its tail.
    pub fn parse(bytes: &[u8]) -> Self {
        let mut archive = Archive::default();
        let mut pos = 0;
        let mut long_name: Option<Vec<u8>> = None;
        while pos + BLOCK <= bytes.len() {
            let header = &bytes[pos..pos + BLOCK];
            if header.iter().all(|&b| b == 0) {
                break;
            }
            let Some(size) = parse_size(&header[124..136]) else { break };
            let start = pos + BLOCK;
            let end = start.saturating_add(usize::try_from(size).unwrap_or(usize::MAX));
            let data = bytes[start..end.min(bytes.len())].to_vec();
            let kind = header[156];
            if kind == b'L' && header_name(header) == LONG_NAME {
                let name = data.strip_suffix(b"\0").unwrap_or(&data).to_vec();
                long_name = Some(name);
            } else {
                let name = long_name.take().unwrap_or_else(|| header_name(header));
                let size_field = (size != data.len() as u64).then(|| header[124..136].try_into().unwrap());
                archive.members.push(Member { name, kind, data, size_field });
            }
            pos = match end.checked_next_multiple_of(BLOCK) {
                Some(next) if next <= bytes.len() => next,
                _ => bytes.len(),
            };
        }
        archive.tail = bytes[pos.min(bytes.len())..].to_vec();
        archive
    }

    /// The archive's bytes: each member's header (after a long-name record when its name needs
    /// one), its data padded to a block, then the tail.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len_estimate());
        for member in &self.members {
            let short = member.name.len() <= 100 && !member.name.contains(&0);
            if !short {
                let mut name = member.name.clone();
                name.push(0);
                write_header(&mut out, LONG_NAME, b'L', &size_field(name.len() as u64));
                write_data(&mut out, &name);
            }
            let field = member.size_field.unwrap_or_else(|| size_field(member.data.len() as u64));
            let name = &member.name[..member.name.len().min(100)];
            write_header(&mut out, name, member.kind, &field);
            write_data(&mut out, &member.data);
        }
        out.extend_from_slice(&self.tail);
        out
    }

    /// About how many bytes [`Archive::write`] gives.
    pub fn len_estimate(&self) -> usize {
        self.members.iter().map(|m| 2 * BLOCK + m.data.len().next_multiple_of(BLOCK) + m.name.len()).sum::<usize>()
            + self.tail.len()
    }
}

/// The name a header gives: the ustar prefix, a `/` and the name field, each up to its first
/// NUL.
fn header_name(header: &[u8]) -> Vec<u8> {
    let field = |bytes: &[u8]| bytes[..bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len())].to_vec();
    let name = field(&header[..100]);
    let prefix = if &header[257..262] == b"ustar" { field(&header[345..500]) } else { Vec::new() };
    if prefix.is_empty() {
        name
    } else {
        [&prefix[..], b"/", &name[..]].concat()
    }
}

/// A size field's value: octal digits (after spaces, up to a NUL or space), or GNU base-256
/// when the first byte has its high bit set. `None` when it says neither.
fn parse_size(field: &[u8]) -> Option<u64> {
    if field[0] & 0x80 != 0 {
        let mut value: u64 = 0;
        for &b in &field[4..] {
            value = value.checked_mul(256)?.checked_add(u64::from(b))?;
        }
        return Some(value);
    }
    let digits = field.iter().skip_while(|&&b| b == b' ').take_while(|&&b| b != 0 && b != b' ');
    let mut value: u64 = 0;
    let mut any = false;
    for &b in digits {
        if !(b'0'..=b'7').contains(&b) {
            return None;
        }
        value = value.checked_mul(8)?.checked_add(u64::from(b - b'0'))?;
        any = true;
    }
    any.then_some(value)
}

/// The size field for `size` bytes: 11 octal digits and a NUL.
pub fn size_field(size: u64) -> [u8; 12] {
    let mut field = [0u8; 12];
    let digits = format!("{:011o}", size.min(0o777_7777_7777));
    field[..11].copy_from_slice(digits.as_bytes());
    field
}

/// A POSIX ustar header with a valid checksum.
fn write_header(out: &mut Vec<u8>, name: &[u8], kind: u8, size: &[u8; 12]) {
    let mut header = [0u8; BLOCK];
    header[..name.len()].copy_from_slice(name);
    header[100..108].copy_from_slice(b"0000644\0");
    header[108..116].copy_from_slice(b"0000000\0");
    header[116..124].copy_from_slice(b"0000000\0");
    header[124..136].copy_from_slice(size);
    header[136..148].copy_from_slice(b"15106042000\0");
    header[156] = kind;
    header[257..263].copy_from_slice(b"ustar\0");
    header[263..265].copy_from_slice(b"00");
    header[265..269].copy_from_slice(b"root");
    header[297..301].copy_from_slice(b"root");
    header[148..156].copy_from_slice(b"        ");
    let sum: u32 = header.iter().map(|&b| u32::from(b)).sum();
    header[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    out.extend_from_slice(&header);
}

fn write_data(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(data);
    out.resize(out.len().next_multiple_of(BLOCK), 0);
}
