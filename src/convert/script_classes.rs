//! The Simplified/Traditional class of every code point, compiled by build.rs.
//!
//! [`super::script`] counts, for every character of every text the pipeline converts,
//! whether only s2t or only t2s would change it. Building that table from the character
//! dictionaries at start-up cost about 10M instructions (parsing three dictionaries,
//! classifying every BMP code point), more than counting a megabyte of text with it; so
//! build.rs builds it with this code and the library embeds the bytes (a test rebuilds it
//! from the embedded dictionaries and compares). It also holds each code point's kana and
//! Han bits, which the same count needs: testing ranges per character cost as much again.

/// Only s2t changes it: Simplified evidence.
pub const SIMPLIFIED: u8 = 1;
/// Only t2s changes it: Traditional evidence.
pub const TRADITIONAL: u8 = 2;
/// Hiragana or katakana.
pub const KANA: u8 = 4;
/// A Han character (`crate::model::is_han`; a test checks every entry against it).
pub const HAN: u8 = 8;

/// One byte per code point up to the BMP's end or the largest classified key, whichever is
/// further: [`SIMPLIFIED`], [`TRADITIONAL`] or neither (both dictionaries change it, or
/// neither does), plus [`KANA`] or [`HAN`].
///
/// A key counts when the dictionary's first choice changes it. For s2t, a key also listed
/// among its own values (`里\t裏 里 哩`: 里 is the Traditional for a mile too) is not
/// Simplified evidence: s2t over Traditional text is not a fixpoint (鄰里 → 鄰裏), so
/// Traditional text must not be taken for Simplified. t2s over Simplified text is one, so
/// the other direction keeps such keys.
#[cfg_attr(not(test), allow(dead_code))]
pub fn build(s2t: &[&[(&str, &str)]], t2s: &[&[(&str, &str)]]) -> Vec<u8> {
    let changed = |dicts: &[&[(&str, &str)]], shared_counts: bool| -> Vec<char> {
        dicts
            .iter()
            .flat_map(|d| d.iter())
            .filter(|(k, v)| v.split(' ').next() != Some(*k))
            .filter(|(k, v)| shared_counts || !own_value(k, v))
            .filter_map(|(k, _)| single_char(k))
            .collect()
    };
    let by_s2t = changed(s2t, false);
    let by_t2s = changed(t2s, true);
    let len = by_s2t
        .iter()
        .chain(&by_t2s)
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut table = vec![0u8; len.max(0x10000)];
    for &c in &by_s2t {
        table[c as usize] |= SIMPLIFIED;
    }
    for &c in &by_t2s {
        table[c as usize] |= TRADITIONAL;
    }
    for (cp, class) in table.iter_mut().enumerate() {
        if *class == SIMPLIFIED | TRADITIONAL {
            *class = 0;
        }
        *class |= script_of(cp as u32);
    }
    table
}

/// [`KANA`], [`HAN`] or 0.
pub fn script_of(cp: u32) -> u8 {
    match cp {
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => KANA,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x3134F => HAN,
        _ => 0,
    }
}

/// A character dictionary's entries, each key with all its values (`裏 里 哩`).
pub fn entries(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// Is `key` among its own `values` (a character both scripts write)?
pub fn own_value(key: &str, values: &str) -> bool {
    values.split(' ').any(|v| v == key)
}

/// The only character of `s`, if it has exactly one.
pub fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}
