//! Inline SVG bar charts: no scripts, no external assets, readable when printed. Every label
//! and the title go through [`escape::html`], as everything else on the page; a bar's value is
//! written beside it, so colour is never the only way to read it.

use std::fmt::Write;

use super::escape;

/// One bar: label, value and fill colour.
pub(crate) struct Bar<'a> {
    /// Label, from the input or not: escaped when drawn.
    pub label: &'a str,
    /// Value, drawn as the bar's length and as text.
    pub value: usize,
    /// Fill colour (a constant of the page, never from the input).
    pub color: &'static str,
}

/// A horizontal bar chart with a title, sized to its bars.
pub(crate) fn bar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    const ROW: usize = 26;
    const LABEL_WIDTH: usize = 110;
    const BAR_WIDTH: usize = 260;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = bars.len() * ROW + 8;
    let title = escape::html(title);
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{title}\" width=\"{}\" height=\"{height}\" \
         viewBox=\"0 0 {} {height}\"><title>{title}</title>",
        LABEL_WIDTH + BAR_WIDTH + 50,
        LABEL_WIDTH + BAR_WIDTH + 50,
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let width = if bar.value == 0 { 0 } else { (bar.value * BAR_WIDTH / max).max(2) };
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"{}\" rx=\"2\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>",
            y + 14,
            escape::html(bar.label),
            bar.color,
            LABEL_WIDTH + width + 6,
            y + 14,
            crate::count(bar.value),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_labels_are_escaped() {
        let svg = bar_chart("</title><script>x</script>", &[Bar { label: "<b>&", value: 1200, color: "#000" }]);
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>"));
        assert!(svg.contains(">&lt;b&gt;&amp;</text>") && svg.contains(">1,200</text>"));
    }
}
