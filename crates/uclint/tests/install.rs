//! What packagers and CI users install beside the binary: the shell completions and man pages
//! `uclint` generates, and the packaging files at the repository root (the Dockerfile, the
//! pre-commit hooks, the GitHub Action) and the build profiles they rely on.
//!
//! Scripts are checked by the shells that read them where those shells exist (bash always;
//! zsh and fish are skipped with a message when missing), man pages by groff where it exists.
//! The YAML files are checked line by line for the keys their readers require: a YAML parser
//! would be a dependency for two small files (`.ci/run` parses them with Python's when it has
//! one, and runs the action's script on the demo export).

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use assert_cmd::Command;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..");
    cmd
}

fn run(args: &[&str]) -> Output {
    let output = uclint().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "uclint {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "uclint {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn completion(shell: &str) -> String {
    String::from_utf8(run(&["completions", shell]).stdout).unwrap()
}

/// The repository root, where the packaging files live.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The subcommands `uclint --help` lists, but clap's own `help`.
fn subcommands() -> Vec<String> {
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    let commands = help.split("Commands:\n").nth(1).unwrap().split("\n\n").next().unwrap();
    let names: Vec<String> = commands
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    for expected in ["check", "report", "rules", "rule", "completions", "manpage"] {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
    }
    names
}

/// Runs `shell` with `args` and the script at `path`; `None` when the shell is not installed.
fn shell_check(shell: &str, args: &[&str], path: &Path) -> Option<Output> {
    match Process::new(shell).args(args).arg(path).output() {
        Ok(output) => Some(output),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: no {shell} on this machine to check its completion script");
            None
        }
        Err(e) => panic!("{shell}: {e}"),
    }
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_their_flags() {
    for shell in SHELLS {
        let script = completion(shell);
        // fish spells a long option `-l format`, the others `--format`.
        let long = |flag: &str| if shell == "fish" { format!("-l {flag}") } else { format!("--{flag}") };
        let words = ["uclint", "check", "report", "completions", "manpage"].map(str::to_owned);
        for word in words.into_iter().chain([long("format"), long("fail-on")]) {
            assert!(script.contains(&word), "{shell} completion lacks {word}:\n{script}");
        }
    }
    // The shells are the values clap_complete knows, and no other.
    let output = uclint().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn completion_scripts_parse_in_their_shells() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, args) in [("bash", &["-n"][..]), ("zsh", &["-n"][..]), ("fish", &["--no-execute"][..])] {
        let path = dir.path().join(shell);
        std::fs::write(&path, completion(shell)).unwrap();
        let Some(output) = shell_check(shell, args, &path) else {
            assert_ne!(shell, "bash", "bash runs .ci/run: it is always there");
            continue;
        };
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && err.is_empty(), "{shell} {args:?}: {err}");
    }
}

#[test]
fn the_bash_completion_completes_subcommands_and_formats() {
    // Sourced into bash and asked as bash-completion would ask: `uclint ch<TAB>`, then
    // `uclint check --fail-on <TAB>`.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("uclint.bash");
    std::fs::write(&path, completion("bash")).unwrap();
    let script = format!(
        r#"source "{}"
COMP_WORDS=(uclint ch); COMP_CWORD=1; _uclint uclint ch uclint; echo "${{COMPREPLY[@]}}"
COMP_WORDS=(uclint check --fail-on ""); COMP_CWORD=3; _uclint uclint "" --fail-on; echo "${{COMPREPLY[@]}}""#,
        path.display()
    );
    let output = Process::new("bash").arg("-c").arg(script).output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, ["check", "error warning info"], "{out}");
}

#[test]
fn the_man_page_documents_every_subcommand() {
    let page = String::from_utf8(run(&["manpage"]).stdout).unwrap();
    assert!(page.contains(".TH uclint 1 "), "{page}");
    assert!(page.contains(&format!("\"uclint {}\"", env!("CARGO_PKG_VERSION"))), "the footer names the version");
    for name in subcommands() {
        assert!(page.contains(&format!("uclint\\-{}(1)", name.replace('-', "\\-"))), "{name}:\n{page}");
    }
    assert!(!page.contains("uclint\\-help(1)"), "clap's help subcommand has no page:\n{page}");
}

#[test]
fn manpage_dir_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    // Twice: the directory is created, then the pages are replaced.
    for _ in 0..2 {
        run(&["manpage", "--dir", pages.to_str().unwrap()]);
    }
    let mut written: Vec<String> =
        std::fs::read_dir(&pages).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    let mut expected: Vec<String> = subcommands().iter().map(|name| format!("uclint-{name}.1")).collect();
    expected.push("uclint.1".into());
    expected.sort();
    assert_eq!(written, expected);

    let top = std::fs::read_to_string(pages.join("uclint.1")).unwrap();
    assert_eq!(top, String::from_utf8(run(&["manpage"]).stdout).unwrap(), "uclint.1 is the page printed");
    let check = std::fs::read_to_string(pages.join("uclint-check.1")).unwrap();
    assert!(check.contains(".TH uclint-check 1 "), "{check}");
    for flag in ["\\-\\-format", "\\-\\-fail\\-on", "\\-\\-baseline", "\\-\\-config"] {
        assert!(check.contains(flag), "uclint-check.1 documents {flag}:\n{check}");
    }
    let completions = std::fs::read_to_string(pages.join("uclint-completions.1")).unwrap();
    assert!(SHELLS.iter().all(|s| completions.contains(s)), "{completions}");

    // groff reads every page without a warning (`-ww`), where groff exists.
    for name in &written {
        let path = pages.join(name);
        let output = match Process::new("groff").args(["-k", "-man", "-ww", "-z", "-Tutf8"]).arg(&path).output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!("skipped: no groff on this machine to check the man pages");
                break;
            }
            Err(e) => panic!("groff: {e}"),
        };
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && err.is_empty(), "{name}: {err}");
    }
}

#[test]
fn a_directory_that_cannot_be_made_is_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = uclint().args(["manpage", "--dir"]).arg(file.join("man1")).output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.starts_with("error: could not create ") && err.contains("a-file"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_standard_output_is_exit_2_with_a_message() {
    for args in [&["completions", "bash"][..], &["manpage"][..]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("uclint"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("error: could not write to standard output: No space left on device"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    for args in [&["completions", "zsh"][..], &["manpage"][..]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("uclint"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// The lines of `text` that start, once indented, with `key:`, with the value after it.
fn values<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key}:");
    text.lines()
        .map(|line| line.trim_start().trim_start_matches("- "))
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .map(str::trim)
        .collect()
}

#[test]
fn the_action_installs_from_its_checkout_runs_check_and_uploads_sarif() {
    let action = read("action.yml");
    assert_eq!(values(&action, "using"), ["composite"]);
    for input in ["path", "args", "install", "sarif", "summary"] {
        assert!(action.contains(&format!("\n  {input}:\n    description: ")), "input {input}:\n{action}");
    }
    assert!(action.contains(r#"cargo install --locked --path "$GITHUB_ACTION_PATH/crates/uclint""#));
    let manifest = std::fs::read_to_string(root().join("crates/uclint/Cargo.toml")).unwrap();
    assert!(manifest.contains("\nname = \"uclint\"\n"), "the action installs the package named uclint");
    for part in ["uclint check ", "--format github", "sarif=$out/uclint.sarif", "markdown=$out/uclint.md"] {
        assert!(action.contains(part), "{part}");
    }
    assert!(action.contains(">> \"$GITHUB_STEP_SUMMARY\""));
    assert!(values(&action, "uses").iter().any(|u| u.starts_with("github/codeql-action/upload-sarif@v")));
    assert!(action.contains("if: ${{ !cancelled() && "), "the SARIF is uploaded after a failing check too");
    // Inputs reach scripts through the environment: `${{ inputs.x }}` pasted into a script is
    // a script injection.
    let mut in_script = false;
    for line in action.lines() {
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("run: ") || line.trim_start() == "run: |" {
            in_script = true;
            assert!(!line.contains("${{"), "{line}");
        } else if in_script && !line.trim().is_empty() && indent <= 6 {
            in_script = false;
        }
        assert!(!(in_script && line.contains("${{")), "an expression inside a script: {line}");
    }
}

#[test]
fn the_pre_commit_hooks_run_uclint_check_on_what_uclint_reads() {
    let hooks = read(".pre-commit-hooks.yaml");
    let ids = values(&hooks, "id");
    assert_eq!(ids, ["uclint", "uclint-docker"]);
    assert_eq!(values(&hooks, "entry"), ["uclint check", "uclint check"]);
    assert_eq!(values(&hooks, "language"), ["system", "docker"]);
    assert_eq!(values(&hooks, "name").len(), ids.len());
    for files in values(&hooks, "files") {
        for name in ["phone.csv", "ucmdata_export_x.tar", "x.tgz", "x.zip", "getPhone.xml", "resource.json"] {
            let extension = name.rsplit('.').next().unwrap();
            assert!(files.contains(extension) && files.ends_with(")$"), "{files} matches {name}");
        }
    }
    // The docker hook builds the Dockerfile at the root and runs its entry there.
    assert!(root().join("Dockerfile").is_file());
}

#[test]
fn the_dockerfile_builds_the_dist_profile_and_runs_uclint_as_non_root() {
    let dockerfile = read("Dockerfile");
    assert!(dockerfile.contains("cargo build --profile dist --locked -p uclint"), "{dockerfile}");
    let user = dockerfile.lines().filter_map(|l| l.strip_prefix("USER ")).next_back().expect("a USER line");
    let uid = user.split(':').next().unwrap();
    assert!(uid.parse::<u32>().is_ok_and(|uid| uid != 0), "numeric and not root: {uid}");
    assert!(dockerfile.contains("\nWORKDIR /data\n"));
    assert!(dockerfile.contains("\nENTRYPOINT [\"uclint\"]\n"));
    let ignore = read(".dockerignore");
    for kept in ["!Cargo.toml", "!Cargo.lock", "!crates/"] {
        assert!(ignore.lines().any(|l| l == kept), "{kept} is in the build context");
    }
}

#[test]
fn release_builds_fast_and_dist_is_optimised_across_crates() {
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let profiles = manifest["profile"].as_table().unwrap();
    let release = profiles.get("release").and_then(|p| p.as_table()).cloned().unwrap_or_default();
    let lto = release.get("lto").map(ToString::to_string);
    assert!(!matches!(lto.as_deref(), Some("\"fat\"" | "true")), "release (CI) has no fat LTO: {lto:?}");
    let dist = profiles["dist"].as_table().unwrap();
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
}
