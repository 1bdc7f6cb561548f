//! `veil train-ngram DATA`: learns the n-gram model asset (`data/model/ngram.bin`, see
//! `veil::ngram`) from the same rows as `veil train`: permissive sources, the marketplace sets
//! and the blind rounds, with every permissive benign source as negatives, weighted per source.
//! Deterministic: a fixed shuffle, one thread per training run, the same bytes every time
//! (`--check` compares).
//!
//! - **The model.** Per category, a logistic regression on hashed n-grams whose logit is added
//!   to the readable scorer's (a fixed offset in training): it learns what the word lists leave
//!   unexplained, and nothing they already explain. AdaGrad, a few epochs over a fixed shuffle,
//!   L2 on every weight it touches.
//! - **Pruning and quantising.** The buckets whose largest weight is biggest are kept (`KEEP`),
//!   each weight as int8 with one scale per category.
//! - **Thresholds.** As for the scorer: leave each permissive benign source out in turn, train
//!   without it, and set each category's threshold so that at most a budget of the left-out
//!   source's messages would be flagged; keep the strictest. The model raises a category to
//!   severity 1 (`high`) or 2 (`medium`) only; it never hides on its own.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use veil::ngram::{for_each_gram, NgramModel};
use veil::{Analysis, Category, Filter, Settings};

use crate::eval::Dataset;
use crate::train::{self, knob, sigmoid, threshold_for};
use crate::Args;

const N: usize = Category::ALL.len();
/// 2^18 buckets: collisions are rare among the n-grams that carry weight.
const BITS: u32 = 18;
/// Buckets kept after pruning (the knee of recall against size; see the README).
const KEEP: usize = 10_000;
const EPOCHS: usize = 6;
const LEARNING_RATE: f32 = 0.2;
/// L2 on every weight a row touches, per unit of row weight.
const L2: f32 = 1e-4;
/// Budgets of a left-out benign source's messages the model may flag at severity 1 and 2, in
/// all (each category gets an equal share).
const BUDGETS: [f64; 2] = [0.003, 0.0005];
/// The model's thresholds never go below these probabilities.
const FLOORS: [f32; 2] = [0.2, 0.35];

/// The categories the model scores: every one with training data, but not profanity (whether
/// a word is vulgar is the word list's call).
fn categories() -> Vec<u8> {
    Category::ALL
        .iter()
        .filter(|c| **c != Category::Profanity)
        .map(|c| c.index() as u8)
        .collect()
}

/// One training row.
struct Row {
    /// (bucket, count / sqrt(all n-grams)), sorted by bucket.
    grams: Vec<(u32, f32)>,
    /// The readable scorer's logits.
    offset: [f32; N],
    negative: u16,
    positive: u16,
    weight: f32,
    source: usize,
}

struct Corpus {
    rows: Vec<Row>,
    /// Per source: name, benign, language mostly Chinese, and (benign only) each row's folded
    /// text and readable logits, for calibrating on it.
    sources: Vec<(String, bool, bool, Vec<Folded>)>,
}

/// A benign row as calibration needs it: analysed once, scored by every left-out model.
struct Folded {
    text: String,
    readable: [f32; N],
}

fn corpus(sets: &[Dataset]) -> Corpus {
    let mut rows = Vec::new();
    let mut sources = Vec::new();
    for (si, set) in sets.iter().enumerate() {
        let benign = set.source.kind == "benign";
        let weight = train::row_weight(set) as f32;
        let mut texts = Vec::new();
        let mut zh_rows = 0;
        for r in &set.rows {
            let mut a = Analysis::of(&r.text);
            let readable = a.logits();
            let offset = if residual() { readable } else { [0.0; N] };
            let mut grams: Vec<u32> = Vec::new();
            let (count, zh) = for_each_gram(&a.folded.text, BITS, |b, _, _| grams.push(b));
            zh_rows += zh as usize;
            grams.sort_unstable();
            let norm = 1.0 / (count.max(1) as f32).sqrt();
            let mut merged: Vec<(u32, f32)> = Vec::with_capacity(grams.len());
            for g in grams {
                match merged.last_mut() {
                    Some(last) if last.0 == g => last.1 += norm,
                    _ => merged.push((g, norm)),
                }
            }
            let (negative, positive) = train::gate_labels(train::labels(set, r), a.child);
            let positive = positive.iter().fold(0, |m, p| m | p);
            rows.push(Row {
                grams: merged,
                offset,
                negative,
                positive,
                weight,
                source: si,
            });
            if benign {
                texts.push(Folded {
                    text: a.folded.text,
                    readable,
                });
            }
        }
        let zh = zh_rows * 2 > set.rows.len();
        sources.push((set.name.clone(), benign, zh, texts));
    }
    Corpus { rows, sources }
}

/// A trained, not yet pruned model: dense weights per bucket and category.
struct Dense {
    w: Vec<f32>,
    bias: Vec<f32>,
}

/// A fixed permutation (xorshift), the same on every machine.
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut x = seed;
    for i in (1..n).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
    order
}

fn fit(c: &Corpus, left_out: Option<usize>, cats: &[u8]) -> Dense {
    let k = cats.len();
    let size = 1usize << BITS;
    let mut w = vec![0.0f32; size * k];
    let mut g2 = vec![1e-6f32; size * k];
    let mut bias = vec![0.0f32; k];
    let mut b2 = vec![1e-6f32; k];
    let lr = knob("NG_LR", LEARNING_RATE as f64) as f32;
    let l2 = knob("NG_L2", L2 as f64) as f32;
    let epochs = knob("NG_EPOCHS", EPOCHS as f64) as usize;
    let mut z = vec![0.0f32; k];
    for epoch in 0..epochs {
        for i in shuffled(c.rows.len(), 0x9e37_79b9_7f4a_7c15 ^ epoch as u64) {
            let r = &c.rows[i];
            if Some(r.source) == left_out {
                continue;
            }
            let known = r.negative | r.positive;
            if cats.iter().all(|&cat| known >> cat & 1 == 0) {
                continue;
            }
            for (j, &cat) in cats.iter().enumerate() {
                z[j] = r.offset[cat as usize] + bias[j];
            }
            for &(g, v) in &r.grams {
                let row = &w[g as usize * k..g as usize * k + k];
                for (zj, wj) in z.iter_mut().zip(row) {
                    *zj += wj * v;
                }
            }
            for (j, &cat) in cats.iter().enumerate() {
                let y = if r.positive >> cat & 1 == 1 {
                    1.0
                } else if r.negative >> cat & 1 == 1 {
                    0.0
                } else {
                    continue;
                };
                let d = (sigmoid(z[j] as f64) as f32 - y) * r.weight;
                b2[j] += d * d;
                bias[j] -= lr * d / b2[j].sqrt();
                for &(g, v) in &r.grams {
                    let at = g as usize * k + j;
                    let grad = d * v + l2 * r.weight * w[at];
                    g2[at] += grad * grad;
                    w[at] -= lr * grad / g2[at].sqrt();
                }
            }
        }
    }
    Dense { w, bias }
}

/// A pruned model trained without each of `sources` in turn. The runs are independent: two at a
/// time (CI has two cores), each deterministic on its own thread.
fn without_each(
    c: &Corpus,
    sources: &[usize],
    cats: &[u8],
    keep: usize,
) -> Vec<(usize, NgramModel)> {
    let mut out = Vec::new();
    for pair in sources.chunks(2) {
        std::thread::scope(|s| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&i| s.spawn(move || (i, prune(&fit(c, Some(i), cats), cats, keep))))
                .collect();
            out.extend(handles.into_iter().map(|h| h.join().unwrap()));
        });
    }
    out
}

/// Keeps the `keep` buckets with the largest weights and quantises them to int8.
fn prune(d: &Dense, cats: &[u8], keep: usize) -> NgramModel {
    let k = cats.len();
    let size = 1usize << BITS;
    let strength = |b: usize| {
        d.w[b * k..b * k + k]
            .iter()
            .fold(0.0f32, |m, w| m.max(w.abs()))
    };
    let mut order: Vec<(f32, u32)> = (0..size)
        .map(|b| (strength(b), b as u32))
        .filter(|s| s.0 > 0.0)
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    order.truncate(keep);
    let mut buckets: Vec<u32> = order.into_iter().map(|s| s.1).collect();
    buckets.sort_unstable();
    let scale: Vec<f32> = (0..k)
        .map(|j| {
            let max = buckets
                .iter()
                .fold(0.0f32, |m, &b| m.max(d.w[b as usize * k + j].abs()));
            if max > 0.0 {
                max / 127.0
            } else {
                1.0
            }
        })
        .collect();
    let mut weights = Vec::with_capacity(buckets.len() * k);
    for &b in &buckets {
        for (j, s) in scale.iter().enumerate() {
            weights.push((d.w[b as usize * k + j] / s).round().clamp(-127.0, 127.0) as i8);
        }
    }
    NgramModel::from_parts(
        BITS,
        residual(),
        cats.to_vec(),
        scale,
        d.bias.clone(),
        cats.iter().map(|&c| gate(c)).collect(),
        vec![[[2.0; 3]; 2]; k],
        buckets,
        weights,
    )
}

/// Whether the model learns what the readable scorer leaves unexplained (its logit added to
/// the scorer's), or learns on its own (`VEIL_TRAIN_NG_ALONE=1`, for measuring).
fn residual() -> bool {
    knob("NG_ALONE", 0.0) == 0.0
}

/// The readable logit a category needs before the model may raise it: none by default;
/// `VEIL_TRAIN_NG_GATE=x` requires the category's bias plus x, some evidence of the readable
/// features for it (for measuring the gated variant).
fn gate(category: u8) -> f32 {
    let x = knob("NG_GATE", f64::NEG_INFINITY) as f32;
    veil::tables::BIAS[category as usize] + x
}

/// The fused probability of each scored category for a benign row, or 0 where the gate keeps
/// the model out.
fn fused(m: &NgramModel, row: &Folded) -> Vec<f64> {
    let lex = row.readable;
    let e = m.contribution(&row.text);
    m.categories
        .iter()
        .enumerate()
        .map(|(j, &c)| {
            let c = c as usize;
            if lex[c] < m.gate[j] {
                0.0
            } else {
                sigmoid(m.fused(lex[c], e.logits[c]) as f64)
            }
        })
        .collect()
}

/// Trains the shipped model and its thresholds.
pub fn build(dir: &Path, keep: usize, log: &mut String) -> Result<NgramModel, String> {
    let sets = train::load_all(dir)?;
    let c = corpus(&sets);
    let cats = categories();
    let k = cats.len();
    writeln!(
        log,
        "n-gram model: {} rows, {} sources, {k} categories, 2^{BITS} buckets, keeping {keep}",
        c.rows.len(),
        c.sources.len()
    )
    .unwrap();
    let benign: Vec<usize> = (0..c.sources.len()).filter(|&i| c.sources[i].1).collect();
    let runs = without_each(&c, &benign, &cats, keep);
    let fl = knob("NG_FLOOR", 1.0) as f32;
    let mut thresholds = vec![[[FLOORS[0] * fl, FLOORS[1] * fl, 2.0]; 2]; k];
    let mut held_out = Vec::new();
    for (b, m) in &runs {
        let (name, _, zh, texts) = &c.sources[*b];
        let probs: Vec<Vec<f64>> = texts.iter().map(|t| fused(m, t)).collect();
        for (j, t) in thresholds.iter_mut().enumerate() {
            let mut scores: Vec<f64> = probs.iter().map(|p| p[j]).collect();
            for (sev, budget) in BUDGETS.iter().enumerate() {
                let budget = budget * knob("NG_BUDGET", 1.0) / k as f64;
                let at = threshold_for(&mut scores, budget) as f32;
                t[*zh as usize][sev] = t[*zh as usize][sev].max(at);
            }
        }
        held_out.push((name.clone(), *zh, probs));
    }
    for t in thresholds.iter_mut() {
        for lang in t.iter_mut() {
            lang[1] = lang[1].max(lang[0]);
        }
    }
    for (name, zh, probs) in &held_out {
        let rate = |sev: usize| {
            let f = probs
                .iter()
                .filter(|p| (0..k).any(|j| p[j] >= thresholds[j][*zh as usize][sev] as f64))
                .count();
            100.0 * f as f64 / probs.len().max(1) as f64
        };
        writeln!(
            log,
            "n-gram model, held out {name}: raised at high {:.2}%, medium {:.2}%",
            rate(0),
            rate(1)
        )
        .unwrap();
    }
    for (j, t) in thresholds.iter().enumerate() {
        writeln!(
            log,
            "n-gram model thresholds {}: en {:.3} {:.3}, zh {:.3} {:.3}",
            Category::ALL[cats[j] as usize].name(),
            t[0][0],
            t[0][1],
            t[1][0],
            t[1][1]
        )
        .unwrap();
    }
    let m = prune(&fit(&c, None, &cats), &cats, keep);
    let mut parts = m;
    parts.thresholds = thresholds;
    Ok(parts)
}

/// Cross-validation across sources: each harm source scored by a model trained without it (the
/// shipped thresholds), beside lexicon-only and the shipped model that trained on it. Whole
/// messages flagged at `medium`.
fn cross_validate(dir: &Path, shipped: &NgramModel, keep: usize) -> Result<String, String> {
    let sets = train::load_all(dir)?;
    let c = corpus(&sets);
    let cats = categories();
    let harm: Vec<usize> = (0..sets.len()).filter(|&i| !c.sources[i].1).collect();
    let mut out = String::from(
        "source-held-out (each harm source scored by a model trained without it), medium:\n\
         source               lang   pos  lexicon  +model(seen)  +model(held out) |   neg  lexicon  +model(seen)  +model(held out)\n",
    );
    let lexicon = Filter::new(Settings::default()).map_err(|e| e.to_string())?;
    let mut seen = lexicon.clone();
    seen.set_model(Some(Arc::new(shipped.clone())));
    for (h, mut m) in without_each(&c, &harm, &cats, keep) {
        m.thresholds = shipped.thresholds.clone();
        let mut held = lexicon.clone();
        held.set_model(Some(Arc::new(m)));
        for lang in ["en", "zh"] {
            // [positives, negatives] x [rows, lexicon, seen, held out]
            let mut k = [[0u64; 4]; 2];
            for row in sets[h].rows.iter().filter(|r| r.lang == lang) {
                let at = row.labels.is_empty() as usize;
                k[at][0] += 1;
                for (f, filter) in [&lexicon, &seen, &held].iter().enumerate() {
                    k[at][f + 1] += filter.check_text(&row.text).flagged() as u64;
                }
            }
            if k[0][0] + k[1][0] == 0 {
                continue;
            }
            let pct = crate::eval::percent;
            writeln!(
                    out,
                    "{:<20} {lang} {:>6} {:>7.1}% {:>12.1}% {:>16.1}% | {:>5} {:>7.1}% {:>12.1}% {:>16.1}%",
                    sets[h].name,
                    k[0][0],
                    pct(k[0][1], k[0][0]),
                    pct(k[0][2], k[0][0]),
                    pct(k[0][3], k[0][0]),
                    k[1][0],
                    pct(k[1][1], k[1][0]),
                    pct(k[1][2], k[1][0]),
                    pct(k[1][3], k[1][0]),
                )
                .unwrap();
        }
    }
    Ok(out)
}

pub fn run(args: &Args) -> Result<(), String> {
    let dir = args.data_dir("train-ngram")?;
    let keep = args.keep.unwrap_or(KEEP);
    let mut log = String::new();
    let model = build(dir, keep, &mut log)?;
    eprint!("{log}");
    if args.cv {
        print!("{}", cross_validate(dir, &model, keep)?);
        return Ok(());
    }
    let bytes = model.encode();
    let path = match &args.out {
        Some(p) => Path::new(p).to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model/ngram.bin"),
    };
    if args.check {
        if fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            return Err(format!(
                "{} differs from what `make train` produces: run `make train`",
                path.display()
            ));
        }
        eprintln!("veil train-ngram: the shipped n-gram model is up to date");
        return Ok(());
    }
    fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} buckets)",
        path.display(),
        bytes.len(),
        model.len()
    );
    Ok(())
}
