//! What a damaged document says about itself, for scoring reconstructions.
//!
//! The shared [`crate::model`] knows Chinese in general; a repair choosing among
//! candidates for lost bytes can also ask the document around them:
//!
//! * its own bigrams (a cache model: documents repeat their vocabulary, so a damaged
//!   `名字空間` is usually spelt out intact a few lines on);
//! * its own characters (a unigram cache: the `的` a stray byte destroyed is the
//!   document's commonest character, and a lost `《` sits in a text full of `《》`); for
//!   punctuation marks, each document's own habit, it weighs more);
//! * its script. The model merges Simplified and Traditional so both score alike, but a
//!   Traditional document does not switch to Simplified for one character, while
//!   misaligned GBK (a simplified-first code page) is full of simplified-only characters
//!   (`馄`, `环`, `机`). A character of the other script costs [`SCRIPT_PENALTY`].

use crate::convert::{char_script, evidence, Script};
use crate::model::{is_han, Model};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Bonus for a reconstructed pair the document uses elsewhere.
const DOC_BIGRAM_BONUS: f32 = 8.0;
/// Weight of the document's own character frequencies against the general model (the
/// usual range for cache language models is 0.05–0.2; at 0.25 two lossless dev cases
/// lost a rare real character to a frequent one).
const CACHE_WEIGHT: f32 = 0.1;
/// [`CACHE_WEIGHT`] for punctuation marks. Which marks a document uses, and how often, is
/// its own habit (a manual ends its sentences with `。` and seldom lists with `、`; a
/// poem's lines end in `，` and `。`), and the general model learnt its punctuation from
/// one kind of text (LibreOffice's help), so for a lost mark the document is the better
/// witness. On the dev corpus 0.15 to 0.9 score alike (with the lost-lead bridge price of
/// `misalign`: one more seed_annot case, `建立。別名` no longer read `建立、別名`);
/// 0.1, the plain weight, does not get it; mixed is unchanged throughout.
const PUNCT_CACHE_WEIGHT: f32 = 0.5;
/// Cost of a character of the other script. About the gap between a common character
/// and a rare one: enough to prefer `擔` over `担` in a Traditional text, not enough to
/// overrule the bytes (a literal reading is charged the same).
pub const SCRIPT_PENALTY: f32 = 6.0;

/// The document's own evidence.
#[derive(Debug, Default)]
pub struct DocModel {
    bigrams: HashSet<(char, char)>,
    /// Non-ASCII characters other than letters ([`counted`]), and how often each occurs;
    /// `total` is their sum. Letters are left out: in a damaged document the non-ASCII
    /// ones are mostly pinyin from annotations the damage broke (`?xū)`), and counting
    /// them let a lost `”` (`A1 B1`) be guessed as the pinyin letter `ū` (`A8 B1`), which
    /// the general model has never seen after a Han character and the cache alone made
    /// cheap.
    chars: HashMap<char, u32>,
    total: u32,
    /// The script the document is clearly written in, if any.
    script: Option<Script>,
}

impl DocModel {
    pub fn learn(text: &str) -> DocModel {
        let mut chars: HashMap<char, u32> = HashMap::new();
        for c in without_annotations(text).filter(|&c| counted(c)) {
            *chars.entry(c).or_default() += 1;
        }
        DocModel {
            bigrams: han_bigrams(without_annotations(text)),
            total: chars.values().sum(),
            chars,
            script: clear_script(text),
        }
    }

    /// Is `(prev, c)` a pair the document contains?
    pub fn has_bigram(&self, prev: Option<char>, c: char) -> bool {
        prev.is_some_and(|p| self.bigrams.contains(&(p, c)))
    }

    /// [`SCRIPT_PENALTY`] when `c` belongs only to the script the document is not in.
    pub fn script_cost(&self, c: char) -> f32 {
        let Some(script) = self.script else {
            return 0.0;
        };
        if c.is_ascii() || !is_han(c) {
            return 0.0;
        }
        let foreign = match script {
            Script::Traditional => char_script(c) == Script::Simplified,
            Script::Simplified => char_script(c) == Script::Traditional,
            Script::Neutral => false,
        };
        if foreign {
            SCRIPT_PENALTY
        } else {
            0.0
        }
    }

    /// A cost from the general model (`base`, a negative log-probability of `c` in its
    /// context) mixed with the frequency of `c` in the document itself.
    ///
    /// The document's share is scaled down where the context makes `c` less likely
    /// than it is overall, by the square root of `P(c | prev) / P(c)` (when below 1; the
    /// ratio itself cost a lossless dev case its `文件中`, one seed_annot case fewer
    /// exact; at the root the exact count is unchanged, CER 0.0033 -> 0.0030 on the
    /// stray-byte cases). A plain unigram cache flattens
    /// every context to the document's frequency, so after 此 the document's common 非
    /// cost no more than after 了, and a guess of 此 for 了 (`遇到了非法`) won on its own
    /// cheaper first pair.
    pub fn mix(&self, base: f32, c: char) -> f32 {
        let n = self.chars.get(&c).copied().unwrap_or(0);
        let punct = is_punct(c);
        if n == 0 || self.total == 0 {
            // Two branches of constants, so both logarithms are folded at compile time.
            return if punct {
                base - (1.0 - PUNCT_CACHE_WEIGHT).ln()
            } else {
                base - (1.0 - CACHE_WEIGHT).ln()
            };
        }
        let w = if punct {
            PUNCT_CACHE_WEIGHT
        } else {
            CACHE_WEIGHT
        };
        let doc = n as f32 / self.total as f32;
        let fit = Model::get()
            .unigram_logp(c)
            .map_or(1.0, |u| (0.5 * (-base - u)).exp().min(1.0));
        -((1.0 - w) * (-base).exp() + w * doc * fit).ln()
    }

    /// The bigram bonus for `c` after `prev`.
    pub fn bigram_bonus(&self, prev: Option<char>, c: char) -> f32 {
        if self.has_bigram(prev, c) {
            DOC_BIGRAM_BONUS
        } else {
            0.0
        }
    }
}

/// Whether the cache counts `c`: Han characters and every non-ASCII mark (`。`, `·`),
/// not letters.
fn counted(c: char) -> bool {
    !c.is_ascii() && (is_han(c) || !c.is_alphabetic())
}

/// A CJK or general punctuation mark (`。`, `、`, `，`, `《`, `…`, `“`), not a letter or
/// digit of those blocks (`々`, `〇`, fullwidth `Ａ`).
fn is_punct(c: char) -> bool {
    // Han characters, the usual question, answered first: the search asks for every guess.
    if ('\u{3400}'..'\u{F900}').contains(&c) {
        return false;
    }
    matches!(c, '\u{2010}'..='\u{205E}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF65}')
        && !c.is_alphanumeric()
}

/// The script with at least four times the other's evidence (and 8 characters of it):
/// garbled runs add both kinds at random, a real document is overwhelmingly one.
fn clear_script(text: &str) -> Option<Script> {
    let ev = evidence(text);
    let (s, t) = (ev.simplified, ev.traditional);
    if t >= 8 && t >= 4 * s {
        Some(Script::Traditional)
    } else if s >= 8 && s >= 4 * t {
        Some(Script::Simplified)
    } else {
        None
    }
}

/// Adjacent Han pairs in `text`.
/// The characters of `text` with every `(py)` annotation left out, so the model learns
/// `賬戶` from `賬(zhàng)戶(hù)`: the same statistics as from the repaired text, which a
/// second run learns from (otherwise the second run may guess what the first did not).
fn without_annotations(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let c = text[pos..].chars().next()?;
        if c == '(' || c == '（' {
            if let Some(p) = super::annotation::paren_at(text, pos) {
                pos = p.end;
                continue;
            }
        }
        pos += c.len_utf8();
        return Some(c);
    })
}

fn han_bigrams(chars: impl Iterator<Item = char>) -> HashSet<(char, char)> {
    let mut set = HashSet::new();
    let mut prev: Option<char> = None;
    for c in chars {
        if is_han(c) {
            if let Some(p) = prev {
                set.insert((p, c));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_traditional_document_charges_simplified_characters() {
        let d = DocModel::learn("這是繁體中文的說明書，請閱讀後再開機。這個機器很複雜。");
        assert_eq!(d.script_cost('環'), 0.0);
        assert_eq!(d.script_cost('环'), SCRIPT_PENALTY);
        assert_eq!(d.script_cost('中'), 0.0);
        assert!(d.has_bigram(Some('機'), '器'));
        assert!(!d.has_bigram(Some('器'), '機'));
        // 機 is frequent here, 器 less so, 船 unseen: the cache lowers the first most.
        let gain = |c| 10.0 - d.mix(10.0, c);
        assert!(
            gain('機') > gain('器') && gain('器') > gain('船'),
            "{}",
            gain('機')
        );
        assert!(gain('船') < 0.0);
    }

    /// The cache keeps the context's verdict: 非 is this document's commonest character,
    /// yet after 此 (rare before 非) it stays far dearer than after 了.
    #[test]
    fn the_cache_does_not_flatten_an_unlikely_context() {
        let d = DocModel::learn("遇到了非法的選項,並非是非不分,非常非凡。");
        let m = Model::get();
        let after = |p| d.mix(-m.cond_logp(Some(p), '非'), '非');
        assert!(
            after('此') > after('了') + 1.5,
            "{} {}",
            after('此'),
            after('了')
        );
        // Where the context is as likely as usual, the document's frequency still helps.
        assert!(after('了') < -m.cond_logp(Some('了'), '非'));
    }

    /// Pinyin letters of broken annotations are no vocabulary of the document: a letter
    /// costs what an unseen character does, while a mark (`·`) keeps its share.
    #[test]
    fn letters_get_no_share_of_the_cache() {
        let d =
            DocModel::learn("你?xū)是此操作符表的所有者?xū)。李白《把酒問月·故人賈淳令予問之》");
        assert_eq!(d.mix(10.0, 'ū'), d.mix(10.0, '船'));
        assert!(d.mix(10.0, '·') < d.mix(10.0, '船'));
    }

    #[test]
    fn a_mixed_or_short_document_has_no_script() {
        assert_eq!(DocModel::learn("這是简体").script_cost('环'), 0.0);
    }
}
