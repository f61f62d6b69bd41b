//! The model's tables as flat little-endian arrays, compiled from `data/model/*.tsv` by
//! `build.rs` and searched in place.
//!
//! Parsing the TSVs into hash maps cost every process about 55M instructions before it
//! could score a character. A table here is a sorted array of keys followed by the
//! values in the same order: a lookup is a binary search over the bytes, and loading is
//! nothing at all. `build.rs` includes this file to write the tables, so the layout has
//! one definition.
//!
//! Layout: `n: u32`, then `n` keys (`u32` for one character, `u64` `a << 32 | b` for a
//! pair or [`word_key`] for a word), then `n × width` `f32` values (a NaN is a value the row lacks).

/// A key: one character or a pair.
pub trait Key: Copy + Ord {
    const BYTES: usize;
    fn read(b: &[u8]) -> Self;
    #[cfg_attr(not(test), allow(dead_code))]
    fn write(self, out: &mut Vec<u8>);
}

macro_rules! key {
    ($t:ty, $n:literal) => {
        impl Key for $t {
            const BYTES: usize = $n;
            fn read(b: &[u8]) -> $t {
                let mut a = [0u8; $n];
                a.copy_from_slice(&b[..$n]);
                <$t>::from_le_bytes(a)
            }
            fn write(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    };
}
key!(u32, 4);
key!(u64, 8);

/// The key of a character pair.
pub fn pair(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

/// The key of a word: its FNV-1a hash. Two words sharing a hash would share a count;
/// with ~220k words in a 64-bit space that does not happen (build.rs checks).
pub fn word_key(chars: impl IntoIterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Bits in the Bloom filter over the word table's keys (`words_bloom.bin`, written by
/// build.rs). Most strings a segmentation asks about are not words, and the binary
/// search that said so was two thirds of hole filling's time (a PUA-drop line tries
/// ~2,000 pairs at each break, each window segmented whole). Two bits of 8M (1 MB) per
/// word (523k words): about 1.4% of non-words get through to the search.
pub const BLOOM_BITS: usize = 1 << 23;

fn bloom_bits(key: u64) -> [usize; 2] {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The top bits and a middle stretch: two indexes from one multiply.
    let top = 64 - BLOOM_BITS.trailing_zeros();
    [(h >> top) as usize, (h >> 10) as usize & (BLOOM_BITS - 1)]
}

/// The filter's bytes for `keys`.
#[cfg_attr(not(test), allow(dead_code))]
pub fn bloom(keys: impl Iterator<Item = u64>) -> Vec<u8> {
    let mut bits = vec![0u8; BLOOM_BITS / 8];
    for key in keys {
        for b in bloom_bits(key) {
            bits[b / 8] |= 1 << (b % 8);
        }
    }
    bits
}

/// `false` when `key` is certainly not in the set `bits` was built from.
pub fn bloom_may_hold(bits: &[u8], key: u64) -> bool {
    bloom_bits(key)
        .iter()
        .all(|&b| bits.get(b / 8).is_some_and(|x| x & (1 << (b % 8)) != 0))
}

/// A compiled table of `W` values per key.
#[derive(Clone, Copy)]
pub struct Table<'a, K, const W: usize> {
    keys: &'a [u8],
    values: &'a [u8],
    _key: std::marker::PhantomData<K>,
}

impl<'a, K: Key, const W: usize> Table<'a, K, W> {
    /// The table in `bytes`; an empty one when they are too short (never for our own
    /// build output).
    pub fn new(bytes: &'a [u8]) -> Self {
        let n = bytes.get(..4).map_or(0, |b| u32::read(b) as usize);
        let keys_end = 4 + n * K::BYTES;
        match (
            bytes.get(4..keys_end),
            bytes.get(keys_end..keys_end + n * W * 4),
        ) {
            (Some(keys), Some(values)) => Table {
                keys,
                values,
                _key: std::marker::PhantomData,
            },
            _ => Table {
                keys: &[],
                values: &[],
                _key: std::marker::PhantomData,
            },
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len() / K::BYTES
    }

    /// The values of `key`, `None` when the table lacks it.
    pub fn get(&self, key: K) -> Option<[f32; W]> {
        self.get_between(key, 0, self.len())
    }

    /// [`Table::get`] among rows `lo..hi` only, the rows `key` can be in.
    fn get_between(&self, key: K, lo: usize, hi: usize) -> Option<[f32; W]> {
        let (mut lo, mut hi) = (lo, hi.min(self.len()));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = K::read(&self.keys[mid * K::BYTES..]);
            match k.cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.value(mid)),
            }
        }
        None
    }

    /// Every row, in key order.
    pub fn rows(&self) -> impl Iterator<Item = (K, [f32; W])> + '_ {
        (0..self.len()).map(move |i| (K::read(&self.keys[i * K::BYTES..]), self.value(i)))
    }

    fn value(&self, row: usize) -> [f32; W] {
        let mut out = [0f32; W];
        for (i, v) in out.iter_mut().enumerate() {
            let at = (row * W + i) * 4;
            *v = f32::from_bits(u32::read(&self.values[at..]));
        }
        out
    }
}

/// A table of single characters with a direct index for the BMP: the row of each BMP
/// character, built from the rows at the first lookup (128 KB; clean text, which never
/// asks, does not pay for it), so a lookup is an index rather than a binary search. The
/// running-text model asks for a character's row at every step of every guess (back-off
/// weight, continuation probability).
pub struct CharTable<'a, const W: usize> {
    table: Table<'a, u32, W>,
    /// Row of each BMP character, [`NO_ROW`] when absent; empty when the table has too
    /// many rows for a `u16` (then every lookup searches).
    bmp: std::sync::OnceLock<Box<[u16]>>,
}

const NO_ROW: u16 = u16::MAX;

impl<'a, const W: usize> CharTable<'a, W> {
    pub fn new(bytes: &'a [u8]) -> Self {
        CharTable {
            table: Table::new(bytes),
            bmp: std::sync::OnceLock::new(),
        }
    }

    fn bmp(&self) -> &[u16] {
        self.bmp.get_or_init(|| {
            if self.table.len() >= usize::from(NO_ROW) {
                return Box::default();
            }
            let mut rows = vec![NO_ROW; 0x10000].into_boxed_slice();
            for (row, (c, _)) in self.table.rows().enumerate() {
                if let Some(slot) = rows.get_mut(c as usize) {
                    *slot = row as u16;
                }
            }
            rows
        })
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// The values of `c`, `None` when the table lacks it.
    pub fn get(&self, c: u32) -> Option<[f32; W]> {
        match self.bmp().get(c as usize) {
            Some(&NO_ROW) => None,
            Some(&row) => Some(self.table.value(usize::from(row))),
            None => self.table.get(c),
        }
    }
}

/// A table of character pairs with an index by first character: entry `a` of the index
/// (a `u32` row number, one per BMP character and one past the end) is the first row whose
/// pair starts with `a`, so a lookup searches only that character's rows (a few dozen)
/// rather than all of them (over 100k, 17 halvings). The repairs ask for pairs more than
/// for anything else: the pre-filter's word pairs, every guess's context.
#[derive(Clone, Copy)]
pub struct PairTable<'a, const W: usize> {
    table: Table<'a, u64, W>,
    index: &'a [u8],
}

impl<'a, const W: usize> PairTable<'a, W> {
    /// The table in `bytes` with its index, both as build.rs wrote them.
    pub fn new(bytes: &'a [u8], index: &'a [u8]) -> Self {
        PairTable {
            table: Table::new(bytes),
            index,
        }
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Every row as (first character, second character, values), in key order.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn rows(&self) -> impl Iterator<Item = (char, char, [f32; W])> + '_ {
        self.table.rows().filter_map(|(key, v)| {
            let (a, b) = ((key >> 32) as u32, key as u32);
            Some((char::from_u32(a)?, char::from_u32(b)?, v))
        })
    }

    /// The values of the pair `a b`, `None` when the table lacks it.
    pub fn get(&self, a: char, b: char) -> Option<[f32; W]> {
        let at = a as usize * 4;
        match self.index.get(at..at + 8) {
            Some(bounds) => {
                let (lo, hi) = (u32::read(bounds), u32::read(&bounds[4..]));
                self.table.get_between(pair(a, b), lo as usize, hi as usize)
            }
            // Beyond the BMP (or no index): search every row.
            None => self.table.get(pair(a, b)),
        }
    }
}

/// The index [`PairTable`] reads for the pair table in `bytes` (build.rs and tests).
#[cfg_attr(not(test), allow(dead_code))]
pub fn pair_index<const W: usize>(bytes: &[u8]) -> Vec<u8> {
    let keys: Vec<u64> = Table::<u64, W>::new(bytes).rows().map(|(k, _)| k).collect();
    let mut out = Vec::with_capacity((0x10000 + 1) * 4);
    let mut row = 0;
    for a in 0..=0x10000u64 {
        while keys.get(row).is_some_and(|k| k >> 32 < a) {
            row += 1;
        }
        (row as u32).write(&mut out);
    }
    out
}

/// Serialise rows (sorted here) into the layout [`Table::new`] reads (build.rs and tests).
#[cfg_attr(not(test), allow(dead_code))]
pub fn compile<K: Key, const W: usize>(mut rows: Vec<(K, [f32; W])>) -> Vec<u8> {
    rows.sort_by_key(|r| r.0);
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut out = Vec::with_capacity(4 + rows.len() * (K::BYTES + 4 * W));
    (rows.len() as u32).write(&mut out);
    for (k, _) in &rows {
        k.write(&mut out);
    }
    for (_, vs) in &rows {
        for v in vs {
            v.to_bits().write(&mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_rows_are_found_in_place() {
        let bytes = compile::<u64, 2>(vec![
            (pair('中', '文'), [1.5, f32::NAN]),
            (pair('a', 'b'), [-2.0, 3.0]),
        ]);
        let t = Table::<u64, 2>::new(&bytes);
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(pair('a', 'b')), Some([-2.0, 3.0]));
        let [v, missing] = t.get(pair('中', '文')).unwrap();
        assert_eq!(v, 1.5);
        assert!(missing.is_nan());
        assert_eq!(t.get(pair('文', '中')), None);
    }

    #[test]
    fn the_bloom_filter_holds_what_it_was_built_from() {
        let keys: Vec<u64> = ["中文", "除非", "化学品"]
            .iter()
            .map(|w| word_key(w.chars()))
            .collect();
        let bits = bloom(keys.iter().copied());
        assert!(keys.iter().all(|&k| bloom_may_hold(&bits, k)));
        assert!(!bloom_may_hold(&bits, word_key("个文".chars())));
        assert!(!bloom_may_hold(&[], keys[0]));
    }

    #[test]
    fn the_pair_index_finds_every_pair_and_only_those() {
        let rows = vec![
            (pair('中', '文'), [1.0]),
            (pair('中', '国'), [2.0]),
            (pair('a', 'b'), [3.0]),
            (pair('\u{FFFF}', 'x'), [4.0]),
            (pair('😀', '中'), [5.0]),
            (pair('\u{0}', '\u{0}'), [6.0]),
        ];
        let bytes = compile::<u64, 1>(rows.clone());
        let index = pair_index::<1>(&bytes);
        let t = PairTable::<1>::new(&bytes, &index);
        for (key, value) in rows {
            let (a, b) = (key >> 32, key & 0xFFFF_FFFF);
            let (a, b) = (
                char::from_u32(a as u32).unwrap(),
                char::from_u32(b as u32).unwrap(),
            );
            assert_eq!(t.get(a, b), Some(value), "{a}{b}");
        }
        for (a, b) in [
            ('中', '人'),
            ('文', '中'),
            ('b', 'a'),
            ('😀', '文'),
            ('\u{FFFF}', 'y'),
        ] {
            assert_eq!(t.get(a, b), None, "{a}{b}");
        }
        // Without an index every row is searched.
        assert_eq!(
            PairTable::<1>::new(&bytes, &[]).get('中', '国'),
            Some([2.0])
        );
    }

    #[test]
    fn the_char_index_answers_as_the_search_does() {
        let bytes = compile::<u32, 2>(vec![
            ('中' as u32, [1.0, 2.0]),
            (0, [3.0, 4.0]),
            (0xFFFF, [5.0, 6.0]),
            ('😀' as u32, [7.0, 8.0]),
        ]);
        let (t, search) = (CharTable::<2>::new(&bytes), Table::<u32, 2>::new(&bytes));
        for c in [
            0,
            'a' as u32,
            '中' as u32,
            '文' as u32,
            0xFFFF,
            0x10000,
            '😀' as u32,
        ] {
            assert_eq!(t.get(c), search.get(c), "U+{c:04X}");
        }
        assert_eq!(t.get('中' as u32), Some([1.0, 2.0]));
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn truncated_bytes_give_an_empty_table() {
        let bytes = compile::<u32, 1>(vec![(7, [1.0])]);
        let t = Table::<u32, 1>::new(&bytes[..bytes.len() - 1]);
        assert_eq!(t.get(7), None);
    }
}
