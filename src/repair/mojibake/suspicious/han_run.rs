//! The run of Han characters the exact test is in the middle of ([`HanRun`]), and what
//! makes one suspicious: rare characters that pair with nothing, or a long run with no
//! dictionary pair and no function character.

use super::super::score::han_logp;
use crate::model::Model;

/// The Han run [`super::suspicious`] is in the middle of.
///
/// Whether the run holds a dictionary pair (a binary search per pair) matters only while
/// it holds no function character, and only once it is [`WORDLESS_RUN`] long or ends
/// short with one rare character; so pairs of common characters are looked up then, not
/// as they arrive (on clean man pages most runs reach a function character first). Pairs
/// touching a rare character are looked up at once: they decide whether it counts.
#[derive(Default)]
pub(super) struct HanRun {
    /// The run's first [`WORDLESS_RUN`] characters.
    head: [char; WORDLESS_RUN],
    prev: Option<char>,
    len: usize,
    rare: usize,
    /// Some pair in the run is a dictionary word part. `false` means none of the pairs
    /// looked up so far is one; all of them have been looked up once the run is
    /// [`WORDLESS_RUN`] long without a function character.
    linked: bool,
    /// Some character in the run is a [`FUNCTION_HAN`] one.
    grammar: bool,
    /// A rare character that paired with nothing before it, waiting to see its next
    /// neighbour; `true` if it counts as rare should the run end there (it had a Han
    /// neighbour before it, or it is [`VERY_RARE_HAN`]).
    pending: Option<bool>,
}

impl HanRun {
    /// Add `c`; `true` when the run has become suspicious.
    pub(super) fn push(&mut self, model: &Model, c: char) -> bool {
        let class = rarity(model, c);
        // Only a rare character, or one after a rare character, needs its pair looked up.
        if self.pending.is_some() || matches!(class, Rarity::Rare | Rarity::VeryRare) {
            let paired = self.prev.is_some_and(|p| word_pair(model, p, c));
            if self.pending.take().is_some() && !paired {
                self.rare += 1;
            }
            match class {
                // 删 and 钥 are very rare in the model yet everywhere in 删除 and 密钥: a
                // character inside a dictionary word is real whatever its frequency.
                Rarity::VeryRare if !paired => self.pending = Some(true),
                Rarity::Rare if !paired => self.pending = Some(self.prev.is_some()),
                _ => {}
            }
            self.linked |= paired;
        }
        self.grammar |= class == Rarity::Function;
        if let Some(slot) = self.head.get_mut(self.len) {
            *slot = c;
        }
        let prev = self.prev.replace(c);
        self.len += 1;
        self.rare >= 2 || self.wordless(model, prev, c)
    }

    /// Has the run, just grown by `c` after `prev`, become [`WORDLESS_RUN`] characters
    /// without a dictionary pair or a function character?
    #[inline]
    fn wordless(&mut self, model: &Model, prev: Option<char>, c: char) -> bool {
        if self.len < WORDLESS_RUN || self.linked || self.grammar {
            return false;
        }
        // Every earlier pair was looked up when the run reached WORDLESS_RUN.
        self.linked = if self.len == WORDLESS_RUN {
            self.has_pair(model)
        } else {
            prev.is_some_and(|p| word_pair(model, p, c))
        };
        !self.linked
    }

    /// Does some pair among the run's first characters form a dictionary word part?
    fn has_pair(&self, model: &Model) -> bool {
        let head = &self.head[..self.len.min(WORDLESS_RUN)];
        head.windows(2).any(|w| word_pair(model, w[0], w[1]))
    }

    /// Close the run at a non-Han character; `true` when it was suspicious.
    #[inline]
    pub(super) fn end(&mut self, model: &Model) -> bool {
        if self.len == 0 {
            return false;
        }
        if self.pending.take() == Some(true) {
            self.rare += 1;
        }
        let lone_rare = self.rare == 1
            && self.len <= SHORT_RUN
            && !self.grammar
            && !self.linked
            && !self.has_pair(model);
        let odd = self.rare >= 2 || lone_rare;
        *self = HanRun::default();
        odd
    }
}

/// Do `a` and `b` form part of a word: a pair of the model's dictionary words, or of
/// OpenCC's phrases (Taiwan's vocabulary, 檔名 字串 金鑰, which the model lacks).
pub(super) fn word_pair(model: &Model, a: char, b: char) -> bool {
    model.bigram_logp(a, b).is_some() || crate::convert::is_phrase_pair(a, b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rarity {
    /// Commoner than [`FUNCTION_HAN`].
    Function,
    Common,
    Rare,
    VeryRare,
}

/// How rare `c` is. A Japanese-only kanji (総, 覧) is rare in the Chinese model but
/// ordinary in the Japanese text it comes from (`--to jp` output among it).
fn rarity(model: &Model, c: char) -> Rarity {
    let class = match han_logp(model, c) {
        Some(lp) if lp >= FUNCTION_HAN => return Rarity::Function,
        Some(lp) if lp >= RARE_HAN => return Rarity::Common,
        Some(lp) if lp >= VERY_RARE_HAN => Rarity::Rare,
        _ => Rarity::VeryRare,
    };
    // Asked only of rare characters: the set is a hash lookup, the frequency an index.
    if crate::convert::is_japanese_kanji(c) {
        return Rarity::Common;
    }
    class
}

/// Han characters in a row without a single dictionary pair among them. The model's pairs
/// are within-word only, so grammar between words pairs nothing (它的值是, 从右到左):
/// at 4 this flagged 1.2 % of the lines of clean zh_CN man pages; at 6, together with
/// [`FUNCTION_HAN`], 0.2 %, and no damaged dev-corpus line loses its flag.
pub const WORDLESS_RUN: usize = 6;

/// Characters at least this common (ln P; about the 150 commonest: 的 是 在 为 到 了) are
/// words on their own, so a run holding one is grammar, not GBK read as Big5 (whose
/// characters are a stroke-ordered sample of Big5, seldom these).
pub const FUNCTION_HAN: f32 = -6.5;

/// A Han run this short with one rare character, no dictionary pair and no function
/// character in it is worth a look (鍛戒护 is 命令 read as GBK); in a longer run, inside a
/// word (前缀) or next to grammar (的幂, 剪下從), one rare character is a real rare word.
pub const SHORT_RUN: usize = 3;

/// Han characters rarer than this (ln P) make a run worth a closer look; mojibake Han
/// text is mostly made of them, real text rarely holds one per line.
pub const VERY_RARE_HAN: f32 = -11.5;
/// ... and characters rarer than this, when they form no dictionary word with a
/// neighbour.
pub const RARE_HAN: f32 = -10.0;
