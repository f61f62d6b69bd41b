//! One flattened dictionary compiled for forward maximum matching.
//!
//! OpenCC converts a segment by taking, at each position, the longest dictionary key that
//! starts there (copying one character when none does) and continuing after it. That is
//! exactly leftmost-longest matching, so a daachorse charwise double-array Aho–Corasick
//! automaton with `MatchKind::LeftmostLongest` does a whole segment in one pass: it walks
//! the text once, never allocates per character, and characters that start no key cost one
//! state transition. Only the gaps between matches and the replacement values are copied.
//!
//! Keys that map to themselves (`一干二净 → 一乾二淨` is a change, `台风 → 颱風` too, but
//! many phrases exist only to stop a shorter key from matching) stay in the automaton for
//! that blocking effect but are marked so the copy loop treats them as plain text.

use super::data::Entries;
use crate::Error;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::borrow::Cow;

/// Pattern value for a key whose default candidate is itself.
const IDENTITY: u32 = u32::MAX;

pub(crate) struct Matcher {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Replacement text by pattern value.
    values: Vec<&'static str>,
}

impl Matcher {
    pub fn build(entries: &Entries) -> Result<Matcher, Error> {
        let mut values = Vec::new();
        let patterns = entries.iter().map(|(k, v)| {
            if k == v {
                (*k, IDENTITY)
            } else {
                values.push(*v);
                (*k, values.len() as u32 - 1)
            }
        });
        let patterns: Vec<(&str, u32)> = patterns.collect();
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(patterns)
            .map_err(|e| Error::Refused(format!("OpenCC data: cannot compile dictionary: {e}")))?;
        Ok(Matcher { automaton, values })
    }

    /// Append `text` converted by forward maximum matching to `out`.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        let mut copied = 0;
        for m in self.automaton.leftmost_find_iter(text) {
            let Some(value) = self.values.get(m.value() as usize) else {
                continue; // IDENTITY: the key stays as it is
            };
            out.push_str(&text[copied..m.start()]);
            out.push_str(value);
            copied = m.end();
        }
        out.push_str(&text[copied..]);
    }

    /// `text` converted, borrowed when nothing changes.
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut iter = self.automaton.leftmost_find_iter(text);
        let first = iter.find(|m| m.value() != IDENTITY);
        let Some(first) = first else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        out.push_str(&text[..first.start()]);
        out.push_str(self.values[first.value() as usize]);
        let mut copied = first.end();
        for m in iter {
            let Some(value) = self.values.get(m.value() as usize) else {
                continue;
            };
            out.push_str(&text[copied..m.start()]);
            out.push_str(value);
            copied = m.end();
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// OpenCC's maximum-match segmentation of `text`: each match is a segment of its own and
    /// each run of characters between matches is one segment. Pushes segment end offsets.
    pub fn segment_ends(&self, text: &str, ends: &mut Vec<usize>) {
        let mut last = 0;
        for m in self.automaton.leftmost_find_iter(text) {
            if m.start() > last {
                ends.push(m.start());
            }
            ends.push(m.end());
            last = m.end();
        }
        if text.len() > last {
            ends.push(text.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entries: &[(&'static str, &'static str)]) -> Matcher {
        Matcher::build(&entries.to_vec()).unwrap()
    }

    #[test]
    fn longest_key_at_each_position_wins() {
        let m = matcher(&[("a", "1"), ("ab", "2"), ("abc", "3"), ("bc", "4"), ("c", "5")]);
        assert_eq!(m.convert("abcab c"), "32 5");
        assert_eq!(m.convert("bca"), "41");
    }

    #[test]
    fn identity_keys_block_shorter_keys_and_borrow() {
        let m = matcher(&[("ab", "ab"), ("b", "x")]);
        assert!(matches!(m.convert("abab"), Cow::Borrowed("abab")));
        assert_eq!(m.convert("bab"), "xab");
    }

    #[test]
    fn segments_are_matches_and_the_runs_between() {
        let m = matcher(&[("ab", "ab"), ("cd", "x")]);
        let mut ends = Vec::new();
        m.segment_ends("xabyzcdab", &mut ends);
        assert_eq!(ends, vec![1, 3, 5, 7, 9]);
        ends.clear();
        m.segment_ends("", &mut ends);
        assert!(ends.is_empty());
    }
}
