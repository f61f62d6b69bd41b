//! A small model of Chinese text: how plausible is this string as Chinese?
//!
//! Detection (GB18030 or Big5 for a six-character input?) and every repair that must choose
//! among candidate readings ask the same question, so they share this one model. It is
//! built from jieba's word-frequency dictionary (349k words, MIT) with each word also
//! converted to Traditional by OpenCC, so Simplified and Traditional text score alike.
//! `scripts/build-model.py` regenerates `data/model/`.
//!
//! Running text has context the dictionary lacks (which character follows which across
//! words, punctuation, line starts), so a second model, a character bigram model of
//! running text ([`Model::cond_logp`]), serves the repairs that guess a lost character.
//! A third, jieba's word frequencies ([`Model::word_cost`], `words.rs`), gives those
//! repairs the context of a whole word where one character is not enough. All are
//! compiled into flat tables at build time (`table.rs`).
//!
//! Scores are natural-log probabilities. Unknown characters get a floor well below the
//! rarest seen character, so garbage made of rare Han characters (涓枃, 鍙傛暟) scores
//! far below real text even when every character is a valid CJK ideograph.

mod memo;
mod table;
mod words;

use table::{CharTable, PairTable, Table};

/// Log-probability given to a Han character the dictionary never saw.
pub const UNSEEN_HAN: f32 = -16.0;

/// The n-gram model's ln P(c | prev) for a character it never saw after any context
/// (and the dictionary does not know either): below every seen character.
pub const UNSEEN_NGRAM: f32 = -18.0;

/// The context [`Model::cond_logp`] uses at the start of a line (as in the training data).
const LINE_START: char = '\u{2}';

macro_rules! compiled {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/model/", $name))
    };
}

pub struct Model {
    chars: Table<'static, u32, 1>,
    /// `chars` for the BMP as a direct index (NaN: unknown). The mojibake pre-filter asks
    /// about every character of every line; the binary search cost it 37M instructions
    /// per MB of clean man pages, this index a few. 256 KB, filled once per process from
    /// the ~20k rows.
    bmp_chars: Box<[f32]>,
    bigrams: PairTable<'static, 1>,
    /// Per character: ln Pcont(c) (Kneser-Ney continuation probability), ln γ(c) as a
    /// context (the back-off weight), ln P(c) (its relative frequency).
    ngram_chars: CharTable<'static, 3>,
    /// ln P(b | a) for the bigrams kept after pruning.
    ngram_bigrams: PairTable<'static, 1>,
    /// ln P(word) by [`table::word_key`], for [`Model::word_cost`].
    words: Table<'static, u64, 1>,
    /// The Bloom filter over `words`' keys ([`table::bloom_may_hold`]).
    word_bloom: &'static [u8],
}

impl Model {
    /// The shared model: tables compiled by build.rs and searched in place, so getting
    /// it costs nothing.
    pub fn get() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            let chars = Table::new(compiled!("chars.bin"));
            let mut bmp_chars = vec![f32::NAN; 0x10000].into_boxed_slice();
            for (c, [v]) in chars.rows() {
                if let Some(slot) = bmp_chars.get_mut(c as usize) {
                    *slot = v;
                }
            }
            Model {
                chars,
                bmp_chars,
                bigrams: PairTable::new(compiled!("bigrams.bin"), compiled!("bigrams_index.bin")),
                ngram_chars: CharTable::new(compiled!("ngram_chars.bin")),
                ngram_bigrams: PairTable::new(
                    compiled!("ngram_bigrams.bin"),
                    compiled!("ngram_bigrams_index.bin"),
                ),
                words: Table::new(compiled!("words.bin")),
                word_bloom: compiled!("words_bloom.bin"),
            }
        })
    }

    /// ln P(c) among Han text; `None` for characters the dictionary never saw.
    pub fn char_logp(&self, c: char) -> Option<f32> {
        match self.bmp_chars.get(c as usize) {
            Some(v) => Some(*v).filter(|v| !v.is_nan()),
            None => self.chars.get(c as u32).map(|[v]| v),
        }
    }

    /// Has the running-text model or the dictionary seen `c`? The characters it has not
    /// (most of Greek, Cyrillic and Armenian, unassigned code points) are charged by class
    /// alone, which ranks no letter of a block above another.
    pub fn knows(&self, c: char) -> bool {
        self.ngram_chars
            .get(class(c) as u32)
            .is_some_and(|[p, _, _]| !p.is_nan())
            || self.char_logp(c).is_some()
    }

    /// ln P(c) of every BMP code point, NaN for the ones the dictionary never saw.
    pub fn bmp_logps(&self) -> &[f32] {
        &self.bmp_chars
    }

    /// Every character the model knows with its ln P(c), in code point order.
    pub fn char_rows(&self) -> impl Iterator<Item = (char, f32)> + '_ {
        self.chars
            .rows()
            .filter_map(|(c, [v])| Some((char::from_u32(c)?, v)))
    }

    /// ln P(ab) among within-word bigrams; `None` when the pair is not a known word part.
    pub fn bigram_logp(&self, a: char, b: char) -> Option<f32> {
        self.bigrams.get(a, b).map(|[v]| v)
    }

    /// Is `ab` a pair real text writes: a part of a dictionary word, or a pair the
    /// running-text model kept (seen at least `MIN_NGRAM` times, see
    /// scripts/build-model.py)? jieba's dictionary lacks everyday technical words (会话,
    /// 跳过), which the running text has.
    pub fn pair_is_known(&self, a: char, b: char) -> bool {
        self.bigram_logp(a, b).is_some() || self.ngram_bigrams.get(class(a), class(b)).is_some()
    }

    /// Is `c` a character that occurs in real Chinese words?
    pub fn is_known(&self, c: char) -> bool {
        self.char_logp(c).is_some()
    }

    /// ln P(c | prev) in running text, from the character bigram model (interpolated
    /// Kneser-Ney, see scripts/build-model.py); `prev` `None` is the start of a line.
    /// ASCII letters, digits and whitespace are each one class, as in training.
    ///
    /// A character the n-gram model never saw backs off to the dictionary's unigram
    /// probability (jieba's rarer characters), then to [`UNSEEN_NGRAM`].
    pub fn cond_logp(&self, prev: Option<char>, c: char) -> f32 {
        self.cond_logp_mixed(prev, c, 1.0)
    }

    /// [`Model::cond_logp`] with only `context_weight` of the probability from the bigram
    /// model and the rest from the character's plain frequency: a flatter model, in which
    /// a common character's unseen successor is not charged more than a rare character's
    /// (whose sparse context backs off to the successor's overall frequency).
    pub fn cond_logp_mixed(&self, prev: Option<char>, c: char, context_weight: f32) -> f32 {
        let a = prev.map_or(LINE_START, class);
        memo::cond_logp(a, c, context_weight, || {
            self.cond_logp_uncached(a, c, context_weight)
        })
    }

    fn cond_logp_uncached(&self, a: char, c: char, context_weight: f32) -> f32 {
        let b = class(c);
        let known = |v: f32| (!v.is_nan()).then_some(v);
        let row = self.ngram_chars.get(b as u32);
        let kn = match self.ngram_bigrams.get(a, b) {
            Some([lp]) => lp,
            None => {
                let gamma = self
                    .ngram_chars
                    .get(a as u32)
                    .and_then(|[_, g, _]| known(g))
                    .unwrap_or(0.0);
                match row.and_then(|[p, _, _]| known(p)) {
                    Some(p) => gamma + p,
                    None => {
                        return self
                            .char_logp(c)
                            .map_or(UNSEEN_NGRAM, |p| (gamma + p).max(UNSEEN_NGRAM))
                    }
                }
            }
        };
        match row.and_then(|[_, _, u]| known(u)) {
            Some(u) if context_weight < 1.0 => {
                (context_weight * kn.exp() + (1.0 - context_weight) * u.exp()).ln()
            }
            _ => kn,
        }
    }

    /// ln P(c) in running text (the n-gram model's unigram, same classes as
    /// [`Model::cond_logp`]); `None` for a character it never saw.
    pub fn unigram_logp(&self, c: char) -> Option<f32> {
        self.ngram_chars
            .get(class(c) as u32)
            .and_then(|[_, _, u]| (!u.is_nan()).then_some(u))
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

/// The symbol the n-gram model uses for `c`.
fn class(c: char) -> char {
    if c.is_ascii_alphabetic() {
        'a'
    } else if c.is_ascii_digit() {
        '0'
    } else if c.is_ascii_whitespace() {
        ' '
    } else {
        c
    }
}

/// Reward for a pair of neighbours that is part of a dictionary word: real text is full of
/// them, mojibake almost never forms one.
const BIGRAM_BONUS: f32 = 2.0;

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
    fn the_bmp_index_answers_as_the_table_does() {
        let m = Model::get();
        let mut n = 0;
        for (c, [v]) in m.chars.rows() {
            let c = char::from_u32(c).expect("a character");
            assert_eq!(m.char_logp(c), Some(v), "{c}");
            n += 1;
        }
        assert!(n > 10_000, "{n} rows");
        assert_eq!(m.char_logp('\u{E000}'), None);
    }

    #[test]
    fn the_model_knows_what_chinese_text_writes() {
        let m = Model::get();
        for c in ['的', '，', '“', '…'] {
            assert!(m.knows(c), "{c}");
        }
        // An Armenian letter, a Cyrillic Supplement one, an unassigned code point.
        for c in ['Ԫ', 'Ԁ', '\u{380}'] {
            assert!(!m.knows(c), "{c}");
        }
    }

    #[test]
    fn pairs_are_known_from_the_dictionary_or_the_running_text() {
        let m = Model::get();
        assert!(m.bigram_logp('中', '文').is_some() && m.pair_is_known('中', '文'));
        // Not in jieba's dictionary, written in the running text.
        assert!(m.bigram_logp('会', '话').is_none() && m.pair_is_known('会', '话'));
        assert!(!m.pair_is_known('蹁', '鳇'));
        assert!(!m.pair_is_known('壬', '仕'));
    }

    #[test]
    fn no_han_no_score() {
        assert_eq!(Model::get().han_score("hello, world"), None);
    }

    #[test]
    fn compiled_tables_are_all_there() {
        // A table whose row width disagrees with build.rs reads as empty: catch it here.
        let m = Model::get();
        assert!(m.chars.len() > 10_000 && m.bigrams.len() > 50_000);
        assert!(m.ngram_chars.len() > 5_000 && m.ngram_bigrams.len() > 100_000);
        assert!(m.words.len() > 100_000);
    }

    #[test]
    fn every_pair_is_found_through_its_index() {
        let m = Model::get();
        for table in [&m.bigrams, &m.ngram_bigrams] {
            let mut n = 0;
            for (a, b, [v]) in table.rows() {
                let found = table.get(a, b).map(|[x]| x.to_bits());
                assert_eq!(found, Some(v.to_bits()), "{a}{b}");
                n += 1;
            }
            assert_eq!(n, table.len());
        }
    }

    #[test]
    fn running_text_context_decides() {
        let m = Model::get();
        // After 化, 学 (化学) is far likelier than 环, in both scripts.
        assert!(m.cond_logp(Some('化'), '学') > m.cond_logp(Some('化'), '环') + 3.0);
        assert!(m.cond_logp(Some('化'), '學') > m.cond_logp(Some('化'), '環') + 3.0);
        // A line rarely starts with a comma; punctuation is part of the model.
        assert!(m.cond_logp(None, '在') > m.cond_logp(None, '，') + 3.0);
        assert!(m.cond_logp(Some('。'), '在') > m.cond_logp(Some('。'), '，') + 3.0);
        // Every ASCII letter is one class.
        assert_eq!(m.cond_logp(Some('x'), 'y'), m.cond_logp(Some('a'), 'b'));
        // Unknown characters stay below every known one.
        assert!(m.cond_logp(Some('的'), '\u{E000}') <= -UNSEEN_NGRAM.abs() + 0.01);
    }
}
