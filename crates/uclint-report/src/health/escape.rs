//! The one way text from an export gets into the page: every insertion goes through this
//! module, chosen by the context it lands in.
//!
//! - [`Html`], [`Message`], [`Key`]: element content and quoted attribute values, SVG
//!   `<title>` and `<text>` included. They are [`maud::Render`] types, so a value from the input
//!   is spliced into an `html!` template as `(Message(&d.message))` and the template cannot
//!   forget to escape it: markup characters as entities, controls and bidi characters as
//!   visible escapes ([`text::push_visible`]), which a browser would otherwise act on (an
//!   override shows text in another order than it is read). maud's own escaping of a bare
//!   `&str` splice is safe too, but does not make controls visible: the page splices bare only
//!   its own text (counts, plurals, constants).
//! - [`script_json`]: data placed inside a `<script>` element. The HTML parser ends a script
//!   at `</script` whatever the JavaScript means, and `<!--` changes how it looks for the end,
//!   so every `<`, `>` and `&` in the serialised JSON is written as a JSON escape (`\u003c`):
//!   the element can only end where the page ends it.
//! - [`csv_cell`]: a CSV cell, quoted, with a leading `'` on a value a spreadsheet would take
//!   for a formula.
//!
//! Values are bounded before they are escaped ([`text::message`], [`text::key`],
//! [`text::path`]): [`Message`] and [`Key`] do it; a path is bounded by the caller, as in every
//! format.

use maud::Render;

use crate::text;

/// Appends `value` as HTML element content or a `"`-quoted attribute value.
fn push_html(out: &mut String, value: &str) {
    out.reserve(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => text::push_visible(out, c),
        }
    }
}

/// Text for HTML element content or a `"`-quoted attribute value, already bounded (a path from
/// [`text::path`], a name of the page's own, a value the caller bounded).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Html<'a>(pub &'a str);

impl Render for Html<'_> {
    fn render_to(&self, out: &mut String) {
        push_html(out, self.0);
    }
}

/// A message, fix or reason from the input: bounded ([`text::message`]), then as [`Html`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Message<'a>(pub &'a str);

impl Render for Message<'_> {
    fn render_to(&self, out: &mut String) {
        push_html(out, &text::message(self.0));
    }
}

/// An object key or name from the input: bounded ([`text::key`]), then as [`Html`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key<'a>(pub &'a str);

impl Render for Key<'_> {
    fn render_to(&self, out: &mut String) {
        push_html(out, &text::key(self.0));
    }
}

/// Serialised JSON made safe inside a `<script>` element: `<`, `>` and `&` as JSON escapes
/// (`\u003c`), which `JSON.parse` reads back as the characters. Outside strings JSON has none of
/// the three, so the value is unchanged.
pub(crate) fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Valid in JSON, and since ES2019 in JavaScript strings; escaped anyway for older
            // engines that would end a line there.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Appends one CSV cell, always quoted (`"` doubled). Controls are visible escapes first, so a
/// cell is one line; a value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// gets a leading `'`, so a spreadsheet shows it as text rather than evaluating a formula.
pub(crate) fn csv_cell(out: &mut String, value: &str) {
    let visible = text::terminal(value);
    out.push('"');
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in visible.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Standard base64 with padding (RFC 4648), for the compressed CSV: `atob` reads it back.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(value: &str) -> String {
        Html(value).render().into_string()
    }

    #[test]
    fn html_escapes_markup_quotes_controls_and_bidi() {
        assert_eq!(
            html("<script>alert('x')</script>\" onload=\"x&"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onload=&quot;x&amp;"
        );
        assert_eq!(html("a\u{202e}b\x1b[2J\n"), "a\\u{202e}b\\x1b[2J\\n");
        assert_eq!(html("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn a_splice_in_a_template_is_escaped_as_its_type_says() {
        let long = "x".repeat(10_000);
        let page = maud::html! { p title=(Html("\"'")) { (Key("<b>")) " " (Message("\u{202e}")) } };
        assert_eq!(page.into_string(), "<p title=\"&quot;&#39;\">&lt;b&gt; \\u{202e}</p>");
        // Bounded first, as in every format.
        let bounded = maud::html! { (Message(&long)) (Key(&long)) }.into_string();
        assert!(bounded.len() < long.len(), "{} bytes", bounded.len());
        assert_eq!(bounded, format!("{}{}", text::message(&long), text::key(&long)));
    }

    #[test]
    fn script_data_cannot_end_its_element() {
        let json = serde_json::to_string(&"</script><!-- <script>&").unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "</script><!-- <script>&");
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let cell = |v: &str| {
            let mut out = String::new();
            csv_cell(&mut out, v);
            out
        };
        assert_eq!(cell("plain"), "\"plain\"");
        assert_eq!(cell("a \"b\", c"), "\"a \"\"b\"\", c\"");
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"] {
            assert!(cell(formula).starts_with("\"'"), "{formula}");
        }
        assert_eq!(cell("\tx"), "\"'\\tx\"");
        assert_eq!(cell("\r=1"), "\"'\\r=1\"");
        assert_eq!(cell("a\nb"), "\"a\\nb\"");
        assert_eq!(cell("x=1"), "\"x=1\"");
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (raw, encoded) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(raw.as_bytes()), encoded);
        }
    }
}
