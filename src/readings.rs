//! Pinyin readings of Han characters, from the `pinyin` crate's Unihan-derived data
//! (every heteronym, not only the most common reading).
//!
//! Annotation stripping and misalignment repair ask one question: "is `py` a reading of
//! `c`?", where `py` may be written with tone marks (`xiàng`), tone digits (`xiang4`), `v`
//! or `ü` (`lv4`, `lǜ`), or without tone. [`normalize`] maps all of these to one form:
//! toneless letters with `ü` as `v`, plus the tone digit (0 when absent).

use pinyin::ToPinyinMulti;

/// A syllable in canonical form: ASCII letters (`ü` → `v`) and a tone 0–5 (0 = unmarked).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Syllable {
    pub letters: String,
    pub tone: u8,
}

/// Parse one written syllable (`xiàng`, `xiang4`, `lü`, `lv3`, `XIANG`). `None` if it is
/// not shaped like a pinyin syllable.
pub fn normalize(written: &str) -> Option<Syllable> {
    let mut letters = String::with_capacity(written.len());
    let mut tone = 0u8;
    for c in written.chars() {
        let c = fold_width(c);
        match c {
            'a'..='z' => letters.push(c),
            'A'..='Z' => letters.push(c.to_ascii_lowercase()),
            '1'..='5' if tone == 0 => tone = c as u8 - b'0',
            _ => {
                let (base, t) = strip_tone_mark(c)?;
                letters.push(base);
                if t != 0 {
                    if tone != 0 {
                        return None;
                    }
                    tone = t;
                }
            }
        }
    }
    if letters.is_empty() || letters.len() > 6 {
        return None;
    }
    Some(Syllable { letters, tone })
}

/// Is `written` a reading of `c`? Tone must agree when both sides carry one.
pub fn is_reading(c: char, written: &str) -> bool {
    let Some(want) = normalize(written) else {
        return false;
    };
    readings(c).any(|r| r.letters == want.letters && (want.tone == 0 || r.tone == want.tone))
}

/// Every reading the data knows for `c` (empty for non-Han characters).
pub fn readings(c: char) -> impl Iterator<Item = Syllable> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|multi| multi.into_iter())
        .filter_map(|p| normalize(p.with_tone()))
}

/// Every syllable the data knows for any character, as toneless letters (`v` for `ü`):
/// a few hundred. Read from the toneless spellings, which are static strings, so the
/// 21,000 characters cost a lookup each and only the distinct spellings are normalised
/// (normalising every reading of every character cost 20M instructions, paid by the
/// first text holding a tone-marked `(…)`; hashing every spelling, 7M).
pub fn all_syllables() -> std::collections::HashSet<String> {
    // The spellings are the crate's own static strings: keyed by address, each distinct
    // one is normalised once (equal strings at two addresses are merely normalised twice).
    let mut seen = rustc_hash::FxHashMap::<usize, &'static str>::default();
    for c in (0x4E00u32..=0x9FFF).filter_map(char::from_u32) {
        for p in c.to_pinyin_multi().into_iter().flat_map(|m| m.into_iter()) {
            seen.entry(p.plain().as_ptr() as usize).or_insert(p.plain());
        }
    }
    seen.into_values()
        .filter_map(normalize)
        .map(|s| s.letters)
        .collect()
}

fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0xFF10..=0xFF19 => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// A vowel with a tone mark → (base letter, tone). `ü` is written `v`.
fn strip_tone_mark(c: char) -> Option<(char, u8)> {
    const TABLE: [(char, char, u8); 29] = [
        ('ā', 'a', 1),
        ('á', 'a', 2),
        ('ǎ', 'a', 3),
        ('à', 'a', 4),
        ('ē', 'e', 1),
        ('é', 'e', 2),
        ('ě', 'e', 3),
        ('è', 'e', 4),
        ('ī', 'i', 1),
        ('í', 'i', 2),
        ('ǐ', 'i', 3),
        ('ì', 'i', 4),
        ('ō', 'o', 1),
        ('ó', 'o', 2),
        ('ǒ', 'o', 3),
        ('ò', 'o', 4),
        ('ū', 'u', 1),
        ('ú', 'u', 2),
        ('ǔ', 'u', 3),
        ('ù', 'u', 4),
        ('ǖ', 'v', 1),
        ('ǘ', 'v', 2),
        ('ǚ', 'v', 3),
        ('ǜ', 'v', 4),
        ('ü', 'v', 0),
        ('ń', 'n', 2),
        ('ň', 'n', 3),
        ('ǹ', 'n', 4),
        ('ḿ', 'm', 2),
    ];
    TABLE
        .iter()
        .find(|(m, _, _)| *m == c)
        .map(|&(_, b, t)| (b, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_syllable_agree() {
        let a = normalize("lǜ").unwrap();
        assert_eq!(
            a,
            Syllable {
                letters: "lv".into(),
                tone: 4
            }
        );
        assert_eq!(normalize("lv4").unwrap(), a);
        assert_eq!(normalize("ｌｖ４").unwrap(), a);
    }

    #[test]
    fn all_syllables_are_every_characters_readings() {
        let mut want = std::collections::HashSet::new();
        for c in (0x4E00u32..=0x9FFF).filter_map(char::from_u32) {
            want.extend(readings(c).map(|s| s.letters));
        }
        let got = all_syllables();
        assert_eq!(got, want);
        assert!(got.contains("lv") && got.contains("zhuang") && !got.contains("xyz"));
    }

    #[test]
    fn heteronyms_count() {
        assert!(is_reading('長', "cháng"));
        assert!(is_reading('長', "zhǎng"));
        assert!(is_reading('項', "xiàng"));
        assert!(is_reading('細', "xi4"));
        assert!(!is_reading('項', "xì"));
        assert!(!is_reading('排', "queue"));
    }
}
