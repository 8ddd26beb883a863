//! Every finding as CSV, carried inside the page for its "Download all findings" button.
//!
//! The page shows groups; the CSV is where every finding is, so a reader can sort and filter
//! 80,000 of them in a spreadsheet without the page holding 80,000 rows. It is embedded as JSON
//! in a `<script type="application/json">` element ([`escape::script_json`]), read only when the
//! button is pressed: as text when small, else gzipped and base64-encoded (80,000 findings are
//! some 25 MB of CSV and about 1.5 MB so), which the page unpacks with the browser's
//! `DecompressionStream`. Nothing is fetched.
//!
//! Columns: severity, code, rule, object, file, line, column, message, fix; rows in severity
//! order (errors first), then in output order. Cells are bounded as in every format and escaped
//! against formula injection ([`escape::csv_cell`]).
//!
//! Realistic findings compress twentyfold (80,000 of them to about 1 MB of base64), but text
//! that does not compress could make the blob outgrow the page's 5 MB: past [`BLOB_BUDGET`] the
//! last rows (the least severe) are left out and a last row says how many, pointing at
//! `--format json`, which is never capped.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::escape;
use crate::{text, Paths, Report};

/// CSV up to this size is embedded as text; larger is gzipped.
pub(crate) const TEXT_UP_TO: usize = 256 * 1024;

/// Characters of embedded data at most (base64 of the gzipped CSV).
pub(crate) const BLOB_BUDGET: usize = 3 * 1024 * 1024;

/// File name the download is saved as.
pub(crate) const FILE_NAME: &str = "uclint-findings.csv";

/// The CSV header line.
const HEADER: &str = "severity,code,rule,object,file,line,column,message,fix\r\n";

/// The findings' rows: one line each, ended by CRLF (RFC 4180), errors first.
pub(crate) fn rows(report: &Report<'_>, paths: &Paths<'_>) -> Vec<String> {
    let mut order: Vec<&uclint_model::Diagnostic> = report.diagnostics.iter().collect();
    order.sort_by_key(|d| std::cmp::Reverse(d.severity));
    order.into_iter().map(|d| row(report, paths, d)).collect()
}

/// One finding as a CSV line.
fn row(report: &Report<'_>, paths: &Paths<'_>, d: &uclint_model::Diagnostic) -> String {
    let mut out = String::with_capacity(256);
    let (line, column) = report.sources.get(d.primary.span.source).line_col(d.primary.span.start);
    out.push_str(d.severity.as_str());
    out.push(',');
    escape::csv_cell(&mut out, d.code);
    out.push(',');
    escape::csv_cell(&mut out, d.name);
    out.push(',');
    escape::csv_cell(&mut out, &text::key(&d.object.to_string()));
    out.push(',');
    escape::csv_cell(&mut out, paths.get(d.primary.span.source));
    out.push_str(&format!(",{line},{column},"));
    escape::csv_cell(&mut out, &text::message(&d.message));
    out.push(',');
    escape::csv_cell(&mut out, &text::message(d.help.as_deref().unwrap_or("")));
    out.push_str("\r\n");
    out
}

/// The CSV of the first `n` rows, with a last row saying how many were left out.
fn csv_of(rows: &[String], n: usize) -> String {
    let mut csv = String::with_capacity(HEADER.len() + rows.iter().take(n).map(String::len).sum::<usize>() + 200);
    csv.push_str(HEADER);
    for row in &rows[..n] {
        csv.push_str(row);
    }
    if n < rows.len() {
        let more = rows.len() - n;
        csv.push_str(&format!(
            "\"\",\"\",\"\",\"\",\"\",,,\"{} more {} left out to keep the page small: uclint check --format json lists every finding\",\"\"\r\n",
            crate::count(more),
            crate::findings(more)
        ));
    }
    csv
}

/// Gzip, then base64.
fn packed(csv: &str) -> String {
    let mut gz = GzEncoder::new(Vec::with_capacity(csv.len() / 10), Compression::default());
    // Writing to a `Vec` cannot fail.
    let _ = gz.write_all(csv.as_bytes());
    escape::base64(&gz.finish().unwrap_or_default())
}

/// The JSON the page embeds: `{"name", "rows", "encoding": "text" | "gzip-base64", "data"}`,
/// already escaped for a `<script>` element; `rows` is how many findings the CSV holds. Within
/// [`BLOB_BUDGET`]: rows are left out from the end until the packed data fits.
pub(crate) fn blob(rows: &[String]) -> String {
    let mut n = rows.len();
    let (encoding, data) = loop {
        let csv = csv_of(rows, n);
        if csv.len() <= TEXT_UP_TO {
            break ("text", csv);
        }
        let data = packed(&csv);
        if data.len() <= BLOB_BUDGET || n == 0 {
            break ("gzip-base64", data);
        }
        // Shrink in proportion, with a margin, so a few rounds reach the budget.
        n = (n as u128 * BLOB_BUDGET as u128 * 9 / (data.len() as u128 * 10)) as usize;
    };
    let json = serde_json::json!({ "name": FILE_NAME, "rows": n, "encoding": encoding, "data": data });
    escape::script_json(&json.to_string())
}
