//! `uclint.toml`: any UTF-8 text through the configuration parser, then its problems rendered as
//! `uclint check` renders them, so a span that does not fit the text is found too. (The file is
//! read with `read_to_string`, so text that is not UTF-8 never reaches the parser.)
#![no_main]

use uclint::config::{self, ConfigFile};
use uclint_model::{sort_diagnostics, SourceFile, SourceMap};
use uclint_report::{render_concise, render_full, FullOptions, Report, Summary};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = ConfigFile { path: config::FILE_NAME.to_owned(), text: text.to_owned() };
    let (config, problems) = config::parse(&file);
    let _ = config::settings(&config.deployment);
    let mut sources = SourceMap::default();
    let source = sources.add(SourceFile::new(file.path.clone(), file.text.clone()));
    let mut diagnostics: Vec<_> = problems.into_iter().map(|p| p.into_diagnostic(&file, source)).collect();
    sort_diagnostics(&mut diagnostics);
    let summary = Summary::default();
    let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
    render_full(&report, FullOptions::default());
    render_concise(&report);
});
