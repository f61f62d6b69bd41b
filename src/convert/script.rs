//! Which script a text is in, judged by the characters conversion would change.
//!
//! A character is *traditional evidence* when t2s's character dictionaries
//! (`TSCharacters`, `TSCharactersExt`) change it and s2t's (`STCharacters`) do not, and
//! *simplified evidence* in the opposite case. Characters both would change (a handful of
//! one-to-many pairs) and characters neither would change (the shared majority: 中, 人, …)
//! say nothing. The text is in whichever script has more evidence; equal counts, including
//! none at all, are [`Script::Neutral`]. Counting rather than stopping at the first hit
//! keeps one quoted traditional name from turning a simplified page traditional.

use super::data;
use super::trie::{ascii_run, decode};
use super::Script;
use std::sync::OnceLock;

// Class bits of a code point. SIMPLIFIED and TRADITIONAL are exclusive (a character both
// dictionaries change is neither); so are KANA and HAN.
const NONE: u8 = 0;
const SIMPLIFIED: u8 = 1;
const TRADITIONAL: u8 = 2;
const KANA: u8 = 4;
const HAN: u8 = 8;

fn is_kana(cp: u32) -> bool {
    matches!(cp, 0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Class bits for every code point up to the BMP's end or the largest dictionary key,
/// whichever is further, so that counting costs one lookup per character.
fn table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // A key counts when the dictionary's first choice changes it. For s2t, a key
        // also listed among its own values (`里\t裏 里 哩`: 里 is the Traditional for a
        // mile too) is not Simplified evidence: s2t over Traditional text is not a
        // fixpoint (鄰里 → 鄰裏), so Traditional text must not be taken for Simplified.
        // t2s over Simplified text is one, so the other direction keeps such keys.
        let changed = |files: &[&str], shared_counts: bool| -> Vec<char> {
            files
                .iter()
                .filter_map(|f| data::char_dict(f))
                .flatten()
                .filter(|(k, v)| v.split(' ').next() != Some(*k))
                .filter(|(k, v)| shared_counts || !own_value(k, v))
                .filter_map(|(k, _)| single_char(k))
                .collect()
        };
        let by_s2t = changed(&["STCharacters"], false);
        let by_t2s = changed(&["TSCharacters", "TSCharactersExt"], true);
        let max = by_s2t.iter().chain(&by_t2s).map(|&c| c as usize).max();
        let mut table = vec![NONE; max.map_or(0, |m| m + 1).max(0x10000)];
        for &c in &by_s2t {
            table[c as usize] |= SIMPLIFIED;
        }
        for &c in &by_t2s {
            table[c as usize] |= TRADITIONAL;
        }
        for (cp, class) in table.iter_mut().enumerate() {
            if *class == SIMPLIFIED | TRADITIONAL {
                *class = NONE;
            }
            *class |= class_of_script(cp as u32);
        }
        table
    })
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// What a text holds that decides its conversion; see [`evidence`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Characters only s2t would change.
    pub simplified: usize,
    /// Characters only t2s would change.
    pub traditional: usize,
    /// Hiragana and katakana.
    pub kana: usize,
    /// Han characters.
    pub han: usize,
}

impl Evidence {
    /// The script with more evidence; equal counts (including none) are neutral.
    pub fn script(&self) -> Script {
        match self.simplified.cmp(&self.traditional) {
            std::cmp::Ordering::Greater => Script::Simplified,
            std::cmp::Ordering::Less => Script::Traditional,
            std::cmp::Ordering::Equal => Script::Neutral,
        }
    }

    /// Is this Japanese? Its kanji are neither script's, and converting them to
    /// Simplified or Traditional Chinese would damage it. Japanese prose writes kana for
    /// a third or more of its characters; a Chinese text quoting one Japanese name has a
    /// handful. Kana making up at least 10% of the Han-and-kana text, and at least 3 of
    /// them, separates the two on every control we have with a wide margin.
    pub fn is_japanese(&self) -> bool {
        self.kana >= 3 && self.kana * 10 >= self.kana + self.han
    }
}

/// KANA, HAN or neither.
fn class_of_script(cp: u32) -> u8 {
    match char::from_u32(cp) {
        _ if is_kana(cp) => KANA,
        Some(c) if crate::model::is_han(c) => HAN,
        _ => NONE,
    }
}

/// Count the evidence in `text`: one pass, one table lookup and one increment per
/// non-ASCII character (a histogram of classes, summed per bit at the end). This runs over
/// every text the pipeline converts.
pub fn evidence(text: &str) -> Evidence {
    let table = table();
    let mut histogram = [0usize; 16];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i += ascii_run(&bytes[i..]);
        if i >= bytes.len() {
            break;
        }
        let (cp, len) = decode(bytes, i);
        i += len;
        let class = match table.get(cp as usize) {
            Some(&class) => class,
            None => class_of_script(cp),
        };
        histogram[class as usize & 15] += 1;
    }
    let count = |bit: u8| -> usize {
        (0..16)
            .filter(|class| class & bit != 0)
            .map(|class| histogram[class as usize])
            .sum()
    };
    Evidence {
        simplified: count(SIMPLIFIED),
        traditional: count(TRADITIONAL),
        kana: count(KANA),
        han: count(HAN),
    }
}

/// Is `c` a kanji only Japanese writes: a shinjitai form (営, 総, 覧) that OpenCC's
/// `JPShinjitaiCharacters` maps to a different Traditional character and does not list
/// among its own Traditional forms (刹 is written in both, so it is not one). Chinese text
/// does not hold these, so they are evidence of Japanese, not of a wrong decode.
pub fn is_japanese_kanji(c: char) -> bool {
    static SET: OnceLock<std::collections::HashSet<char>> = OnceLock::new();
    SET.get_or_init(|| {
        data::char_dict("JPShinjitaiCharacters")
            .into_iter()
            .flatten()
            .filter(|(k, v)| !own_value(k, v))
            .filter_map(|(k, _)| single_char(k))
            .collect()
    })
    .contains(&c)
}

/// Is `key` among its own `values` (a character both scripts write)?
fn own_value(key: &str, values: &str) -> bool {
    values.split(' ').any(|v| v == key)
}

/// See the module documentation.
pub fn detect_script(text: &str) -> Script {
    evidence(text).script()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_only_kanji() {
        for c in ['営', '総', '覧'] {
            assert!(is_japanese_kanji(c), "{c}");
        }
        // Written in Chinese too: 刹 (listed among its own forms), 總, 中.
        for c in ['刹', '總', '中', 'a'] {
            assert!(!is_japanese_kanji(c), "{c}");
        }
    }

    #[test]
    fn simplified_traditional_and_neutral() {
        assert_eq!(detect_script("这是简体中文。"), Script::Simplified);
        assert_eq!(detect_script("這是繁體中文。"), Script::Traditional);
        assert_eq!(detect_script("中文"), Script::Neutral);
        assert_eq!(detect_script("plain ASCII"), Script::Neutral);
        assert_eq!(detect_script(""), Script::Neutral);
    }

    #[test]
    fn japanese_is_recognised_by_its_kana() {
        assert!(evidence("ファイルシステムの最終ブロックを設定する。").is_japanese());
        assert!(!evidence(
            "他在東京的ホテル住了三天，覺得服務很好，房間乾淨，早餐豐富，以後還會再來這裡旅行。"
        )
        .is_japanese());
        assert!(!evidence("這是繁體中文。").is_japanese());
    }

    #[test]
    fn the_majority_decides() {
        // One traditional name quoted in simplified prose.
        assert_eq!(
            detect_script("他说《臺灣》这本书很好看"),
            Script::Simplified
        );
        assert_eq!(detect_script("這本書说"), Script::Traditional);
        assert_eq!(detect_script("这書"), Script::Neutral);
    }
}
