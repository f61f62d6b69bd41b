//! Every pair of neighbouring Han characters inside a phrase of OpenCC's phrase
//! dictionaries, compiled by build.rs into a sorted table of 8-byte records.
//!
//! The mojibake pre-filter takes a rare character that forms a dictionary word with its
//! neighbour for real text. The text model's words come from jieba (Simplified, converted
//! to Traditional by s2t), so Taiwan's own vocabulary (檔名, 字串, 金鑰, 螢幕, 佇列) is
//! missing there and clean zh_TW man pages sent five times as many lines to the search as
//! zh_CN ones; OpenCC's phrase lists (s2twp's TWPhrases among them) know those words.

use super::script_classes::{script_of, HAN};

/// The sorted, deduplicated pairs as little-endian `(a << 32) | b` records.
#[cfg_attr(not(test), allow(dead_code))]
pub fn build(dicts: &[&[(&str, &str)]]) -> Vec<u8> {
    let han = |c: &char| script_of(*c as u32) == HAN;
    let mut pairs: Vec<u64> = dicts
        .iter()
        .flat_map(|d| d.iter())
        .flat_map(|(k, v)| [*k, *v])
        .flat_map(|phrase| {
            let chars: Vec<char> = phrase.chars().collect();
            chars
                .windows(2)
                .filter(|w| han(&w[0]) && han(&w[1]))
                .map(|w| key(w[0], w[1]))
                .collect::<Vec<_>>()
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs.iter().flat_map(|p| p.to_le_bytes()).collect()
}

fn key(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

/// Is `a` followed by `b` inside some phrase of `table` (as [`build`] wrote it)?
pub fn contains(table: &[u8], a: char, b: char) -> bool {
    let want = key(a, b);
    let (mut lo, mut hi) = (0, table.len() / 8);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let Some(record) = table
            .get(mid * 8..mid * 8 + 8)
            .and_then(|r| r.first_chunk::<8>())
        else {
            return false;
        };
        match u64::from_le_bytes(*record).cmp(&want) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_pairs_are_the_phrase_dictionaries_pairs() {
        let table = super::super::data::PHRASE_PAIRS;
        assert!(
            table.len() % 8 == 0 && table.len() > 8 * 10_000,
            "{}",
            table.len()
        );
        // Taiwan's vocabulary (TWPhrases) and a Simplified phrase (STPhrases).
        for (a, b) in [
            ('檔', '名'),
            ('字', '串'),
            ('金', '鑰'),
            ('螢', '幕'),
            ('万', '向'),
        ] {
            assert!(contains(table, a, b), "{a}{b}");
        }
        assert!(!contains(table, '名', '檔'));
        assert!(!contains(table, 'a', 'b'));
        let built = build(&[&[("檔名", "文件名"), ("x字串", "")]]);
        assert!(contains(&built, '檔', '名') && contains(&built, '件', '名'));
        assert!(contains(&built, '字', '串') && !contains(&built, 'x', '字'));
        assert_eq!(built.len(), 4 * 8);
    }
}
