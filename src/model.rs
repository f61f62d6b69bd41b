//! A small model of Chinese text: how plausible is this string as Chinese?
//!
//! Detection (GB18030 or Big5 for a six-character input?) and every repair that must choose
//! among candidate readings ask the same question, so they share this one model. It is
//! built from jieba's word-frequency dictionary (349k words, MIT) with each word also
//! converted to Traditional by OpenCC, so Simplified and Traditional text score alike.
//! `scripts/build-model.py` regenerates `data/model/`.
//!
//! Scores are natural-log probabilities. Unknown characters get a floor well below the
//! rarest seen character, so garbage made of rare Han characters (涓枃, 鍙傛暟) scores
//! far below real text even when every character is a valid CJK ideograph.

use std::collections::HashMap;
use std::sync::OnceLock;

static CHARS: &str = include_str!("../data/model/chars.tsv");
static BIGRAMS: &str = include_str!("../data/model/bigrams.tsv");

/// Log-probability given to a Han character the dictionary never saw.
pub const UNSEEN_HAN: f32 = -16.0;

pub struct Model {
    chars: Table<char>,
    bigrams: Table<(char, char)>,
}

/// FxHash (rustc-hash) rather than SipHash: the keys are characters and character pairs
/// from our own data, so resistance to chosen keys buys nothing, and SipHash cost 13% of
/// the whole pipeline's instructions on clean text (every repair scores candidates here)
/// besides much of the model's loading.
type Table<K> = HashMap<K, f32, rustc_hash::FxBuildHasher>;

impl Model {
    /// The shared model, parsed on first use (a few milliseconds).
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(Model::load)
    }

    fn load() -> Model {
        let chars = parse(CHARS, |k| {
            let mut it = k.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        });
        let bigrams = parse(BIGRAMS, |k| {
            let mut it = k.chars();
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => Some((a, b)),
                _ => None,
            }
        });
        Model { chars, bigrams }
    }

    /// ln P(c) among Han text; `None` for characters the dictionary never saw.
    pub fn char_logp(&self, c: char) -> Option<f32> {
        self.chars.get(&c).copied()
    }

    /// ln P(ab) among within-word bigrams; `None` when the pair is not a known word part.
    pub fn bigram_logp(&self, a: char, b: char) -> Option<f32> {
        self.bigrams.get(&(a, b)).copied()
    }

    /// Is `c` a character that occurs in real Chinese words?
    pub fn is_known(&self, c: char) -> bool {
        self.chars.contains_key(&c)
    }

    /// Mean per-character log-probability of the Han characters in `text`, with a bonus
    /// for each adjacent pair that forms a known word part. `None` when there is no Han.
    pub fn han_score(&self, text: &str) -> Option<f32> {
        let mut total = 0.0f32;
        let mut n = 0usize;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            total += self.char_logp(c).unwrap_or(UNSEEN_HAN);
            if let Some(p) = prev {
                if self.bigram_logp(p, c).is_some() {
                    total += BIGRAM_BONUS;
                }
            }
            n += 1;
            prev = Some(c);
        }
        (n > 0).then(|| total / n as f32)
    }
}

/// Reward for a pair of neighbours that is part of a dictionary word: real text is full of
/// them, mojibake almost never forms one.
const BIGRAM_BONUS: f32 = 2.0;

/// Rows of `key\tcount`. Start-up pays for this on every run, so lines and fields are
/// found with memchr rather than `str::lines`/`split_once` (which cost twice as much), and
/// integer counts (all of them in our data) skip the float parser.
fn parse<K: std::hash::Hash + Eq>(data: &str, key: impl Fn(&str) -> Option<K>) -> Table<K> {
    let mut rows: Vec<(K, f64)> = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        if let Some(row) = parse_row(line, &key) {
            rows.push(row);
        }
    }
    let total: f64 = rows.iter().map(|(_, n)| n).sum::<f64>().max(1.0);
    let mut table = Table::with_capacity_and_hasher(rows.len(), Default::default());
    table.extend(rows.into_iter().map(|(k, n)| (k, (n / total).ln() as f32)));
    table
}

fn parse_row<K>(line: &str, key: impl Fn(&str) -> Option<K>) -> Option<(K, f64)> {
    let tab = memchr::memchr(b'\t', line.as_bytes())?;
    let n = line[tab + 1..].trim_end_matches('\r');
    let n = match n.parse::<u64>() {
        Ok(n) => n as f64,
        Err(_) => n.parse::<f64>().ok()?,
    };
    Some((key(&line[..tab])?, n))
}

/// CJK Unified Ideographs (with extensions A–F and compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_text_outscores_mojibake() {
        let m = Model::get();
        let real = m.han_score("中文参数").unwrap();
        let garbled = m.han_score("涓枃鍙傛暟").unwrap();
        assert!(real > garbled + 3.0, "{real} vs {garbled}");
    }

    #[test]
    fn traditional_scores_like_simplified() {
        let m = Model::get();
        let s = m.han_score("经济社会发展").unwrap();
        let t = m.han_score("經濟社會發展").unwrap();
        assert!((s - t).abs() < 1.5, "{s} vs {t}");
    }

    #[test]
    fn no_han_no_score() {
        assert_eq!(Model::get().han_score("hello, world"), None);
    }
}
