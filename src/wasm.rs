//! The thin JavaScript binding. All logic lives in the engine; this module only converts data
//! at the boundary (serde in and out, once per call) and turns errors into JS `Error`s.
//! Spans are converted from UTF-8 bytes to UTF-16 code units, so that `text.slice(start, end)`
//! works in JavaScript.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::memory::{Memory, MemoryConfig};
use crate::{Category, Filter, Level, Message, Settings, Span, Verdict};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** How sensitive the filter is. "medium" is the default. */
export type Level = "off" | "low" | "medium" | "high" | "strict";
/** The fixed harm categories, in their documented order. */
export type Category =
  | "sexual_minors" | "sexual" | "threat" | "harassment" | "hate"
  | "self_harm" | "personal_info" | "off_platform" | "spam_scam" | "profanity"
  /** From sender memory: looks like a sender the user blocked; sent several harmful messages. */
  | "ban_evasion" | "repeat_offender";
/** What to do with a message. */
export type Action = "show" | "blur" | "hide";
/** Saved settings. Every field is optional; missing fields take their defaults. */
export interface Settings {
  /** Settings format version (1). */
  version?: number;
  level?: Level;
  /** A fixed action per category, replacing the level's choice whenever it is detected. */
  overrides?: Partial<Record<Category, Action>>;
}
/** Optional metadata about a message. */
export interface MessageMeta {
  /** The sender's account id: with it, sender memory applies (blocked senders, repeat offenders). */
  sender?: string;
  /** The sender's display name, for recognising a blocked sender on a new account. */
  name?: string;
  conversation?: string;
  /** Milliseconds since the Unix epoch. */
  time?: number;
}
/** A range in the ORIGINAL text, in UTF-16 code units: `text.slice(start, end)`. */
export interface Span { start: number; end: number; }
export interface CategoryHit {
  category: Category;
  /** 1 mild, 2 clear, 3 severe. */
  severity: 1 | 2 | 3;
  /** Confidence from 0 to 1. */
  score: number;
  /** What the settings do with this category alone. */
  action: Action;
  spans: Span[];
}
/** A plain-language reason, in English and Chinese. */
export interface Reason { category: Category; en: string; zh: string; }
export interface Verdict {
  action: Action;
  categories: CategoryHit[];
  reasons: Reason[];
  /** Present (true) when the text was longer than 64 KiB and only its start was read; such a
   *  message is blurred at least (unless the level is "off"). */
  truncated?: true;
}
"#;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn settings_from(value: JsValue) -> Result<Settings, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Settings::default());
    }
    // serde-wasm-bindgen reads only the fields it knows, so catch typos ("levle") here.
    if let Some(obj) = value.dyn_ref::<js_sys::Object>() {
        for key in js_sys::Object::keys(obj).iter() {
            let key = key.as_string().unwrap_or_default();
            if !matches!(key.as_str(), "version" | "level" | "overrides") {
                return Err(JsError::new(&format!(
                    "veil: invalid settings: unknown field \"{key}\" (expected version, level or overrides)"
                )));
            }
        }
    } else {
        return Err(JsError::new(&format!(
            "veil: invalid settings: expected an object, got {}",
            describe(&value)
        )));
    }
    let settings: Settings = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("veil: invalid settings: {e}")))?;
    settings
        .validate()
        .map_err(|e| JsError::new(&format!("veil: invalid settings: {e}")))?;
    Ok(settings)
}

#[derive(Deserialize, Default)]
struct Meta {
    sender: Option<String>,
    name: Option<String>,
    conversation: Option<String>,
    time: Option<f64>,
}

/// Converts the spans' UTF-8 byte offsets of `text` into UTF-16 code unit offsets, walking the
/// text once up to the last span (no table as long as the text).
fn utf16_offsets(text: &str, v: &mut Verdict) {
    if text.is_ascii() {
        return; // bytes and UTF-16 units agree
    }
    let mut offsets: Vec<usize> = v
        .categories
        .iter()
        .flat_map(|c| c.spans.iter().flat_map(|s| [s.start, s.end]))
        .collect();
    if offsets.is_empty() {
        return;
    }
    offsets.sort_unstable();
    offsets.dedup();
    let mut units = Vec::with_capacity(offsets.len());
    let (mut next, mut count) = (0, 0);
    for (i, c) in text.char_indices().chain([(text.len(), '\0')]) {
        while next < offsets.len() && offsets[next] <= i {
            units.push(count); // spans lie on char boundaries, so offsets[next] == i
            next += 1;
        }
        if next == offsets.len() {
            break;
        }
        count += c.len_utf16();
    }
    let to = |b: usize| units[offsets.binary_search(&b).unwrap_or_default()];
    for c in &mut v.categories {
        for s in &mut c.spans {
            *s = Span {
                start: to(s.start),
                end: to(s.end),
            };
        }
    }
}

/// What a JS value is, for an error message: "a number", "null", "an array", ...
fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        let t = v.js_typeof().as_string().unwrap_or_default();
        let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {t}")
    }
}

/// A `TypeError` naming the call, the argument and what it expected.
fn type_error(call: &str, arg: &str, expected: &str, got: &JsValue) -> JsValue {
    js_sys::TypeError::new(&format!(
        "veil: {call}({arg}): expected {expected}, got {}",
        describe(got)
    ))
    .into()
}

/// A string argument, or a `TypeError` (never a trap: nothing reaches the glue unchecked).
fn string_arg(v: &JsValue, call: &str, arg: &str) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| type_error(call, arg, "a string", v))
}

/// A message filter with its settings. Create one and reuse it for every message.
/// (Both `settings` and `meta` are optional in JS; the build marks them so in `veil.d.ts`.)
#[wasm_bindgen]
pub struct MessageFilter {
    inner: Filter,
    /// Sender memory, used when a message names its sender.
    memory: Memory,
}

#[wasm_bindgen]
impl MessageFilter {
    /// Creates a filter. Throws an `Error` for an unknown level, category or action.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Settings")] settings: JsValue,
    ) -> Result<MessageFilter, JsError> {
        let inner = Filter::new(settings_from(settings)?).map_err(|e| JsError::new(e.message()))?;
        Ok(MessageFilter {
            inner,
            memory: Memory::new(MemoryConfig::default()),
        })
    }

    /// Checks one message. Throws a `TypeError` when `text` is not a string, and an `Error` for
    /// metadata of the wrong shape; the filter is unchanged either way.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MessageMeta")] meta: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = string_arg(&text, "check", "text")?;
        let meta: Meta = match meta {
            m if m.is_undefined() || m.is_null() => Meta::default(),
            m if !m.is_object() || js_sys::Array::is_array(&m) || m.is_function() => {
                return Err(type_error("check", "meta", "an object or undefined", &m));
            }
            m => serde_wasm_bindgen::from_value(m).map_err(|e| {
                JsValue::from(JsError::new(&format!(
                    "veil: invalid message metadata: {e}"
                )))
            })?,
        };
        let message = Message {
            text: &text,
            sender: meta.sender.as_deref(),
            name: meta.name.as_deref(),
            conversation: meta.conversation.as_deref(),
            time: meta.time,
        };
        let mut verdict = self.memory.check(&self.inner, &message);
        utf16_offsets(&text, &mut verdict);
        to_js(&verdict).map_err(JsValue::from)
    }

    /// Checks many messages in one call (one boundary crossing for the whole batch). Throws a
    /// `TypeError` unless `texts` is an array of strings (naming the first bad index).
    #[wasm_bindgen(js_name = checkBatch, unchecked_return_type = "Verdict[]")]
    pub fn check_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    ) -> Result<JsValue, JsValue> {
        if !js_sys::Array::is_array(&texts) {
            return Err(type_error(
                "checkBatch",
                "texts",
                "an array of strings",
                &texts,
            ));
        }
        let array: js_sys::Array = texts.unchecked_into();
        let mut verdicts = Vec::with_capacity(array.length() as usize);
        for (i, t) in array.iter().enumerate() {
            let Some(t) = t.as_string() else {
                return Err(type_error(
                    "checkBatch",
                    &format!("texts[{i}]"),
                    "a string",
                    &t,
                ));
            };
            let mut v = self.inner.check_text(&t);
            utf16_offsets(&t, &mut v);
            verdicts.push(v);
        }
        to_js(&verdicts).map_err(JsValue::from)
    }

    /// The compact batch behind `checkActions` (packaging/batch.js): the texts joined into one
    /// string and their lengths in UTF-16 code units, one boundary crossing each way. Returns
    /// one action per text (0 show, 1 blur, 2 hide) and builds no verdict objects. Sender
    /// memory does not apply, as in `checkBatch`.
    #[wasm_bindgen(js_name = checkPacked)]
    pub fn check_packed(&self, joined: &str, lengths: &[u32]) -> Result<Vec<u8>, JsValue> {
        let mut out = Vec::with_capacity(lengths.len());
        let mut chars = joined.char_indices().peekable();
        let mut start = 0;
        for &units in lengths {
            let mut left = units as usize;
            while left > 0 {
                let Some((_, c)) = chars.next() else { break };
                left = left.saturating_sub(c.len_utf16());
            }
            let end = chars.peek().map_or(joined.len(), |&(i, _)| i);
            out.push(self.inner.check_text(&joined[start..end]).action as u8);
            start = end;
        }
        if start != joined.len() {
            return Err(
                JsError::new("veil: checkPacked: the lengths do not add up to the text").into(),
            );
        }
        Ok(out)
    }

    /// Loads the n-gram model asset from its bytes (`veil-model.bin`). Throws an `Error` if
    /// it is truncated, corrupt or of another format version; the filter then keeps what it
    /// had (lexicon-only if it had no model). `loadModel()` in the package fetches the bytes.
    #[wasm_bindgen(js_name = loadModelBytes)]
    pub fn load_model_bytes(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(type_error(
                "loadModelBytes",
                "bytes",
                "a Uint8Array",
                &bytes,
            ));
        };
        self.inner
            .load_model(&bytes.to_vec())
            .map_err(|e| JsError::new(&format!("veil: {}", e.message())).into())
    }

    /// Blocks a sender: their profile (contact details, name, way of writing) is kept on the
    /// device, and a message from another account that matches it is flagged `ban_evasion`.
    pub fn block(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] sender: JsValue,
    ) -> Result<(), JsValue> {
        self.for_sender("block", &sender, Memory::block)
    }

    pub fn unblock(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] sender: JsValue,
    ) -> Result<(), JsValue> {
        self.for_sender("unblock", &sender, Memory::unblock)
    }

    /// Trusts a sender: sender memory never flags them (their messages are still checked).
    pub fn trust(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] sender: JsValue,
    ) -> Result<(), JsValue> {
        self.for_sender("trust", &sender, Memory::trust)
    }

    pub fn untrust(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] sender: JsValue,
    ) -> Result<(), JsValue> {
        self.for_sender("untrust", &sender, Memory::untrust)
    }

    /// The blocked senders' ids, oldest block first.
    #[wasm_bindgen(js_name = blockedSenders)]
    pub fn blocked_senders(&self) -> Vec<String> {
        self.memory
            .blocked()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// Sender memory as a versioned JSON snapshot string, to store (localStorage, IndexedDB).
    #[wasm_bindgen(js_name = exportState)]
    pub fn export_state(&self) -> String {
        self.memory.export()
    }

    /// Restores sender memory from `exportState()`. Throws an `Error` for a snapshot that is
    /// corrupt, truncated, edited or from a newer version; the memory is then unchanged.
    #[wasm_bindgen(js_name = importState)]
    pub fn import_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] snapshot: JsValue,
    ) -> Result<(), JsValue> {
        let text = string_arg(&snapshot, "importState", "snapshot")?;
        self.memory = Memory::import(&text)
            .map_err(|e| JsValue::from(JsError::new(&format!("veil: {}", e.message()))))?;
        Ok(())
    }

    /// Drops the n-gram model: lexicon-only verdicts from now on.
    #[wasm_bindgen(js_name = unloadModel)]
    pub fn unload_model(&mut self) {
        self.inner.set_model(None);
    }

    /// Whether the n-gram model is loaded.
    #[wasm_bindgen(getter, js_name = hasModel)]
    pub fn has_model(&self) -> bool {
        self.inner.model().is_some()
    }

    /// The current settings, as they would be saved.
    #[wasm_bindgen(unchecked_return_type = "Settings")]
    pub fn settings(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.settings())
    }

    /// Replaces the settings. Throws an `Error` (and keeps the old settings) if they are invalid.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Settings")] settings: JsValue,
    ) -> Result<(), JsError> {
        let s = settings_from(settings)?;
        self.inner
            .set_settings(s)
            .map_err(|e| JsError::new(e.message()))
    }
}

impl MessageFilter {
    /// A memory call on a sender id, after checking that it is a string.
    fn for_sender(
        &mut self,
        call: &str,
        sender: &JsValue,
        f: fn(&mut Memory, &str),
    ) -> Result<(), JsValue> {
        f(&mut self.memory, &string_arg(sender, call, "sender")?);
        Ok(())
    }
}

/// The category names, in their documented order.
#[wasm_bindgen(unchecked_return_type = "Category[]")]
pub fn categories() -> Vec<String> {
    Category::EVERY
        .iter()
        .map(|c| c.name().to_string())
        .collect()
}

/// The sensitivity levels, from least to most sensitive.
#[wasm_bindgen(unchecked_return_type = "Level[]")]
pub fn levels() -> Vec<String> {
    Level::ALL.iter().map(|l| l.name().to_string()).collect()
}
