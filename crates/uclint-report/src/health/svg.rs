//! Inline SVG bar charts: no scripts, no external assets, readable when printed.

use std::fmt::Write;

/// One bar: label, value and fill colour.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub color: &'a str,
}

/// A horizontal bar chart with a title, sized to its bars.
pub fn bar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    const ROW: usize = 26;
    const LABEL_WIDTH: usize = 110;
    const BAR_WIDTH: usize = 260;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = bars.len() * ROW + 8;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{title}\" width=\"{}\" height=\"{height}\" \
         viewBox=\"0 0 {} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{title}</title>",
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
            super::html::escape(bar.label),
            bar.color,
            LABEL_WIDTH + width + 6,
            y + 14,
            bar.value,
        );
    }
    svg.push_str("</svg>");
    svg
}
