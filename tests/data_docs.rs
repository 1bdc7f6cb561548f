//! Every slot name the data files use is explained in `data/README.md`, so that a reviewer who
//! does not read Rust can follow the rules.

use std::collections::BTreeSet;
use std::fs;

fn tsv_fields(dir: &str, column: usize) -> Vec<String> {
    let mut out = Vec::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");
    let path = format!("{root}{dir}");
    let files: Vec<_> = match fs::read_dir(&path) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => vec![path.into()],
    };
    for file in files {
        for line in fs::read_to_string(file).unwrap().lines() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(f) = line.split('\t').nth(column) {
                out.push(f.trim().to_string());
            }
        }
    }
    out
}

fn is_slot(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn every_slot_is_documented() {
    let mut slots = BTreeSet::new();
    for (dir, col) in [("lexicon", 1), ("patterns.tsv", 1), ("rules", 1)] {
        slots.extend(tsv_fields(dir, col).into_iter().filter(|s| is_slot(s)));
    }
    let readme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/README.md")).unwrap();
    let table = &readme[readme.find("## Slots").expect("a Slots section")..];
    let documented = |s: &str| {
        table.lines().any(|l| {
            l.split('|')
                .nth(1)
                .is_some_and(|names| names.split(',').any(|n| n.trim() == s))
        })
    };
    let missing: Vec<_> = slots.iter().filter(|s| !documented(s)).collect();
    assert!(
        missing.is_empty(),
        "slots missing from the table in data/README.md: {missing:?}"
    );
}
