//! One compiled dictionary step, applied to text.
//!
//! A thin layer over [`Trie`]: it turns the forward-maximum matches into output (copying the
//! text between replacements in slices, returning the input borrowed when nothing changes)
//! and into OpenCC's segments.

use super::trie::{CodeMap, Trie, IDENTITY};
use std::borrow::Cow;

#[derive(Clone, Copy)]
pub(crate) struct Matcher {
    pub trie: &'static Trie,
    pub codes: &'static CodeMap,
}

impl Matcher {
    /// Append `text` converted by forward maximum matching to `out`.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        let mut copied = 0;
        self.trie.for_each_match(text, self.codes, |start, m| {
            if m.value != IDENTITY {
                if start > copied {
                    out.push_str(&text[copied..start]);
                }
                self.trie.push_value(m.value, out);
                copied = m.end;
            }
        });
        out.push_str(&text[copied..]);
    }

    /// `text` converted, borrowed when nothing changes.
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out: Option<String> = None;
        let mut copied = 0;
        self.trie.for_each_match(text, self.codes, |start, m| {
            if m.value != IDENTITY {
                let out = out.get_or_insert_with(|| String::with_capacity(text.len() * 9 / 8));
                if start > copied {
                    out.push_str(&text[copied..start]);
                }
                self.trie.push_value(m.value, out);
                copied = m.end;
            }
        });
        match out {
            None => Cow::Borrowed(text),
            Some(mut out) => {
                out.push_str(&text[copied..]);
                Cow::Owned(out)
            }
        }
    }

    /// OpenCC's maximum-match segmentation of `text`: each match is a segment of its own and
    /// each run of characters between matches is one segment. Pushes segment end offsets.
    pub fn segment_ends(&self, text: &str, ends: &mut Vec<usize>) {
        let mut last = 0;
        self.trie.for_each_match(text, self.codes, |start, m| {
            if start > last {
                ends.push(start);
            }
            ends.push(m.end);
            last = m.end;
        });
        if text.len() > last {
            ends.push(text.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entries: &[(&'static str, &'static str)]) -> Matcher {
        let codes = CodeMap::build(entries.iter().map(|(k, _)| *k));
        let trie = Trie::build(entries, &codes);
        // Round-trip through the build-time byte format as the library does.
        let codes = CodeMap::from_bytes(&codes.to_bytes()).unwrap();
        let trie = Trie::from_bytes(&trie.to_bytes(), &codes).unwrap();
        Matcher {
            trie: Box::leak(Box::new(trie)),
            codes: Box::leak(Box::new(codes)),
        }
    }

    #[test]
    fn longest_key_at_each_position_wins() {
        let m = matcher(&[
            ("a", "1"),
            ("ab", "2"),
            ("abc", "3"),
            ("bc", "4"),
            ("c", "5"),
        ]);
        assert_eq!(m.convert("abcab c"), "32 5");
        assert_eq!(m.convert("bca"), "41");
        assert_eq!(m.convert("abd"), "2d");
    }

    #[test]
    fn identity_keys_block_shorter_keys_and_borrow() {
        let m = matcher(&[("ab", "ab"), ("b", "x")]);
        assert!(matches!(m.convert("abab"), Cow::Borrowed("abab")));
        assert_eq!(m.convert("bab"), "xab");
    }

    #[test]
    fn multibyte_and_supplementary_keys() {
        let m = matcher(&[("头发", "頭髮"), ("发", "發"), ("𠮷", "吉"), ("𠮷野", "X")]);
        assert_eq!(m.convert("头发发𠮷𠮷野!"), "頭髮發吉X!");
        let mut out = String::from(">");
        m.convert_into("发", &mut out);
        assert_eq!(out, ">發");
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

    #[test]
    fn corrupt_bytes_are_refused() {
        let codes = CodeMap::build(["ab"]);
        let bytes = Trie::build(&[("ab", "x")], &codes).to_bytes();
        assert!(Trie::from_bytes(&bytes[..bytes.len() - 4], &codes).is_none());
        assert!(Trie::from_bytes(&bytes[4..], &codes).is_none());
        assert!(CodeMap::from_bytes(&codes.to_bytes()[8..]).is_none());
    }
}
