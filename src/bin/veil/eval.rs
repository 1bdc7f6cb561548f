//! `veil eval DIR`: recall and precision per category and language, and false flags per benign
//! source, on labelled data laid out like `../shared/data` (`SOURCES.json` + `*.jsonl`).
//!
//! Scoring follows the data's README: a category is scored only on the sources that annotate
//! it, rows that list it as `unknown` are skipped, and Veil's finer categories count towards
//! the coarser gold labels (gold `harassment` is matched by harassment, profanity, threat, hate
//! or sexual; `hate` by hate or harassment; `sexual` by sexual or sexual_minors; `spam_scam` by
//! spam_scam or off_platform).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{json, Value};
use veil::{policy, Action, Category, Filter, Level, Settings, Verdict};

use crate::Args;

#[derive(Deserialize)]
pub struct Source {
    pub kind: String,
    #[serde(default)]
    pub annotates: Vec<String>,
    #[serde(default)]
    pub license_class: String,
}

#[derive(Deserialize)]
pub struct Row {
    pub text: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub unknown: Vec<String>,
}

/// One data file: its name, what SOURCES.json says of it, and its rows.
pub struct Dataset {
    pub name: String,
    pub source: Source,
    pub rows: Vec<Row>,
}

/// The gold categories the data uses, and which of Veil's categories count as a match for each.
pub fn matching(gold: &str) -> &'static [Category] {
    use Category::*;
    match gold {
        "harassment" => &[Harassment, Profanity, Threat, Hate, Sexual],
        "hate" => &[Hate, Harassment],
        "sexual" => &[Sexual, SexualMinors],
        "sexual_minors" => &[SexualMinors],
        "threat" => &[Threat],
        "self_harm" => &[SelfHarm],
        "spam_scam" => &[SpamScam, OffPlatform],
        // Veil's own categories, used by the marketplace sets, match themselves.
        "personal_info" => &[PersonalInfo],
        "off_platform" => &[OffPlatform],
        "profanity" => &[Profanity],
        _ => &[],
    }
}

/// Loads a folder laid out like `../shared/data`, or one JSONL file labelled with Veil's own ten
/// categories (like the marketplace sets and the blind rounds in `tests/blind/`).
pub fn load(dir: &Path) -> Result<Vec<Dataset>, String> {
    if dir.is_file() {
        let name = dir
            .file_stem()
            .map_or("file".into(), |s| s.to_string_lossy().into_owned());
        let source = Source {
            kind: "harm".into(),
            annotates: Category::ALL.iter().map(|c| c.name().to_string()).collect(),
            // Our own files (the blind rounds) are ours to train on.
            license_class: "permissive".into(),
        };
        return Ok(vec![Dataset {
            name,
            source,
            rows: read_rows(dir)?,
        }]);
    }
    let sources_path = dir.join("SOURCES.json");
    let text = fs::read_to_string(&sources_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (is the labelled data there?)",
            sources_path.display()
        )
    })?;
    let sources: BTreeMap<String, Source> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", sources_path.display()))?;
    let mut sets = Vec::new();
    for (name, source) in sources {
        let path = dir.join(format!("{name}.jsonl"));
        if !path.exists() {
            eprintln!("veil eval: skipping {name}: {} not found", path.display());
            continue;
        }
        let rows = read_rows(&path)?;
        sets.push(Dataset { name, source, rows });
    }
    if sets.is_empty() {
        return Err(format!("no data files found in {}", dir.display()));
    }
    Ok(sets)
}

fn read_rows(path: &Path) -> Result<Vec<Row>, String> {
    let body =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Row =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        rows.push(row);
    }
    Ok(rows)
}

/// Whether a verdict counts as flagging `gold` at `level`: a matching category is detected and
/// its own action at that level is not `show`.
pub fn predicts(v: &Verdict, gold: &str, settings: &Settings) -> bool {
    let m = matching(gold);
    v.categories.iter().any(|c| {
        m.contains(&c.category) && policy::action(settings, c.category, c.severity) != Action::Show
    })
}

pub fn flagged(v: &Verdict, settings: &Settings) -> bool {
    v.categories
        .iter()
        .any(|c| policy::action(settings, c.category, c.severity) != Action::Show)
}

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: u64,
    pub fn_: u64,
    pub fp: u64,
}

impl Counts {
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
}

/// The scores at one level.
#[derive(Default)]
pub struct Report {
    /// (gold category, lang) → counts.
    pub harm: BTreeMap<(String, String), Counts>,
    /// (benign source, lang) → (flagged, total).
    pub benign: BTreeMap<(String, String), (u64, u64)>,
    /// (harm source, lang) → whole messages: positives (any label) and negatives (no label),
    /// and how many of each were blurred or hidden.
    pub messages: BTreeMap<(String, String), Messages>,
}

#[derive(Default, Clone, Copy)]
pub struct Messages {
    pub pos: u64,
    pub pos_flagged: u64,
    pub neg: u64,
    pub neg_flagged: u64,
}

impl Report {
    pub fn benign_total(&self, lang: &str) -> (u64, u64) {
        self.benign
            .iter()
            .filter(|((_, l), _)| l == lang)
            .fold((0, 0), |acc, (_, &(f, t))| (acc.0 + f, acc.1 + t))
    }
}

/// Scores precomputed verdicts (one per row, in order) at a level.
pub fn score(sets: &[Dataset], verdicts: &[Vec<Verdict>], level: Level) -> Report {
    let settings = Settings::with_level(level);
    let mut report = Report::default();
    for (set, vs) in sets.iter().zip(verdicts) {
        for (row, v) in set.rows.iter().zip(vs) {
            if set.source.kind == "benign" {
                let e = report
                    .benign
                    .entry((set.name.clone(), row.lang.clone()))
                    .or_default();
                e.1 += 1;
                e.0 += flagged(v, &settings) as u64;
                continue;
            }
            let m = report
                .messages
                .entry((set.name.clone(), row.lang.clone()))
                .or_default();
            let hit = flagged(v, &settings) as u64;
            if row.labels.is_empty() {
                m.neg += 1;
                m.neg_flagged += hit;
            } else {
                m.pos += 1;
                m.pos_flagged += hit;
            }
            for gold in &set.source.annotates {
                if row.unknown.contains(gold) {
                    continue;
                }
                let truth = row.labels.contains(gold);
                let pred = predicts(v, gold, &settings);
                let c = report
                    .harm
                    .entry((gold.clone(), row.lang.clone()))
                    .or_default();
                match (truth, pred) {
                    (true, true) => c.tp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, true) => c.fp += 1,
                    (false, false) => {}
                }
            }
        }
    }
    report
}

/// `a` as a percentage of `b` (0 when `b` is 0).
pub fn percent(a: u64, b: u64) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}

pub fn pct(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{:.1}%", v * 100.0))
}

fn print_report(report: &Report, level: Level) {
    println!("level: {level}");
    println!(
        "{:<14} {:<4} {:>8} {:>10} {:>8} {:>8}",
        "category", "lang", "recall", "precision", "pos", "flagged"
    );
    for ((cat, lang), c) in &report.harm {
        if c.tp + c.fn_ == 0 {
            continue;
        }
        println!(
            "{:<14} {:<4} {:>8} {:>10} {:>8} {:>8}",
            cat,
            lang,
            pct(c.recall()),
            pct(c.precision()),
            c.tp + c.fn_,
            c.tp + c.fp
        );
    }
    println!();
    println!(
        "{:<20} {:<4} {:>8} {:>10} {:>8} {:>10}",
        "whole messages", "lang", "pos", "flagged", "neg", "flagged"
    );
    for ((name, lang), m) in &report.messages {
        println!(
            "{:<20} {:<4} {:>8} {:>10} {:>8} {:>10}",
            name,
            lang,
            m.pos,
            pct(Some(m.pos_flagged as f64 / m.pos.max(1) as f64)),
            m.neg,
            pct(Some(m.neg_flagged as f64 / m.neg.max(1) as f64)),
        );
    }
    println!();
    println!(
        "{:<20} {:<4} {:>10} {:>8}",
        "benign source", "lang", "flagged", "rows"
    );
    for ((name, lang), &(f, t)) in &report.benign {
        println!(
            "{:<20} {:<4} {:>10} {:>8}",
            name,
            lang,
            pct(Some(f as f64 / t as f64)),
            t
        );
    }
    for lang in ["en", "zh"] {
        let (f, t) = report.benign_total(lang);
        if t > 0 {
            println!(
                "{:<20} {:<4} {:>10} {:>8}",
                "all benign",
                lang,
                pct(Some(f as f64 / t as f64)),
                t
            );
        }
    }
    println!();
}

/// One Markdown table for all levels: recall / precision per category and language, then the
/// false-flag rate per benign source. This is what the README shows.
fn print_markdown(reports: &[(Level, Report)]) {
    let head: Vec<String> = reports.iter().map(|(l, _)| l.name().to_string()).collect();
    println!("| category | lang | positives | {} |", head.join(" | "));
    println!("|---|---|---:|{}", "---:|".repeat(head.len()));
    let Some((_, first)) = reports.first() else {
        return;
    };
    for ((cat, lang), c) in &first.harm {
        if c.tp + c.fn_ == 0 {
            continue;
        }
        let cells: Vec<String> = reports
            .iter()
            .map(|(_, r)| {
                let c = r.harm[&(cat.clone(), lang.clone())];
                format!("{} / {}", pct(c.recall()), pct(c.precision()))
            })
            .collect();
        println!(
            "| {cat} | {lang} | {} | {} |",
            c.tp + c.fn_,
            cells.join(" | ")
        );
    }
    println!();
    println!("| benign source | lang | rows | {} |", head.join(" | "));
    println!("|---|---|---:|{}", "---:|".repeat(head.len()));
    let rate = |f: u64, t: u64| pct(Some(f as f64 / t.max(1) as f64));
    for ((name, lang), &(_, t)) in &first.benign {
        let cells: Vec<String> = reports
            .iter()
            .map(|(_, r)| {
                let (f, t) = r.benign[&(name.clone(), lang.clone())];
                rate(f, t)
            })
            .collect();
        println!("| {name} | {lang} | {t} | {} |", cells.join(" | "));
    }
    for lang in ["en", "zh"] {
        let (_, t) = first.benign_total(lang);
        if t == 0 {
            continue;
        }
        let cells: Vec<String> = reports
            .iter()
            .map(|(_, r)| {
                let (f, t) = r.benign_total(lang);
                rate(f, t)
            })
            .collect();
        println!("| **all benign** | {lang} | {t} | {} |", cells.join(" | "));
    }
}

fn report_json(report: &Report, level: Level) -> Value {
    let harm: Vec<Value> = report
        .harm
        .iter()
        .map(|((cat, lang), c)| {
            json!({"category": cat, "lang": lang, "recall": c.recall(), "precision": c.precision(),
                   "tp": c.tp, "fn": c.fn_, "fp": c.fp})
        })
        .collect();
    let benign: Vec<Value> = report
        .benign
        .iter()
        .map(|((name, lang), &(f, t))| json!({"source": name, "lang": lang, "flagged": f, "rows": t}))
        .collect();
    let messages: Vec<Value> = report
        .messages
        .iter()
        .map(|((name, lang), m)| {
            json!({"source": name, "lang": lang, "positives": m.pos, "positives_flagged": m.pos_flagged,
                   "negatives": m.neg, "negatives_flagged": m.neg_flagged})
        })
        .collect();
    json!({"level": level.name(), "harm": harm, "benign": benign, "messages": messages})
}

/// Runs the filter over every row (the verdict's categories do not depend on the level).
pub fn classify_all(sets: &[Dataset], model: Option<&Path>) -> Result<Vec<Vec<Verdict>>, String> {
    let mut filter = Filter::new(Settings::default()).expect("default settings are valid");
    if let Some(path) = model {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        filter
            .load_model(&bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(sets
        .iter()
        .map(|s| s.rows.iter().map(|r| filter.check_text(&r.text)).collect())
        .collect())
}

pub fn levels(arg: Option<&str>) -> Result<Vec<Level>, String> {
    match arg {
        None => Ok(vec![Level::Medium]),
        Some("all") => Ok(vec![Level::Low, Level::Medium, Level::High, Level::Strict]),
        Some(l) => Ok(vec![Level::parse(l).map_err(|e| e.to_string())?]),
    }
}

pub fn run(args: &Args) -> Result<(), String> {
    let dir = args.data_dir("eval")?;
    let levels = levels(args.level.as_deref())?;
    let sets = load(dir)?;
    let started = Instant::now();
    let verdicts = classify_all(&sets, args.model.as_deref().map(Path::new))?;
    let elapsed = started.elapsed();
    let rows: usize = sets.iter().map(|s| s.rows.len()).sum();
    if args.markdown {
        let reports: Vec<(Level, Report)> = levels
            .iter()
            .map(|&l| (l, score(&sets, &verdicts, l)))
            .collect();
        print_markdown(&reports);
    } else if args.json {
        let reports: Vec<Value> = levels
            .iter()
            .map(|&l| report_json(&score(&sets, &verdicts, l), l))
            .collect();
        println!("{}", json!({"rows": rows, "levels": reports}));
    } else {
        for &l in &levels {
            print_report(&score(&sets, &verdicts, l), l);
        }
        eprintln!(
            "{rows} messages classified in {:.2} s",
            elapsed.as_secs_f64()
        );
    }
    if let Some(n) = args.errors {
        print_errors(&sets, &verdicts, levels[0], n);
    }
    Ok(())
}

/// Prints up to `n` false flags per benign source and `n` misses per gold category and language,
/// for reading (never for copying into the repository).
fn print_errors(sets: &[Dataset], verdicts: &[Vec<Verdict>], level: Level, n: usize) {
    let settings = Settings::with_level(level);
    let cats = |v: &Verdict| -> String {
        v.categories
            .iter()
            .map(|c| format!("{}:{}", c.category.name(), c.severity))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (set, vs) in sets.iter().zip(verdicts) {
        if set.source.kind == "benign" {
            let flagged_rows = set
                .rows
                .iter()
                .zip(vs)
                .filter(|(_, v)| flagged(v, &settings));
            for (row, v) in flagged_rows.take(n) {
                println!("FALSE FLAG {} [{}] {:?}", set.name, cats(v), row.text);
            }
            continue;
        }
        for gold in &set.source.annotates {
            let misses = set.rows.iter().zip(vs).filter(|(r, v)| {
                r.labels.contains(gold)
                    && !r.unknown.contains(gold)
                    && !predicts(v, gold, &settings)
            });
            for (row, v) in misses.take(n) {
                println!(
                    "MISS {gold} {} {} [{}] {:?}",
                    set.name,
                    row.lang,
                    cats(v),
                    row.text
                );
            }
            let fps = set.rows.iter().zip(vs).filter(|(r, v)| {
                !r.labels.contains(gold)
                    && !r.unknown.contains(gold)
                    && predicts(v, gold, &settings)
            });
            for (row, v) in fps.take(n) {
                println!(
                    "FALSE POSITIVE {gold} {} {} [{}] {:?}",
                    set.name,
                    row.lang,
                    cats(v),
                    row.text
                );
            }
        }
    }
}
