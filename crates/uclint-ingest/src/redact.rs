//! Secrets are masked before a file enters the source map, so no renderer can ever print them.
//!
//! Exports carry password and PIN hashes and digest credentials (formats.md §1). Snippets show
//! the cells around a finding, so masking at render time would be one forgotten call away from
//! a leak; instead every secret cell is overwritten with `*` here, byte for byte, which keeps
//! every span valid. Unset cells (empty or `NULL`) are left alone: whether a secret is present
//! is all the rules may know.
//!
//! XML is masked where the XML reader finds the secret elements (`password`, `pin`,
//! `digestCredentials`, …): it knows every element's name anyway, so a megacluster's 25 million
//! tags are not read a second time. The reader masks a secret element's value before any family
//! reader sees it, and gives the ranges to mask in the text ([`xml_secrets`]). Where the reader
//! stopped at a syntax error, a plain scan of the whole text for secret tags
//! ([`scanned_xml_secrets`]) masks what lies beyond the error as well.

/// Whether a normalised CSV header names a secret column. The CSV table reader records the
/// cells of these columns while it parses, and the file is masked once parsing is done.
pub(crate) fn is_secret_column(name: &str) -> bool {
    let is_flag = name.ends_with(" reverse");
    (name.contains("password") && !is_flag)
        || name == "pin"
        || name.starts_with("pin ")
        || name.contains("digest credentials")
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

const SECRET_ELEMENTS: &[&str] = &["password", "pin", "digestcredentials", "ldappassword", "credentials"];

/// Whether an element of this name holds a secret: its local name (after the last `:`, up to
/// the first whitespace or `/`, as the plain scan reads a tag) is a secret element's, in any
/// case. The XML reader gives names up to ASCII whitespace, so a name such as `password\u{A0}`
/// is read here as the scan reads it.
pub(crate) fn is_secret_element(name: &str) -> bool {
    let local = local_tag_name(name);
    SECRET_ELEMENTS.iter().any(|s| s.eq_ignore_ascii_case(local))
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
/// found (taken from `doc`), secret URL parameters, and, if reading stopped at an error, every
/// secret tag a plain scan finds (the elements past the error were never read).
pub(crate) fn xml_secrets(text: &str, doc: &mut crate::xml::Document) -> Vec<(usize, usize)> {
    let mut ranges = std::mem::take(&mut doc.secrets);
    if doc.error.is_some() {
        ranges.extend(scanned_xml_secrets(text));
    } else {
        ranges.extend(url_secret_ranges(text));
    }
    ranges
}

/// The ranges to mask in a text that looks like XML, found by a plain scan without the XML
/// reader: the content of every secret element and secret URL parameters. Texts that do not
/// start with `<` have none.
pub(crate) fn scanned_xml_secrets(text: &str) -> Vec<(usize, usize)> {
    if !text.trim_start().starts_with('<') {
        return Vec::new();
    }
    let mut secret_ranges: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
        let tag_start = pos + found + 1;
        let Some(tag_len) = memchr::memchr(b'>', &bytes[tag_start..]) else { break };
        let tag_end = tag_start + tag_len;
        pos = tag_end + 1;
        let tag = &text[tag_start..tag_end];
        if !is_secret_element(tag) || tag.ends_with('/') {
            continue;
        }
        let content_end = secret_content_end(bytes, pos);
        secret_ranges.push((pos, content_end));
        pos = content_end;
    }
    secret_ranges.extend(url_secret_ranges(text));
    secret_ranges
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

/// URL query parameters that carry a secret./// URL query parameters that carry a secret.
const SECRET_QUERY_PARAMETERS: &[&str] = &["password=", "pin="];

/// The values of `password=` and `pin=` query parameters in URLs: a phone's subscription to a
/// service (AXL `services/service/url`) can carry the values the user entered, e.g. Finesse IPPA
/// One Button Sign In `…?id=agent01&password=…`. A value runs to the next `&`, quote, `<` or
/// whitespace; the parameter must follow `?`, `&` or `&amp;`.
fn url_secret_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    // Every parameter ends in `=`: look at each `=` and compare the name before it, ignoring case.
    for equals in memchr::memchr_iter(b'=', bytes) {
        let from = equals + 1;
        let Some(parameter) = SECRET_QUERY_PARAMETERS.iter().find(|p| {
            let name = &p.as_bytes()[..p.len() - 1];
            equals >= name.len() && bytes[equals - name.len()..equals].eq_ignore_ascii_case(name)
        }) else {
            continue;
        };
        let at = equals + 1 - parameter.len();
        if !matches!(at.checked_sub(1).map(|i| bytes[i]), Some(b'?' | b'&' | b';')) {
            continue;
        }
        let end = bytes[from..]
            .iter()
            .position(|b| matches!(b, b'&' | b'<' | b'"' | b'\'' | b'#') || b.is_ascii_whitespace())
            .map_or(bytes.len(), |p| from + p);
        ranges.push((from, end));
    }
    ranges.sort_unstable();
    ranges
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

    /// Masks `text` as ingest masks an XML file: with what the XML reader found in it.
    fn redact_xml(text: &mut String) {
        let mut doc = crate::xml::read_document(text, uclint_model::SourceId::new(0));
        let ranges = xml_secrets(text, &mut doc);
        mask(text, &ranges);
    }

    /// Masks `text` with the plain scan alone, as every XML file was masked before the XML
    /// reader found the secret elements.
    fn scan_xml(text: &mut String) {
        let ranges = scanned_xml_secrets(text);
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
        let is_masked = |value: &String| value.bytes().all(|b| b == b'*' || b.is_ascii_whitespace());
        let (mut values, mut compared) = (0, 0);
        for body in crate::random_texts::random_texts(&pieces, 20_000, 14, 7) {
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
}
