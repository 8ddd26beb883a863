//! The SARIF 2.1.0 schema as a validator, for the test files that check a SARIF log
//! (`formats.rs`, `diff.rs`).

/// The SARIF 2.1.0 schema, as a validator that also checks formats (URIs).
pub fn validator() -> jsonschema::Validator {
    // The published schema's `language` patterns have a stray `]`, legal as a literal in
    // ECMAScript but refused by the validator's regex check; escaping it keeps the meaning and
    // leaves the vendored file as published.
    let published = std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").unwrap();
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(published.matches(stray).count(), 2);
    let schema: serde_json::Value =
        serde_json::from_str(&published.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#)).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}
