//! Every finding as CSV, carried inside the page for its "Download all findings" button.
//!
//! The page shows groups; the CSV is where every finding is, so a reader can sort and filter
//! 80,000 of them in a spreadsheet without the page holding 80,000 rows. It is embedded as JSON
//! in a `<script type="application/json">` element ([`escape::script_json`]), read only when the
//! button is pressed: as text when small, else gzipped and base64-encoded (80,000 findings are
//! some 25 MB of CSV and about 1.5 MB so), which the page unpacks with the browser's
//! `DecompressionStream`. Nothing is fetched.
//!
//! Columns: severity, code, rule, object, file, line, column, message, fix, group; rows in
//! severity order (errors first), then in output order. Cells are bounded as in every format and
//! escaped against formula injection ([`escape::csv_cell`]). `group` is the rank of the finding's
//! group in the page (the row `id="g{rank}"`, `data-group="{rank}"`), so the page's "Show all"
//! button can list a group's every object from this same data; the download keeps the column,
//! which lets a spreadsheet filter on one row of the page.
//!
//! Realistic findings compress twentyfold (80,000 of them to about 1 MB of base64), but text
//! that does not compress could make the blob outgrow the page's 5 MB: past [`BLOB_BUDGET`] the
//! last rows (the least severe) are left out and a last row says how many, pointing at
//! `--format json`, which is never capped.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::escape;
use crate::group::Group;
use crate::{text, Paths, Report};

/// CSV up to this size is embedded as text; larger is gzipped.
pub(crate) const TEXT_UP_TO: usize = 256 * 1024;

/// Characters of embedded data at most (base64 of the gzipped CSV).
pub(crate) const BLOB_BUDGET: usize = 3 * 1024 * 1024;

/// File name the download is saved as.
pub(crate) const FILE_NAME: &str = "uclint-findings.csv";

/// The CSV header line.
const HEADER: &str = "severity,code,rule,object,file,line,column,message,fix,group\r\n";

/// The findings' rows: one line each, ended by CRLF (RFC 4180), errors first; each names the
/// rank of its group in `groups` (the ranked groups of the page).
pub(crate) fn rows(report: &Report<'_>, paths: &Paths<'_>, groups: &[Group]) -> Vec<String> {
    let mut group_of = vec![usize::MAX; report.diagnostics.len()];
    for (rank, g) in groups.iter().enumerate() {
        for &i in &g.members {
            group_of[i] = rank;
        }
    }
    let mut order: Vec<usize> = (0..report.diagnostics.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(report.diagnostics[i].severity));
    order.into_iter().map(|i| row(report, paths, &report.diagnostics[i], group_of[i])).collect()
}

/// One finding as a CSV line; `group` is `usize::MAX` (an empty cell) for a finding in no group,
/// which the ranked groups never leave.
fn row(report: &Report<'_>, paths: &Paths<'_>, d: &uclint_model::Diagnostic, group: usize) -> String {
    let mut out = String::with_capacity(256);
    let (line, column) = report.sources.get(d.primary.span.source).line_col(d.primary.span.start);
    out.push_str(d.severity.as_str());
    out.push(',');
    escape::csv_cell(&mut out, d.code.id);
    out.push(',');
    escape::csv_cell(&mut out, d.code.name);
    out.push(',');
    escape::csv_cell(&mut out, &text::key(&d.object.to_string()));
    out.push(',');
    escape::csv_cell(&mut out, paths.get(d.primary.span.source));
    out.push_str(&format!(",{line},{column},"));
    escape::csv_cell(&mut out, &text::message(&d.message));
    out.push(',');
    escape::csv_cell(&mut out, &text::message(d.help.as_deref().unwrap_or("")));
    out.push(',');
    if group != usize::MAX {
        out.push_str(&group.to_string());
    }
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
            "\"\",\"\",\"\",\"\",\"\",,,\"{} more {} left out to keep the page small: uclint check --format json lists every finding\",\"\",\r\n",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_left_out_row_has_every_column_and_no_group() {
        let rows = vec!["error,\"A\",\"a\",\"o\",\"f\",1,1,\"m\",\"x\",0\r\n".to_owned(); 3];
        let csv = csv_of(&rows, 2);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[3].contains("1 more finding left out"), "{}", lines[3]);
        // Ten cells as the header has (no comma inside the quoted message), the last one empty.
        assert_eq!(lines[3].matches(',').count(), HEADER.matches(',').count(), "{}", lines[3]);
        assert!(lines[3].ends_with(",\"\","), "{}", lines[3]);
    }
}
