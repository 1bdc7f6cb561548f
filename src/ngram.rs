//! Stage 4b, optional: a compact learned model over hashed character n-grams of the folded
//! text, for what the word lists cannot reach (insults without a swear word, slang, scam
//! wording). It ships as a separate asset (`data/model/ngram.bin`, built by `make train`) that a
//! client loads on demand; without it Veil is lexicon-only.
//!
//! - **Features.** Chinese runs give 1–4-grams of characters; Latin runs (letters, digits and
//!   the single spaces between words, padded with a space at each end) give 2–5-grams, so
//!   "waste of space" is seen across its words. Digits count as `0`, so prices and numbers
//!   generalise. Other symbols (emoji) are 1-grams. Each n-gram is hashed (FNV-1a, then
//!   murmur's finaliser) into one of `2^bits` buckets; no dictionary ships.
//! - **The score.** Per category: `bias + (sum of the weights of the n-grams) / sqrt(count)`,
//!   added to the readable scorer's logit (the model was trained on what that logit leaves
//!   unexplained). Its own thresholds, set on benign chat it never trained on, give a severity;
//!   the verdict keeps the higher of the two, so the model never removes a flag.
//! - **The asset.** `VEILNG`, a format version, the bucket bits, the categories it scores,
//!   per category a scale, bias, gate and thresholds, then the kept buckets (delta-coded) with
//!   one int8 weight per category each, and an FNV-64 checksum of all that precedes it. A
//!   truncated, corrupt or future-version asset is refused with a clear error.

use crate::model::{Category, Error};

const N: usize = Category::ALL.len();
pub const MAGIC: &[u8; 6] = b"VEILNG";
/// The asset format this build reads and writes.
pub const FORMAT_VERSION: u8 = 1;
/// The longest n-gram: 4 for Chinese, 5 for Latin.
const MAX_GRAM: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Latin,
    Space,
    Symbol,
}

fn class(c: char) -> Class {
    if crate::normalize::is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() || c == '\'' {
        Class::Latin
    } else if c.is_whitespace() || c.is_ascii() {
        Class::Space // ASCII punctuation separates runs, as spaces do, and is not a feature
    } else {
        Class::Symbol
    }
}

/// The bucket of an n-gram given as chars, in a run of `seed`'s class.
#[inline]
fn bucket(chars: &[char], seed: u32, bits: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5 ^ seed;
    for &c in chars {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    // murmur3's finaliser spreads the low bits FNV leaves weak.
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h >> (32 - bits)
}

/// The last `MAX_GRAM` characters of the current run, with their byte ranges.
struct Window {
    chars: [char; MAX_GRAM],
    starts: [usize; MAX_GRAM],
    /// Characters of the current run so far.
    len: usize,
    count: u32,
    bits: u32,
}

impl Window {
    fn push(
        &mut self,
        c: char,
        at: usize,
        end: usize,
        run: Class,
        f: &mut impl FnMut(u32, usize, usize),
    ) {
        self.chars.rotate_left(1);
        self.starts.rotate_left(1);
        self.chars[MAX_GRAM - 1] = c;
        self.starts[MAX_GRAM - 1] = at;
        self.len += 1;
        let (lo, hi, seed) = match run {
            Class::Cjk => (1, 4, 1),
            _ => (2, 5, 2),
        };
        for n in lo..=hi.min(self.len) {
            let gram = &self.chars[MAX_GRAM - n..];
            if gram.iter().all(|&c| c == ' ') {
                continue;
            }
            f(
                bucket(gram, seed, self.bits),
                self.starts[MAX_GRAM - n],
                end,
            );
            self.count += 1;
        }
    }
}

/// Calls `f(bucket, start, end)` for every n-gram of `folded` (byte range in `folded`), and
/// returns how many there were and whether the text has Chinese in it. Allocation-free.
pub fn for_each_gram(folded: &str, bits: u32, mut f: impl FnMut(u32, usize, usize)) -> (u32, bool) {
    let mut w = Window {
        chars: [' '; MAX_GRAM],
        starts: [0; MAX_GRAM],
        len: 0,
        count: 0,
        bits,
    };
    let mut run = Class::Space;
    let mut zh = false;
    let bytes = folded.len();
    let mut iter = folded.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = iter.peek().map_or(bytes, |&(j, _)| j);
        let k = class(c);
        zh |= k == Class::Cjk;
        if k == Class::Latin {
            if run != Class::Latin {
                run = Class::Latin;
                w.len = 0;
                w.push(' ', i, i, run, &mut f); // a Latin run opens with a space
            }
            let c = if c.is_ascii_digit() { '0' } else { c };
            w.push(c, i, end, run, &mut f);
            continue;
        }
        // A single space joins the words of a Latin run; anything else ends the run.
        let joins = run == Class::Latin
            && c == ' '
            && iter.peek().is_some_and(|&(_, n)| class(n) == Class::Latin);
        if joins {
            w.push(' ', i, end, run, &mut f);
            continue;
        }
        if run == Class::Latin {
            w.push(' ', i, i, run, &mut f); // and closes with one
        }
        match k {
            Class::Cjk => {
                if run != Class::Cjk {
                    run = Class::Cjk;
                    w.len = 0;
                }
                w.push(c, i, end, run, &mut f);
            }
            Class::Symbol => {
                run = Class::Space;
                f(bucket(&[c], 3, bits), i, end);
                w.count += 1;
            }
            _ => run = Class::Space,
        }
    }
    if run == Class::Latin {
        w.push(' ', bytes, bytes, run, &mut f);
    }
    (w.count, zh)
}

/// A loaded n-gram model.
#[derive(Clone)]
pub struct NgramModel {
    pub bits: u32,
    /// Whether the model's logit is added to the readable scorer's (trained on its residual),
    /// or stands alone (trained on its own).
    pub residual: bool,
    /// The categories it scores (indices into `Category::ALL`), and per category:
    pub categories: Vec<u8>,
    pub scale: Vec<f32>,
    pub bias: Vec<f32>,
    /// The model may raise the category only where the readable scorer's logit is at least this.
    pub gate: Vec<f32>,
    /// [category][lang en, zh][severity - 1]: probability thresholds of the fused logit.
    pub thresholds: Vec<[[f32; 3]; 2]>,
    /// For every bucket: its row + 1, or 0 when the bucket was pruned.
    index: Vec<u32>,
    /// Row-major: one int8 weight per category per kept bucket.
    weights: Vec<i8>,
    /// The kept buckets, sorted (for writing the asset back).
    buckets: Vec<u32>,
}

impl std::fmt::Debug for NgramModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "NgramModel {{ bits: {}, categories: {:?}, buckets: {} }}",
            self.bits,
            self.categories,
            self.buckets.len()
        )
    }
}

/// What a model adds to a message: per category its logit (0 where it scores nothing).
pub struct Contribution {
    pub logits: [f32; N],
    pub zh: bool,
}

impl NgramModel {
    /// Builds a model from trained parts (used by the trainer).
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        bits: u32,
        residual: bool,
        categories: Vec<u8>,
        scale: Vec<f32>,
        bias: Vec<f32>,
        gate: Vec<f32>,
        thresholds: Vec<[[f32; 3]; 2]>,
        buckets: Vec<u32>,
        weights: Vec<i8>,
    ) -> NgramModel {
        let mut index = vec![0u32; 1 << bits];
        for (row, &b) in buckets.iter().enumerate() {
            index[b as usize] = row as u32 + 1;
        }
        NgramModel {
            bits,
            residual,
            categories,
            scale,
            bias,
            gate,
            thresholds,
            index,
            weights,
            buckets,
        }
    }

    /// The weight row of a bucket, if it was kept.
    #[inline]
    pub fn row(&self, bucket: u32) -> Option<&[i8]> {
        let r = self.index[bucket as usize];
        if r == 0 {
            return None;
        }
        let k = self.categories.len();
        let at = (r as usize - 1) * k;
        Some(&self.weights[at..at + k])
    }

    /// The model's logit per category for a folded text.
    pub fn contribution(&self, folded: &str) -> Contribution {
        let k = self.categories.len();
        let mut sum = [0i32; N];
        let (count, zh) = for_each_gram(folded, self.bits, |b, _, _| {
            if let Some(row) = self.row(b) {
                for (s, &w) in sum[..k].iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        });
        let mut logits = [0.0f32; N];
        let norm = 1.0 / (count.max(1) as f32).sqrt();
        for (j, &c) in self.categories.iter().enumerate() {
            logits[c as usize] = self.bias[j] + sum[j] as f32 * self.scale[j] * norm;
        }
        Contribution { logits, zh }
    }

    /// The logit the thresholds apply to: the model's added to the readable scorer's, or its own.
    pub fn fused(&self, readable: f32, own: f32) -> f32 {
        if self.residual {
            readable + own
        } else {
            own
        }
    }

    /// Severity 0–3 of category position `j` from the fused logit.
    pub fn severity(&self, j: usize, fused_logit: f32, zh: bool) -> u8 {
        let p = crate::score::probability(fused_logit);
        self.thresholds[j][zh as usize]
            .iter()
            .filter(|&&t| p >= t)
            .count() as u8
    }

    /// Where category position `j` sits in `categories`, if the model scores it.
    pub fn position(&self, category: usize) -> Option<usize> {
        self.categories.iter().position(|&c| c as usize == category)
    }

    /// The byte ranges of `folded` of the n-grams weighing most for category position `j`
    /// (at most `top`), for spans and explanations.
    pub fn strongest(&self, folded: &str, j: usize, top: usize) -> Vec<(f32, usize, usize)> {
        let mut out: Vec<(f32, usize, usize)> = Vec::new();
        for_each_gram(folded, self.bits, |b, s, e| {
            if let Some(row) = self.row(b) {
                let w = row[j] as f32 * self.scale[j];
                if w > 0.0 {
                    out.push((w, s, e));
                }
            }
        });
        // Strongest first, then by position; one entry per range (sorting keeps this linear-ish
        // on a long message, where a search per n-gram would not be).
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut kept: Vec<(f32, usize, usize)> = Vec::with_capacity(top);
        for o in out {
            if kept.len() == top {
                break;
            }
            if !kept.iter().any(|k| k.1 == o.1 && k.2 == o.2) {
                kept.push(o);
            }
        }
        kept
    }

    /// The number of kept buckets.
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// Reads an asset, refusing anything truncated, corrupt or of another format version.
    pub fn parse(bytes: &[u8]) -> Result<NgramModel, Error> {
        let bad = |why: &str| Error::new(format!("the model asset is {why}"));
        if bytes.len() < MAGIC.len() + 1 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(bad("not a Veil model (wrong header)"));
        }
        let version = bytes[MAGIC.len()];
        if version != FORMAT_VERSION {
            return Err(Error::new(format!(
                "the model asset has format version {version}; this build reads version {FORMAT_VERSION} (use the model of the same package version)"
            )));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if fnv64(body).to_le_bytes() != sum {
            return Err(bad("corrupt or truncated (checksum mismatch)"));
        }
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len() + 1,
        };
        let truncated = || bad("truncated");
        let bits = r.u8().ok_or_else(truncated)? as u32;
        if !(8..=24).contains(&bits) {
            return Err(bad("invalid (bucket bits out of range)"));
        }
        let residual = match r.u8().ok_or_else(truncated)? {
            0 => false,
            1 => true,
            _ => return Err(bad("invalid (unknown fusion)")),
        };
        let k = r.u8().ok_or_else(truncated)? as usize;
        let mut categories = Vec::with_capacity(k);
        let (mut scale, mut bias, mut gate, mut thresholds) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..k {
            let c = r.u8().ok_or_else(truncated)?;
            if c as usize >= N || categories.contains(&c) {
                return Err(bad("invalid (unknown or repeated category)"));
            }
            categories.push(c);
            scale.push(r.f32().ok_or_else(truncated)?);
            bias.push(r.f32().ok_or_else(truncated)?);
            gate.push(r.f32().ok_or_else(truncated)?);
            let mut t = [[0.0f32; 3]; 2];
            for lang in &mut t {
                for v in lang.iter_mut() {
                    *v = r.f32().ok_or_else(truncated)?;
                }
            }
            thresholds.push(t);
        }
        let n = r.u32().ok_or_else(truncated)? as usize;
        if n > 1 << bits {
            return Err(bad("invalid (more buckets than the table holds)"));
        }
        let mut buckets = Vec::with_capacity(n);
        let mut last: i64 = -1;
        for _ in 0..n {
            let b = last + 1 + r.varint().ok_or_else(truncated)? as i64;
            if b >= 1 << bits {
                return Err(bad("invalid (bucket out of range)"));
            }
            buckets.push(b as u32);
            last = b;
        }
        let w = r.take(n * k).ok_or_else(truncated)?;
        let weights = w.iter().map(|&b| b as i8).collect();
        if r.at != body.len() {
            return Err(bad("invalid (trailing bytes)"));
        }
        let all_finite = scale.iter().chain(&bias).all(|v| v.is_finite());
        if !all_finite {
            return Err(bad("invalid (a weight scale or bias is not a number)"));
        }
        Ok(NgramModel::from_parts(
            bits, residual, categories, scale, bias, gate, thresholds, buckets, weights,
        ))
    }

    /// Writes the asset `parse` reads.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.push(self.bits as u8);
        out.push(self.residual as u8);
        out.push(self.categories.len() as u8);
        for (j, &c) in self.categories.iter().enumerate() {
            out.push(c);
            for v in [self.scale[j], self.bias[j], self.gate[j]] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            for lang in &self.thresholds[j] {
                for v in lang {
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        let mut last: i64 = -1;
        for &b in &self.buckets {
            let mut d = (b as i64 - last - 1) as u64;
            last = b as i64;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        let sum = fnv64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            // Only the shortest form is valid, so one model has one encoding (a hand-edited
            // asset with padded numbers is refused, not silently read).
            if (shift > 0 && b == 0) || (shift == 63 && b > 1) {
                return None;
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_gram(text, 16, |_, s, e| out.push(text[s..e].to_string()));
        out
    }

    #[test]
    fn latin_grams_cross_words_and_chinese_grams_stay_in_their_run() {
        let g = grams("ab cd");
        assert!(g.contains(&"b c".to_string()), "{g:?}");
        assert!(grams("你好吗").contains(&"你好吗".to_string()));
        // A Chinese run and a Latin run never share an n-gram.
        assert!(!grams("你a")
            .iter()
            .any(|g| g.contains('你') && g.contains('a')));
    }

    #[test]
    fn digits_generalise() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        for_each_gram("日入1000", 18, |x, _, _| a.push(x));
        for_each_gram("日入5000", 18, |x, _, _| b.push(x));
        assert_eq!(a, b);
    }

    fn tiny() -> NgramModel {
        let mut buckets = Vec::new();
        for_each_gram("waste of space", 12, |b, _, _| buckets.push(b));
        buckets.sort_unstable();
        buckets.dedup();
        let weights = buckets.iter().map(|_| 100i8).collect();
        NgramModel::from_parts(
            12,
            true,
            vec![3],
            vec![0.05],
            vec![-6.0],
            vec![-100.0],
            vec![[[0.5, 0.7, 0.9]; 2]],
            buckets,
            weights,
        )
    }

    #[test]
    fn an_asset_round_trips_and_scores() {
        let m = tiny();
        let bytes = m.encode();
        let back = NgramModel::parse(&bytes).unwrap();
        assert_eq!(back.encode(), bytes);
        let hot = back.contribution("you are a waste of space").logits[3];
        let cold = back.contribution("see you at the station").logits[3];
        assert!(hot > cold, "{hot} {cold}");
    }

    #[test]
    fn a_damaged_asset_is_refused_with_a_reason() {
        let bytes = tiny().encode();
        for cut in [0, 5, 7, 20, bytes.len() - 1] {
            assert!(NgramModel::parse(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[30] ^= 1;
        let e = NgramModel::parse(&flipped).unwrap_err();
        assert!(e.message().contains("checksum"), "{}", e.message());
        let mut future = bytes.clone();
        future[6] = FORMAT_VERSION + 1;
        let e = NgramModel::parse(&future).unwrap_err();
        assert!(e.message().contains("format version"), "{}", e.message());
        assert!(NgramModel::parse(b"PK\x03\x04 not a model at all").is_err());
    }
}
