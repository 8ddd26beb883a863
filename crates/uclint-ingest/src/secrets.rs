//! What is secret in an export, and how a secret is masked: the one place both the readers
//! (`table.rs`, `xml/`, the family readers) and the masking of a file's text (`redact.rs`) ask,
//! so that neither depends on the other. It reads no file and knows no parser.
//!
//! What is secret is decided twice over. **By name** ([`is_secret_name`]): a CSV column, an
//! XML element, a URL query parameter, an attribute or a JSON key whose name's parts say
//! password, PIN, secret, credential, … and nothing that makes it a setting about one
//! (`PASSWORD DOES NOT EXPIRE 1`). **By shape**, wherever the value stands (`text_secrets`):
//! runs of 32 or more hexadecimal digits (CUCM's hashes), crypt strings (`$6$salt$hash`), the
//! password of a URL's `user:password@`, and whatever follows a secret name and `=` or `: `.
//! The shapes do not depend on a cell being in its column, so a stray quote that shifts every
//! later cell (or swallows the rest of the file into one) cannot unmask anything they cover.
//!
//! A secret is masked in a value as [`MASK`] ([`mask_value`]) and in a text byte for byte
//! with `*` (`mask`), which keeps every span valid.

use std::borrow::Cow;

use uclint_model::{Spanned, Text};

use crate::values::is_unset;

/// Nouns that name secret material wherever they stand in a part of a name, so that names
/// written as one word are caught too (`ldappassword`, `passwordreverse`, `sshPwd`).
const NOUNS_IN_PART: &[&str] = &["password", "passwd", "passphrase", "pwd", "secret", "credential"];

/// Words that hold one of [`NOUNS_IN_PART`] without naming a secret.
const NOT_NOUNS: &[&str] = &["secretary", "secretariat"];

/// Nouns that name secret material only as a whole part: `pin` but not `spin`, `ping` or
/// `pinned`.
const NOUN_PARTS: &[&str] = &["pin", "psk", "apikey"];

/// Nouns that name secret material only as the last part of a name (`userPass`,
/// `access_token`), not before another word (`passThrough`).
const LAST_NOUN_PARTS: &[&str] = &["pass", "token"];

/// `key` names a secret alone, or as the last part after one of these (`api_key`,
/// `privateKey`); elsewhere it is a key size, a softkey or a sort order.
const KEY_KINDS: &[&str] =
    &["api", "private", "shared", "preshared", "pre", "access", "encryption", "auth", "session", "signing", "client"];

/// Two words that together name a secret, though neither does alone: the CAPF authentication
/// string a phone enrolls its certificate with, and a Conference Now attendees' access code.
const PHRASES: &[[&str; 2]] = &[["authentication", "string"], ["access", "code"]];

/// Parts that make a name a setting about a secret rather than the secret itself:
/// `PIN LOCKED BY ADMIN 1`, `PASSWORD DOES NOT EXPIRE 1`, `CREDENTIAL POLICY NAME`,
/// `TYPE KEY SIZE`, `pwdCredTimeChanged`, `pinResetHackCount`.
const SETTING_PARTS: &[&str] = &[
    "locked",
    "lock",
    "lockout",
    "cant",
    "cannot",
    "change",
    "changes",
    "changed",
    "must",
    "expire",
    "expires",
    "expiry",
    "expired",
    "expiration",
    "rule",
    "rules",
    "description",
    "persistent",
    "policy",
    "length",
    "size",
    "type",
    "trivial",
    "stored",
    "minimum",
    "maximum",
    "min",
    "max",
    "flag",
    "excluded",
    "exclude",
    "count",
    "time",
    "name",
    "order",
    "level",
    "enable",
    "enabled",
    "require",
    "required",
    "requires",
    "allow",
    "allowed",
    "mode",
    "status",
    "reset",
    "history",
    "age",
    "days",
    "attempts",
    "strength",
    "complexity",
    "algorithm",
    "format",
    "set",
    "is",
    "has",
    "use",
    "check",
    "does",
    "not",
];

/// Setting words found inside a one-word name beside its noun (`passwordpersistent`,
/// `credentialmustchange`, `pwdcredpolicyname`): only words long enough not to occur by chance
/// in the rest of a secret's name (`adminpassword` holds `min`, `phoneunlockpassword` `lock`).
const SETTING_IN_PART: &[&str] = &[
    "locked",
    "lockout",
    "change",
    "expir",
    "persistent",
    "policy",
    "length",
    "trivial",
    "minimum",
    "maximum",
    "count",
    "stored",
    "exclud",
    "enable",
    "require",
    "allow",
    "status",
    "reset",
    "history",
    "attempt",
    "strength",
    "complexity",
    "algorithm",
    "format",
    "description",
    "rule",
    "type",
    "flag",
];

/// Whether a name (a CSV column, an XML element, a URL query parameter, an attribute, a JSON
/// key) names secret material. The name is split into lower-case parts at every character that
/// is not an ASCII letter (spaces, `_`, `-`, digits, …) and where camelCase starts a word
/// (`sshPwd` is `ssh` `pwd`, `LDAPPassword` is `ldap` `password`). It is secret when a part
/// names a secret (`password`, `passwd`, `pwd`, `passphrase`, `secret`, `credential(s)` anywhere
/// in a part; `pin`, `psk`, `apikey` as a part; `pass`, `token` and, after `api`, `private`, …,
/// `key` as the last part; `authentication string`, `access code`) and no part makes it a
/// setting (`locked`, `change`, `expire`, `rule`, `policy`, `size`, `type`, `description`, …).
pub fn is_secret_name(name: &str) -> bool {
    let parts = name_parts(name);
    if parts.iter().any(|part| SETTING_PARTS.contains(&part.as_str())) {
        return false;
    }
    let last = parts.len().saturating_sub(1);
    let noun = parts.iter().enumerate().any(|(i, part)| {
        let part = part.as_str();
        NOUN_PARTS.contains(&part)
            || (i == last && LAST_NOUN_PARTS.contains(&part))
            || (i == last && part == "key" && (i == 0 || KEY_KINDS.contains(&parts[i - 1].as_str())))
            || noun_in_part(part)
    });
    noun || parts.windows(2).any(|pair| PHRASES.iter().any(|[a, b]| pair[0] == *a && pair[1] == *b))
}

/// Whether one part holds a noun of [`NOUNS_IN_PART`], with no setting word beside it.
fn noun_in_part(part: &str) -> bool {
    if NOT_NOUNS.contains(&part) {
        return false;
    }
    NOUNS_IN_PART.iter().any(|noun| {
        part.find(noun).is_some_and(|at| {
            let (before, after) = (&part[..at], &part[at + noun.len()..]);
            !SETTING_IN_PART.iter().any(|word| before.contains(word) || after.contains(word))
        })
    })
}

/// The lower-case parts of a name (see [`is_secret_name`]).
fn name_parts(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut parts = Vec::new();
    let mut part = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphabetic() {
            if !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !part.is_empty() {
            let before = chars[i - 1];
            let lower_next = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if before.is_ascii_lowercase() || (before.is_ascii_uppercase() && lower_next) {
                parts.push(std::mem::take(&mut part));
            }
        }
        part.push(c.to_ascii_lowercase());
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

/// The secret columns of a CSV header, by index, given its normalised names: the columns whose
/// name is secret ([`is_secret_name`]), and `CODE` beside `AUTHORIZATION LEVEL` (the codes of
/// `forcedauthorizationcodes.csv`, which let a caller place calls at that level).
pub fn secret_columns(names: &[String]) -> Vec<usize> {
    let forced_authorization_codes = names.iter().any(|name| name == "authorization level");
    let secret = |name: &String| is_secret_name(name) || (forced_authorization_codes && name == "code");
    names.iter().enumerate().filter(|(_, name)| secret(name)).map(|(i, _)| i).collect()
}

/// Whether a value found under a secret name is one to mask: not unset (empty, `NULL`) and not
/// a boolean word (`t`, `f`, `true`, `false`), which is never a secret however a column is
/// named, so that a flag misjudged by its name stays readable.
pub(crate) fn is_secret_value(raw: &str) -> bool {
    let value = raw.trim();
    !is_unset(value) && !["t", "f", "true", "false"].iter().any(|b| value.eq_ignore_ascii_case(b))
}

/// Overwrites every non-whitespace byte of each range with `*`. Parsers give ranges on
/// character boundaries, so whole UTF-8 sequences become ASCII and the text stays valid; a
/// range that cut a character would leave U+FFFD for its other bytes.
pub(crate) fn mask(text: &mut String, ranges: &[(usize, usize)]) {
    if ranges.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for &(start, end) in ranges {
        let end = end.min(bytes.len());
        for b in &mut bytes[start.min(end)..end] {
            if !b.is_ascii_whitespace() {
                *b = b'*';
            }
        }
    }
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// `text` with every character replaced by a placeholder of the same length in bytes (`*`, or
/// a non-ASCII character of as many bytes), line breaks and other ASCII whitespace kept: the
/// lines and columns of a file that was not read stay exact for its diagnostics, and none of
/// its text is kept.
pub(crate) fn blanked(text: &str) -> String {
    text.chars()
        .map(|c| match c.len_utf8() {
            1 if c.is_ascii_whitespace() => c,
            1 => '*',
            2 => '\u{B7}',
            3 => '\u{2022}',
            _ => '\u{1F512}',
        })
        .collect()
}

/// A named value (a service or enterprise parameter) as the model keeps it: [`MASK`] when the
/// name is a secret's and the value one to mask, else the value as read.
pub(crate) fn named_value(name: &str, value: Spanned<Text>) -> Spanned<Text> {
    if is_secret_name(name) && is_secret_value(&value.value) {
        Spanned::new(Text::from(MASK), value.span)
    } else {
        value
    }
}

/// What stands in the model for each secret found in a value.
pub const MASK: &str = "****";

/// `value` with every secret in it ([`value_secret_ranges`]) replaced by [`MASK`]; borrowed,
/// as nearly every value is, when it holds none. Every value read into the model from a CSV
/// cell, an XML element or attribute, or a JSON string passes through here.
pub fn mask_value(value: &str) -> Cow<'_, str> {
    if !may_hold_secret(value.as_bytes()) {
        return Cow::Borrowed(value);
    }
    let ranges = value_secret_ranges(value);
    if ranges.is_empty() {
        return Cow::Borrowed(value);
    }
    Cow::Owned(replace_ranges(value, &ranges))
}

/// `value` with each of `ranges` (sorted by start, on character boundaries or rounded out to
/// them) replaced by [`MASK`]; overlapping ranges become one.
pub(crate) fn replace_ranges(value: &str, ranges: &[(usize, usize)]) -> String {
    let floor = |mut at: usize| {
        at = at.min(value.len());
        while !value.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let ceil = |mut at: usize| {
        at = at.min(value.len());
        while !value.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    let mut out = String::with_capacity(value.len());
    let (mut done, mut any) = (0, false);
    for &(start, end) in ranges {
        let (start, end) = (floor(start), ceil(end));
        if end <= done {
            continue;
        }
        // A range that overlaps or touches the one before extends it: one mask for both.
        if !any || start > done {
            out.push_str(&value[done..start]);
            out.push_str(MASK);
            any = true;
        }
        done = end;
    }
    out.push_str(&value[done..]);
    out
}

/// Whether every secret [`value_secret_ranges`] finds in `value` is masked already (`*` and
/// whitespace only).
pub(crate) fn holds_no_secret(value: &str) -> bool {
    value_secret_ranges(value)
        .into_iter()
        .all(|(start, end)| value.as_bytes()[start..end].iter().all(|&b| b == b'*' || b.is_ascii_whitespace()))
}

/// Sorts `ranges` and merges those that overlap or touch, so that they are in order and apart.
pub(crate) fn merge_ranges(ranges: &mut Vec<(usize, usize)>) {
    ranges.sort_unstable();
    let mut merged: usize = 0;
    for at in 0..ranges.len() {
        let (start, end) = ranges[at];
        match merged.checked_sub(1).map(|last| &mut ranges[last]) {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => {
                ranges[merged] = (start, end);
                merged += 1;
            }
        }
    }
    ranges.truncate(merged);
}

/// A quick test that `bytes` cannot hold a secret: no shape can start without one of `=`,
/// `:`, `$`, `<` or `&`, or without 32 bytes for a hexadecimal run. Nearly every value is a
/// short name or number: one plain loop over it costs less than a search call per byte sought.
fn may_hold_secret(bytes: &[u8]) -> bool {
    let trigger = |b: &u8| matches!(b, b'=' | b':' | b'$' | b'<' | b'&');
    let found = if bytes.len() < 64 {
        bytes.iter().any(trigger)
    } else {
        memchr::memchr3(b'=', b':', b'$', bytes).is_some() || memchr::memchr2(b'<', b'&', bytes).is_some()
    };
    found || (bytes.len() >= MIN_HEX_RUN && !hex_runs(bytes).is_empty())
}

/// The ranges of the secrets in one value (a cell, an element's text): as `text_secrets`
/// finds them in a text, except that a `,` does not end a value (the value is one cell) and
/// secret tags count (a cell or a CDATA section can hold `<password>…</password>`).
pub fn value_secret_ranges(value: &str) -> Vec<(usize, usize)> {
    scan(value, Scan { comma_ends: false, tags: true })
}

/// The ranges of the secrets a file's whole text holds by their shape, wherever they stand:
/// runs of hexadecimal digits, crypt strings, URL passwords, and values after a secret name and
/// `=`, `: ` or their character references (`&#61;`). A `,` ends a value here, since a CSV cell
/// ends there (a quoted cell holding a comma is scanned whole by the CSV reader). Secret tags
/// are looked for too in a text that is not XML (one that is has its own reader's ranges).
pub(crate) fn text_secrets(text: &str) -> Vec<(usize, usize)> {
    scan(text, Scan { comma_ends: true, tags: !text.trim_start().starts_with('<') })
}

/// How [`scan`] reads a text.
#[derive(Clone, Copy)]
struct Scan {
    /// A `,` ends an unquoted value.
    comma_ends: bool,
    /// Secret tags (`<password>…<`) are looked for.
    tags: bool,
}

fn scan(text: &str, how: Scan) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = hex_runs(bytes);
    crypt_strings(bytes, how, &mut ranges);
    url_passwords(bytes, how, &mut ranges);
    named_values(text, how, &mut ranges);
    if how.tags {
        ranges.extend(secret_tag_ranges(text, 0, text.len()));
    }
    ranges.sort_unstable();
    ranges
}

/// The shortest run of hexadecimal digits taken for a hash: CUCM's password, PIN and digest
/// hashes are 40, 64 or 128 digits, an MD5 32; a MAC address (device names) is 12, and a UUID's
/// longest run 12.
const MIN_HEX_RUN: usize = 32;

/// Every run of [`MIN_HEX_RUN`] or more hexadecimal digits with at least one letter among them
/// (a long number is not a hash), except exactly 32 digits in braces (`{…}`, a UUID written
/// without dashes). A run that long covers a multiple of [`MIN_HEX_RUN`] in every stretch it
/// spans, so only every 32nd byte is looked at until one is a digit; from there the run is read
/// forward to its end, and back only as far as it must go to be long enough (an AXL export is
/// full of UUIDs, whose runs are short).
fn hex_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut probe = MIN_HEX_RUN - 1;
    while probe < bytes.len() {
        if !HEX[usize::from(bytes[probe])] {
            probe += MIN_HEX_RUN;
            continue;
        }
        let mut end = probe + 1;
        while end < bytes.len() && HEX[usize::from(bytes[end])] {
            end += 1;
        }
        // The run must start at or before `end - MIN_HEX_RUN` to be long enough.
        let needed = end.saturating_sub(MIN_HEX_RUN);
        let mut start = probe;
        while start > needed && HEX[usize::from(bytes[start - 1])] {
            start -= 1;
        }
        if start <= needed && end - start >= MIN_HEX_RUN {
            while start > 0 && HEX[usize::from(bytes[start - 1])] {
                start -= 1;
            }
            let run = &bytes[start..end];
            let braced =
                run.len() == MIN_HEX_RUN && start > 0 && bytes[start - 1] == b'{' && bytes.get(end) == Some(&b'}');
            if !braced && run.iter().any(u8::is_ascii_alphabetic) {
                runs.push((start, end));
            }
        }
        probe = end + MIN_HEX_RUN;
    }
    runs
}

/// Whether each byte is a hexadecimal digit.
const HEX: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_hexdigit();
        b += 1;
    }
    table
};

/// Crypt strings (`$1$`, `$5$`, `$6$` SHA-crypt, `$2b$10$` bcrypt, `$y$` yescrypt,
/// `$argon2id$…`): `$`, an identifier of letters, digits and `-`, `$`, then 16 or more
/// characters of the crypt alphabet holding at least one more `$`.
fn crypt_strings(bytes: &[u8], how: Scan, ranges: &mut Vec<(usize, usize)>) {
    let in_alphabet = |b: u8| b.is_ascii_alphanumeric() || b"./$=+-".contains(&b) || (b == b',' && !how.comma_ends);
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'$', &bytes[at..]) {
        let start = at + found;
        at = start + 1;
        let id_len = bytes[at..].iter().take(17).take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if id_len == 0 || id_len > 16 || bytes.get(at + id_len) != Some(&b'$') {
            continue;
        }
        let body = at + id_len + 1;
        let end = body + bytes[body..].iter().take_while(|b| in_alphabet(**b)).count();
        if end - body >= 16 && bytes[body..end].contains(&b'$') {
            ranges.push((start, end));
            at = end;
        }
    }
}

/// The password of a URL's user information (`scheme://user:password@host`).
fn url_passwords(bytes: &[u8], how: Scan, ranges: &mut Vec<(usize, usize)>) {
    for scheme_end in memchr::memmem::find_iter(bytes, b"://") {
        let start = scheme_end + 3;
        let authority = bytes[start..]
            .iter()
            .position(|&b| {
                matches!(b, b'/' | b'?' | b'#' | b'<' | b'>' | b'"' | b'\'')
                    || b.is_ascii_whitespace()
                    || (b == b',' && how.comma_ends)
            })
            .map_or(&bytes[start..], |end| &bytes[start..start + end]);
        let Some(at) = memchr::memrchr(b'@', authority) else { continue };
        if let Some(colon) = memchr::memchr(b':', &authority[..at]) {
            if colon + 1 < at {
                ranges.push((start + colon + 1, start + at));
            }
        }
    }
}

/// Values named by a secret name: `password=…` (a URL query parameter, an attribute,
/// `pass&#119;ord=…` or `password&#61;…` with character references), `"password": "…"` (JSON)
/// and `PIN: …` (free text). The name is read back from the separator over letters, digits,
/// `_-.[]` and character and percent escapes, decoded, and judged by [`is_secret_name`]; the
/// value runs to the end of its quotes, or else to the next `&`, `#`, quote, `<`, `>` or
/// whitespace after `=` (a URL's parameter ends there) and to the end of the line after `:`.
fn named_values(text: &str, how: Scan, ranges: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut resume = 0;
    for at in memchr::memchr3_iter(b'=', b':', b'&', bytes) {
        if at < resume {
            continue;
        }
        let (after, colon) = match bytes[at] {
            b'=' => (at + 1, false),
            b':' => (at + 1, true),
            _ => match character_reference(bytes, at) {
                Some(('=', len)) => (at + len, false),
                Some((':', len)) => (at + len, true),
                _ => continue,
            },
        };
        // `: ` separates a name from its value; `ns:tag`, `http://` and `13:05` do not.
        if colon && !bytes.get(after).is_none_or(|b| matches!(b, b' ' | b'\t' | b'"' | b'\'')) {
            continue;
        }
        if !name_before(text, at).is_some_and(|name| is_secret_name(&name)) {
            continue;
        }
        let (start, end) = value_after(bytes, after, colon, how);
        if start < end && is_secret_value(&text[start..end]) {
            ranges.push((start, end));
        }
        // Separators inside a value are not looked at again: each byte is read once.
        resume = end;
    }
}

/// Whether a byte can be part of a name read back from a separator (escapes included).
fn is_name_byte(b: u8) -> bool {
    matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-' | b'.' | b'[' | b']' | b'%' | b'#' | b';' | b'&')
}

/// The decoded name that ends at `end` (before a separator, spaces and one closing quote), or
/// `None` when there is none or it cannot be a secret name.
fn name_before(text: &str, end: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut end = end;
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    if end > 0 && matches!(bytes[end - 1], b'"' | b'\'') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < 128 && is_name_byte(bytes[start - 1]) {
        start -= 1;
    }
    let raw = &bytes[start..end];
    if !may_be_secret_name(raw) {
        return None;
    }
    let decoded = percent_decoded(&reference_decoded(raw));
    let name_start =
        decoded.iter().rposition(|&b| !(b.is_ascii_alphanumeric() || b"_-.[]".contains(&b))).map_or(0, |at| at + 1);
    let name = String::from_utf8_lossy(&decoded[name_start..]).into_owned();
    (!name.is_empty()).then_some(name)
}

/// Whether a name read back from a separator may be a secret's: it holds an escape, or the
/// stem of a secret noun (`pas`, `pwd`, `pin`, `sec`, `cre`, `tok`, `key`, `psk`, `str`,
/// `cod`). Nearly every `=` in an export is an attribute's (`uuid="…"`, millions in a large AXL
/// export) or a harmless parameter's, so this is one pass over the name, which looks further
/// only at the letters a stem starts with.
fn may_be_secret_name(raw: &[u8]) -> bool {
    const STEMS: &[&[u8; 3]] = &[b"pas", b"pwd", b"pin", b"sec", b"cre", b"tok", b"key", b"psk", b"str", b"cod"];
    raw.iter().enumerate().any(|(at, b)| match b.to_ascii_lowercase() {
        b'&' | b'%' => true,
        b'p' | b's' | b'c' | b't' | b'k' => {
            raw.get(at..at + 3).is_some_and(|three| STEMS.iter().any(|stem| three.eq_ignore_ascii_case(&stem[..])))
        }
        _ => false,
    })
}

/// `raw` with XML character references (`&#119;`, `&#x77;`) and the five predefined entities
/// replaced by their characters.
fn reference_decoded(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    while at < raw.len() {
        match character_reference(raw, at) {
            Some((c, len)) => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                at += len;
            }
            None => {
                out.push(raw[at]);
                at += 1;
            }
        }
    }
    out
}

/// `raw` with `%HH` escapes replaced by their bytes.
fn percent_decoded(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    while at < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if let (b'%', Some(&high), Some(&low)) = (raw[at], raw.get(at + 1), raw.get(at + 2)) {
            if let (Some(high), Some(low)) = (hex(high), hex(low)) {
                out.push((high * 16 + low) as u8);
                at += 3;
                continue;
            }
        }
        out.push(raw[at]);
        at += 1;
    }
    out
}

/// The character a reference at `at` stands for (`&#61;`, `&#x3D;`, `&amp;`, …) and the
/// reference's length; `None` when no reference starts there.
fn character_reference(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let rest = bytes.get(at..)?;
    if rest.first() != Some(&b'&') {
        return None;
    }
    let semicolon = rest.iter().take(12).position(|&b| b == b';')?;
    let body = &rest[1..semicolon];
    let c = match body {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x' | b'X', hex @ ..] if !hex.is_empty() => {
            char::from_u32(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
        }
        [b'#', decimal @ ..] if !decimal.is_empty() => {
            char::from_u32(std::str::from_utf8(decimal).ok()?.parse::<u32>().ok()?)?
        }
        _ => return None,
    };
    Some((c, semicolon + 1))
}

/// The value after a separator ending at `from` (see [`named_values`]): spaces skipped, then a
/// quoted value to its closing quote or the line's end, else the bare value, trimmed.
fn value_after(bytes: &[u8], from: usize, colon: bool, how: Scan) -> (usize, usize) {
    let mut at = from;
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
        at += 1;
    }
    if let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) {
        let start = at + 1;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == quote || b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |p| start + p);
        return (start, end);
    }
    let start = at;
    while at < bytes.len() {
        let b = bytes[at];
        let ends = match b {
            b'\n' | b'\r' | b'<' | b'>' | b'"' | b'\'' => true,
            b',' => how.comma_ends,
            b'#' => !colon,
            _ if b.is_ascii_whitespace() => !colon,
            // `&amp;` and `&` end a URL parameter; a reference to another character is part of
            // the value (`s&#51;cret`).
            b'&' => match character_reference(bytes, at) {
                Some((c, len)) if !"&#<>\"'".contains(c) && !c.is_whitespace() => {
                    at += len;
                    continue;
                }
                Some(_) => true,
                None => !colon,
            },
            _ => false,
        };
        if ends {
            break;
        }
        at += 1;
    }
    let mut end = at;
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// Whether an element of this name holds a secret: its local name (after the last `:`, up to
/// the first whitespace or `/`, as the plain scan reads a tag) is a secret name
/// ([`is_secret_name`]). The XML reader gives names up to ASCII whitespace, so a name such as
/// `password\u{A0}` is read here as the scan reads it.
pub(crate) fn is_secret_element(name: &str) -> bool {
    is_secret_name(local_tag_name(name))
}

/// A copy of `value` masked as [`mask`] masks a range of the text: what the value of a secret
/// element reads as once its text is masked.
pub(crate) fn masked(value: &str) -> String {
    let mut value = value.to_owned();
    let len = value.len();
    mask(&mut value, &[(0, len)]);
    value
}

/// The ranges to mask in a text that looks like XML, found by a plain scan without the XML
/// reader: the content of every secret element. Texts that do not start with `<` have none.
pub(crate) fn scanned_xml_secrets(text: &str) -> Vec<(usize, usize)> {
    if !text.trim_start().starts_with('<') {
        return Vec::new();
    }
    secret_tag_ranges(text, 0, text.len())
}

/// The content of every secret element whose start tag lies in `text[from..to]`, found by a
/// plain scan: from the end of the tag to the first `<` that opens a tag (see
/// [`secret_content_end`]), within `to`.
pub(crate) fn secret_tag_ranges(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let bytes = &text.as_bytes()[..to.min(text.len())];
    let mut pos = from.min(bytes.len());
    while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
        let tag_start = pos + found + 1;
        let Some(tag_len) = memchr::memchr(b'>', &bytes[tag_start..]) else { break };
        let tag_end = tag_start + tag_len;
        pos = tag_end + 1;
        let Some(tag) = text.get(tag_start..tag_end) else { continue };
        if !is_secret_element(tag) || tag.ends_with('/') {
            continue;
        }
        let content_end = secret_content_end(bytes, pos);
        ranges.push((pos, content_end));
        pos = content_end;
    }
    ranges
}

/// The local name of the tag whose text (between `<` and `>`) is `tag`: up to the first
/// whitespace or `/`, after the last `:`. Tags are read byte by byte up to their first
/// non-ASCII byte, where the reading by `char` (and Unicode whitespace) takes over.
fn local_tag_name(tag: &str) -> &str {
    let bytes = tag.as_bytes();
    let end = bytes.iter().position(|&b| !b.is_ascii() || b == b'/' || b == b'\x0B' || b.is_ascii_whitespace());
    let name = match end {
        Some(at) if !bytes[at].is_ascii() => tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or(""),
        Some(at) => &tag[..at],
        None => tag,
    };
    memchr::memrchr(b':', name.as_bytes()).map_or(name, |colon| &name[colon + 1..])
}

/// Where a secret element's content ends: at the first `<` that opens a tag (its end tag, or a
/// start tag if the file is broken). Comments, CDATA sections and processing instructions are
/// content: a value can be split by them (`s<!---->ecret`, `<![CDATA[s]]>ecret`) and the XML
/// reader joins the pieces, so stopping at their `<` would leave the rest of the secret in the
/// text. Their markup is masked too, which is harmless and keeps the text one plain value.
pub(crate) fn secret_content_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    loop {
        let rest = &bytes[at..];
        let Some(lt) = rest.iter().position(|&b| b == b'<') else { return bytes.len() };
        let markup = &rest[lt..];
        let close: &[u8] = if markup.starts_with(b"<![CDATA[") {
            b"]]>"
        } else if markup.starts_with(b"<!--") {
            b"-->"
        } else if markup.starts_with(b"<?") {
            b"?>"
        } else {
            return at + lt;
        };
        // Unclosed markup runs to the end of the file, as the XML reader reads it.
        match markup.windows(close.len()).skip(2).position(|w| w == close) {
            Some(p) => at += lt + 2 + p + close.len(),
            None => return bytes.len(),
        }
    }
}

/// The seed of [`fingerprint`]: random, drawn once per process, never written anywhere.
static FINGERPRINT_SEED: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// A fingerprint of the secret values of one record, for telling whether they changed between
/// two exports read by one process (`uclint diff`) without holding them. `ranges` are the
/// record's secret byte ranges in `text`, sorted; `None` when the record has none.
///
/// A fingerprint never leaves the process: it is neither printed nor stored, only compared with
/// the other export's. The hash is seeded with a value drawn at random once per process, so a
/// fingerprint means nothing outside the run; it is `rustc-hash`'s, not a cryptographic one,
/// because it runs on every user of the export on the critical path of `diff`'s read and nothing
/// an attacker sees depends on it (docs/performance.md, "uclint diff": with SipHash here and in
/// `diff`'s maps, the fingerprints cost about 0.1 s of a 1.5 s `diff` of the mega export; with
/// FxHash, no difference the runs could tell).
pub fn fingerprint(text: &str, ranges: &[(usize, usize)]) -> Option<u64> {
    use std::hash::{BuildHasher, Hasher};
    if ranges.is_empty() {
        return None;
    }
    let seed = *FINGERPRINT_SEED.get_or_init(|| std::hash::RandomState::new().hash_one(0u8) as usize);
    let mut hasher = rustc_hash::FxHasher::with_seed(seed);
    for &(start, end) in ranges {
        hasher.write(text.as_bytes().get(start..end).unwrap_or_default());
        hasher.write_u8(0xff);
    }
    Some(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_tell_values_apart_and_hold_none_of_them() {
        let text = "agent01,5f4dcc3b,1234";
        let print = |ranges: &[(usize, usize)]| fingerprint(text, ranges);
        assert_eq!(print(&[]), None);
        assert_eq!(print(&[(8, 16), (17, 21)]), fingerprint("agent01,5f4dcc3b,1234", &[(8, 16), (17, 21)]));
        assert_ne!(print(&[(8, 16), (17, 21)]), fingerprint("agent01,5f4dcc3c,1234", &[(8, 16), (17, 21)]));
        // Where one value ends counts: `ab` + `c` is not `a` + `bc`.
        assert_ne!(fingerprint("abc", &[(0, 2), (2, 3)]), fingerprint("abc", &[(0, 1), (1, 3)]));
    }

    use super::*;

    #[test]
    fn local_tag_names_read_byte_by_byte_match_the_reading_by_char() {
        let by_char = |tag: &str| {
            let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
            name.rsplit(':').next().unwrap_or("").to_owned()
        };
        let pieces = ["ns", ":", "pin", "Password", " ", "/", "\t", "\u{0B}", "\u{85}", "\u{A0}", "é", "=", "\"x\""];
        for tag in crate::random_texts::random_texts(&pieces, 5_000, 9, 11) {
            assert_eq!(local_tag_name(&tag), by_char(&tag), "{tag:?}");
        }
    }

    #[test]
    fn hexadecimal_runs_are_found_as_a_plain_scan_finds_them() {
        let plain = |bytes: &[u8]| {
            let mut runs = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                let len = bytes[at..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
                let (start, end) = (at, at + len);
                let braced =
                    len == MIN_HEX_RUN && start > 0 && bytes[start - 1] == b'{' && bytes.get(end) == Some(&b'}');
                if len >= MIN_HEX_RUN && !braced && bytes[start..end].iter().any(u8::is_ascii_alphabetic) {
                    runs.push((start, end));
                }
                at = end + 1;
            }
            runs
        };
        let pieces = ["a", "0", "f", "9", "deadbeef", "0123456789abcdef", "g", ",", "{", "}", "é", "\n"];
        let mut found = 0;
        for text in crate::random_texts::random_texts(&pieces, 20_000, 40, 5) {
            let runs = hex_runs(text.as_bytes());
            found += runs.len();
            assert_eq!(runs, plain(text.as_bytes()), "{text:?}");
        }
        assert!(found > 1_000, "{found} runs found");
    }
}
