//! Secrets are masked in the model and before a file enters the source map, so no renderer can
//! ever print them (the list of names and shapes, and why, is in `docs/security.md`).
//!
//! Exports carry password and PIN hashes, digest credentials, directory and SSH passwords
//! (formats.md §1), and phone service URLs can carry a user's PIN or password as a query
//! parameter. Two places are masked:
//!
//! - **The source text**, byte for byte with `*`, which keeps every span valid: snippets show the
//!   cells around a finding, so masking at render time would be one forgotten call away from a
//!   leak. Unset cells (empty or `NULL`) are left alone: whether a secret is present is all the
//!   rules may know.
//! - **The model's values** ([`mask_value`]): a rule may quote a value in its message (a service
//!   URL, a name), so every value read from a cell or an element passes through here, and each
//!   secret in it becomes `****`.
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
//! XML is masked where the XML reader finds the secret elements (`password`, `pin`,
//! `digestCredentials`, `sshPwd`, …): it knows every element's name anyway, so a megacluster's
//! 25 million tags are not read a second time. The reader masks a secret element's value before
//! any family reader sees it, and gives the ranges to mask in the text (`xml_secrets`); it scans
//! comments for secret tags too. Where the reader stopped at a syntax error, a plain scan of the
//! whole text for secret tags (`scanned_xml_secrets`) masks what lies beyond the error as well.

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

/// The ranges to mask in an XML text the reader has read into `doc`: the secret elements it
/// found (taken from `doc`, comments included) and, if reading stopped at an error, every
/// secret tag a plain scan finds (the elements past the error were never read). The shapes of
/// [`text_secrets`] are added for every file that is read.
pub(crate) fn xml_secrets(text: &str, doc: &mut crate::xml::Document) -> Vec<(usize, usize)> {
    let mut ranges = std::mem::take(&mut doc.secrets);
    if doc.error.is_some() {
        ranges.extend(scanned_xml_secrets(text));
    }
    ranges
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

#[cfg(test)]
mod tests {
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

    use super::*;

    /// Masks `text` as ingest masks an XML file: with what the XML reader found in it, and the
    /// shapes of secrets in the whole text.
    fn redact_xml(text: &mut String) {
        let mut doc = crate::xml::read_document(text, uclint_model::SourceId::new(0));
        let mut ranges = xml_secrets(text, &mut doc);
        ranges.extend(text_secrets(text));
        mask(text, &ranges);
    }

    /// Masks `text` with the plain scan alone, as every XML file was masked before the XML
    /// reader found the secret elements (and the shapes of secrets, as every file is).
    fn scan_xml(text: &mut String) {
        let mut ranges = scanned_xml_secrets(text);
        ranges.extend(text_secrets(text));
        mask(text, &ranges);
    }

    /// The values of the secret elements the XML reader reads from `text`.
    fn secret_values(text: &str) -> Vec<String> {
        let doc = crate::xml::read_document(text, uclint_model::SourceId::new(0));
        let mut stack: Vec<crate::xml::Element<'_>> = doc.roots().collect();
        let mut values = Vec::new();
        while let Some(element) = stack.pop() {
            stack.extend(element.children());
            if let (true, Some(value)) = (is_secret_element(element.name()), element.text()) {
                values.push(value.value.to_string());
            }
        }
        values
    }

    #[test]
    fn no_secret_value_is_read_from_an_xml_text_or_from_it_masked() {
        let pieces = [
            "<password>",
            "</password>",
            "<ns:PIN a=\">\">",
            "</ns:PIN>",
            "<digestCredentials/>",
            "<x>",
            "</x>",
            "<y/>",
            "s3cret",
            " ",
            "\n",
            "é",
            "&amp;",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<?p",
            "?>",
            "<",
            ">",
            "<password\u{A0}>",
            "<a:b:ldapPassword >",
            "=",
            "?pin=1&",
        ];
        let is_masked =
            |value: &String| !is_secret_value(value) || value.bytes().all(|b| b == b'*' || b.is_ascii_whitespace());
        let (mut values, mut compared) = (0, 0);
        for body in crate::random_texts::random_texts(&pieces, 5_000, 14, 7) {
            let text = format!("<r>{body}</r>");
            // Every value a family reader gets for a secret element is masked ...
            let read = secret_values(&text);
            values += read.len();
            assert!(read.iter().all(is_masked), "{text:?}: {read:?}");
            // ... and so is every value the masked text would give.
            let mut by_reader = text.clone();
            redact_xml(&mut by_reader);
            assert_eq!(by_reader.len(), text.len(), "{text:?}");
            assert!(secret_values(&by_reader).iter().all(is_masked), "{text:?} masked to {by_reader:?}");
            // Where the text is well formed and holds nothing the plain scan reads otherwise than
            // XML does (comments, CDATA sections and instructions, whose `<` it takes for a tag,
            // and a `>` in an attribute value, which it takes for the tag's end), the reader masks
            // all the scan masks.
            let doc = crate::xml::read_document(&text, uclint_model::SourceId::new(0));
            if doc.error.is_none() && !text.contains("<!") && !text.contains("<?") && !text.contains("\">\"") {
                compared += 1;
                let mut by_scan = text.clone();
                scan_xml(&mut by_scan);
                for ((original, reader), scan) in text.bytes().zip(by_reader.bytes()).zip(by_scan.bytes()) {
                    assert!(scan == original || reader == scan, "{text:?}: {by_reader:?} against {by_scan:?}");
                }
            }
        }
        assert!(values > 1_000 && compared > 500, "{values} secret values read, {compared} texts compared");
    }

    #[test]
    fn secrets_past_a_syntax_error_are_masked_by_the_plain_scan() {
        let mut text = "<r><password>one</password><a></b><password>two</password></r>".to_owned();
        redact_xml(&mut text);
        assert_eq!(text, "<r><password>***</password><a></b><password>***</password></r>");
    }

    #[test]
    fn secret_xml_elements_are_masked_byte_for_byte() {
        let mut text = "<user><userid>agent01</userid><password>s3cr\u{e9}t</password><pin/>\
                        <ns:digestCredentials>abc</ns:digestCredentials><PIN>12</PIN>\
                        <ldapPassword><![CDATA[x<y]]></ldapPassword><passwordCredentials><pwdCredPolicyName>p\
                        </pwdCredPolicyName></passwordCredentials></user>"
            .to_owned();
        let len = text.len();
        redact_xml(&mut text);
        assert_eq!(text.len(), len);
        assert!(text.contains("<password>*******</password><pin/>"), "{text}");
        assert!(text.contains("<ns:digestCredentials>***</ns:digestCredentials><PIN>**</PIN>"), "{text}");
        assert!(text.contains("<ldapPassword>***************</ldapPassword>"), "{text}");
        assert!(text.contains("<userid>agent01</userid>") && text.contains(">p</pwdCredPolicyName>"), "{text}");
    }

    #[test]
    fn masks_keep_length_whitespace_and_validity_even_across_characters() {
        let mut text = "a,pässwörd 1,b".to_owned();
        mask(&mut text, &[(2, 14)]);
        assert_eq!(text, "a,********** *,b", "ten bytes of `pässwörd`");
        // A range that cuts `ä` in two still leaves valid text of the same length.
        let mut text = "a,pässwörd,b".to_owned();
        let len = text.len();
        mask(&mut text, &[(4, 6)]);
        assert_eq!(text.len(), len + 2, "each broken byte becomes U+FFFD");
        assert!(text.starts_with("a,p\u{fffd}*"), "{text}");
    }

    #[test]
    fn secret_url_parameters_are_masked() {
        let mut text = "<service><url>https://f1:8445/fippa/#DEVICENAME#?id=agent01&amp;password=s3cret&amp;x=1</url>\
                        <url>http://h/app?PIN=1234</url><url>http://h/app?spin=up&amp;pinned=1</url></service>"
            .to_owned();
        redact_xml(&mut text);
        assert!(text.contains("id=agent01&amp;password=******&amp;x=1"), "{text}");
        assert!(text.contains("?PIN=****<"), "{text}");
        assert!(text.contains("?spin=up&amp;pinned=1"), "{text}");
    }

    /// The text of the one file `parse` read from `csv`.
    fn parsed(csv: &str) -> String {
        let raw = crate::RawInput { path: "x.csv".into(), bytes: csv.as_bytes().to_vec(), error: None };
        let ingested = crate::parse(vec![raw]);
        ingested.sources.get(uclint_model::SourceId::new(0)).text.clone()
    }

    #[test]
    fn secrets_split_by_comments_cdata_or_instructions_are_masked_whole() {
        let mut text = "<user><password>ab<!-- c -->cd</password><pin><![CDATA[12]]>34</pin>\
                        <digestCredentials>ef<![CDATA[gh]]></digestCredentials><ldapPassword>i<?pi?>j</ldapPassword>\
                        <userid>agent01</userid></user>"
            .to_owned();
        redact_xml(&mut text);
        for secret in ["ab", "cd", "12", "34", "ef", "gh", "i<", "j<"] {
            assert!(!text.contains(secret), "{secret} left in {text}");
        }
        assert!(text.contains("<password>****** * *****</password>"), "{text}");
        assert!(text.contains("<userid>agent01</userid>"), "{text}");
    }

    #[test]
    fn secret_cells_are_masked_and_unset_ones_kept() {
        let text = parsed(
            "USER ID,PASSWORD 1,DIGEST CREDENTIALS,PIN 1,APPLICATION USER PASSWORD REVERSE\n\
             a,abc123,NULL,9876,f\n",
        );
        assert_eq!(text.lines().nth(1), Some("a,******,NULL,****,f"));
    }

    #[test]
    fn secret_cells_are_masked_in_crlf_files_too() {
        let text = parsed("USER ID,PIN 1\r\nagent01,9876\r\nagent02,5555\r\n");
        assert_eq!(text, "USER ID,PIN 1\r\nagent01,****\r\nagent02,****\r\n");
    }

    #[test]
    fn files_without_secret_columns_are_untouched() {
        let text = "Device Name,Device Type,Directory Number 1\nSEP1,Cisco 8841,4001\n";
        assert_eq!(parsed(text), text);
    }

    #[test]
    fn files_that_are_not_read_keep_no_text() {
        assert_eq!(parsed("SOMETHING,PASSWORD\nx,hunter2\n"), "");
    }

    /// `text` with the ranges the whole-text scan finds masked.
    fn shapes_masked(text: &str) -> String {
        let mut text = text.to_owned();
        let ranges = text_secrets(&text);
        mask(&mut text, &ranges);
        text
    }

    #[test]
    fn secret_names_are_decided_by_their_parts() {
        let secret = [
            "password",
            "PASSWORD 1",
            "pin 1",
            "PIN",
            "application user password reverse",
            "password reverse",
            "digest credentials",
            "ldap password",
            "mlpp password 1",
            "local phone unlock password",
            "secure shell password",
            "user password",
            "credentials",
            "authentication string",
            "attendees access code",
            "sshPwd",
            "userPassword",
            "adminPassword",
            "ldapPassword",
            "LDAPPassword",
            "digestCredentials",
            "passwordreverse",
            "passwd",
            "pwd",
            "secret",
            "client_secret",
            "token",
            "access_token",
            "api_key",
            "apiKey",
            "x-api-key",
            "key",
            "psk",
            "pass",
            "userPass",
            "authenticationString",
            "confirmCredentials",
            "user[password]",
        ];
        let not_secret = [
            "PIN LOCKED BY ADMIN 1",
            "PIN CANT CHANGE 1",
            "PASSWORD DOES NOT EXPIRE 1",
            "PASSWORD AUTHENTICATION RULE 1",
            "USER CANNOT CHANGE PASSWORD 1",
            "USER MUST CHANGE PASSWORD AT NEXT LOGIN 1",
            "KEY SIZE",
            "TYPE KEY SIZE",
            "PASSWORD DESCRIPTION",
            "PASSWORDPERSISTENT",
            "CHECK FOR TRIVIAL PASSWORDS",
            "CREDENTIAL POLICY NAME",
            "MINIMUM CREDENTIAL LENGTH",
            "DIGEST USER",
            "EXCLUDED DIGEST CRED FLAG",
            "AUTHENTICATION METHOD",
            "pwdCredPolicyName",
            "pwdCredTimeChanged",
            "pwdCredLockedByAdministrator",
            "pinCredUserCantChange",
            "pinResetHackCount",
            "credentialPolicy",
            "credentialmustchange",
            "keyOrder",
            "softkey",
            "SOFTKEY TEMPLATE",
            "hotKey",
            "spin",
            "pinned",
            "ping",
            "PING RETRY COUNT",
            "passThrough",
            "bypass",
            "secretary",
            "uuid",
            "device",
            "",
        ];
        for name in secret {
            assert!(is_secret_name(name), "{name} should be secret");
        }
        for name in not_secret {
            assert!(!is_secret_name(name), "{name} should not be secret");
        }
    }

    #[test]
    fn the_codes_of_forced_authorization_codes_are_secret_beside_their_level() {
        let names = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(secret_columns(&names(&["name", "code", "authorization level"])), [1]);
        assert!(secret_columns(&names(&["name", "code"])).is_empty(), "a code of another kind");
    }

    #[test]
    fn hashes_crypt_strings_and_url_passwords_are_masked_by_shape() {
        let hash64 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let text = format!("agent01,{hash64},{},NULL\n", &hash64[..40]);
        assert_eq!(shapes_masked(&text), format!("agent01,{},{},NULL\n", "*".repeat(64), "*".repeat(40)));
        // What is not a hash stays: 31 digits, a long number, a MAC, UUIDs with dashes or braces.
        let kept = [
            "9f86d081884c7d659a2feaa0c55ad01",
            "12345678901234567890123456789012345",
            "SEP0011AABB0001",
            "{9E3779B9-7F4A-7C16-000B-000000000000}",
            "{9E3779B97F4A7C16000B000000000000}",
            "Token_User_9e3779b9-7f4a-7c16-000b-000000000000",
        ];
        for value in kept {
            assert_eq!(shapes_masked(value), value);
        }
        // 33 digits in braces are no UUID.
        assert_eq!(shapes_masked("{9E3779B97F4A7C16000B0000000000001}"), format!("{{{}}}", "*".repeat(33)));
        let crypt = "$6$rounds=5000$saltsalt$Ph8V7zP1hOq3xAq6fFv0qQ";
        assert_eq!(shapes_masked(&format!("x,{crypt},y")), format!("x,{},y", "*".repeat(crypt.len())));
        let bcrypt = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
        assert_eq!(shapes_masked(bcrypt), "*".repeat(bcrypt.len()));
        assert_eq!(shapes_masked("costs $5 or $6 a month"), "costs $5 or $6 a month");
        assert_eq!(shapes_masked("http://admin:s3cret@cucm1/ccmadmin"), "http://admin:******@cucm1/ccmadmin");
        assert_eq!(shapes_masked("http://cucm1:8080/x,https://u@h/"), "http://cucm1:8080/x,https://u@h/");
    }

    #[test]
    fn values_named_by_a_secret_name_are_masked_however_the_name_is_written() {
        let cases = [
            (
                "<url>http://h/a?id=agent01&amp;pass&#119;ord=s3cret&amp;x=1</url>",
                "id=agent01&amp;pass&#119;ord=******&amp;x=1",
            ),
            ("<url>http://h/a?password&#61;s3cret</url>", "password&#61;******<"),
            ("<url>http://h/a?p%69n=1234&amp;x=1</url>", "p%69n=****&amp;x=1"),
            ("<url>http://h/a?pin=12&#51;4</url>", "pin=********<"),
            ("http://h/a?device=#DEVICENAME#&PIN=1234,Standard IP Phone Service", "PIN=****,Standard IP"),
            ("{\"userID\": \"agent01\", \"password\": \"two words\"}", "\"password\": \"*** *****\""),
            ("<a password=\"hunter2\" uuid=\"{1}\"/>", "password=\"*******\" uuid=\"{1}\""),
            ("<!-- PIN: 1234 --><x/>", "PIN: **** **><x/>"),
        ];
        for (text, expected) in cases {
            let masked = shapes_masked(text);
            assert!(masked.contains(expected), "{text} masked to {masked}");
        }
        let kept = [
            "<ns:password xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\">",
            "http://h:8080/emapp/EMAppServlet?device=#DEVICENAME#&EMCC=#EMCC#",
            "Time : Jun 09, 2023 13:03:18 PM PDT",
            "http://h/a?spin=up&pinned=1",
            "http://h/a?password=&pin=NULL&token=true",
            "(&(objectclass=user)(pwdLastSet=0))",
        ];
        for text in kept {
            assert_eq!(shapes_masked(text), text);
        }
    }

    #[test]
    fn every_secret_in_a_value_becomes_four_stars() {
        let url = "http://f1:8445/fippa/#DEVICENAME#?id=agent01&password=s3cret&extension=4001";
        assert_eq!(mask_value(url), "http://f1:8445/fippa/#DEVICENAME#?id=agent01&password=****&extension=4001");
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert_eq!(mask_value(&format!("swallowed\nb,{hash},x\"")), "swallowed\nb,****,x\"");
        assert_eq!(mask_value("http://h/?pin=1,2"), "http://h/?pin=****", "a value is one cell: `,` is in it");
        assert!(matches!(mask_value("Cisco 8841"), Cow::Borrowed(_)));
        assert!(matches!(mask_value(url.split('?').next().unwrap()), Cow::Borrowed(_)));
        assert_eq!(mask_value("<password>a</password><pin>1</pin>"), "<password>****</password><pin>****</pin>");
        assert_eq!(replace_ranges("abcdef", &[(0, 2), (1, 3), (3, 4), (5, 6)]), "****e****");
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

    #[test]
    fn a_stray_quote_does_not_unmask_the_rows_it_swallows() {
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let csv = format!(
            "USER ID,FIRST NAME,PASSWORD 1,PIN 1,DIGEST CREDENTIALS\n\
             agent01,\"Ann,plain-one,1111,{hash}\n\
             agent02,Bob,plain-two,2222,{hash}\n\
             agent03,Cy,plain-three,3333,NULL\n"
        );
        let text = parsed(&csv);
        for secret in ["plain-one", "plain-two", "plain-three", "1111", "2222", "3333", &hash[..8]] {
            assert!(!text.contains(secret), "{secret} left in {text}");
        }
        assert!(text.contains("agent02,Bob,") && text.contains("agent03,Cy,"), "{text}");
        // The model's values read from the swallowed cell are masked too.
        let raw = crate::RawInput { path: "enduser.csv".into(), bytes: csv.into_bytes(), error: None };
        let model = format!("{:?}", crate::parse(vec![raw]).cluster);
        for secret in ["plain-two", "2222", &hash[..8]] {
            assert!(!model.contains(secret), "{secret} in the model: {model}");
        }
    }

    #[test]
    fn a_url_in_a_quoted_cell_is_masked_past_its_commas() {
        let text = parsed(
            "SERVICE NAME,SERVICE URL,ENABLE\n\
             Finesse,\"http://f1:8082/fippa/#DEVICENAME#?id=a&password=se,cret\",t\n",
        );
        assert!(text.contains("password=*******\",t"), "{text}");
    }

    #[test]
    fn files_that_are_not_read_keep_no_text_even_with_a_diagnostic() {
        let raw = crate::RawInput {
            path: "x.tar!conferencebridge.csv".into(),
            bytes: b"NAME,PASSWORD\ncfb1,hunter2\0\nchecked,\xc3\xa9t\xc3\xa9\n".to_vec(),
            error: None,
        };
        let ingested = crate::parse(vec![raw]);
        let file = ingested.sources.get(uclint_model::SourceId::new(0));
        assert_eq!(file.text, "");
        let nul = ingested.diagnostics.iter().find(|d| d.code == "INPUT008").expect("the NUL byte is reported");
        assert_eq!(file.line_col(nul.primary.span.start), (2, 13), "the place is still exact");
        assert_eq!(file.line_col(38), (3, 10), "and so is a column past non-ASCII characters");
    }

    #[test]
    fn secret_elements_in_comments_and_with_new_names_are_masked() {
        let mut text = "<r><!-- old: <password>hunter2</password> --><sshPwd>s5h</sshPwd><vendorConfig>\
                        <adminPassword>adm1n</adminPassword><userPassword>us3r</userPassword></vendorConfig>\
                        <paramPassword>true</paramPassword><pwdCredPolicyName>Default</pwdCredPolicyName></r>"
            .to_owned();
        redact_xml(&mut text);
        for secret in ["hunter2", "s5h", "adm1n", "us3r"] {
            assert!(!text.contains(secret), "{secret} left in {text}");
        }
        // A flag named like a secret, and a setting about one, stay readable.
        assert!(text.contains("<paramPassword>true<") && text.contains(">Default<"), "{text}");
    }

    #[test]
    fn a_stray_comma_does_not_move_a_secret_out_of_its_mask() {
        let csv = "USER ID,FIRST NAME,PASSWORD 1,PIN 1\nagent01,Ann,Smith,plain-one,1234\nagent02,Bob,plain-two,5678\n";
        let text = parsed(csv);
        assert_eq!(
            text,
            "USER ID,FIRST NAME,PASSWORD 1,PIN 1\nagent01,Ann,*****,*********,****\nagent02,Bob,*********,****\n"
        );
        let raw = crate::RawInput { path: "enduser.csv".into(), bytes: csv.as_bytes().to_vec(), error: None };
        let model = format!("{:?}", crate::parse(vec![raw]).cluster);
        assert!(!model.contains("plain-one") && model.contains("agent01"), "{model}");
    }

    #[test]
    fn secrets_are_masked_by_shape_in_every_file_that_is_read() {
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let csv = format!("SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL\nEM,{hash},http://h/?pin=1234\n");
        let raw = crate::RawInput { path: "phoneservices.csv".into(), bytes: csv.into_bytes(), error: None };
        let ingested = crate::parse(vec![raw]);
        let text = &ingested.sources.get(uclint_model::SourceId::new(0)).text;
        assert_eq!(
            text,
            &format!("SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL\nEM,{},http://h/?pin=****\n", "*".repeat(64))
        );
        let url = ingested.cluster.phone_services[0].url.as_ref().unwrap();
        assert_eq!(url.value, "http://h/?pin=****", "masked in the model too");
    }

    #[test]
    fn an_escaped_secret_is_masked_in_the_text_of_its_element() {
        let mut text =
            "<r><url>http://h/?pin&#61;1234&amp;x=1</url><d>&lt;password&gt;abc&lt;/password&gt;</d></r>".to_owned();
        redact_xml(&mut text);
        assert!(text.contains("<url>http://h/?pin&#61;****&amp;x=1</url>"), "{text}");
        assert!(!text.contains("abc"), "{text}");
    }

    #[test]
    fn ranges_merge_into_ordered_disjoint_ones() {
        let mut ranges = vec![(10, 12), (0, 2), (1, 4), (4, 5), (20, 30), (22, 25), (7, 7)];
        merge_ranges(&mut ranges);
        assert_eq!(ranges, [(0, 5), (7, 7), (10, 12), (20, 30)]);
    }

    #[test]
    fn a_parameter_named_like_a_password_keeps_no_value() {
        let csv = "PARAM NAME,PARAM VALUE\nProxyPassword,hunter2\nEnableIPV6,T\n";
        let raw =
            crate::RawInput { path: "enterpriseparameter.csv".into(), bytes: csv.as_bytes().to_vec(), error: None };
        let ingested = crate::parse(vec![raw]);
        let values: Vec<&str> = ingested.cluster.enterprise_parameters.iter().map(|p| p.value.value.as_str()).collect();
        assert_eq!(values, ["****", "T"]);
    }
}
