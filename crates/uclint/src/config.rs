//! `uclint.toml`: rule selection, severity overrides, deployment facts and suppressions, read
//! from `--config FILE` or the first `uclint.toml` found upward from the working directory.
//!
//! Every value keeps its span in the file, so a mistake (an unknown key, rule code or
//! severity, a suppression without a reason) is a `CONFIG` diagnostic pointing into
//! `uclint.toml` itself, rendered like any finding. An error-level one stops the run with
//! exit code 2 before the export is linted: linting under a configuration the user did not
//! mean would give a misleading result. The format is documented in `docs/configuration.md`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use uclint_model::{Code, Diagnostic, Family, Label, ObjectKey, Severity, SourceId, Span, Status};
use uclint_rules::registry::{self, Lookup};
use uclint_rules::Settings;

/// The file name looked for upward from the working directory.
pub const FILE_NAME: &str = "uclint.toml";

/// The file does not parse, or names an unknown key, rule or severity.
pub static INVALID_CONFIG: Code = Code {
    id: "CONFIG001",
    name: "invalid-config",
    family: Family::Config,
    severity: Severity::Error,
    status: Status::AlwaysOn,
    summary: "uclint.toml does not parse, or names an unknown key, rule code or severity.",
};

/// A suppression gives no reason.
pub static SUPPRESSION_WITHOUT_REASON: Code = Code {
    id: "CONFIG002",
    name: "suppression-without-reason",
    family: Family::Config,
    severity: Severity::Error,
    status: Status::AlwaysOn,
    summary: "A [[suppress]] entry gives no reason; every accepted finding must say why.",
};

/// A suppression matches no finding of a rule that ran.
pub static UNMATCHED_SUPPRESSION: Code = Code {
    id: "CONFIG003",
    name: "unmatched-suppression",
    family: Family::Config,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "A [[suppress]] entry matches no finding of a rule that ran; it is stale and can go.",
};

/// Every configuration code, for listings and SARIF rule descriptions.
pub static ALL: &[&Code] = &[&INVALID_CONFIG, &SUPPRESSION_WITHOUT_REASON, &UNMATCHED_SUPPRESSION];

/// The file as written. Unknown keys are refused, so a typo never silently does nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    suppress: Vec<Spanned<RawSuppression>>,
    // The deployment facts, listed here rather than flattened from `Deployment`, because serde
    // cannot refuse unknown keys and keep spans across a flattened struct.
    rmcm_user: Option<String>,
    agent_device_selection: Option<bool>,
    fippa_user: Option<String>,
    jtapi_users: Option<Vec<String>>,
    axl_user: Option<String>,
    supported_agent_models: Option<Vec<String>>,
    monitoring_recording: Option<bool>,
    srtp: Option<bool>,
    emcc: Option<bool>,
    sip_presence_clients: Option<bool>,
    em_proxy_logins: Option<bool>,
    finesse_nodes: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    rule: Spanned<String>,
    object: Spanned<String>,
    reason: Option<Spanned<String>>,
}

/// Facts about the deployment that an export does not state.
///
/// Only some are read by rules today; the others are accepted and kept so that configurations
/// can state them now and the rules that need them read them from here.
#[derive(Clone, Debug, Default)]
pub struct Deployment {
    /// The UCCX RMCM provider application user.
    pub rmcm_user: Option<String>,
    /// UCCX 12.5(1)SU1+ Agent Device Selection is enabled.
    pub agent_device_selection: Option<bool>,
    /// The Finesse IP Phone Agent (FIPPA) application user.
    pub fippa_user: Option<String>,
    /// The UCCX telephony (JTAPI) application users, one per UCCX node.
    pub jtapi_users: Option<Vec<String>>,
    /// The AXL application user UCCX uses.
    pub axl_user: Option<String>,
    /// Phone models the deployment supports for agents.
    pub supported_agent_models: Option<Vec<String>>,
    /// Silent monitoring and recording are in use.
    pub monitoring_recording: Option<bool>,
    /// UCCX SRTP (encrypted media) is in use.
    pub srtp: Option<bool>,
    /// Extension Mobility Cross Cluster is in use.
    pub emcc: Option<bool>,
    /// Third-party SIP presence clients are in use.
    #[allow(dead_code, reason = "no rule reads it yet")]
    pub sip_presence_clients: Option<bool>,
    /// Extension Mobility logins go through a proxy or server.
    pub em_proxy_logins: Option<bool>,
    /// How many Finesse nodes the UCCX deployment has (2 for high availability).
    pub finesse_nodes: Option<u32>,
}

impl Deployment {
    /// Every fact, as `uclint.toml` spells its key, with its value written as TOML (`None` when
    /// not set), in the order of `docs/configuration.md`: what `--show-settings` prints.
    pub fn entries(&self) -> Vec<(&'static str, Option<String>)> {
        // Destructured, so that a fact added to `Deployment` cannot be left out here.
        let Deployment {
            rmcm_user,
            agent_device_selection,
            fippa_user,
            jtapi_users,
            axl_user,
            supported_agent_models,
            monitoring_recording,
            srtp,
            emcc,
            sip_presence_clients,
            em_proxy_logins,
            finesse_nodes,
        } = self;
        let string = |v: &Option<String>| v.as_deref().map(toml_string);
        let list = |v: &Option<Vec<String>>| {
            v.as_ref().map(|v| format!("[{}]", v.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", ")))
        };
        let flag = |v: &Option<bool>| v.map(|v| v.to_string());
        vec![
            ("rmcm-user", string(rmcm_user)),
            ("agent-device-selection", flag(agent_device_selection)),
            ("fippa-user", string(fippa_user)),
            ("jtapi-users", list(jtapi_users)),
            ("axl-user", string(axl_user)),
            ("supported-agent-models", list(supported_agent_models)),
            ("monitoring-recording", flag(monitoring_recording)),
            ("srtp", flag(srtp)),
            ("emcc", flag(emcc)),
            ("sip-presence-clients", flag(sip_presence_clients)),
            ("em-proxy-logins", flag(em_proxy_logins)),
            ("finesse-nodes", finesse_nodes.map(|n| n.to_string())),
        ]
    }
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A finding accepted on purpose: one rule on one object, with the reason.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// Rule code, as registered.
    pub rule: &'static str,
    /// Object key, `kind:name`.
    pub object: String,
    /// Where the object key is written, for the "matches nothing" diagnostic.
    pub object_span: Range<usize>,
}

/// A validated configuration. Byte ranges point into the file's text.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Rule selection: replaces the default set.
    pub select: Option<Vec<String>>,
    /// Rules added to the selection.
    pub extend_select: Vec<String>,
    /// Rules removed from the selection.
    pub ignore: Vec<String>,
    /// Severity per rule code.
    pub severity: BTreeMap<&'static str, Severity>,
    /// Deployment facts.
    pub deployment: Deployment,
    /// Accepted findings.
    pub suppressions: Vec<Suppression>,
}

impl Config {
    /// Gives each finding the severity `[severity]` sets for its code, if any.
    pub fn apply_severities(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            if let Some(severity) = self.severity.get(d.code.id) {
                d.severity = *severity;
            }
        }
    }

    /// Removes the findings the suppressions accept. Returns the findings kept, how many were
    /// suppressed, and a problem for each suppression of a rule that ran that matched nothing
    /// (a suppression of a rule that did not run cannot be judged, so it is left alone).
    pub fn suppress(&self, diagnostics: Vec<Diagnostic>, checked: &[String]) -> (Vec<Diagnostic>, usize, Vec<Problem>) {
        let total = diagnostics.len();
        let mut used = vec![false; self.suppressions.len()];
        let mut kept = Vec::with_capacity(total);
        for d in diagnostics {
            let object = d.object.to_string();
            match self.suppressions.iter().position(|s| s.rule == d.code.id && s.object == object) {
                Some(i) => used[i] = true,
                None => kept.push(d),
            }
        }
        let unmatched = self
            .suppressions
            .iter()
            .zip(used)
            .filter(|(s, used)| !used && checked.iter().any(|c| c == s.rule))
            .map(|(s, _)| {
                Problem::new(
                    &UNMATCHED_SUPPRESSION,
                    s.object_span.clone(),
                    "matches no finding",
                    format!("the suppression of {} on {} matches no finding", s.rule, s.object),
                )
                .with_help("the finding is gone or its object was renamed: remove this [[suppress]] entry")
            })
            .collect();
        let suppressed = total - kept.len();
        (kept, suppressed, unmatched)
    }
}

/// The configuration file as read: where it is (as shown to users) and its text.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    /// Display path.
    pub path: String,
    /// Contents.
    pub text: String,
}

/// A problem found in the configuration, before it has a place in a source map.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Which kind.
    pub code: &'static Code,
    /// Byte range in the file.
    pub range: Range<usize>,
    /// Caption at that range.
    pub label: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    fn new(code: &'static Code, range: Range<usize>, label: &str, message: String) -> Self {
        Problem { code, range, label: label.to_owned(), message, help: None }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The diagnostic, once the file has a source id.
    pub fn into_diagnostic(self, file: &ConfigFile, source: SourceId) -> Diagnostic {
        let span = Span::new(source, self.range.start, self.range.end);
        let mut diagnostic = Diagnostic::new(
            self.code,
            self.code.severity,
            ObjectKey::File(file.path.as_str().into()),
            self.message,
            Label::new(span, self.label),
        );
        diagnostic.help = self.help;
        diagnostic
    }
}

/// The largest `uclint.toml` read: 16 MiB, room for hundreds of thousands of suppressions.
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// Reads a UTF-8 file the user named (the configuration, a baseline), refusing, with a message
/// that says why, anything that is not a regular file (a FIFO would block forever, `/dev/zero`
/// would be read until memory ran out) and a file over `limit` bytes.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, String> {
    use std::io::Read;

    let shown = path.display();
    let not_read = |why: String| format!("could not read {shown}: {why}");
    let metadata = std::fs::metadata(path).map_err(|e| not_read(e.to_string()))?;
    if !metadata.is_file() {
        let kind = if metadata.is_dir() { "a directory" } else { "not a regular file (a device, FIFO or socket)" };
        return Err(not_read(format!("it is {kind}; give the path of a file")));
    }
    if metadata.len() > limit {
        return Err(not_read(format!("it is {} bytes, more than the {limit} bytes uclint reads", metadata.len())));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a FIFO put in the file's place since it was looked at is not waited on.
        options.custom_flags(0o4000);
    }
    let file = options.open(path).map_err(|e| not_read(e.to_string()))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_read("it is not a regular file".to_owned()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| not_read(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(not_read(format!("it grew past the {limit} bytes uclint reads")));
    }
    String::from_utf8(bytes).map_err(|e| not_read(format!("it is not UTF-8 ({})", e.utf8_error())))
}

/// Finds the configuration: `explicit` if given, else the first `uclint.toml` in the working
/// directory or above it. `Ok(None)` when there is none.
pub fn find(explicit: Option<&Path>) -> Result<Option<ConfigFile>, String> {
    if let Some(path) = explicit {
        let text = read_text_file(path, MAX_CONFIG_BYTES)?;
        return Ok(Some(ConfigFile { path: path.display().to_string(), text }));
    }
    let cwd = std::env::current_dir().map_err(|e| format!("could not find the working directory: {e}"))?;
    for (depth, dir) in cwd.ancestors().enumerate() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            let text = read_text_file(&candidate, MAX_CONFIG_BYTES)?;
            // Shown relative to the working directory, like every input path.
            let path: PathBuf = std::iter::repeat_n("..", depth).collect::<PathBuf>().join(FILE_NAME);
            return Ok(Some(ConfigFile { path: path.display().to_string(), text }));
        }
    }
    Ok(None)
}

/// Parses and validates the file. Any problem returned at error level means the configuration
/// must not be used.
pub fn parse(file: &ConfigFile) -> (Config, Vec<Problem>) {
    let raw: RawConfig = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(error) => {
            let range = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_owned();
            let problem = Problem::new(&INVALID_CONFIG, range, "here", format!("{FILE_NAME} is not valid: {message}"))
                .with_help("see docs/configuration.md for the keys uclint.toml accepts");
            return (Config::default(), vec![problem]);
        }
    };
    let mut problems = Vec::new();
    let mut patterns = |list: Vec<Spanned<String>>| -> Vec<String> {
        list.into_iter()
            .filter_map(|p| match is_rule_pattern(p.get_ref()) {
                true => Some(p.into_inner()),
                false => {
                    problems.push(unknown_rule(&p, "a rule code, rule name or family prefix"));
                    None
                }
            })
            .collect()
    };
    let select = raw.select.map(&mut patterns);
    let extend_select = patterns(raw.extend_select);
    let ignore = patterns(raw.ignore);

    let mut severity = BTreeMap::new();
    for (rule, level) in raw.severity {
        let Some(meta) = registry::find(rule.get_ref()) else {
            problems.push(unknown_rule(&rule, "a rule code or name"));
            continue;
        };
        match Severity::parse(level.get_ref()) {
            Some(level) => {
                severity.insert(meta.code.id, level);
            }
            None => problems.push(
                Problem::new(
                    &INVALID_CONFIG,
                    level.span(),
                    "not a severity",
                    format!("`{}` is not a severity", level.get_ref()),
                )
                .with_help("write \"error\", \"warning\" or \"info\""),
            ),
        }
    }

    let mut suppressions = Vec::new();
    for entry in raw.suppress {
        let span = entry.span();
        let entry = entry.into_inner();
        let Some(meta) = registry::find(entry.rule.get_ref()) else {
            problems.push(unknown_rule(&entry.rule, "a rule code or name"));
            continue;
        };
        if !entry.object.get_ref().contains(':') {
            problems.push(
                Problem::new(
                    &INVALID_CONFIG,
                    entry.object.span(),
                    "not an object key",
                    format!("`{}` is not an object key", entry.object.get_ref()),
                )
                .with_help(
                    "object keys are written kind:name, as findings show them: user:agent02, phone:SEP0011AABB0004",
                ),
            );
            continue;
        }
        match entry.reason.filter(|r| !r.get_ref().trim().is_empty()) {
            Some(_) => suppressions.push(Suppression {
                rule: meta.code.id,
                object: entry.object.get_ref().clone(),
                object_span: entry.object.span(),
            }),
            None => problems.push(
                Problem::new(
                    &SUPPRESSION_WITHOUT_REASON,
                    span,
                    "no reason",
                    format!("the suppression of {} on {} gives no reason", meta.code, entry.object.get_ref()),
                )
                .with_help("add reason = \"…\": why this finding is accepted, so the next engineer can judge it"),
            ),
        }
    }
    let deployment = Deployment {
        rmcm_user: raw.rmcm_user,
        agent_device_selection: raw.agent_device_selection,
        fippa_user: raw.fippa_user,
        jtapi_users: raw.jtapi_users,
        axl_user: raw.axl_user,
        supported_agent_models: raw.supported_agent_models,
        monitoring_recording: raw.monitoring_recording,
        srtp: raw.srtp,
        emcc: raw.emcc,
        sip_presence_clients: raw.sip_presence_clients,
        em_proxy_logins: raw.em_proxy_logins,
        finesse_nodes: raw.finesse_nodes,
    };
    let config = Config { select, extend_select, ignore, severity, deployment, suppressions };
    (config, problems)
}

/// Whether a selection pattern names a rule, a rule name or a family prefix.
pub fn is_rule_pattern(pattern: &str) -> bool {
    registry::RULES.iter().any(|r| rule_matches(r, pattern))
}

/// Whether a selection pattern (code, name, family prefix, or an old spelling of a renamed
/// rule) covers a rule.
pub fn rule_matches(rule: &uclint_rules::RuleMeta, pattern: &str) -> bool {
    rule.code.id.eq_ignore_ascii_case(pattern)
        || rule.code.name == pattern
        || rule.code.family.prefix().eq_ignore_ascii_case(pattern)
        || matches!(registry::lookup(pattern), Lookup::Redirected { rule: to, .. } if to == rule)
}

/// Every word a selection pattern may be: rule codes, rule names and family prefixes, in registry
/// order.
pub fn rule_patterns() -> impl Iterator<Item = &'static str> {
    let mut prefixes: Vec<&'static str> = registry::RULES.iter().map(|r| r.code.family.prefix()).collect();
    prefixes.dedup();
    registry::RULES.iter().flat_map(|r| [r.code.id, r.code.name]).chain(prefixes)
}

/// The candidate closest to a mistyped code or name, for a "did you mean" hint; `None` when none
/// is close.
///
/// A code whose number was written with too few or too many digits (`UCCX01`, `uccx0001`) is
/// matched by its family and number first, since edit distance alone ties `UCCX001` with
/// `UCCX010`; a known family with a number no rule has gets no hint (`UCCX999` is not a typo of
/// `UCCX009` more than of any other). Otherwise the candidate fewest edits away (Levenshtein, without regard to case), if
/// at most a third of the word's characters (at least one) differ; a tie goes to the more
/// similar by Jaro-Winkler, then to the first candidate. `uclint route` asks it of device and CSS
/// names too (`SEP0011AA00001` finds `SEP0011AA000001` by its number).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let word = word.trim();
    let split = |s: &str| -> Option<(String, u64)> {
        let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (family, number) = s.split_at(s.len() - digits);
        let number = number.parse().ok()?;
        (!family.is_empty()).then(|| (family.to_ascii_uppercase(), number))
    };
    if let Some(wanted) = split(word) {
        let family = |c: &&str| split(c).is_some_and(|(f, _)| f == wanted.0);
        if let Some(found) = candidates.iter().find(|c| split(c).as_ref() == Some(&wanted)) {
            return Some(found);
        }
        if candidates.iter().any(family) {
            // A known family with a number it does not have: no code is meant more than another.
            return None;
        }
    }
    let word = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, f64, &'a str)> = None;
    for candidate in candidates {
        let lower = candidate.to_ascii_lowercase();
        let distance = strsim::levenshtein(&word, &lower);
        let similarity = strsim::jaro_winkler(&word, &lower);
        let better = best.is_none_or(|(d, s, _)| distance < d || (distance == d && similarity > s));
        if distance <= limit && better {
            best = Some((distance, similarity, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// ` (did you mean `X`?)` for a word that is not a rule pattern, or nothing.
pub fn did_you_mean(word: &str, candidates: impl IntoIterator<Item = &'static str>) -> String {
    suggest(word, candidates).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default()
}

fn unknown_rule(value: &Spanned<String>, expected: &str) -> Problem {
    if let Lookup::Removed { reason, .. } = registry::lookup(value.get_ref()) {
        let message = format!("`{}` is a rule that was removed: {reason}", value.get_ref());
        return Problem::new(&INVALID_CONFIG, value.span(), "removed rule", message)
            .with_help("remove it; `uclint rule CODE` says what replaced it, if anything");
    }
    let help = match suggest(value.get_ref(), rule_patterns()) {
        Some(near) => format!("did you mean `{near}`? `uclint rules` lists every rule code, name and family"),
        None => "`uclint rules` lists every rule code, name and family".to_owned(),
    };
    Problem::new(&INVALID_CONFIG, value.span(), "unknown rule", format!("`{}` is not {expected}", value.get_ref()))
        .with_help(help)
}

/// The rules' settings from the deployment facts. Each `Settings` field that comes from the
/// configuration is mapped here, and only here; fields not named keep their defaults.
#[allow(clippy::needless_update, reason = "Settings fields added later keep their defaults until mapped here")]
pub fn settings(deployment: &Deployment) -> Settings {
    Settings {
        rmcm_user: deployment.rmcm_user.clone(),
        agent_device_selection: deployment.agent_device_selection.unwrap_or(false),
        fippa_user: deployment.fippa_user.clone(),
        jtapi_users: deployment.jtapi_users.clone().unwrap_or_default(),
        axl_user: deployment.axl_user.clone(),
        supported_agent_models: deployment.supported_agent_models.clone(),
        monitoring_recording: deployment.monitoring_recording.unwrap_or(false),
        srtp: deployment.srtp.unwrap_or(false),
        em_proxy_logins: deployment.em_proxy_logins.unwrap_or(false),
        finesse_nodes: deployment.finesse_nodes,
        emcc: deployment.emcc.unwrap_or(false),
        ..Settings::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let file = ConfigFile { path: FILE_NAME.into(), text: text.into() };
        parse(&file).1.into_iter().map(|p| format!("{} {:?} {}", p.code, p.range, p.message)).collect()
    }

    #[test]
    fn a_full_configuration_is_accepted() {
        let text = r#"
            select = ["UCCX"]
            extend-select = ["RMCM001"]
            ignore = ["UCCX005"]
            rmcm-user = "uccxrmcmuser"
            agent-device-selection = true
            fippa-user = "fippa"
            jtapi-users = ["recorder"]
            axl-user = "axl"
            supported-agent-models = ["Cisco 8845"]
            monitoring-recording = true
            srtp = false
            emcc = true
            sip-presence-clients = false
            em-proxy-logins = true
            finesse-nodes = 2
            [severity]
            UCCX007 = "warning"
            [[suppress]]
            rule = "UCCX001"
            object = "user:agent02"
            reason = "shared on purpose until the migration"
        "#;
        let file = ConfigFile { path: FILE_NAME.into(), text: text.into() };
        let (config, problems) = parse(&file);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.severity.get("UCCX007"), Some(&Severity::Warning));
        assert_eq!(config.suppressions.len(), 1);
        let settings = settings(&config.deployment);
        assert_eq!(settings.rmcm_user.as_deref(), Some("uccxrmcmuser"));
        assert!(settings.agent_device_selection);
        assert_eq!(settings.fippa_user.as_deref(), Some("fippa"));
        assert_eq!(settings.jtapi_users, ["recorder"]);
        assert_eq!(settings.axl_user.as_deref(), Some("axl"));
        assert_eq!(settings.supported_agent_models.as_deref(), Some(&["Cisco 8845".to_owned()][..]));
        assert!(settings.monitoring_recording);
        assert!(!settings.srtp);
        assert!(settings.em_proxy_logins);
        assert_eq!(settings.finesse_nodes, Some(2));
        assert!(settings.emcc);
    }

    #[test]
    fn the_documented_example_is_accepted() {
        let doc = include_str!("../../../docs/configuration.md");
        let example = doc.split("```toml\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
        assert!(problems(example).is_empty(), "{:?}", problems(example));
    }

    #[test]
    fn suggestions_match_codes_by_number_and_words_by_edits() {
        let near = |word: &str| suggest(word, rule_patterns());
        assert_eq!(near("UCCX01"), Some("UCCX001"));
        assert_eq!(near("uccx0010"), Some("UCCX010"));
        assert_eq!(near("UCX001"), Some("UCCX001"));
        assert_eq!(near("ipcc-extension-share"), Some("ipcc-extension-shared"));
        assert_eq!(near("zzzz"), None);
        assert_eq!(near("UCCX999"), None, "no rule has that number");
        assert_eq!(near("\u{202e}UCCX٠٠1"), None, "non-ASCII input does not panic");
    }

    #[test]
    fn every_deployment_fact_is_shown() {
        let text = "rmcm-user = \"a\\\"b\"\njtapi-users = [\"x\", \"y\"]\nsrtp = true\nfinesse-nodes = 2\n";
        let (config, problems) = parse(&ConfigFile { path: FILE_NAME.into(), text: text.into() });
        assert!(problems.is_empty(), "{problems:?}");
        let entries = config.deployment.entries();
        assert_eq!(entries.len(), 12);
        let value = |key: &str| entries.iter().find(|(k, _)| *k == key).unwrap().1.clone();
        assert_eq!(value("rmcm-user").as_deref(), Some("\"a\\\"b\""));
        assert_eq!(value("jtapi-users").as_deref(), Some("[\"x\", \"y\"]"));
        assert_eq!(value("srtp").as_deref(), Some("true"));
        assert_eq!(value("finesse-nodes").as_deref(), Some("2"));
        assert_eq!(value("emcc"), None);
    }

    #[test]
    fn an_unknown_key_points_at_the_key() {
        let found = problems("rmcm-usr = \"x\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("CONFIG001 0..8 "), "{found:?}");
    }

    #[test]
    fn unknown_codes_bad_severities_and_missing_reasons_are_all_reported() {
        let text = "select = [\"UCCX999\"]\n[severity]\nUCCX001 = \"fatal\"\n[[suppress]]\nrule = \"UCCX001\"\nobject = \"user:a\"\n";
        let found = problems(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("CONFIG001 10..19 "), "{found:?}");
        assert!(found[1].contains("`fatal` is not a severity"), "{found:?}");
        assert!(found[2].starts_with("CONFIG002 "), "{found:?}");
    }
}
