//! Veil: an on-device message filter for chat, in Chinese and English.
//!
//! A message travels through six stages, one module each:
//! [`normalize`] → [`lexicon`] → [`rules`] → [`features`] → [`score`] → [`policy`], and comes
//! out as a [`Verdict`]: show, blur or hide, with categories, spans in the original text and
//! reasons.
//!
//! ```
//! use veil::{Filter, Settings, Level, Action};
//! let filter = Filter::new(Settings::with_level(Level::Medium)).unwrap();
//! assert_eq!(filter.check_text("does this fit a 7-year-old?").action, Action::Show);
//! ```

pub mod features;
pub mod lexicon;
pub mod matcher;
pub mod memory;
pub mod model;
pub mod ngram;
pub mod normalize;
pub mod policy;
pub mod rules;
pub mod score;
#[doc(hidden)]
pub mod tables;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{
    Action, Category, CategoryHit, Error, Level, Message, Reason, Settings, Span, Verdict,
    MAX_ANALYSED, MAX_HITS, SETTINGS_VERSION,
};

use std::sync::Arc;

use features::Occurrence;
use lexicon::{Hit, Lexicon};
use ngram::NgramModel;
use rules::RuleHit;
use tables::{DEFAULT_REASONS, REASONS};

/// The engine. Cheap to create (the word lists are compiled once per process and shared).
#[derive(Clone, Debug)]
pub struct Filter {
    settings: Settings,
    /// The optional n-gram model ([`Filter::load_model`]), shared by clones.
    model: Option<Arc<NgramModel>>,
}

impl Filter {
    /// Creates a filter, rejecting settings this build cannot honour.
    pub fn new(settings: Settings) -> Result<Filter, Error> {
        settings.validate()?;
        Ok(Filter {
            settings,
            model: None,
        })
    }

    /// Loads the n-gram model asset (`data/model/ngram.bin`). On an error (truncated, corrupt,
    /// another format version) the filter keeps what it had, and goes on lexicon-only if it
    /// had no model.
    pub fn load_model(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.model = Some(Arc::new(NgramModel::parse(bytes)?));
        Ok(())
    }

    /// Uses a model already parsed (shared between filters).
    pub fn set_model(&mut self, model: Option<Arc<NgramModel>>) {
        self.model = model;
    }

    pub fn model(&self) -> Option<&Arc<NgramModel>> {
        self.model.as_ref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: Settings) -> Result<(), Error> {
        settings.validate()?;
        self.settings = settings;
        Ok(())
    }

    /// Checks one message.
    pub fn check(&self, message: &Message<'_>) -> Verdict {
        self.check_text(message.text)
    }

    /// Checks a text with no metadata. A text longer than [`MAX_ANALYSED`] bytes is read up to
    /// there: the verdict is marked `truncated` and is at least a blur.
    pub fn check_text(&self, text: &str) -> Verdict {
        self.check_analysed(text).0
    }

    /// [`Filter::check_text`], and the analysis it made (for stages after it, such as sender
    /// memory, which would otherwise analyse the text again).
    pub fn check_analysed(&self, text: &str) -> (Verdict, Analysis) {
        let mut end = text.len().min(MAX_ANALYSED);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut a = Analysis::of(&text[..end]);
        let mut v = self.verdict(&mut a);
        if end < text.len() || a.cut {
            v.truncated = true;
            if self.settings.level != Level::Off {
                v.action = v.action.max(Action::Blur); // what was not read may be the harm
            }
        }
        (v, a)
    }

    fn verdict(&self, a: &mut Analysis) -> Verdict {
        let model = self.model.as_deref();
        if a.occurrences.is_empty() && model.is_none() {
            return Verdict::default(); // no word-list or pattern hit: nothing to weigh
        }
        let logits = a.logits();
        let a = &*a;
        let occurrences = &a.occurrences;
        let extra = model.map(|m| m.contribution(&a.folded.text));
        let zh = a.zh || extra.as_ref().is_some_and(|e| e.zh);

        let mut categories = Vec::new();
        let mut reasons: Vec<(u8, Reason)> = Vec::new();
        let mut action = Action::Show;
        for category in Category::ALL {
            let c = category.index();
            let mut p = score::probability(logits[c]);
            let mut severity = match score::severity(c, p, zh) {
                _ if occurrences.is_empty() => 0,
                // The cap is 2 or 3: only a 3 needs it looked up.
                3.. => score::severity_cap(occurrences, c, &a.hits, &a.rules),
                s => s,
            };
            // The model may raise a category (never past 2: only what a reviewer marked severe
            // is hidden), and never lowers what the readable features gave.
            let mut by_model = None;
            if let (Some(m), Some(e)) = (model, &extra) {
                if let Some(j) = m.position(c).filter(|&j| logits[c] >= m.gate[j]) {
                    let fused = m.fused(logits[c], e.logits[c]);
                    let s = m.severity(j, fused, zh).min(2);
                    if s > severity {
                        severity = s;
                        p = score::probability(fused);
                        by_model = Some(j);
                    }
                }
            }
            if severity == 0 {
                continue;
            }
            let why = match by_model {
                None => score::explain(occurrences, c, &a.hits, &a.rules),
                Some(j) => score::Explanation {
                    parts: model
                        .map(|m| m.strongest(&a.folded.text, j, MODEL_SPANS))
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(_, s, e)| (s, e))
                        .collect(),
                    reason: None,
                },
            };
            let category_action = policy::action(&self.settings, category, severity);
            action = action.max(category_action);
            let spans = why
                .parts
                .iter()
                .map(|&(s, e)| {
                    let (start, end) = a.folded.original_span(s, e);
                    Span { start, end }
                })
                .collect();
            categories.push(CategoryHit {
                category,
                severity,
                score: (p * 1000.0).round() / 1000.0,
                action: category_action,
                spans: score::merge_spans(spans),
            });
            let key = why
                .reason
                .map(usize::from)
                .unwrap_or_else(|| default_reason(category));
            let (_, en, zh) = REASONS[key];
            if !reasons.iter().any(|(_, r)| r.en == en) {
                reasons.push((
                    severity,
                    Reason {
                        category,
                        en: en.to_string(),
                        zh: zh.to_string(),
                    },
                ));
            }
        }
        // Most severe first; the category order breaks ties (stable sort).
        reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
        Verdict {
            action,
            categories,
            reasons: reasons.into_iter().map(|(_, r)| r).collect(),
            truncated: false,
        }
    }

    /// Checks many messages; the same as calling [`Filter::check`] on each, in order.
    pub fn check_batch<'a>(&self, messages: impl IntoIterator<Item = &'a str>) -> Vec<Verdict> {
        messages.into_iter().map(|t| self.check_text(t)).collect()
    }
}

/// Everything the stages before the scorer find in a text: what the trainer learns from and
/// what [`Filter::check_text`] weighs.
pub struct Analysis {
    pub folded: normalize::Folded,
    pub hits: Vec<Hit>,
    pub rules: Vec<RuleHit>,
    /// Empty when nothing matched (the common case, answered without further work).
    pub occurrences: Vec<Occurrence>,
    /// The message has Chinese in it (its thresholds are the Chinese ones).
    pub zh: bool,
    /// It held more than [`MAX_HITS`] hits, and only the first were weighed.
    pub cut: bool,
    /// It names a child ([`score::names_child`]): only then is `sexual_minors` weighed.
    pub child: bool,
}

impl Analysis {
    pub fn of(text: &str) -> Analysis {
        let folded = normalize::normalize(text);
        let mut hits: Vec<Hit> = Vec::new();
        Lexicon::get().find(&folded, &mut hits);
        let cut = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        let mut rules: Vec<RuleHit> = Vec::new();
        let mut occurrences = Vec::new();
        let mut zh = false;
        if !hits.is_empty() {
            let char_index = char_index(&folded.text);
            let pos = rules::apply(&mut hits, |b| char_index[b], &mut rules);
            let shape = features::Shape::of(&folded.text);
            zh = shape.zh;
            features::extract(&hits, &pos, &rules, &shape, &mut occurrences);
        }
        let child = score::names_child(&hits, &rules);
        Analysis {
            folded,
            hits,
            rules,
            occurrences,
            zh,
            cut,
            child,
        }
    }
}

impl Analysis {
    /// The readable scorer's logit per category (its biases when nothing matched), gated
    /// ([`score::gate`]).
    pub fn logits(&mut self) -> [f32; Category::ALL.len()] {
        let mut z = score::logits(&mut self.occurrences);
        score::gate(&mut z, self.child);
        z
    }
}

/// Maps each byte offset of `text` (and its end) to a char index.
fn char_index(text: &str) -> Vec<usize> {
    let mut idx = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            idx[i + k] = n;
        }
        n += 1;
    }
    idx[text.len()] = n;
    idx
}

/// A category the model raised shows this many of its strongest n-grams as spans.
const MODEL_SPANS: usize = 3;

fn default_reason(category: Category) -> usize {
    usize::from(DEFAULT_REASONS[category.index()])
}
