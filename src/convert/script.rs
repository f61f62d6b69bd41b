//! Which script a text is in, judged by the characters conversion would change.
//!
//! A character is *traditional evidence* when t2s's character dictionaries
//! (`TSCharacters`, `TSCharactersExt`) change it and s2t's (`STCharacters`) do not, and
//! *simplified evidence* in the opposite case. Characters both would change (a handful of
//! one-to-many pairs) and characters neither would change (the shared majority: 中, 人, …)
//! say nothing. The text is in whichever script has more evidence; equal counts, including
//! none at all, are [`Script::Neutral`]. Counting rather than stopping at the first hit
//! keeps one quoted traditional name from turning a simplified page traditional.

use super::data::{self, SCRIPT_CLASSES};
use super::script_classes::{
    own_value, script_of, single_char, HAN, KANA, SIMPLIFIED, TRADITIONAL,
};
use super::trie::{ascii_run, decode};
use super::Script;
use std::ops::ControlFlow;
use std::sync::OnceLock;

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

/// Count the evidence in `text`: one pass, one table lookup and one increment per
/// non-ASCII character (a histogram of classes, summed per bit at the end).
/// This runs over every text the pipeline converts.
pub fn evidence(text: &str) -> Evidence {
    let mut histogram = [0usize; 16];
    let _ = each_class(text, |class| {
        histogram[usize::from(class & 15)] += 1;
        ControlFlow::Continue(())
    });
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

/// Does any character of `text` carry the class bit `bit` ([`SIMPLIFIED`] or
/// [`TRADITIONAL`])? [`evidence`]'s count is then above zero; this stops at the first one,
/// which in text of that script is within the first few characters.
pub(crate) fn holds_any(text: &str, bit: u8) -> bool {
    each_class(text, |class| match class & bit {
        0 => ControlFlow::Continue(()),
        _ => ControlFlow::Break(()),
    })
    .is_break()
}

/// Hand `visit` the class of each non-ASCII character of `text`, in order, until it
/// breaks; ASCII runs are skipped a word at a time.
fn each_class(text: &str, mut visit: impl FnMut(u8) -> ControlFlow<()>) -> ControlFlow<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += ascii_run(&bytes[i..]);
            continue;
        }
        let (cp, len) = decode(bytes, i);
        i += len;
        visit(match SCRIPT_CLASSES.get(cp as usize) {
            Some(&class) => class,
            None => script_of(cp),
        })?;
    }
    ControlFlow::Continue(())
}

/// Is `text` Japanese ([`Evidence::is_japanese`])? The same answer as counting every
/// character, found without decoding the text when it holds no kana, and by counting Han
/// characters only until they outnumber nine times the kana when it holds a few.
///
/// Kana are U+3041–30FF, U+31F0–31FF and the halfwidth U+FF66–FF9F, so in UTF-8 they
/// start with one of six byte pairs; each is found by a vectorised search, several times
/// faster than decoding every character, and each hit is decoded and counted if it is a
/// kana (the pairs also start U+3040, U+31C0–31EF and the fullwidth letters U+FF40–FF65).
/// Chinese text that quotes a name in katakana, or writes the katakana middle dot ・,
/// then stops counting Han characters within a few dozen.
pub(crate) fn is_japanese(text: &str) -> bool {
    let kana = kana_count(text);
    if kana < 3 {
        return false;
    }
    // Japanese while han <= 9 * kana (kana * 10 >= kana + han).
    let mut han = 0;
    each_class(text, |class| {
        han += usize::from(class & HAN != 0);
        if han > 9 * kana {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .is_continue()
}

/// The number of [`KANA`] characters in `text` (what [`evidence`] counts as `kana`).
fn kana_count(text: &str) -> usize {
    const LEADS: [&[u8]; 6] = [
        b"\xE3\x81",
        b"\xE3\x82",
        b"\xE3\x83",
        b"\xE3\x87",
        b"\xEF\xBD",
        b"\xEF\xBE",
    ];
    let bytes = text.as_bytes();
    LEADS
        .iter()
        .flat_map(|lead| memchr::memmem::find_iter(bytes, lead))
        .filter(|&i| {
            let (cp, _) = decode(bytes, i);
            SCRIPT_CLASSES
                .get(cp as usize)
                .is_some_and(|&c| c & KANA != 0)
        })
        .count()
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

/// Which script `c` alone is evidence of: [`Script::Simplified`] for 这, Traditional for
/// 這, Neutral for the shared majority (中) and everything that is not Han.
pub fn char_script(c: char) -> Script {
    let class = match SCRIPT_CLASSES.get(c as usize) {
        Some(&class) => class,
        None => script_of(c as u32),
    };
    match (class & SIMPLIFIED != 0, class & TRADITIONAL != 0) {
        (true, false) => Script::Simplified,
        (false, true) => Script::Traditional,
        _ => Script::Neutral,
    }
}

/// See the module documentation.
pub fn detect_script(text: &str) -> Script {
    evidence(text).script()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_classes_match_the_embedded_dictionaries() {
        let dict = |stem| {
            data::char_dict(stem)
                .map(|d| d.as_slice())
                .unwrap_or_default()
        };
        let built = super::super::script_classes::build(
            &[dict("STCharacters")],
            &[dict("TSCharacters"), dict("TSCharactersExt")],
        );
        assert!(built == SCRIPT_CLASSES);
        for (cp, &class) in SCRIPT_CLASSES.iter().enumerate() {
            let han = char::from_u32(cp as u32).is_some_and(crate::model::is_han);
            assert_eq!(class & HAN != 0, han, "U+{cp:04X}");
        }
        assert_eq!(SCRIPT_CLASSES['这' as usize], SIMPLIFIED | HAN);
        assert_eq!(SCRIPT_CLASSES['這' as usize], TRADITIONAL | HAN);
        assert_eq!(SCRIPT_CLASSES['中' as usize], HAN);
        assert_eq!(SCRIPT_CLASSES['の' as usize], KANA);
    }

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
