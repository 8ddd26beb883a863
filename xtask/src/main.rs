//! Development tasks for uclint, run as `cargo xtask TASK` (the alias is in `.cargo/config.toml`).
//!
//! `new-rule CODE name family` scaffolds a rule the way every rule is laid out, so that adding one
//! is writing its check, its fixtures and its documentation rather than finding the five places
//! it must be registered: the rule file (declaration with the six documentation sections and an
//! empty check), its module in the family's `mod.rs`, its entry in `registry.rs` in code order,
//! and `fixtures/rules/CODE/{fail,pass}/` with a placeholder CSV. `--dry-run` prints what it
//! would write and changes nothing. It is a plain binary with no dependencies, as clippy's
//! `cargo dev new_lint` and ruff's `scripts/add_rule.py` are plain scripts.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask new-rule [--dry-run] CODE name family\n\
                     \n  CODE    the next free code of the family, e.g. UCCX051\
                     \n  name    kebab-case, reading after \"allow\", e.g. agent-line-without-voicemail\
                     \n  family  uccx, rmcm, fippa, em, imp, ldap, sec or gen";

/// The families, as their directory under `rules/`, their code prefix and `Family` variant.
const FAMILIES: [(&str, &str, &str); 9] = [
    ("uccx", "UCCX", "Uccx"),
    ("rmcm", "RMCM", "Rmcm"),
    ("fippa", "FIPPA", "Fippa"),
    ("em", "EM", "Em"),
    ("imp", "IMP", "Imp"),
    ("ldap", "LDAP", "Ldap"),
    ("sec", "SEC", "Sec"),
    ("gen", "GEN", "Gen"),
    ("dial", "DIAL", "Dial"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dry_run = false;
    let mut rest: Vec<&str> = Vec::new();
    for arg in &args {
        match arg.as_str() {
            "--dry-run" => dry_run = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => rest.push(other),
        }
    }
    let [task, code, name, family] = rest.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if *task != "new-rule" {
        eprintln!("unknown task `{task}`\n{USAGE}");
        return ExitCode::from(2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    match new_rule(root, code, name, family) {
        Ok(changes) => {
            for change in &changes {
                if dry_run {
                    println!("--- {} ({})\n{}", change.path.display(), change.kind(), change.text);
                } else if let Err(error) = change.apply() {
                    eprintln!("error: {}: {error}", change.path.display());
                    return ExitCode::FAILURE;
                }
            }
            let verb = if dry_run { "would write" } else { "wrote" };
            for change in &changes {
                println!("{verb} {}", change.path.strip_prefix(root).unwrap_or(&change.path).display());
            }
            println!(
                "\nNext: write the check and its documentation in the rule file, build a failing and a passing \
                 export in fixtures/rules/{code}/ (in real export layout; add a uclint.toml there if the rule needs \
                 a deployment fact), then run\n  UCLINT_UPDATE_DOCS=1 cargo test -p uclint-rules --test docs\n  \
                 cargo test -p uclint-rules --test fixtures\nand review the new snapshot \
                 (crates/uclint-rules/tests/snapshots/fixtures__{code}_fail.snap.new). See CONTRIBUTING.md."
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One file the scaffold writes: created new, or an existing file with a line added.
#[derive(Debug)]
struct Change {
    path: PathBuf,
    text: String,
    create: bool,
}

impl Change {
    fn kind(&self) -> &'static str {
        if self.create {
            "new"
        } else {
            "changed"
        }
    }

    fn apply(&self) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&self.path, &self.text)
    }
}

/// What `new-rule` writes under `root` (the workspace), checked before anything is written: the
/// code is new and of the family, the name is kebab-case and new, and the files exist.
fn new_rule(root: &Path, code: &str, name: &str, family: &str) -> Result<Vec<Change>, String> {
    let family = family.to_ascii_lowercase();
    let Some(&(dir, prefix, variant)) = FAMILIES.iter().find(|(dir, prefix, _)| family == *dir || family == *prefix)
    else {
        return Err(format!("unknown family `{family}`: one of uccx, rmcm, fippa, em, imp, ldap, sec, gen"));
    };
    let digits = code.strip_prefix(prefix).unwrap_or_default();
    if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("code `{code}` is not {prefix} and three digits"));
    }
    let kebab = |s: &str| {
        s.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    };
    if !kebab(name) {
        return Err(format!("name `{name}` is not kebab-case (lower-case words joined by `-`)"));
    }
    let module = name.replace('-', "_");
    let rules = root.join("crates/uclint-rules/src");
    let file = rules.join("rules").join(dir).join(format!("{module}.rs"));
    if file.exists() {
        return Err(format!("{} exists", file.display()));
    }
    let fixtures = root.join("fixtures/rules").join(code);
    if fixtures.exists() {
        return Err(format!("{} exists", fixtures.display()));
    }
    let registry_path = rules.join("registry.rs");
    let registry = read(&registry_path)?;
    let registry = add_to_registry(&rules, &registry, code, name, dir, &module)?;
    let mod_path = rules.join("rules").join(dir).join("mod.rs");
    let family_mod = add_module(&read(&mod_path)?, &module);
    let placeholder =
        "DEVICE NAME,DESCRIPTION\nSEP0011AABB0001,replace me: build the export as a real one, see CONTRIBUTING.md\n";
    Ok(vec![
        Change { path: file, text: rule_file(code, name, variant), create: true },
        Change { path: mod_path, text: family_mod, create: false },
        Change { path: registry_path, text: registry, create: false },
        Change { path: fixtures.join("fail/phone.csv"), text: placeholder.to_owned(), create: true },
        Change { path: fixtures.join("pass/phone.csv"), text: placeholder.to_owned(), create: true },
    ])
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `registry.rs` with `&dir::module::RULE,` in code order: each entry's code is read from its
/// rule file, since the table names modules only.
fn add_to_registry(
    rules: &Path,
    registry: &str,
    code: &str,
    name: &str,
    dir: &str,
    module: &str,
) -> Result<String, String> {
    let mut out = String::new();
    let mut placed = false;
    let mut in_table = false;
    for line in registry.lines() {
        let entry = line.trim().strip_prefix('&').and_then(|l| l.strip_suffix("::RULE,"));
        if line.starts_with("pub static RULES") {
            in_table = true;
        } else if in_table && line.starts_with("];") {
            in_table = false;
            if !placed {
                let _ = writeln!(out, "    &{dir}::{module}::RULE,");
                placed = true;
            }
        } else if let (true, Some(entry), false) = (in_table, entry, placed) {
            let path: Vec<&str> = entry.split("::").collect();
            let source =
                rules.join("rules").join(path[0]).join(format!("{}.rs", path.get(1).copied().unwrap_or_default()));
            let text = read(&source)?;
            let existing = field(&text, "code").ok_or_else(|| format!("{}: no code", source.display()))?.to_owned();
            if existing == code {
                return Err(format!("{code} is taken by {}", source.display()));
            }
            if field(&text, "name") == Some(name) {
                return Err(format!("`{name}` is taken by {existing}"));
            }
            if existing.as_str() > code {
                let _ = writeln!(out, "    &{dir}::{module}::RULE,");
                placed = true;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    if placed {
        Ok(out)
    } else {
        Err("registry.rs has no `pub static RULES` table".to_owned())
    }
}

/// The value of `key: "value",` in a rule declaration.
fn field<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines().find_map(|l| l.trim().strip_prefix(key)?.strip_prefix(": \"")?.strip_suffix("\","))
}

/// The family's `mod.rs` with `pub(crate) mod module;` among the others, in name order.
fn add_module(text: &str, module: &str) -> String {
    let new = format!("pub(crate) mod {module};");
    let mut out = String::new();
    let mut placed = false;
    let mut seen = false;
    for line in text.lines() {
        let is_mod = line.starts_with("pub(crate) mod ");
        if !placed && ((is_mod && line > new.as_str()) || (seen && !is_mod)) {
            out.push_str(&new);
            out.push('\n');
            placed = true;
        }
        seen |= is_mod;
        out.push_str(line);
        out.push('\n');
    }
    if !placed {
        out.push_str(&new);
        out.push('\n');
    }
    out
}

/// The rule file: its declaration with the six documentation sections every rule has (a test
/// in `registry.rs` checks them), and a check that reports nothing yet.
fn rule_file(code: &str, name: &str, family: &str) -> String {
    format!(
        r#"//! {code}: TODO one line on what the rule finds.

use crate::rule::declare_rule;
use crate::{{Context, Sink, Skip}};

declare_rule! {{
    /// ## What it checks
    /// TODO: the condition, naming the export's columns or elements (BAT `phone.csv` `DEVICE
    /// NAME`, AXL `getPhone/name`) and how values are compared.
    ///
    /// ## What it leaves alone
    /// - TODO: templates, objects UCCX provisions, system objects, and why.
    ///
    /// ## Why it breaks
    /// TODO: what fails for the user, and when.
    ///
    /// ## Example
    /// ```csv
    /// DEVICE NAME,DESCRIPTION
    /// SEP0011AABB0001,TODO
    /// ```
    ///
    /// ## How to fix
    /// TODO: admin page > field.
    ///
    /// ## Sources
    /// - TODO: the Cisco document, section or TechNote.
    code: "{code}",
    name: "{name}",
    family: {family},
    severity: Warning,
    status: Stable,
    // The data the rule reads (`uclint_model::DataSet`); add `settings: [..],` after it for a
    // deployment fact the rule cannot run without.
    requires: [Phones],
    summary: "TODO one line for listings.",
    check: check,
}}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {{
    // Report each fault with `sink.report(object, span, label, message)`, then `.label(..)` and
    // `.help(..)`; return `Err(Skip::new(..))` (or `?` on a context helper) when it cannot run.
    let _ = (ctx, sink);
    Ok(())
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of what the scaffold reads and writes, so that the test leaves the tree unchanged.
    fn copy_of_the_rules() -> tempfile::TempDir {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                let target = to.join(entry.file_name());
                if entry.file_type().unwrap().is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).unwrap();
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let dir = tempfile::tempdir().unwrap();
        copy(&root.join("crates/uclint-rules/src"), &dir.path().join("crates/uclint-rules/src"));
        std::fs::create_dir_all(dir.path().join("fixtures/rules")).unwrap();
        dir
    }

    #[test]
    fn new_rule_writes_the_file_its_module_its_registry_entry_in_code_order_and_fixtures() {
        let dir = copy_of_the_rules();
        let root = dir.path();
        let registry_before = read(&root.join("crates/uclint-rules/src/registry.rs")).unwrap();
        let changes = new_rule(root, "LDAP007", "ldap-sync-without-tls", "ldap").unwrap();
        for change in &changes {
            change.apply().unwrap();
        }
        let rules = root.join("crates/uclint-rules/src");
        let file = read(&rules.join("rules/ldap/ldap_sync_without_tls.rs")).unwrap();
        assert!(file.contains("code: \"LDAP007\",\n    name: \"ldap-sync-without-tls\",\n    family: Ldap,"), "{file}");
        let sections = ["What it checks", "What it leaves alone", "Why it breaks", "Example", "How to fix", "Sources"];
        let places: Vec<usize> = sections.iter().map(|s| file.find(&format!("/// ## {s}\n")).unwrap()).collect();
        assert!(places.windows(2).all(|p| p[0] < p[1]), "sections out of order");
        let family_mod = read(&rules.join("rules/ldap/mod.rs")).unwrap();
        assert!(
            family_mod.contains("pub(crate) mod ldap_ssl_port_mismatch;\npub(crate) mod ldap_sync_without_tls;\n"),
            "{family_mod}"
        );
        // After LDAP006 (ldap-auth-without-sync), the family's last, and before RMCM001.
        let registry = read(&rules.join("registry.rs")).unwrap();
        assert!(
            registry.contains(
                "    &ldap::ldap_auth_without_sync::RULE,\n    &ldap::ldap_sync_without_tls::RULE,\n    &rmcm::"
            ),
            "{registry}"
        );
        assert_eq!(registry.lines().count(), registry_before.lines().count() + 1);
        for case in ["fail", "pass"] {
            assert!(root.join("fixtures/rules/LDAP007").join(case).join("phone.csv").is_file());
        }
    }

    #[test]
    fn a_code_in_the_middle_of_a_family_goes_before_the_next_code() {
        let dir = copy_of_the_rules();
        let rules = dir.path().join("crates/uclint-rules/src");
        let registry = read(&rules.join("registry.rs")).unwrap();
        // EM007 is free (retired codes are never reused, but the scaffold only orders).
        let text = add_to_registry(&rules, &registry, "EM007", "em-new", "em", "em_new").unwrap();
        assert!(text
            .contains("    &em::em_service_host_not_a_node::RULE,\n    &em::em_new::RULE,\n    &em::multiple_logins"));
    }

    #[test]
    fn taken_codes_and_names_and_malformed_arguments_are_refused() {
        let dir = copy_of_the_rules();
        let root = dir.path();
        let refused = |code: &str, name: &str, family: &str| new_rule(root, code, name, family).unwrap_err();
        assert!(refused("LDAP004", "anything-new", "ldap").contains("LDAP004 is taken"));
        assert!(refused("LDAP009", "single-ldap-server", "ldap").contains("exists"));
        assert!(refused("UCCX051", "single-ldap-server", "uccx").contains("`single-ldap-server` is taken by LDAP004"));
        assert!(refused("LDAP07", "x", "ldap").contains("three digits"));
        assert!(refused("UCCX051", "x", "ldap").contains("three digits"));
        assert!(refused("LDAP009", "Not_Kebab", "ldap").contains("kebab-case"));
        assert!(refused("LDAP009", "x", "voip").contains("unknown family"));
        // Nothing was written.
        assert!(!root.join("fixtures/rules/LDAP009").exists());
    }
}
