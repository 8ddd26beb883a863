//! Inline SVG bar charts: no scripts, no external assets, readable when printed. The title and
//! every label are spliced in as [`Html`], as everything else on the page; a bar's value is
//! written beside it, so colour is never the only way to read it.
//!
//! This module draws charts and nothing else: it knows the escaping module, not the page.

use std::fmt::Write as _;

use maud::{html, Markup, Render};

use super::escape::Html;

/// One bar: label, value and fill colour.
pub(crate) struct Bar<'a> {
    /// Label, from the input or not: escaped when drawn.
    pub label: &'a str,
    /// Value, drawn as the bar's length and as text.
    pub value: usize,
    /// Fill colour (a constant of the page, never from the input).
    pub color: &'static str,
}

/// Height of a bar's row, in pixels.
const ROW: usize = 26;
/// Width of the label column.
const LABEL_WIDTH: usize = 110;
/// Width of the longest bar.
const BAR_WIDTH: usize = 260;
/// Width of the chart: labels, the longest bar and room for its value.
const WIDTH: usize = LABEL_WIDTH + BAR_WIDTH + 50;

/// A horizontal bar chart with a title, sized to its bars.
pub(crate) fn bar_chart(title: &str, bars: &[Bar<'_>]) -> Markup {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = bars.len() * ROW + 8;
    html! {
        svg class="chart" role="img" aria-label=(Html(title)) width=(WIDTH) height=(height)
            viewBox={ "0 0 " (WIDTH) " " (height) } {
            title { (Html(title)) }
            @for (i, bar) in bars.iter().enumerate() {
                @let y = i * ROW + 4;
                @let width = if bar.value == 0 { 0 } else { (bar.value * BAR_WIDTH / max).max(2) };
                text x="0" y=(y + 14) font-size="13" { (Html(bar.label)) }
                (Rect { y, width, fill: bar.color })
                text x=(LABEL_WIDTH + width + 6) y=(y + 14) font-size="13" { (crate::count(bar.value)) }
            }
        }
    }
}

/// A bar, written `<rect …/>`: an SVG element with no content must close itself (in the HTML
/// parser's foreign content a `<rect>` left open would swallow the next `<text>`), and maud
/// writes no self-closing tags, so this one is written by hand. It holds numbers and a colour
/// of the page's own ([`Bar::color`]), nothing from the input, so there is nothing to escape.
struct Rect {
    y: usize,
    width: usize,
    fill: &'static str,
}

impl Render for Rect {
    fn render_to(&self, out: &mut String) {
        let Rect { y, width, fill } = self;
        // Writing to a `String` cannot fail.
        let _ = write!(
            out,
            "<rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"{fill}\" rx=\"2\"/>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_labels_are_escaped() {
        let svg = bar_chart("</title><script>x</script>\"", &[Bar { label: "<b>&'", value: 1200, color: "#000" }])
            .into_string();
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;&quot;</title>"), "{svg}");
        assert!(svg.contains("aria-label=\"&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;&quot;\""), "{svg}");
        assert!(svg.contains(">&lt;b&gt;&amp;&#39;</text>") && svg.contains(">1,200</text>"), "{svg}");
    }

    #[test]
    fn bars_are_scaled_to_the_largest_and_closed() {
        let bars = [Bar { label: "a", value: 10, color: "#111" }, Bar { label: "b", value: 0, color: "#222" }];
        let svg = bar_chart("t", &bars).into_string();
        assert_eq!(
            svg,
            "<svg class=\"chart\" role=\"img\" aria-label=\"t\" width=\"420\" height=\"60\" viewBox=\"0 0 420 60\">\
             <title>t</title>\
             <text x=\"0\" y=\"18\" font-size=\"13\">a</text>\
             <rect x=\"110\" y=\"4\" width=\"260\" height=\"18\" fill=\"#111\" rx=\"2\"/>\
             <text x=\"376\" y=\"18\" font-size=\"13\">10</text>\
             <text x=\"0\" y=\"44\" font-size=\"13\">b</text>\
             <rect x=\"110\" y=\"30\" width=\"0\" height=\"18\" fill=\"#222\" rx=\"2\"/>\
             <text x=\"116\" y=\"44\" font-size=\"13\">0</text></svg>"
        );
    }
}
