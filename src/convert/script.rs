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
use super::Script;
use std::sync::OnceLock;

const NONE: u8 = 0;
const SIMPLIFIED: u8 = 1;
const TRADITIONAL: u8 = 2;

/// Evidence class by code point, for every code point up to the largest dictionary key.
fn table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let changed = |files: &[&str]| -> Vec<char> {
            files
                .iter()
                .filter_map(|f| data::char_dict(f))
                .flatten()
                .filter(|(k, v)| k != v)
                .filter_map(|(k, _)| single_char(k))
                .collect()
        };
        let by_s2t = changed(&["STCharacters"]);
        let by_t2s = changed(&["TSCharacters", "TSCharactersExt"]);
        let max = by_s2t.iter().chain(&by_t2s).map(|&c| c as usize).max();
        let mut table = vec![NONE; max.map_or(0, |m| m + 1)];
        for &c in &by_s2t {
            table[c as usize] |= SIMPLIFIED;
        }
        for &c in &by_t2s {
            table[c as usize] |= TRADITIONAL;
        }
        for class in table.iter_mut() {
            if *class == SIMPLIFIED | TRADITIONAL {
                *class = NONE;
            }
        }
        table
    })
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// See the module documentation.
pub fn detect_script(text: &str) -> Script {
    let table = table();
    let (mut simplified, mut traditional) = (0usize, 0usize);
    // Every Han character is at least three bytes in UTF-8; skipping ASCII runs first keeps
    // English and markup nearly free.
    for c in text.chars().filter(|c| !c.is_ascii()) {
        match table.get(c as usize) {
            Some(&SIMPLIFIED) => simplified += 1,
            Some(&TRADITIONAL) => traditional += 1,
            _ => {}
        }
    }
    match simplified.cmp(&traditional) {
        std::cmp::Ordering::Greater => Script::Simplified,
        std::cmp::Ordering::Less => Script::Traditional,
        std::cmp::Ordering::Equal => Script::Neutral,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_traditional_and_neutral() {
        assert_eq!(detect_script("这是简体中文。"), Script::Simplified);
        assert_eq!(detect_script("這是繁體中文。"), Script::Traditional);
        assert_eq!(detect_script("中文"), Script::Neutral);
        assert_eq!(detect_script("plain ASCII"), Script::Neutral);
        assert_eq!(detect_script(""), Script::Neutral);
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
