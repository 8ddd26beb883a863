//! The architecture's invariants that the compiler does not keep: no cycle between the
//! workspace's crates (dev-dependencies included), no cycle between the modules of a crate, and
//! rules that do no IO.
//!
//! Crates: the graph of `cargo metadata --no-deps`, every kind of dependency on another member.
//! A cycle through a dev-dependency compiles (the test is its own crate), but it makes the crates
//! one unit to change and to test: a test that needs the crates above belongs to the crate above
//! them all.
//!
//! Modules, as rust-analyzer and cargo-modules see them: one node per file (`foo.rs` and
//! `foo/mod.rs` are module `foo`; inline modules such as `mod tests { … }` belong to their file),
//! one graph per crate target (the `uclint` package's `lib.rs` and `main.rs` are two), and an
//! edge from a module to each module whose items it names: through `use crate::…`,
//! `use super::…`, `use self::…`, and paths `crate::…`, `super::…` and `child::…` (a module it
//! declares) in its code. Declaring a child (`mod foo;`) and re-exporting a child's items
//! (`pub use foo::Bar;`, a crate's public face) are not edges, so a child that uses its parent's
//! items is a cycle only if the parent also uses the child's. A path through a re-export leads to
//! the module that defines the item. Comments, doc comments and string literals are not read.
//!
//! The crate root (`lib.rs`, `main.rs`) is not a node: it is the crate's entry and face, which
//! declares, re-exports and dispatches to every module, and the items it defines are used
//! throughout (`uclint-ingest`'s `FileParse`); counted, it would put nearly every module of a
//! crate whose root does more than declare on one cycle through it, and hide the cycles between
//! modules, which are the ones a change has to untangle.
//!
//! Rules do no IO: no `std::fs`, `std::io`, `std::process`, `std::env`, and of `std::net` only
//! the address types (`IpAddr` parses an address; sockets and name lookups are IO), in the
//! sources of `uclint-model` and `uclint-rules`.
//!
//! Each cycle found is printed as a path (`a -> b -> a`). Cycles being removed by other changes
//! of the same issue are listed in [`KNOWN_CYCLES`]; an entry that no longer matches a cycle
//! fails the test too, so that the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Module cycles known today, as (crate target, the cycle's modules sorted); each one must go.
///
/// The list is empty: no crate target has a module cycle, and none should be added. The
/// mechanism stays for the rare change that cannot avoid one for a while: an entry needs a
/// comment beside it giving the reason the cycle cannot go in the change that brings it, and
/// its owner (the issue, or the person, that removes it).
///
/// Issue #20 emptied it: `check -> output -> check` (the exit codes, now in `exit.rs`),
/// `registry -> rules::gen::export_lacks_data`, `context -> rule` and `context -> provisioned`
/// in the rules (W1), `redact -> xml` (W7) and `load -> load::archive` (W8: the archive formats
/// are read in a leaf module, which shares only `load::limits` and `load::name` with `load.rs`)
/// in ingest; the issue's `health::html -> health::svg` was gone already (W4).
const KNOWN_CYCLES: &[(&str, &[&str])] = &[];

// ---------------------------------------------------------------------------------------------
// Crates

/// `cargo metadata` of the workspace, without dependencies.
fn metadata() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The workspace's members and, for each, the members it depends on (any kind).
fn crate_graph() -> BTreeMap<String, BTreeSet<String>> {
    let metadata = metadata();
    let packages = metadata["packages"].as_array().unwrap();
    let members: BTreeSet<String> = packages.iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["name"].as_str().unwrap().to_owned())
                .filter(|name| members.contains(name))
                .collect();
            (p["name"].as_str().unwrap().to_owned(), deps)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cycles

/// The graph's cycles: for each edge that lies on one, the shortest cycle through it, each
/// cycle once, given as a path from its smallest node back to it. (One cycle per strongly
/// connected component would let a cycle that stays hide behind one that goes.)
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for (from, targets) in graph {
        for to in targets {
            let Some(back) = shortest_path(graph, to, from) else { continue };
            // `from -> to -> … -> from`, rotated to start at its smallest node.
            let mut cycle: Vec<String> =
                std::iter::once(from.clone()).chain(back[..back.len() - 1].iter().cloned()).collect();
            let smallest = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap_or(0);
            cycle.rotate_left(smallest);
            cycle.push(cycle[0].clone());
            found.insert(cycle);
        }
    }
    found.into_iter().collect()
}

/// The shortest path from `from` to `to` (both included), by breadth-first search.
fn shortest_path(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> Option<Vec<String>> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to.to_owned()];
            let mut at = to;
            while at != from {
                at = previous[at];
                path.push(at.to_owned());
            }
            path.reverse();
            return Some(path);
        }
        for next in graph.get(node).into_iter().flatten().map(String::as_str) {
            if seen.insert(next) {
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Reading Rust sources

/// `text` with comments, string literals and character literals blanked (newlines kept), so
/// that a path in a doc comment or a message is not taken for a dependency.
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let blank =
        |out: &mut Vec<u8>, from: &[u8]| out.extend(from.iter().map(|&b| if b == b'\n' { b'\n' } else { b' ' }));
    while i < bytes.len() {
        let rest = &bytes[i..];
        let end = if rest.starts_with(b"//") {
            i + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            // Block comments nest.
            let (mut depth, mut j) = (0usize, i);
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            j
        } else if let Some(hashes) = raw_string_start(rest) {
            let body = i + 2 + hashes + usize::from(rest[0] == b'b');
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            let found = bytes[body..].windows(close.len()).position(|w| w == close.as_slice());
            found.map_or(bytes.len(), |at| body + at + close.len())
        } else if rest[0] == b'"' || rest.starts_with(b"b\"") {
            let mut j = i + if rest[0] == b'"' { 1 } else { 2 };
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(bytes.len())
        } else if rest[0] == b'\'' && is_char_literal(rest) {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'\'' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(bytes.len())
        } else {
            out.push(bytes[i]);
            i += 1;
            continue;
        };
        // An identifier's last letter followed by `"` (`r"`, `b"`) was pushed already: fine,
        // since it stays an identifier of its own.
        blank(&mut out, &bytes[i..end]);
        i = end;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The number of `#` of a raw string literal starting here (`r"`, `r#"`, `br#"`).
fn raw_string_start(rest: &[u8]) -> Option<usize> {
    let after = rest.strip_prefix(b"br").or_else(|| rest.strip_prefix(b"r"))?;
    let hashes = after.iter().take_while(|&&b| b == b'#').count();
    (after.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// Whether the `'` at the start of `rest` opens a character literal rather than a lifetime.
fn is_char_literal(rest: &[u8]) -> bool {
    match rest.get(1) {
        Some(b'\\') => true,
        Some(_) => {
            // `'a'` or a multi-byte character: a closing quote within a few bytes, none between.
            let close = rest[2..].iter().take(4).position(|&b| b == b'\'');
            close.is_some_and(|at| std::str::from_utf8(&rest[1..2 + at]).is_ok_and(|c| c.chars().count() == 1))
        }
        None => false,
    }
}

/// Identifiers and punctuation of a source (code only), `::` as one token.
fn tokens(code: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_alphanumeric() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            tokens.push(&code[start..i]);
        } else if code[i..].starts_with("::") {
            tokens.push("::");
            i += 2;
        } else {
            let len = code[i..].chars().next().map_or(1, char::len_utf8);
            tokens.push(&code[i..i + len]);
            i += len;
        }
    }
    tokens
}

/// The paths of a `use` tree (the tokens between `use` and `;`), each as its segments, with the
/// name it is imported as (`None` for a glob).
fn use_paths(tree: &[&str]) -> Vec<(Vec<String>, Option<String>)> {
    fn expand(tree: &[&str], prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
        // Split `tree` at top-level commas.
        let mut depth = 0;
        let mut start = 0;
        let mut items = Vec::new();
        for (i, &t) in tree.iter().enumerate() {
            match t {
                "{" => depth += 1,
                "}" => depth -= 1,
                "," if depth == 0 => {
                    items.push(&tree[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(&tree[start..]);
        for item in items.into_iter().filter(|item| !item.is_empty()) {
            let mut path = prefix.to_vec();
            let mut i = 0;
            while i < item.len() {
                match item[i] {
                    "::" => {}
                    "{" => {
                        let inner = &item[i + 1..item.len() - 1];
                        expand(inner, &path, out);
                        path.clear();
                        break;
                    }
                    "*" => {
                        out.push((path.clone(), None));
                        path.clear();
                        break;
                    }
                    "as" => {
                        let alias = item.get(i + 1).map(|s| (*s).to_owned());
                        out.push((std::mem::take(&mut path), alias));
                        break;
                    }
                    segment => path.push(segment.to_owned()),
                }
                i += 1;
            }
            if !path.is_empty() {
                // `foo::{self}` imports `foo`.
                if path.last().is_some_and(|s| s == "self") {
                    path.pop();
                }
                let name = path.last().cloned();
                out.push((path, name));
            }
        }
    }
    let mut out = Vec::new();
    let tree: Vec<&str> = tree.iter().copied().skip_while(|t| *t == "::").collect();
    expand(&tree, &[], &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Modules

/// One module of a crate target: what it declares, re-exports and names.
#[derive(Default)]
struct Module {
    /// Modules declared in this file (`mod foo;` or inline), by name.
    children: BTreeSet<String>,
    /// Names this module re-exports (`pub use`), each with the absolute path it stands for.
    reexports: BTreeMap<String, Vec<String>>,
    /// Every path this module names (absolute), not counting its re-exports.
    uses: Vec<Vec<String>>,
}

/// The modules of the crate target rooted at `root`, by path (`""` is the root), each read from
/// its file.
fn modules(root: &Path) -> BTreeMap<String, Module> {
    let mut modules = BTreeMap::new();
    let mut pending = vec![(String::new(), root.to_path_buf())];
    while let Some((path, file)) = pending.pop() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let code = code_only(&text);
        let tokens = tokens(&code);
        let mut module = Module::default();
        // The directory a child's file is in: `foo/` beside `foo.rs`, or this file's own for a
        // root or a `mod.rs`.
        let name = file.file_stem().unwrap().to_str().unwrap();
        let dir = if path.is_empty() || name == "mod" {
            file.parent().unwrap().to_path_buf()
        } else {
            file.parent().unwrap().join(name)
        };
        read_module(&tokens, &path, &mut module);
        for child in tokens.windows(3).filter(|w| w[0] == "mod" && w[2] == ";").map(|w| w[1]) {
            let flat = dir.join(format!("{child}.rs"));
            let file = if flat.is_file() { flat } else { dir.join(child).join("mod.rs") };
            let child_path = if path.is_empty() { child.to_owned() } else { format!("{path}::{child}") };
            pending.push((child_path, file));
        }
        modules.insert(path, module);
    }
    modules
}

/// Reads the declarations and paths of one file, whose module path is `file_module`.
fn read_module(tokens: &[&str], file_module: &str, module: &mut Module) {
    let base: Vec<String> = file_module.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
    // Names brought in by `use` (`use crate::rules::gen;` then `gen::x::RULE`), by name.
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Inline modules open here: (name, the brace depth inside them).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // Children declared in the file, known before any path is read.
    for w in tokens.windows(3) {
        if w[0] == "mod" && (w[2] == ";" || w[2] == "{") {
            module.children.insert(w[1].to_owned());
        }
    }
    let here = |inline: &[(String, usize)]| -> Vec<String> {
        base.iter().cloned().chain(inline.iter().map(|(name, _)| name.clone())).collect()
    };
    while i < tokens.len() {
        match tokens[i] {
            "{" => depth += 1,
            "}" => {
                // The inline module's own closing brace.
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            "mod" if tokens.get(i + 2) == Some(&"{") => {
                inline.push((tokens[i + 1].to_owned(), depth + 1));
                depth += 1;
                i += 3;
                continue;
            }
            "use" => {
                let public = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
                let end = tokens[i..].iter().position(|t| *t == ";").map_or(tokens.len(), |at| i + at);
                let current = here(&inline);
                for (path, name) in use_paths(&tokens[i + 1..end]) {
                    let Some(absolute) = absolute(&path, &current, &module.children) else { continue };
                    match (public && inline.is_empty(), name) {
                        (true, Some(name)) => {
                            module.reexports.insert(name, absolute);
                        }
                        (true, None) => {}
                        (false, name) => {
                            if let (Some(name), true) = (name, inline.is_empty()) {
                                aliases.insert(name, absolute.clone());
                            }
                            module.uses.push(absolute);
                        }
                    }
                }
                i = end + 1;
                continue;
            }
            "crate" | "super" | "self" if tokens.get(i + 1) == Some(&"::") && !follows_path(tokens, i) => {
                let path = path_at(tokens, i);
                if let Some(absolute) = absolute(&path, &here(&inline), &module.children) {
                    module.uses.push(absolute);
                }
            }
            name if module.children.contains(name)
                && tokens.get(i + 1) == Some(&"::")
                && !follows_path(tokens, i)
                && inline.is_empty() =>
            {
                let path = path_at(tokens, i);
                if let Some(absolute) = absolute(&path, &here(&inline), &module.children) {
                    module.uses.push(absolute);
                }
            }
            name if aliases.contains_key(name) && tokens.get(i + 1) == Some(&"::") && !follows_path(tokens, i) => {
                let mut path = aliases[name].clone();
                path.extend(path_at(tokens, i).into_iter().skip(1));
                module.uses.push(path);
            }
            _ => {}
        }
        i += 1;
    }
}

/// Whether the token at `i` continues a path (`a::crate` cannot be, `x.foo::` is a method),
/// or is `$crate` in a macro.
fn follows_path(tokens: &[&str], i: usize) -> bool {
    i > 0 && matches!(tokens[i - 1], "::" | "." | "$")
}

/// The segments of the path starting at token `i`: `a :: b :: c`.
fn path_at(tokens: &[&str], i: usize) -> Vec<String> {
    let mut path = vec![tokens[i].to_owned()];
    let mut j = i + 1;
    while tokens.get(j) == Some(&"::") && tokens.get(j + 1).is_some_and(|t| is_ident(t)) {
        path.push(tokens[j + 1].to_owned());
        j += 2;
    }
    path
}

fn is_ident(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && !token.is_empty()
}

/// `path` as seen from module `current`, made absolute (segments from the crate root); `None`
/// for a path into another crate or the standard library.
fn absolute(path: &[String], current: &[String], children: &BTreeSet<String>) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut out: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => current.to_vec(),
        "super" => current[..current.len().checked_sub(1)?].to_vec(),
        name if children.contains(name) => {
            let mut here = current.to_vec();
            here.push(name.to_owned());
            return Some(here.into_iter().chain(path[1..].iter().cloned()).collect());
        }
        _ => return None,
    };
    let mut rest = &path[1..];
    while rest.first().is_some_and(|s| s == "super") {
        out.pop()?;
        rest = &rest[1..];
    }
    out.extend(rest.iter().cloned());
    Some(out)
}

/// The module (a file's) that the absolute `path` names or names an item of, following
/// re-exports to the module that defines the item.
fn target(modules: &BTreeMap<String, Module>, path: &[String], hops: usize) -> Option<String> {
    let longest = (0..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains_key(m))?;
    let depth = if longest.is_empty() { 0 } else { longest.split("::").count() };
    if let Some(item) = path.get(depth) {
        if let Some(source) = modules[&longest].reexports.get(item) {
            if hops < 8 && source.as_slice() != path {
                let mut followed = source.clone();
                followed.extend(path[depth + 1..].iter().cloned());
                return target(modules, &followed, hops + 1).or(Some(longest));
            }
        }
    }
    Some(longest)
}

/// The module graph of the crate target rooted at `root`: module → modules it uses.
fn module_graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(root);
    let name = |m: &str| if m.is_empty() { "crate".to_owned() } else { m.to_owned() };
    modules
        .iter()
        .map(|(path, module)| {
            let targets = module
                .uses
                .iter()
                .filter_map(|used| target(&modules, used, 0))
                // The crate root is not a node: see the module documentation.
                .filter(|t| t != path && !t.is_empty() && !path.is_empty())
                .map(|t| name(&t))
                .collect();
            (name(path), targets)
        })
        .collect()
}

/// The lib and bin targets of the workspace's members: (`package (kind)`, root file).
fn crate_targets() -> Vec<(String, PathBuf)> {
    let metadata = metadata();
    let mut targets = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        for target in package["targets"].as_array().unwrap() {
            let kinds: Vec<&str> = target["kind"].as_array().unwrap().iter().filter_map(|k| k.as_str()).collect();
            let kind = if kinds.contains(&"bin") {
                "bin"
            } else if kinds.contains(&"lib") {
                "lib"
            } else {
                continue;
            };
            let name = format!("{} ({kind})", package["name"].as_str().unwrap());
            targets.push((name, PathBuf::from(target["src_path"].as_str().unwrap())));
        }
    }
    targets.sort();
    targets
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn no_cycle_between_crates() {
    let graph = crate_graph();
    assert!(graph.len() >= 6, "the workspace has the six crates and more: {:?}", graph.keys());
    let found = cycles(&graph);
    assert!(found.is_empty(), "cycles between crates (dev-dependencies count):\n{}", render(&found));
}

#[test]
fn no_cycle_between_modules() {
    let mut unknown = Vec::new();
    let mut seen_known = BTreeSet::new();
    for (target, root) in crate_targets() {
        for cycle in cycles(&module_graph(&root)) {
            let mut members: Vec<&str> = cycle[..cycle.len() - 1].iter().map(String::as_str).collect();
            members.sort_unstable();
            let known = KNOWN_CYCLES.iter().position(|(t, m)| *t == target && *m == members.as_slice());
            match known {
                Some(at) => {
                    seen_known.insert(at);
                }
                None => unknown.push(format!("{target}: {}", cycle.join(" -> "))),
            }
        }
    }
    let stale: Vec<String> = KNOWN_CYCLES
        .iter()
        .enumerate()
        .filter(|(at, _)| !seen_known.contains(at))
        .map(|(_, (target, members))| format!("{target}: {}", members.join(", ")))
        .collect();
    assert!(unknown.is_empty(), "cycles between modules:\n{}", unknown.join("\n"));
    assert!(stale.is_empty(), "known cycles that are gone: delete them from KNOWN_CYCLES:\n{}", stale.join("\n"));
}

/// The paths into IO of the standard library that `code` names: `std::fs`, `std::io`,
/// `std::process`, `std::env`, and `std::net` but for its address types.
fn io_paths(code: &str) -> Vec<String> {
    const IO: &[&str] = &["fs", "io", "process", "env"];
    const NET_VALUES: &[&str] =
        &["IpAddr", "Ipv4Addr", "Ipv6Addr", "SocketAddr", "SocketAddrV4", "SocketAddrV6", "AddrParseError"];
    let tokens = tokens(code);
    let mut paths: Vec<Vec<String>> = Vec::new();
    for (i, _) in tokens.iter().enumerate().filter(|(i, t)| **t == "std" && !follows_path(&tokens, *i)) {
        if i > 0 && tokens[i - 1] == "use" {
            let end = tokens[i..].iter().position(|t| *t == ";").map_or(tokens.len(), |at| i + at);
            paths.extend(use_paths(&tokens[i..end]).into_iter().map(|(path, _)| path));
        } else {
            paths.push(path_at(&tokens, i));
        }
    }
    paths
        .into_iter()
        .filter(|path| match path.get(1).map(String::as_str) {
            Some(module) if IO.contains(&module) => true,
            Some("net") => !path.get(2).is_some_and(|item| NET_VALUES.contains(&item.as_str())),
            _ => false,
        })
        .map(|path| path.join("::"))
        .collect()
}

#[test]
fn rules_and_model_do_no_io() {
    let mut found = Vec::new();
    for dir in ["../uclint-model/src", "../uclint-rules/src"] {
        for file in rust_files(Path::new(dir)) {
            let code = code_only(&std::fs::read_to_string(&file).unwrap());
            found.extend(io_paths(&code).into_iter().map(|path| format!("{}: {path}", file.display())));
        }
    }
    assert!(found.is_empty(), "IO in the model or the rules:\n{}", found.join("\n"));
}

#[test]
fn io_is_found_in_every_spelling() {
    let code = "use std::{fs, net::{IpAddr, TcpStream}};\nuse std::io::Write as _;\nfn f() { std::process::exit(1); \
                let _ = std::env::var(\"X\"); let _: std::net::Ipv4Addr; }\n";
    assert_eq!(
        io_paths(code),
        ["std::fs", "std::net::TcpStream", "std::io::Write", "std::process::exit", "std::env::var"]
    );
    assert!(
        io_paths("use std::net::IpAddr;\nfn f(s: &str) -> bool { s.parse::<std::net::IpAddr>().is_ok() }").is_empty()
    );
}

/// The `.rs` files under `dir`, in name order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn render(cycles: &[Vec<String>]) -> String {
    cycles.iter().map(|c| c.join(" -> ")).collect::<Vec<_>>().join("\n")
}

// The checks check themselves: each must find what it exists to find.

fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        graph.entry((*from).into()).or_default().insert((*to).into());
        graph.entry((*to).into()).or_default();
    }
    graph
}

#[test]
fn a_cycle_is_found_and_printed_as_a_path() {
    assert!(cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    let found = cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]));
    assert_eq!(render(&found), "a -> b -> c -> a");
}

/// A tree of modules written to a temporary directory: `(file, text)`.
fn module_graph_of(files: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    module_graph(&dir.path().join("lib.rs"))
}

#[test]
fn module_edges_follow_uses_not_declarations_nor_re_exports() {
    let graph = module_graph_of(&[
        ("lib.rs", "//! crate::b::x in a doc comment\nmod a;\nmod b;\npub use a::A;\npub use b::{B, c::C};\n"),
        ("a.rs", "use crate::B;\npub struct A;\nconst S: &str = \"crate::c\";\n"),
        ("b/mod.rs", "mod c;\npub struct B;\npub use self::c::C;\nfn f() -> c::C { c::C }\n"),
        ("b/c.rs", "pub struct C;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"),
    ]);
    let edges = |m: &str| graph[m].iter().cloned().collect::<Vec<_>>();
    assert_eq!(edges("crate"), Vec::<String>::new(), "declarations and re-exports are not edges");
    assert_eq!(edges("a"), ["b"], "`crate::B` leads to where B is defined");
    assert_eq!(edges("b"), ["b::c"], "a parent naming a child's items");
    assert_eq!(edges("b::c"), Vec::<String>::new(), "a test module using its file's items");
    assert!(cycles(&graph).is_empty());
}

#[test]
fn a_path_through_an_imported_module_is_followed() {
    let graph = module_graph_of(&[
        ("lib.rs", "mod registry;\nmod rules;\n"),
        ("registry.rs", "use crate::rules::gen;\npub static RULES: &[u8] = &[gen::x::RULE];\n"),
        ("rules/mod.rs", "pub mod gen;\n"),
        ("rules/gen/mod.rs", "pub mod x;\n"),
        ("rules/gen/x.rs", "use crate::registry;\npub const RULE: u8 = registry::RULES.len() as u8;\n"),
    ]);
    assert_eq!(render(&cycles(&graph)), "registry -> rules::gen::x -> registry");
}

#[test]
fn a_child_and_its_parent_using_each_other_are_a_cycle() {
    let graph = module_graph_of(&[
        ("lib.rs", "mod p;\n"),
        ("p/mod.rs", "mod k;\nstruct P;\nfn f() { k::g() }\n"),
        ("p/k.rs", "use super::P;\npub fn g() {}\n"),
    ]);
    assert_eq!(render(&cycles(&graph)), "p -> p::k -> p");
    let graph = module_graph_of(&[
        ("lib.rs", "mod x;\nmod y;\n"),
        ("x.rs", "pub fn f() { crate::y::g() }\n"),
        ("y.rs", "use crate::x::f;\npub fn g() {}\n"),
    ]);
    assert_eq!(render(&cycles(&graph)), "x -> y -> x");
}

#[test]
fn comments_and_strings_are_not_code() {
    let code = code_only("let a = \"crate::x\"; // crate::y\nlet b = r#\"crate::z\"#; let c = 'c'; fn f<'a>() {}\n");
    assert!(!code.contains("crate"), "{code}");
    assert!(code.contains("fn f<'a>()"), "a lifetime is not a character literal: {code}");
}
