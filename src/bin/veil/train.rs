//! `veil train DATA`: learns the scorer's weights and thresholds (`data/model/`) from labelled
//! data laid out like `../shared/data`, plus the blind rounds in `tests/blind/`. Deterministic:
//! the same data and word lists give the same files, byte for byte (`--check` compares).
//!
//! - **What it learns from.** Only sources whose `license_class` is `permissive` (so nothing
//!   shipped derives from the others), the marketplace sets and the blind rounds. Benign sources
//!   are negatives for every category, weighted per source so that no one domain dominates.
//! - **The model.** One logistic regression per category over the features of
//!   `veil::features`, trained together. A gold label trains the Veil category of its name, and
//!   only it: a source says nothing of the categories it does not annotate by name. Each
//!   positive constraint is a set of categories of which one must fire (a noisy-OR; today each
//!   set has one category). L2 pulls every weight towards its prior
//!   (`features::priors`: the reviewer's severities), full-batch Adam, fixed iterations.
//! - **Thresholds.** Per language, leave one benign source out: train without it, and find the
//!   probability above which at most a budget of its messages would be flagged. The strictest
//!   threshold over the left-out sources is kept, so thresholds are set on chat the model never
//!   saw. Budgets: severity 1 (flagged from `high`) 1 %, 2 (from `medium`) 0.2 %, 3 0.06 %, each
//!   category a third of it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use veil::features::{self, Key};
use veil::{Analysis, Category};

use crate::eval::{self, Dataset};
use crate::Args;

const N: usize = Category::ALL.len();
/// Budgets of held-out benign messages flagged at severity 1, 2 and 3.
const BUDGETS: [f64; 3] = [0.01, 0.002, 0.0006];
/// Thresholds never go below these, whatever the budgets allow.
const FLOORS: [f64; 3] = [0.3, 0.5, 0.8];
/// Each benign source weighs as much as this many messages in all.
const BENIGN_SOURCE_WEIGHT: f64 = 20000.0;
/// A hand-labelled marketplace or blind-round message weighs this many.
const MARKETPLACE_WEIGHT: f64 = 16.0;
const L2: f64 = 1.0;
const ITERATIONS: usize = 300;
const LEARNING_RATE: f64 = 0.05;
/// The least logit (bias + weight) a word group of severity 1, 2, 3 gives alone: a probability
/// of 0.40, 0.82 and 0.95 (between the floors of the thresholds: 0.3, 0.5, 0.8).
const GROUP_LOGIT: [f64; 3] = [-0.4, 1.5, 3.0];
/// Weights smaller than this are left out of the file.
const PRUNE: f64 = 0.05;
/// Each category may use this fraction of a budget.
const CATEGORY_SHARE: f64 = 3.0;
/// How many of a left-out source's highest-scoring messages the log shows.
const TOP_SHOWN: usize = 8;

/// One training row: its features (indices), weight, and what it says per category.
#[derive(Clone, PartialEq)]
struct Example {
    features: Vec<u32>,
    weight: f64,
    /// Categories known to be absent (bit per category).
    negative: u16,
    /// Each mask: at least one of these categories is present.
    positive: Vec<u16>,
    zh: bool,
    /// It names a child: `sexual_minors` is weighed (`veil::score::gate`).
    child: bool,
}

/// A labelled source: its name, whether it is benign, its language mix and examples.
struct Source {
    name: String,
    benign: bool,
    examples: Vec<Example>,
    texts: Vec<String>,
}

pub(crate) fn mask(cats: &[Category]) -> u16 {
    cats.iter().fold(0, |m, c| m | 1 << c.index())
}

/// Feature index of every key seen, shared by all training runs.
#[derive(Default)]
struct Space {
    index: BTreeMap<Key, u32>,
    keys: Vec<Key>,
}

impl Space {
    fn id(&mut self, key: Key) -> u32 {
        let n = self.keys.len() as u32;
        *self.index.entry(key).or_insert_with(|| {
            self.keys.push(key);
            n
        })
    }
}

/// How much one row of `set` weighs in training: benign sources weigh the same in all, however
/// many rows they have; a hand-labelled row weighs more than a loosely labelled one.
pub(crate) fn row_weight(set: &Dataset) -> f64 {
    if set.source.kind == "benign" {
        knob("BENIGN", BENIGN_SOURCE_WEIGHT) / set.rows.len().max(1) as f64
    } else if fine(set) {
        knob("MARKET", MARKETPLACE_WEIGHT)
    } else {
        1.0
    }
}

/// Sources labelled with Veil's own ten categories (the marketplace sets, the blind rounds).
pub(crate) fn fine(set: &Dataset) -> bool {
    set.source.annotates.len() == N
}

/// What a row says per category: the categories known to be absent (a bit each), and the
/// sets of categories of which one is present.
pub(crate) fn labels(set: &Dataset, row: &eval::Row) -> (u16, Vec<u16>) {
    let (mut negative, mut positive) = (0u16, Vec::new());
    if set.source.kind == "benign" {
        // Ordinary chat is a negative for every harm, but not for profanity: friends swear,
        // and whether a word is vulgar is the word list's call, not the conversation's.
        negative = (u16::MAX >> (16 - N)) & !mask(&[Category::Profanity]);
        return (negative, positive);
    }
    let mut covered = 0u16;
    for gold in &set.source.annotates {
        if row.unknown.contains(gold) {
            continue;
        }
        // A gold label trains the Veil category of its name, and only it: a source says
        // nothing of the categories it does not annotate by name (a Weibo comment not labelled
        // hate may still swear), so a coarse label's other matches (the data's `harassment` is
        // matched by profanity too) are neither positive nor negative where it is present.
        let own = Category::parse(gold).map_or(0, |c| mask(&[c]));
        if row.labels.contains(gold) {
            positive.push(own);
            if !fine(set) {
                covered |= mask(eval::matching(gold));
            }
        } else {
            negative |= own;
        }
    }
    (negative & !covered, positive)
}

/// Where the message names no child, the scorer never weighs `sexual_minors`
/// (`veil::score::gate`), so the row says nothing of it either way.
pub(crate) fn gate_labels((negative, positive): (u16, Vec<u16>), child: bool) -> (u16, Vec<u16>) {
    if child {
        return (negative, positive);
    }
    let sm = mask(&[veil::score::NEEDS_CHILD]);
    let positive = positive
        .into_iter()
        .map(|m| m & !sm)
        .filter(|&m| m != 0)
        .collect();
    (negative & !sm, positive)
}

fn examples(set: &Dataset, space: &mut Space) -> Source {
    let benign = set.source.kind == "benign";
    let weight = row_weight(set);
    let mut out = Vec::with_capacity(set.rows.len());
    for row in &set.rows {
        let a = Analysis::of(&row.text);
        let mut feats: Vec<u32> = a.occurrences.iter().map(|o| space.id(o.key)).collect();
        feats.sort_unstable();
        feats.dedup();
        let (negative, positive) = gate_labels(labels(set, row), a.child);
        out.push(Example {
            features: feats,
            weight,
            negative,
            positive,
            zh: a.zh,
            child: a.child,
        });
    }
    Source {
        name: set.name.clone(),
        benign,
        examples: out,
        texts: set.rows.iter().map(|r| r.text.clone()).collect(),
    }
}

/// Merges identical examples (most benign rows have no features at all), summing weights.
fn compress(rows: impl Iterator<Item = Example>) -> Vec<Example> {
    // features, negative, positive, zh, child
    type Same = (Vec<u32>, u16, Vec<u16>, bool, bool);
    let mut merged: BTreeMap<Same, f64> = BTreeMap::new();
    for r in rows {
        *merged
            .entry((r.features, r.negative, r.positive, r.zh, r.child))
            .or_default() += r.weight;
    }
    merged
        .into_iter()
        .map(
            |((features, negative, positive, zh, child), weight)| Example {
                features,
                weight,
                negative,
                positive,
                zh,
                child,
            },
        )
        .collect()
}

/// Weights per feature and category, and the biases.
#[derive(Clone)]
struct Model {
    w: Vec<[f64; N]>,
    bias: [f64; N],
}

impl Model {
    fn logits(&self, e: &Example) -> [f64; N] {
        let mut z = self.bias;
        for &f in &e.features {
            for (zc, wc) in z.iter_mut().zip(&self.w[f as usize]) {
                *zc += wc;
            }
        }
        veil::score::gate(&mut z, e.child);
        z
    }
}

/// Hyper-parameter overrides for experiments, read from `VEIL_TRAIN_<NAME>` (L2, MARKET, BENIGN, TOP,
/// BUDGET, ITER, LR; CVT sets one threshold for `--cv`): `VEIL_TRAIN_L2=0.5 veil train DIR --cv`.
/// Unset, training uses the constants above; `make train` never sets them.
pub(crate) fn knob(name: &str, default: f64) -> f64 {
    std::env::var(format!("VEIL_TRAIN_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub(crate) fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn train(rows: &[Example], p: &Prepared) -> Model {
    let (prior, against, floor) = (&p.prior, &p.against, &p.floor);
    let nf = prior.len();
    let mut m = Model {
        w: prior.to_vec(),
        bias: [-4.0; N],
    };
    let (mut m1, mut m2) = (vec![[0.0; N]; nf + 1], vec![[0.0; N]; nf + 1]);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    let l2 = knob("L2", L2);
    let iterations = knob("ITER", ITERATIONS as f64) as usize;
    for t in 1..=iterations {
        let mut g = vec![[0.0f64; N]; nf + 1]; // the last row is the bias
        for r in rows {
            let z = m.logits(r);
            let p: Vec<f64> = z.iter().map(|&z| sigmoid(z)).collect();
            let mut dz = [0.0f64; N];
            for (c, d) in dz.iter_mut().enumerate() {
                if r.negative >> c & 1 == 1 {
                    *d += p[c];
                }
            }
            for &group in &r.positive {
                let q: f64 = (0..N)
                    .filter(|c| group >> c & 1 == 1)
                    .map(|c| 1.0 - p[c])
                    .product();
                let explained = (1.0 - q).max(1e-9);
                for (c, d) in dz.iter_mut().enumerate() {
                    if group >> c & 1 == 1 {
                        *d -= q * p[c] / explained;
                    }
                }
            }
            for (c, d) in dz.iter().enumerate() {
                let d = d * r.weight;
                g[nf][c] += d;
                for &f in &r.features {
                    g[f as usize][c] += d;
                }
            }
        }
        let lr = knob("LR", LEARNING_RATE);
        let (c1, c2) = (1.0 - b1.powi(t as i32), 1.0 - b2.powi(t as i32));
        for f in 0..=nf {
            for c in 0..N {
                let grad = if f < nf {
                    g[f][c] + l2 * (m.w[f][c] - prior[f][c])
                } else {
                    g[f][c]
                };
                m1[f][c] = b1 * m1[f][c] + (1.0 - b1) * grad;
                m2[f][c] = b2 * m2[f][c] + (1.0 - b2) * grad * grad;
                let step = lr * (m1[f][c] / c1) / ((m2[f][c] / c2).sqrt() + eps);
                if f < nf {
                    m.w[f][c] -= step;
                    if against[f][c] {
                        m.w[f][c] = m.w[f][c].min(0.0);
                    }
                    if let Some(sev) = floor[f][c] {
                        // On its own, the group reaches the probability of its severity.
                        m.w[f][c] = m.w[f][c].max(GROUP_LOGIT[sev] - m.bias[c]);
                    }
                } else {
                    m.bias[c] -= step;
                }
            }
        }
    }
    m
}

/// The smallest probability at which at most `budget` of `scores` reach it.
pub(crate) fn threshold_for(scores: &mut [f64], budget: f64) -> f64 {
    scores.sort_by(|a, b| b.total_cmp(a));
    let allowed = (budget * scores.len() as f64).floor() as usize;
    // Flag rows strictly above the (allowed+1)-th highest score.
    let at = scores.get(allowed).copied().unwrap_or(0.0);
    next_up(at)
}

/// A probability just above `p`, rounded up to the file's 4 decimals.
fn next_up(p: f64) -> f64 {
    ((p * 10000.0).floor() + 1.0) / 10000.0
}

/// Everything `train` writes, as text.
struct Output {
    weights: String,
    thresholds: String,
    /// [lang][category][severity - 1]
    levels: [[[f64; 3]; N]; 2],
}

pub(crate) fn load_all(dir: &Path) -> Result<Vec<Dataset>, String> {
    let mut sets: Vec<Dataset> = eval::load(dir)?
        .into_iter()
        .filter(|s| s.source.license_class == "permissive")
        .collect();
    // Written for Veil: the blind rounds once scored, and messages written for training.
    for dir in ["tests/blind", "tests/tuning"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            sets.extend(eval::load(&f)?);
        }
    }
    Ok(sets)
}

struct Prepared {
    sources: Vec<Source>,
    space: Space,
    prior: Vec<[f64; N]>,
    /// Per feature and category: it may only weigh against a flag.
    against: Vec<[bool; N]>,
    /// (feature, category) of a word group, with its severity - 1: its weight never falls so
    /// low that a term alone would miss its severity (`GROUP_LOGIT`), so a word added to a list
    /// counts as the reviewer said before any data has seen it; a term that misfires is
    /// corrected by its own `term:` weight.
    floor: Vec<[Option<usize>; N]>,
}

/// The reviewer's combinations (`data/combinations.tsv`): a feature, the category, and its prior
/// weight, or `None` where it may only weigh against that category.
type Combination = (Key, usize, Option<f64>);

fn combinations() -> Result<Vec<Combination>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/combinations.tsv");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |why: String| format!("data/combinations.tsv line {}: {why}", n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        let [a, b, cat, sev] = f[..] else {
            return Err(at("expected atom, atom, category, severity".into()));
        };
        let key = if b == "-" {
            // One feature by its name in weights.tsv (rule:, pattern:, term:, ...).
            veil::tables::FEATURE_NAMES
                .iter()
                .position(|x| *x == a)
                .map(|i| Key::Fixed(i as u16))
                .ok_or_else(|| at(format!("unknown feature {a}")))?
        } else {
            let family = |x: &str| x.starts_with("fam:");
            if family(a) != family(b) && !a.starts_with('@') && !b.starts_with('@') {
                return Err(at(
                    "a family pairs with a family or a category, not a slot".into()
                ));
            }
            features::pair_key(a, b).map_err(at)?
        };
        let cats: Vec<usize> = if cat == "-" {
            (0..N).collect()
        } else {
            let c = Category::parse(cat).map_err(|e| at(e.to_string()))?;
            if c.index() >= N {
                return Err(at(format!("{cat} comes from sender memory, not from text")));
            }
            vec![c.index()]
        };
        let prior = match sev {
            "against" => None,
            _ => match sev.parse() {
                Ok(s @ 1..=3) => Some(features::PRIOR_BY_SEVERITY[s - 1]),
                _ => {
                    return Err(at(format!(
                        "severity must be 1, 2, 3 or against, not {sev}"
                    )))
                }
            },
        };
        if prior.is_some() && features::against(key) {
            return Err(at(format!("{a} + {b} may only weigh against a flag")));
        }
        out.extend(cats.into_iter().map(|c| (key, c, prior)));
    }
    Ok(out)
}

fn prepare(sets: &[Dataset]) -> Result<Prepared, String> {
    let mut space = Space::default();
    // Features with a prior exist even where the data never shows them.
    let priors = features::priors();
    for &(key, _, _) in &priors {
        space.id(key);
    }
    let combinations = combinations()?;
    for &(key, _, _) in &combinations {
        space.id(key);
    }
    let sources: Vec<Source> = sets.iter().map(|s| examples(s, &mut space)).collect();
    let mut prior = vec![[0.0; N]; space.keys.len()];
    let given = combinations
        .iter()
        .filter_map(|&(key, c, p)| p.map(|w| (key, c, w)));
    for (key, c, w) in priors.into_iter().chain(given) {
        prior[space.index[&key] as usize][c] = w;
    }
    let mut against: Vec<[bool; N]> = space
        .keys
        .iter()
        .map(|&k| [features::against(k); N])
        .collect();
    for &(key, c, p) in &combinations {
        if p.is_none() {
            let f = space.index[&key] as usize;
            against[f][c] = true;
            prior[f][c] = prior[f][c].min(0.0);
        }
    }
    let mut floor = vec![[None; N]; space.keys.len()];
    for (key, c, sev) in features::word_groups() {
        floor[space.index[&key] as usize][c] = Some(sev);
    }
    Ok(Prepared {
        sources,
        space,
        prior,
        against,
        floor,
    })
}

fn train_without(p: &Prepared, left_out: Option<&str>) -> Model {
    let rows = compress(
        p.sources
            .iter()
            .filter(|s| Some(s.name.as_str()) != left_out)
            .flat_map(|s| s.examples.iter().cloned()),
    );
    train(&rows, p)
}

fn build(dir: &Path, log: &mut String) -> Result<Output, String> {
    let sets = load_all(dir)?;
    let p = prepare(&sets)?;
    writeln!(
        log,
        "{} sources, {} messages, {} features",
        p.sources.len(),
        p.sources.iter().map(|s| s.examples.len()).sum::<usize>(),
        p.space.keys.len()
    )
    .unwrap();

    // Thresholds: leave each benign source out in turn. Each category gets a share of the
    // budget, so that a category ordinary chat never triggers is not held back by one that
    // it sometimes does.
    let mut thresholds = [[FLOORS; N]; 2];
    let mut held_out: Vec<(String, usize, Vec<[f64; N]>)> = Vec::new();
    for s in p.sources.iter().filter(|s| s.benign) {
        let model = train_without(&p, Some(&s.name));
        let zh = s.examples.iter().filter(|e| e.zh).count() * 2 > s.examples.len();
        let l = zh as usize;
        let probs: Vec<[f64; N]> = s
            .examples
            .iter()
            .filter(|e| e.zh == zh)
            .map(|e| model.logits(e).map(sigmoid))
            .collect();
        for c in 0..N {
            let mut scores: Vec<f64> = probs.iter().map(|p| p[c]).collect();
            for (k, budget) in BUDGETS.iter().enumerate() {
                let t = threshold_for(&mut scores, budget * knob("BUDGET", 1.0) / CATEGORY_SHARE);
                thresholds[l][c][k] = thresholds[l][c][k].max(t);
            }
        }
        held_out.push((s.name.clone(), l, probs.clone()));
        // What the left-out source would have flagged at severity 2, for reading.
        let mut top: Vec<(f64, usize, usize)> = s
            .examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.zh == zh)
            .map(|(i, e)| {
                let p = model.logits(e).map(sigmoid);
                let c = (0..N).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
                (p[c], c, i)
            })
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (p, c, i) in top.iter().take(knob("TOP", TOP_SHOWN as f64) as usize) {
            writeln!(
                log,
                "  left out {}: {:.3} {} {:?}",
                s.name,
                p,
                Category::ALL[*c].name(),
                s.texts[*i]
            )
            .unwrap();
        }
    }
    for lang in &mut thresholds {
        for t in lang.iter_mut() {
            t[1] = t[1].max(t[0]);
            t[2] = t[2].max(t[1]);
        }
    }
    // The estimate of false flags on chat never trained on: each left-out source at the final
    // thresholds.
    for (name, l, probs) in &held_out {
        let rate = |k: usize| {
            let f = probs
                .iter()
                .filter(|p| (0..N).any(|c| p[c] >= thresholds[*l][c][k]))
                .count();
            100.0 * f as f64 / probs.len().max(1) as f64
        };
        writeln!(
            log,
            "held out {name}: flagged at high {:.2}%, medium {:.2}%, low {:.2}%",
            rate(0),
            rate(1),
            rate(2)
        )
        .unwrap();
    }

    let model = train_without(&p, None);
    let mut weights = String::from(
        "# Learned by `make train` (veil train): do not edit by hand; edit data/lexicon, data/rules\n\
         # or data/patterns.tsv and retrain. feature <TAB> category <TAB> weight (added to the\n\
         # category's logit when the feature is present). See src/features.rs for the feature names.\n",
    );
    let mut lines: Vec<(String, usize, f64)> = Vec::new();
    for (c, b) in model.bias.iter().enumerate() {
        lines.push(("bias".into(), c, *b));
    }
    for (i, key) in p.space.keys.iter().enumerate() {
        for c in 0..N {
            let w = model.w[i][c];
            if w.abs() >= PRUNE {
                lines.push((features::name(*key), c, w));
            }
        }
    }
    lines.sort_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
    for (name, c, w) in lines {
        writeln!(weights, "{name}\t{}\t{w:.3}", Category::ALL[c].name()).unwrap();
    }
    let mut th = String::from(
        "# Set by `make train`: per language and category, the probability from which the category\n\
         # gets each severity. Each is the strictest over the benign sources left out of training\n\
         # in turn (budgets of the left-out source flagged, each category a third of them:\n\
         # severity 1 1%, 2 0.2%, 3 0.06%), and never below a floor (0.3, 0.5, 0.8).\n\
         # lang <TAB> category <TAB> severity <TAB> probability\n",
    );
    for (l, lang) in ["en", "zh"].iter().enumerate() {
        for (c, cat) in Category::ALL.iter().enumerate() {
            for (k, t) in thresholds[l][c].iter().enumerate() {
                writeln!(th, "{lang}\t{}\t{}\t{t:.4}", cat.name(), k + 1).unwrap();
            }
        }
    }
    Ok(Output {
        weights,
        thresholds: th,
        levels: thresholds,
    })
}

/// Cross-validation on the hand-labelled sets (marketplace and blind rounds): five folds by
/// position, each scored by a model trained without it, with the shipped thresholds. Prints
/// the share of positives and negatives flagged at `medium` (severity 2 or more).
fn cross_validate(
    dir: &Path,
    levels: &[[[f64; 3]; N]; 2],
    show_errors: bool,
) -> Result<String, String> {
    const FOLDS: usize = 5;
    let sets = load_all(dir)?;
    let p = prepare(&sets)?;
    let fine: Vec<usize> = (0..p.sources.len()).filter(|&i| fine(&sets[i])).collect();
    // (source, lang) -> [positives, flagged, negatives, flagged]
    let mut counts: BTreeMap<(String, bool), [u64; 4]> = BTreeMap::new();
    let mut errors = Vec::new();
    for fold in 0..FOLDS {
        let rows = compress(p.sources.iter().enumerate().flat_map(|(i, s)| {
            let held = fine.contains(&i);
            s.examples
                .iter()
                .enumerate()
                .filter(move |(j, _)| !held || j % FOLDS != fold)
                .map(|(_, e)| e.clone())
        }));
        let model = train(&rows, &p);
        for &i in &fine {
            let s = &p.sources[i];
            for (j, e) in s
                .examples
                .iter()
                .enumerate()
                .filter(|(j, _)| j % FOLDS == fold)
            {
                let probs = model.logits(e).map(sigmoid);
                let flagged = !e.features.is_empty()
                    && (0..N).any(|c| probs[c] >= knob("CVT", levels[e.zh as usize][c][1]));
                let positive = !sets[i].rows[j].labels.is_empty();
                if show_errors && positive != flagged {
                    let best = (0..N)
                        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
                        .unwrap_or(0);
                    errors.push(format!(
                        "{} {:?} top {} {:.3}: {}",
                        if positive { "MISS" } else { "FALSE" },
                        sets[i].rows[j].labels,
                        Category::ALL[best].name(),
                        probs[best],
                        sets[i].rows[j].text
                    ));
                }
                let zh = sets[i].rows[j].lang == "zh";
                let k = counts.entry((s.name.clone(), zh)).or_default();
                let at = if positive { 0 } else { 2 };
                k[at] += 1;
                k[at + 1] += flagged as u64;
            }
        }
    }
    let mut out = String::new();
    for e in errors {
        writeln!(out, "{e}").unwrap();
    }
    out.push_str("cross-validated (5 folds), flagged at medium:\n");
    let pct = crate::eval::percent;
    for ((name, zh), k) in &counts {
        writeln!(
            out,
            "  {name:<16} {}  positives {:>5.1}% of {:<4} negatives {:>4.1}% of {}",
            if *zh { "zh" } else { "en" },
            pct(k[1], k[0]),
            k[0],
            pct(k[3], k[2]),
            k[2]
        )
        .unwrap();
    }
    Ok(out)
}

pub fn run(args: &Args) -> Result<(), String> {
    let dir = args.data_dir("train")?;
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model");
    let mut log = String::new();
    let out = build(dir, &mut log)?;
    eprint!("{log}");
    if args.cv {
        print!(
            "{}",
            cross_validate(dir, &out.levels, args.errors.is_some())?
        );
        return Ok(());
    }
    let files = [
        (out_dir.join("weights.tsv"), &out.weights),
        (out_dir.join("thresholds.tsv"), &out.thresholds),
    ];
    if args.check {
        let stale: Vec<String> = files
            .iter()
            .filter(|(path, text)| fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !stale.is_empty() {
            return Err(format!(
                "{} differ from what `make train` produces: run `make train`",
                stale.join(" and ")
            ));
        }
        eprintln!("veil train: the shipped weights and thresholds are up to date");
        return Ok(());
    }
    fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    for (path, text) in files {
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
