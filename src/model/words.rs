//! Word knowledge: how cheaply can a run of Han characters be read as dictionary words?
//!
//! The character bigram model sees one character of context, so a guess that needs two
//! (除非給 against 除遞給, 中文 against 个文, 危化品) is decided by whichever pair happens to
//! be commoner. A word spans the hole: the best segmentation of the candidate's
//! neighbourhood into jieba's words (a unigram word model, each word costing
//! `-ln P(word)` from jieba's frequencies, which come from news and general text) charges
//! a reading that breaks a word into rare single characters. [`Model::word_cost`] is
//! that cost; only the repairs that choose between guesses ask for it, never clean text.

use super::table::{bloom_may_hold, word_key};
use super::{is_han, Model};

/// Longest word tried. jieba's words of 7+ characters are idioms and names that a hole's
/// few-character window never holds whole.
const MAX_WORD: usize = 6;

/// Cost of a character that is no word on its own in jieba's dictionary: above the rarest
/// word kept (count 5 of 60M, 16.3 nats), so a segmentation uses a known word when one
/// exists.
const UNSEEN_WORD: f32 = 18.0;

impl Model {
    /// ln P(word) in jieba's word frequencies (both scripts); `None` for a non-word.
    pub fn word_logp(&self, word: &[char]) -> Option<f32> {
        let key = word_key(word.iter().copied());
        if !bloom_may_hold(self.word_bloom, key) {
            return None;
        }
        super::memo::word_logp(key, || self.words.get(key).map(|[v]| v))
    }

    /// The cost (negative log-probability) of the cheapest segmentation of every run of
    /// Han characters in `text` into dictionary words; other characters cost nothing.
    /// Hole filling asks this for every candidate of every hole, so runs are segmented
    /// in place, without allocating.
    pub fn word_cost(&self, text: &str) -> f32 {
        let mut total = 0.0;
        let mut run = ['\0'; RUN];
        let mut n = 0;
        for c in text.chars().chain(std::iter::once(' ')) {
            if is_han(c) && n < RUN {
                run[n] = c;
                n += 1;
            } else if n > 0 {
                total += self.segment_cost(&run[..n]);
                n = 0;
                if is_han(c) {
                    run[0] = c;
                    n = 1;
                }
            }
        }
        total
    }

    /// Viterbi over word boundaries: `best[i]` is the cheapest reading of `run[..i]`.
    fn segment_cost(&self, run: &[char]) -> f32 {
        let mut best = [f32::INFINITY; RUN + 1];
        best[0] = 0.0;
        for start in 0..run.len() {
            let base = best[start];
            let single = self
                .word_logp(&run[start..=start])
                .map_or(UNSEEN_WORD, |lp| -lp);
            best[start + 1] = best[start + 1].min(base + single);
            for end in start + 2..=(start + MAX_WORD).min(run.len()) {
                if let Some(lp) = self.word_logp(&run[start..end]) {
                    best[end] = best[end].min(base - lp);
                }
            }
        }
        best[run.len()]
    }
}

/// Han characters segmented as one run; a longer run is cut (hole windows hold a dozen).
const RUN: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_both_scripts() {
        let m = Model::get();
        for w in ["中文", "除非", "化学品", "發展", "經濟"] {
            let chars: Vec<char> = w.chars().collect();
            assert!(m.word_logp(&chars).is_some(), "{w}");
        }
        assert_eq!(m.word_logp(&['个', '文']), None);
    }

    #[test]
    fn a_word_across_the_hole_wins() {
        let m = Model::get();
        assert!(m.word_cost("使用中文界面") < m.word_cost("使用个文界面") - 3.0);
        assert!(m.word_cost("除非給") < m.word_cost("除遞給"));
        assert!(m.word_cost("化学品、") < m.word_cost("化学环、"));
    }

    #[test]
    fn the_filter_passes_every_word_and_few_others() {
        let m = Model::get();
        assert!(m
            .words
            .rows()
            .all(|(key, _)| bloom_may_hold(m.word_bloom, key)));
        let passed = (0..10_000u32)
            .filter(|&i| {
                bloom_may_hold(
                    m.word_bloom,
                    word_key(['\u{3400}', char::from_u32(0x4E00 + i).unwrap()]),
                )
            })
            .count();
        assert!(passed < 300, "{passed} of 10,000 non-words pass");
    }

    #[test]
    fn only_han_runs_cost() {
        let m = Model::get();
        assert_eq!(m.word_cost("hello, world 123"), 0.0);
        assert_eq!(m.word_cost("中文"), m.word_cost("(中文)"));
    }
}
