//! `veil check` (readable) and `veil classify` (JSONL, a stable interface for other tools).

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};
use veil::{Filter, Verdict};

/// A verdict as a person reads it.
pub fn render(text: &str, v: &Verdict) -> String {
    let mut out = format!("action: {}\n", v.action);
    for c in &v.categories {
        let spans: Vec<String> = c
            .spans
            .iter()
            .map(|s| format!("\"{}\" [{}..{}]", &text[s.start..s.end], s.start, s.end))
            .collect();
        out.push_str(&format!(
            "  {:<14} severity {}  score {:.2}  {}\n",
            c.category.name(),
            c.severity,
            c.score,
            spans.join(", ")
        ));
    }
    for r in &v.reasons {
        out.push_str(&format!("  reason: {} / {}\n", r.en, r.zh));
    }
    if v.truncated {
        out.push_str(&format!(
            "  truncated: only the first {} bytes were read\n",
            veil::MAX_ANALYSED
        ));
    }
    out
}

/// Every feature the scorer saw in `text`, with its weights, strongest first: why a message
/// was (or was not) flagged, for reviewers (`veil check --explain`).
pub fn features(text: &str, model: Option<&veil::ngram::NgramModel>) -> String {
    let mut a = veil::Analysis::of(text);
    let logits = a.logits();
    let mut keys: Vec<veil::features::Key> = a.occurrences.iter().map(|o| o.key).collect();
    keys.dedup();
    let mut out = format!("folded: {}\n", a.folded.text);
    let mut rows: Vec<(f32, String)> = keys
        .iter()
        .map(|&k| {
            let w: Vec<(u8, f32)> = veil::score::weights(k).collect();
            let top = w.iter().map(|x| x.1.abs()).fold(0.0, f32::max);
            let ws: Vec<String> = w
                .iter()
                .map(|&(c, x)| format!("{}{:+.2}", veil::Category::ALL[c as usize].name(), x))
                .collect();
            (
                top,
                format!("  {:<40} {}", veil::features::name(k), ws.join(" ")),
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, r) in rows {
        out.push_str(&r);
        out.push('\n');
    }
    let probs: Vec<String> = veil::Category::ALL
        .iter()
        .zip(logits)
        .filter(|(_, z)| *z > -6.0)
        .map(|(c, z)| format!("{} {:.3}", c.name(), veil::score::probability(z)))
        .collect();
    out.push_str(&format!("  probabilities: {}\n", probs.join(", ")));
    if let Some(m) = model {
        // What the n-gram model adds: its logit per category, the fused probability, and the
        // n-grams of this text that weigh most for it.
        let e = m.contribution(&a.folded.text);
        for (j, &c) in m.categories.iter().enumerate() {
            let c = c as usize;
            let fused = m.fused(logits[c], e.logits[c]);
            let p = veil::score::probability(fused);
            if p < 0.05 {
                continue;
            }
            let grams: Vec<String> = m
                .strongest(&a.folded.text, j, 6)
                .iter()
                .map(|(w, s, e)| format!("{:?}{:+.2}", &a.folded.text[*s..*e], w))
                .collect();
            out.push_str(&format!(
                "  n-gram model {}: {:+.2}, fused probability {:.3}; {}\n",
                veil::Category::ALL[c].name(),
                e.logits[c],
                p,
                grams.join(" ")
            ));
        }
    }
    out
}

/// One output line for a verdict, in the documented format.
pub fn verdict_json(id: Value, v: &Verdict) -> Value {
    let categories: Vec<Value> = v
        .categories
        .iter()
        .map(|c| json!({"category": c.category.name(), "severity": c.severity, "score": (c.score as f64 * 1000.0).round() / 1000.0}))
        .collect();
    let mut out = json!({"id": id, "action": v.action.name(), "categories": categories});
    if v.truncated {
        out["truncated"] = json!(true); // only the first MAX_ANALYSED bytes were read
    }
    out
}

fn classify_line(filter: &Filter, n: usize, line: &str) -> Value {
    let parsed: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"id": null, "error": format!("line {n}: invalid JSON: {e}")}),
    };
    let Some(obj) = parsed.as_object() else {
        return json!({"id": null, "error": format!("line {n}: expected a JSON object")});
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    match obj.get("text") {
        Some(Value::String(text)) => verdict_json(id, &filter.check_text(text)),
        Some(_) => json!({"id": null, "error": format!("line {n}: \"text\" must be a string")}),
        None => json!({"id": null, "error": format!("line {n}: missing \"text\"")}),
    }
}

pub fn run(filter: &Filter) -> Result<(), String> {
    each_line(|n, line| {
        Some(match line {
            Some("") => json!({"id": null, "error": format!("line {n}: empty line")}),
            Some(s) => classify_line(filter, n, s),
            None => json!({"id": null, "error": format!("line {n}: not valid UTF-8")}),
        })
    })
}

/// The JSONL loop of `classify` and `replay`: every stdin line (numbered from 1, `None` if it is
/// not UTF-8, trimmed of a trailing `\r` and blank lines given as "") to `reply`, whose answer,
/// if any, becomes one line of stdout.
pub fn each_line(
    mut reply: impl FnMut(usize, Option<&str>) -> Option<Value>,
) -> Result<(), String> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (i, line) in stdin.lock().split(b'\n').enumerate() {
        let bytes = line.map_err(|e| format!("reading stdin: {e}"))?;
        let text = std::str::from_utf8(&bytes).ok().map(|s| {
            if s.trim().is_empty() {
                ""
            } else {
                s.trim_end_matches('\r')
            }
        });
        if let Some(value) = reply(i + 1, text) {
            writeln!(out, "{value}").map_err(|e| format!("writing stdout: {e}"))?;
        }
    }
    out.flush().map_err(|e| e.to_string())
}
