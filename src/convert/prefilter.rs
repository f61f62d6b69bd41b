//! "Can this dictionary match anywhere in the text?", answered at memchr speed for
//! dictionaries whose keys all begin with a few rare characters.
//!
//! Every OpenCC 1.4 configuration begins with the CJK compatibility-ideograph normalisation
//! (keys U+F900–U+FAFF and U+2F800–U+2FA1F). Walking the trie over the whole text costs
//! about as much as the conversion itself, yet real text almost never holds one of those
//! characters. Their UTF-8 forms begin with only two distinct bytes (`EF`, `F0`), so
//! `memchr2` finds the candidates and a check of the second byte rejects the fullwidth
//! punctuation (`EF BC ..`) that shares the first: text with no candidate skips the pass,
//! which is exact, since a dictionary that cannot match leaves the text unchanged.

use super::trie::{CodeMap, Trie};

/// At most this many distinct lead bytes: what `memchr3` can search for at once.
const MAX_LEADS: usize = 3;

pub(crate) struct Prefilter {
    /// The UTF-8 lead bytes that begin some key, each with the bytes that may follow it.
    leads: Vec<(u8, [bool; 256])>,
}

impl Prefilter {
    /// The prefilter for `trie`, or `None` when its keys begin with too many different bytes
    /// (or with ASCII, which the trie's own skip table handles) for one to pay.
    pub fn new(trie: &Trie, codes: &CodeMap) -> Option<Prefilter> {
        let mut leads: Vec<(u8, [bool; 256])> = Vec::new();
        for (c, code) in codes.chars() {
            if !trie.starts_with_code(code) {
                continue;
            }
            let mut buf = [0; 4];
            let &[lead, second, ..] = c.encode_utf8(&mut buf).as_bytes() else {
                return None;
            };
            match leads.iter().position(|(l, _)| *l == lead) {
                Some(i) => leads[i].1[second as usize] = true,
                None if leads.len() < MAX_LEADS => {
                    let mut seconds = [false; 256];
                    seconds[second as usize] = true;
                    leads.push((lead, seconds));
                }
                None => return None,
            }
        }
        Some(Prefilter { leads })
    }

    /// False only when no key of the dictionary can begin anywhere in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let hit = |i: usize| {
            let seconds = self.leads.iter().find(|(l, _)| *l == bytes[i]);
            match (seconds, bytes.get(i + 1)) {
                (Some((_, seconds)), Some(&b)) => seconds[b as usize],
                _ => false,
            }
        };
        match self.leads[..] {
            [] => false,
            [(a, _)] => memchr::memchr_iter(a, bytes).any(hit),
            [(a, _), (b, _)] => memchr::memchr2_iter(a, b, bytes).any(hit),
            [(a, _), (b, _), (c, _)] => memchr::memchr3_iter(a, b, c, bytes).any(hit),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefilter(keys: &[&'static str]) -> Option<Prefilter> {
        let codes = CodeMap::build(keys.iter().copied());
        let entries: Vec<(&str, &str)> = keys.iter().map(|k| (*k, "x")).collect();
        Prefilter::new(&Trie::build(&entries, &codes), &codes)
    }

    #[test]
    fn compatibility_ideographs_are_found_and_fullwidth_punctuation_is_not() {
        // U+F900 (EF A4 80), U+FA11 (EF A8 91), U+2F800 (F0 AF A0 80).
        let p = prefilter(&["\u{f900}", "\u{fa11}", "\u{2f800}"]).unwrap();
        assert!(!p.may_match("汉字，（全角）！"));
        assert!(!p.may_match(""));
        assert!(!p.may_match("😀 \u{ef}"));
        assert!(p.may_match("汉\u{f900}字"));
        assert!(p.may_match("，\u{fa11}"));
        assert!(p.may_match("a\u{2f800}"));
    }

    #[test]
    fn broad_or_ascii_dictionaries_get_none() {
        assert!(prefilter(&["a", "\u{f900}"]).is_none());
        assert!(prefilter(&["é", "汉", "𠮷", "\u{f900}"]).is_none());
    }
}
