//! Writing one CSV member: the one place the BAT layout and the dial plan both write rows
//! through, so that neither module needs the other for it.

/// A CSV member's bytes: the header, then the rows, with `\n` line ends as real exports have.
pub(crate) fn csv_bytes(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}
