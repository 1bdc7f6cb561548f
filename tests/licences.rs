//! Supply chain: every dependency Veil builds with, Rust and npm, is under a permissive licence.
//!
//! Rust: `Cargo.lock` is checked against the reviewed list `supply-chain/crates.tsv` (crate,
//! version, licence, why), and where a crate's own `Cargo.toml` is in the local registry, its
//! `license` against the list. npm: every package in `package-lock.json` by its `license`.
//! Nothing here needs the network (cargo-deny does not install from a registry mirror here).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// SPDX identifiers that let Veil be used, changed and shipped in closed apps with a notice.
const PERMISSIVE: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "Unlicense",
    "0BSD",
    "CC0-1.0",
    "BSL-1.0",
    "WTFPL",
    "BlueOak-1.0.0",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether an SPDX expression lets us ship under permissive terms: `OR` needs one side, `AND`
/// both (binding tighter, as in SPDX), parentheses group, the old `/` is `OR`, and a `WITH`
/// exception only adds permissions.
fn permissive(expr: &str) -> bool {
    let spaced = expr
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let ok = or(&tokens, &mut at);
    ok == Some(true) && at == tokens.len()
}

fn or(t: &[&str], at: &mut usize) -> Option<bool> {
    let mut ok = and(t, at)?;
    while t.get(*at) == Some(&"OR") {
        *at += 1;
        ok |= and(t, at)?;
    }
    Some(ok)
}

fn and(t: &[&str], at: &mut usize) -> Option<bool> {
    let mut ok = term(t, at)?;
    while t.get(*at) == Some(&"AND") {
        *at += 1;
        ok &= term(t, at)?;
    }
    Some(ok)
}

fn term(t: &[&str], at: &mut usize) -> Option<bool> {
    let token = *t.get(*at)?;
    *at += 1;
    let ok = if token == "(" {
        let inner = or(t, at)?;
        (t.get(*at) == Some(&")")).then(|| *at += 1)?;
        inner
    } else {
        PERMISSIVE.contains(&token)
    };
    if t.get(*at) == Some(&"WITH") {
        *at += 2; // the exception's name
    }
    Some(ok)
}

#[test]
fn the_licence_expressions_are_read_as_spdx_says() {
    assert!(permissive("MIT OR Apache-2.0"));
    assert!(permissive("MIT/Apache-2.0"));
    assert!(permissive("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(permissive("MIT OR Apache-2.0 OR LGPL-2.1-or-later"));
    assert!(permissive("Apache-2.0 WITH LLVM-exception"));
    assert!(!permissive("GPL-3.0-only"));
    assert!(!permissive("MIT AND GPL-2.0-only"));
    assert!(!permissive("(MIT OR Apache-2.0) AND LGPL-2.1-or-later"));
    assert!(!permissive(""));
    assert!(!permissive("(MIT"));
}

/// The value of the first `key = "value"` line of a TOML text (enough for Cargo.lock's package
/// blocks and a crate's `[package]` table; `license-file = ...` is not `license`).
fn toml_string<'a>(toml: &'a str, key: &str) -> Option<&'a str> {
    toml.lines().find_map(|l| {
        l.strip_prefix(key)
            .and_then(|r| r.trim().strip_prefix("= \""))
            .and_then(|r| r.strip_suffix('"'))
    })
}

/// `(name, version)` of every registry package in `Cargo.lock` (the workspace's own crate has
/// no `source`).
fn locked_crates() -> Vec<(String, String)> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let mut out = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| toml_string(block, key).map(str::to_string);
        if let (Some(name), Some(version), Some(_)) =
            (field("name"), field("version"), field("source"))
        {
            out.push((name, version));
        }
    }
    out
}

/// `supply-chain/crates.tsv`: crate -> (version, licence).
fn reviewed() -> BTreeMap<String, (String, String)> {
    let text = fs::read_to_string(root().join("supply-chain/crates.tsv")).expect("crates.tsv");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "supply-chain/crates.tsv: {l:?} needs 4 fields");
            assert!(!f[3].trim().is_empty(), "{}: say why it is here", f[0]);
            (f[0].to_string(), (f[1].to_string(), f[2].to_string()))
        })
        .collect()
}

/// The crate's own `Cargo.toml` in the local registry, if it was ever downloaded here.
fn registry_manifest(name: &str, version: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let src = home.join("registry/src");
    fs::read_dir(src).ok()?.find_map(|index| {
        let p = index
            .ok()?
            .path()
            .join(format!("{name}-{version}/Cargo.toml"));
        p.exists().then_some(p)
    })
}

#[test]
fn every_crate_in_the_lock_is_reviewed_and_permissive() {
    let list = reviewed();
    let locked = locked_crates();
    assert!(
        locked.len() > 10,
        "Cargo.lock read as {} crates",
        locked.len()
    );
    let mut problems = Vec::new();
    for (name, version) in &locked {
        match list.get(name) {
            None => problems.push(format!(
                "{name} {version} is in Cargo.lock but not in supply-chain/crates.tsv"
            )),
            Some((v, _)) if v != version => problems.push(format!(
                "{name}: Cargo.lock has {version}, supply-chain/crates.tsv {v}"
            )),
            Some((_, licence)) => {
                if !permissive(licence) {
                    problems.push(format!("{name} {version}: {licence} is not permissive"));
                }
                if let Some(manifest) = registry_manifest(name, version) {
                    let toml = fs::read_to_string(&manifest).unwrap_or_default();
                    let stated = toml_string(&toml, "license");
                    if stated.is_some_and(|s| s != licence) {
                        problems.push(format!(
                            "{name} {version}: its Cargo.toml says {stated:?}, the list {licence}"
                        ));
                    }
                }
            }
        }
    }
    for name in list.keys() {
        if !locked.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "{name} is listed in supply-chain/crates.tsv but no longer in Cargo.lock"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_npm_package_is_permissive() {
    let path = root().join("package-lock.json");
    let lock: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("package-lock.json"))
            .expect("package-lock.json is JSON");
    let packages = lock["packages"].as_object().expect("lockfile v2 or v3");
    // Packages that name no licence, reviewed by hand: name -> (version, licence).
    let text = fs::read_to_string(root().join("supply-chain/npm.tsv")).expect("npm.tsv");
    let reviewed: BTreeMap<&str, (&str, &str)> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "supply-chain/npm.tsv: {l:?} needs 4 fields");
            (f[0], (f[1], f[2]))
        })
        .collect();
    let mut problems = Vec::new();
    for (at, p) in packages.iter().filter(|(at, _)| !at.is_empty()) {
        let name = at.rsplit("node_modules/").next().unwrap_or(at);
        let version = p["version"].as_str().unwrap_or("");
        let licence = match (p["license"].as_str(), reviewed.get(name)) {
            (Some(l), _) => l,
            (None, Some((v, l))) if *v == version => l,
            (None, _) => {
                problems.push(format!(
                    "{at} {version} names no licence: review it into supply-chain/npm.tsv"
                ));
                continue;
            }
        };
        if !permissive(licence) {
            problems.push(format!("{at} {version}: {licence} is not permissive"));
        }
    }
    assert!(
        packages.len() > 10,
        "package-lock.json read as {}",
        packages.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
