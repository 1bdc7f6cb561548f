//! `veil replay [--level L] [--model F] [--state FILE]`: a conversation log through sender
//! memory (a stable interface). Reads JSONL events on stdin, in order:
//! `{"type":"message","sender":"...","name":"...","conversation":"...","text":"...","id":...}`
//! (`name`, `conversation` and `id` optional), `{"type":"block","sender":"..."}`,
//! `{"type":"unblock",...}`, `{"type":"trust",...}`, `{"type":"untrust",...}`. For each message
//! it writes one line in the `classify` format plus `"reasons"` (the English reason texts); a
//! bad line gets an error line in its place and the rest goes on. `--state FILE` starts from a
//! snapshot in FILE (if it exists) and saves the memory there at the end.

use serde_json::{json, Value};
use veil::memory::{Memory, MemoryConfig};
use veil::{Filter, Message};

use crate::classify::{each_line, verdict_json};

pub fn run(filter: &Filter, state: Option<&str>) -> Result<(), String> {
    let mut memory = match state {
        Some(path) if std::path::Path::new(path).exists() => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Memory::import(&text).map_err(|e| format!("{path}: {e}"))?
        }
        _ => Memory::new(MemoryConfig::default()),
    };
    each_line(|n, line| match line {
        Some("") => None,
        Some(s) => event(filter, &mut memory, n, s),
        None => Some(json!({"id": null, "error": format!("line {n}: not valid UTF-8")})),
    })?;
    if let Some(path) = state {
        std::fs::write(path, memory.export()).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

/// One event: a reply line for a message or an error, nothing for a block or trust.
fn event(filter: &Filter, memory: &mut Memory, n: usize, line: &str) -> Option<Value> {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Some(json!({"id": null, "error": format!("line {n}: not JSON: {e}")})),
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let fail = |why: String| Some(json!({"id": id, "error": format!("line {n}: {why}")}));
    let text_field = |k: &str| v.get(k).and_then(Value::as_str);
    let kind = text_field("type").unwrap_or("message");
    let sender = match v.get("sender") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => return fail("\"sender\" must be a string".into()),
    };
    match kind {
        "message" => {
            let Some(text) = text_field("text") else {
                return fail("a message needs \"text\" (a string)".into());
            };
            let message = Message {
                text,
                sender,
                name: text_field("name"),
                conversation: text_field("conversation"),
                time: v.get("time").and_then(Value::as_f64),
            };
            let verdict = memory.check(filter, &message);
            let mut out = verdict_json(id, &verdict);
            out["reasons"] = json!(verdict
                .reasons
                .iter()
                .map(|r| r.en.as_str())
                .collect::<Vec<_>>());
            Some(out)
        }
        "block" | "unblock" | "trust" | "untrust" => {
            let Some(s) = sender else {
                return fail(format!("a {kind} event needs \"sender\""));
            };
            match kind {
                "block" => memory.block(s),
                "unblock" => memory.unblock(s),
                "trust" => memory.trust(s),
                _ => memory.untrust(s),
            }
            None
        }
        other => fail(format!(
            "unknown event type \"{other}\" (expected message, block, unblock, trust or untrust)"
        )),
    }
}
