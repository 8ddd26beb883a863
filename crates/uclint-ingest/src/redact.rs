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
//! What is secret (by name and by shape) and how a secret is masked is decided in
//! [`crate::secrets`], which the readers use too; this module puts the readers' findings
//! together for a file.
//!
//! XML is masked where the XML reader finds the secret elements (`password`, `pin`,
//! `digestCredentials`, `sshPwd`, …): it knows every element's name anyway, so a megacluster's
//! 25 million tags are not read a second time. The reader masks a secret element's value before
//! any family reader sees it, and gives the ranges to mask in the text (`xml_secrets`); it scans
//! comments for secret tags too. Where the reader stopped at a syntax error, a plain scan of the
//! whole text for secret tags (`scanned_xml_secrets`) masks what lies beyond the error as well.

use crate::secrets;

/// The ranges to mask in an XML text the reader has read into `doc`: the secret elements it
/// found (taken from `doc`, comments included) and, if reading stopped at an error, every
/// secret tag a plain scan finds (the elements past the error were never read). The shapes of
/// [`text_secrets`](crate::secrets::text_secrets) are added for every file that is read.
pub(crate) fn xml_secrets(text: &str, doc: &mut crate::xml::Document) -> Vec<(usize, usize)> {
    let mut ranges = std::mem::take(&mut doc.secrets);
    if doc.error.is_some() {
        ranges.extend(secrets::scanned_xml_secrets(text));
    }
    ranges
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::secrets::*;

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
