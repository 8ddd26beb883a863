//! Secrets are masked before a file enters the source map, so no renderer can ever print them.
//!
//! Exports carry password and PIN hashes and digest credentials (formats.md §1). Snippets show
//! the cells around a finding, so masking at render time would be one forgotten call away from
//! a leak; instead every secret cell is overwritten with `*` here, byte for byte, which keeps
//! every span valid. Unset cells (empty or `NULL`) are left alone: whether a secret is present
//! is all the rules may know.

use csv::{ByteRecord, ReaderBuilder};

use crate::table::{cell_spans, normalise_header};
use crate::values::is_unset;

/// Whether a normalised header names a secret column.
fn is_secret_column(name: &str) -> bool {
    let is_flag = name.ends_with(" reverse");
    (name.contains("password") && !is_flag)
        || name == "pin"
        || name.starts_with("pin ")
        || name.contains("digest credentials")
}

/// Masks every secret cell of a CSV text in place. Texts that are not CSV are left unchanged.
pub fn redact_csv(text: &mut String) {
    let mut secret_cells: Vec<(usize, usize)> = Vec::new();
    {
        let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut record = ByteRecord::new();
        let mut secret_columns: Option<Vec<usize>> = None;
        while let Ok(true) = reader.read_byte_record(&mut record) {
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let end = reader.position().byte() as usize;
            let (cells, _) = cell_spans(&text.as_bytes()[..end.min(text.len())], start, record.len());
            match &secret_columns {
                None => {
                    let columns: Vec<usize> = cells
                        .iter()
                        .enumerate()
                        .filter(|(_, &(s, e))| is_secret_column(&normalise_header(&text[s..e])))
                        .map(|(i, _)| i)
                        .collect();
                    if columns.is_empty() {
                        return;
                    }
                    secret_columns = Some(columns);
                }
                Some(columns) => {
                    for &col in columns {
                        if let Some(&(s, e)) = cells.get(col) {
                            if !is_unset(&text[s..e]) {
                                secret_cells.push((s, e));
                            }
                        }
                    }
                }
            }
        }
    }
    if secret_cells.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for (s, e) in secret_cells {
        bytes[s..e].fill(b'*');
    }
    // Whole UTF-8 sequences inside cells were replaced by ASCII, so the text stays valid.
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_cells_are_masked_and_unset_ones_kept() {
        let mut text = "USER ID,PASSWORD 1,DIGEST CREDENTIALS,PIN 1,APPLICATION USER PASSWORD REVERSE\n\
                        a,abc123,NULL,9876,f\n"
            .to_owned();
        redact_csv(&mut text);
        assert_eq!(text.lines().nth(1), Some("a,******,NULL,****,f"));
    }

    #[test]
    fn secret_cells_are_masked_in_crlf_files_too() {
        let mut text = "USER ID,PIN 1\r\nagent01,9876\r\nagent02,5555\r\n".to_owned();
        redact_csv(&mut text);
        assert_eq!(text, "USER ID,PIN 1\r\nagent01,****\r\nagent02,****\r\n");
    }

    #[test]
    fn files_without_secret_columns_are_untouched() {
        let mut text = "Device Name,Directory Number 1\nSEP1,4001\n".to_owned();
        let before = text.clone();
        redact_csv(&mut text);
        assert_eq!(text, before);
    }
}
