//! A character-keyed double-array trie for forward maximum matching, and its byte format.
//!
//! OpenCC converts by taking, at each position, the longest dictionary key starting there
//! (one character is copied when none does) and continuing after it. This module does that
//! walk directly: from each candidate position, follow trie transitions while they exist and
//! remember the last state that ends a key.
//!
//! Layout. Every character of every key is first mapped to a dense *code* (1..=K, most
//! frequent first) through one [`CodeMap`] shared by all tries: a flat `u16` table for the
//! Basic Multilingual Plane and a sorted list for the rest. A state is three `u32`s kept
//! together for locality: `base`, `check` and `value`. The transition from state `s` on code
//! `c` is `t = base[s] + c`, valid iff `check[t] == s`; the root is state 0. `value` is
//! [`NO_VALUE`], [`IDENTITY`] (the key converts to itself: it exists only to stop shorter keys
//! from matching, so the output loop treats it as plain text) or an index into the values.
//!
//! Speed. Text is mostly characters that start no key (ASCII, punctuation, spaces): a
//! 256-entry table lets ASCII runs be skipped a byte at a time without decoding, and a
//! non-ASCII character that starts no key costs one lookup in an 8 KB bitmap. No allocation happens per
//! character; output is copied in slices between replacements.
//!
//! Byte format (little-endian `u32` words), produced at build time by `build.rs` so start-up
//! only copies arrays: `MAGIC, states, values, text_len`, then `states × (base, check,
//! value)`, then `values + 1` offsets into the value text, then the UTF-8 value text padded
//! to a multiple of 4. The code map has its own blob: `MAGIC_CODES, supplementary`, the
//! 65,536 BMP codes as `u16` pairs packed into words, then `supplementary × (char, code)`.
//!
//! This file is also compiled into `build.rs` (`#[path]`), so it uses only `std`.

use std::collections::HashMap;

/// `value` of a state that ends no key.
pub const NO_VALUE: u32 = u32::MAX;
/// `value` of a state whose key converts to itself.
pub const IDENTITY: u32 = u32::MAX - 1;
/// `check` of a free slot (no state has this index).
const FREE: u32 = u32::MAX;

const MAGIC: u32 = 0x5a48_5431; // "ZHT1"
const MAGIC_CODES: u32 = 0x5a48_4331; // "ZHC1"

/// Dense codes for every character that occurs in a dictionary key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeMap {
    bmp: Vec<u16>,
    supplementary: Vec<(u32, u16)>,
}

impl CodeMap {
    /// Number characters by how often they occur in `keys`, most frequent first, so busy
    /// states get small codes and the double array stays dense.
    pub fn build<'a>(keys: impl IntoIterator<Item = &'a str>) -> CodeMap {
        let mut count: HashMap<char, u64> = HashMap::new();
        for k in keys {
            for c in k.chars() {
                *count.entry(c).or_default() += 1;
            }
        }
        let mut chars: Vec<(char, u64)> = count.into_iter().collect();
        chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert!(
            chars.len() < u16::MAX as usize,
            "too many distinct characters"
        );
        let mut map = CodeMap {
            bmp: vec![0; 0x10000],
            supplementary: Vec::new(),
        };
        for (i, (c, _)) in chars.iter().enumerate() {
            let code = i as u16 + 1;
            match u16::try_from(*c as u32) {
                Ok(cp) => map.bmp[cp as usize] = code,
                Err(_) => map.supplementary.push((*c as u32, code)),
            }
        }
        map.supplementary.sort_unstable();
        map
    }

    /// The code of `c`, 0 when no key contains it.
    #[inline(always)]
    pub fn code(&self, c: char) -> u32 {
        self.code_of(c as u32)
    }

    /// The code of code point `cp`, 0 when no key contains it.
    #[inline(always)]
    pub fn code_of(&self, cp: u32) -> u32 {
        match self.bmp.get(cp as usize) {
            Some(&code) => code as u32,
            None => self
                .supplementary
                .binary_search_by_key(&cp, |&(c, _)| c)
                .map_or(0, |i| self.supplementary[i].1 as u32),
        }
    }

    /// Every character that has a code, with its code.
    pub fn chars(&self) -> impl Iterator<Item = (char, u32)> + '_ {
        let bmp = self.bmp.iter().enumerate().filter(|(_, &code)| code != 0);
        let bmp = bmp.filter_map(|(cp, &code)| Some((char::from_u32(cp as u32)?, code as u32)));
        let supp = self.supplementary.iter();
        bmp.chain(supp.filter_map(|&(cp, code)| Some((char::from_u32(cp)?, code as u32))))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = vec![MAGIC_CODES, self.supplementary.len() as u32];
        w.extend(
            self.bmp
                .chunks(2)
                .map(|p| p[0] as u32 | (p[1] as u32) << 16),
        );
        for &(c, code) in &self.supplementary {
            w.extend([c, code as u32]);
        }
        words_to_bytes(&w)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<CodeMap> {
        let w = bytes_to_words(bytes)?;
        let (&[magic, n], rest) = w.split_first_chunk::<2>()?;
        if magic != MAGIC_CODES || rest.len() != 0x8000 + 2 * n as usize {
            return None;
        }
        let (bmp, supp) = rest.split_at(0x8000);
        Some(CodeMap {
            bmp: bmp
                .iter()
                .flat_map(|&p| [p as u16, (p >> 16) as u16])
                .collect(),
            supplementary: supp.chunks(2).map(|p| (p[0], p[1] as u16)).collect(),
        })
    }
}

/// One dictionary compiled for forward maximum matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trie {
    /// `(base, check, value)` per state.
    states: Vec<[u32; 3]>,
    /// `values + 1` offsets into `text`.
    offsets: Vec<u32>,
    text: String,
    /// Per value: the value when it is one character (most are), pushed without a memcpy.
    single: Vec<Option<char>>,
    /// For each byte: true when it is ASCII and no key starts with it, so it can be copied
    /// without decoding or walking.
    skip: [bool; 256],
    /// No key starts with an ASCII character (true of most dictionaries), so an ASCII run
    /// can be skipped eight bytes at a time.
    skip_all_ascii: bool,
    /// One bit per BMP code point: set when some key starts with it. Most CJK characters of
    /// ordinary text start no key of a Traditional-to-Simplified dictionary (59% on the
    /// zh_TW manpages), and this 8 KB table answers that from L1 where the code map and the
    /// state array would cost two cache misses.
    starts: Box<[u64; 1024]>,
}

/// A longest match: the key ends at byte `end`; `value` as in the state layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub end: usize,
    pub value: u32,
}

impl Trie {
    /// Compile `entries` (unique keys, each with its replacement). Every key character must
    /// have a code in `codes`.
    pub fn build(entries: &[(&str, &str)], codes: &CodeMap) -> Trie {
        // A plain pointer trie first, then laid out breadth first into the double array.
        struct Node {
            children: Vec<(u32, usize)>,
            value: u32,
        }
        let mut nodes = vec![Node {
            children: Vec::new(),
            value: NO_VALUE,
        }];
        let mut offsets = vec![0u32];
        let mut text = String::new();
        for (key, value) in entries {
            let mut n = 0;
            for c in key.chars() {
                let code = codes.code(c);
                assert!(code != 0, "character {c:?} has no code");
                n = match nodes[n].children.iter().find(|(k, _)| *k == code) {
                    Some(&(_, child)) => child,
                    None => {
                        nodes.push(Node {
                            children: Vec::new(),
                            value: NO_VALUE,
                        });
                        let child = nodes.len() - 1;
                        nodes[n].children.push((code, child));
                        child
                    }
                };
            }
            nodes[n].value = if key == value {
                IDENTITY
            } else {
                text.push_str(value);
                offsets.push(text.len() as u32);
                offsets.len() as u32 - 2
            };
        }

        let mut states: Vec<[u32; 3]> = vec![[0, FREE, NO_VALUE]];
        // `free.next(i)`: the first free slot at or after `i` (slot 0 is the root).
        let mut free = FreeSlots::default();
        free.take(0);
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
        while let Some((node, s)) = queue.pop_front() {
            states[s][2] = nodes[node].value;
            let children = &mut nodes[node].children;
            if children.is_empty() {
                continue;
            }
            children.sort_unstable();
            let lowest = children[0].0 as usize;
            let mut slot = free.next(lowest + 1);
            let base = loop {
                let base = slot - lowest;
                if children
                    .iter()
                    .all(|&(c, _)| free.is_free(base + c as usize))
                {
                    break base;
                }
                slot = free.next(slot + 1);
            };
            // base 0 marks a leaf for `longest`; the free-slot search starts at slot
            // lowest + 1, so an inner state's base is never 0.
            debug_assert!(base > 0);
            states[s][0] = base as u32;
            for &(c, child) in children.iter() {
                let t = base + c as usize;
                if t >= states.len() {
                    states.resize(t + 1, [0, FREE, NO_VALUE]);
                }
                states[t][1] = s as u32;
                free.take(t);
                queue.push_back((child, t));
            }
        }
        Trie::assemble(states, offsets, text, codes)
    }

    fn assemble(states: Vec<[u32; 3]>, offsets: Vec<u32>, text: String, codes: &CodeMap) -> Trie {
        let single = offsets
            .windows(2)
            .map(|w| {
                let mut chars = text[w[0] as usize..w[1] as usize].chars();
                chars.next().filter(|_| chars.next().is_none())
            })
            .collect();
        let mut trie = Trie {
            states,
            offsets,
            text,
            single,
            skip: [false; 256],
            skip_all_ascii: false,
            starts: Box::new([0; 1024]),
        };
        for b in 0..0x80u8 {
            trie.skip[b as usize] = trie.next(0, codes.code(b as char)).is_none();
        }
        trie.skip_all_ascii = trie.skip[..0x80].iter().all(|&s| s);
        for (c, code) in codes.chars() {
            let cp = c as usize;
            if cp < 0x10000 && trie.starts_with_code(code) {
                trie.starts[cp >> 6] |= 1 << (cp & 63);
            }
        }
        trie
    }

    /// Whether a key may start with code point `cp` (always true outside the BMP).
    #[inline(always)]
    fn may_start(&self, cp: u32) -> bool {
        match self.starts.get(cp as usize >> 6) {
            Some(word) => word >> (cp & 63) & 1 != 0,
            None => true,
        }
    }

    #[inline(always)]
    fn next(&self, s: u32, code: u32) -> Option<u32> {
        if code == 0 {
            return None;
        }
        let t = self.states[s as usize][0].wrapping_add(code);
        match self.states.get(t as usize) {
            Some(st) if st[1] == s => Some(t),
            _ => None,
        }
    }

    /// Whether some key begins with the character whose code is `code`.
    pub fn starts_with_code(&self, code: u32) -> bool {
        self.next(0, code).is_some()
    }

    /// Append the replacement for a `value` that is neither [`NO_VALUE`] nor [`IDENTITY`].
    #[inline(always)]
    pub fn push_value(&self, value: u32, out: &mut String) {
        match self.single[value as usize] {
            Some(c) => out.push(c),
            None => out.push_str(self.value(value)),
        }
    }

    /// The replacement for a `value` that is neither [`NO_VALUE`] nor [`IDENTITY`].
    #[inline(always)]
    pub fn value(&self, value: u32) -> &str {
        let i = value as usize;
        &self.text[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The longest key starting at byte `at` of `bytes` (a character boundary of valid
    /// UTF-8), whose first character, already decoded, is code point `first`, `step` bytes
    /// long.
    #[inline(always)]
    fn longest(
        &self,
        bytes: &[u8],
        at: usize,
        first: u32,
        step: usize,
        codes: &CodeMap,
    ) -> Option<Match> {
        let mut s = self.next(0, codes.code_of(first))?;
        let mut end = at + step;
        let mut best = None;
        loop {
            let [base, _, value] = self.states[s as usize];
            if value != NO_VALUE {
                best = Some(Match { end, value });
            }
            // A leaf keeps base 0 (see `build`): nothing can follow, so stop before decoding.
            if base == 0 || end >= bytes.len() {
                break;
            }
            let (c, len) = decode(bytes, end);
            match self.next(s, codes.code_of(c)) {
                Some(t) => {
                    s = t;
                    end += len;
                }
                None => break,
            }
        }
        best
    }

    /// Call `f(start, match)` for each forward-maximum match in `text`, left to right.
    #[inline(always)]
    pub fn for_each_match(&self, text: &str, codes: &CodeMap, mut f: impl FnMut(usize, Match)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A copy-through run: ASCII bytes that start no key, skipped without decoding.
            if self.skip[bytes[i] as usize] {
                let run = &bytes[i..];
                i += if self.skip_all_ascii {
                    ascii_run(run)
                } else {
                    run.iter()
                        .position(|&b| !self.skip[b as usize])
                        .unwrap_or(run.len())
                };
                continue;
            }
            let (first, step) = decode(bytes, i);
            if !self.may_start(first) {
                i += step;
                continue;
            }
            match self.longest(bytes, i, first, step, codes) {
                Some(m) => {
                    f(i, m);
                    i = m.end;
                }
                None => i += step,
            }
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = vec![
            MAGIC,
            self.states.len() as u32,
            self.offsets.len() as u32 - 1,
            self.text.len() as u32,
        ];
        w.extend(self.states.iter().flatten());
        w.extend(&self.offsets);
        let mut bytes = words_to_bytes(&w);
        bytes.extend(self.text.as_bytes());
        bytes.resize(bytes.len().next_multiple_of(4), 0);
        bytes
    }

    pub fn from_bytes(bytes: &[u8], codes: &CodeMap) -> Option<Trie> {
        let w = bytes_to_words(bytes.get(..16)?)?;
        let [magic, n_states, n_values, text_len] = w[..] else {
            return None;
        };
        let (n_states, n_values, text_len) =
            (n_states as usize, n_values as usize, text_len as usize);
        if magic != MAGIC {
            return None;
        }
        let states_end = 16 + 12 * n_states;
        let offsets_end = states_end + 4 * (n_values + 1);
        let words = bytes_to_words(bytes.get(16..offsets_end)?)?;
        let text = bytes.get(offsets_end..offsets_end + text_len)?;
        let text = String::from_utf8(text.to_vec()).ok()?;
        let (states, offsets) = words.split_at(3 * n_states);
        let states: Vec<[u32; 3]> = states.chunks(3).map(|s| [s[0], s[1], s[2]]).collect();
        // Reject anything that could index out of range while matching.
        let values_ok = states
            .iter()
            .all(|s| s[2] >= IDENTITY || (s[2] as usize) < n_values);
        let offsets_ok = offsets.windows(2).all(|p| p[0] <= p[1])
            && offsets.last().is_some_and(|&l| l as usize == text.len())
            && offsets.iter().all(|&o| text.is_char_boundary(o as usize));
        if states.is_empty() || !values_ok || !offsets_ok {
            return None;
        }
        Some(Trie::assemble(states, offsets.to_vec(), text, codes))
    }

    /// Heap bytes held (for the benchmark's memory notes).
    pub fn heap_bytes(&self) -> usize {
        self.states.len() * 12 + self.offsets.len() * 4 + self.text.len()
    }
}

/// Which double-array slots are taken, with "first free slot at or after i" in near-constant
/// time (union–find with path halving over "the next candidate after a taken slot").
#[derive(Default)]
struct FreeSlots {
    /// `next[i] == i`: slot i is free; otherwise a later slot to look at. Slots past the end
    /// are free.
    next: Vec<usize>,
}

impl FreeSlots {
    fn grow(&mut self, len: usize) {
        while self.next.len() < len {
            self.next.push(self.next.len());
        }
    }

    fn is_free(&self, i: usize) -> bool {
        self.next.get(i).map_or(true, |&n| n == i)
    }

    fn take(&mut self, i: usize) {
        self.grow(i + 2);
        self.next[i] = i + 1;
    }

    fn next(&mut self, mut i: usize) -> usize {
        while i < self.next.len() && self.next[i] != i {
            let n = self.next[i];
            if n < self.next.len() {
                self.next[i] = self.next[n];
            }
            i = n;
        }
        i
    }
}

/// The code point and byte length of the character starting at `bytes[i]`, which must be a
/// character boundary of valid UTF-8 (the bytes of a `&str`). Decoding by hand instead of
/// through `str::chars` saves the boundary checks and iterator state that otherwise cost
/// as much as the trie walk itself.
#[inline(always)]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let cont = |b: u8| b as u32 & 0x3f;
    match *bytes.get(i..).unwrap_or_default() {
        [b0, ..] if b0 < 0x80 => (b0 as u32, 1),
        // Three-byte sequences (all of CJK in the BMP) first: they are nearly every call.
        [b0, b1, b2, ..] if (0xe0..0xf0).contains(&b0) => {
            ((b0 as u32 & 0x0f) << 12 | cont(b1) << 6 | cont(b2), 3)
        }
        [b0, b1, ..] if b0 < 0xe0 => ((b0 as u32 & 0x1f) << 6 | cont(b1), 2),
        [b0, b1, b2, b3, ..] => (
            (b0 as u32 & 0x07) << 18 | cont(b1) << 12 | cont(b2) << 6 | cont(b3),
            4,
        ),
        // Not reachable for the bytes of a `&str`; step one byte so no loop can stall.
        _ => (u32::MAX, 1),
    }
}

/// Length of the ASCII prefix of `bytes`, read a word at a time.
#[inline(always)]
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(&word) = bytes.get(n..).and_then(|b| b.first_chunk::<8>()) {
        let high = u64::from_le_bytes(word) & HIGH;
        if high != 0 {
            return n + high.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|&b| !b.is_ascii())
        .unwrap_or(bytes.len() - n)
}

fn words_to_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn bytes_to_words(bytes: &[u8]) -> Option<Vec<u32>> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_run_stops_at_the_first_non_ascii_byte() {
        for prefix in 0..20 {
            let text = format!("{}汉x", "a".repeat(prefix));
            assert_eq!(ascii_run(text.as_bytes()), prefix);
            assert_eq!(ascii_run("a".repeat(prefix).as_bytes()), prefix);
        }
    }
}
