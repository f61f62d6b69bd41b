//! How plausible is a decoding as Chinese text?
//!
//! When the bytes alone cannot tell GB18030 from Big5 (both accept almost any pair of high
//! bytes), or chardetng has too little text to go on, zhfix decodes the input every
//! candidate way and keeps the reading that looks most like real text. This module is that
//! one cost function, shared by the file-level decision in [`crate::detect`] and the
//! per-line decision for UTF-8 files with raw legacy lines in [`crate::decode`].
//!
//! The score is the mean, over non-ASCII characters, of a per-character log-plausibility
//! (ASCII decodes the same in every candidate, so it carries no evidence):
//!
//! * Han: the model's log-probability ([`crate::model::Model::char_logp`], unseen Han at
//!   [`UNSEEN_HAN`]) plus [`BIGRAM_BONUS`] when the pair with the previous Han character is
//!   part of a dictionary word. Real text is full of such pairs; a wrong decoding of the
//!   same bytes almost never forms one, which is what separates 你好 (GBK) from 斕疑
//!   (the same bytes as Big5). A Han character alone in a Latin word scores as
//!   `IN_LATIN_WORD`, far below.
//! * CJK and general punctuation, fullwidth forms: about as likely as a common character.
//! * Hangul syllables: the same as Han, with a Korean model ([`super::hangul`]): the
//!   syllable's log-probability among Korean words, less a prior, plus [`BIGRAM_BONUS`]
//!   when it pairs with the syllable before it as in a Korean word.
//! * Kana, accented Latin letters, emoji: real text in other scripts, but a
//!   mis-decoding of Chinese produces them too, so they score like a rare character;
//!   except Hangul, Arabic and Hebrew letters in words between spaces, which score at
//!   least like a common character when a text has two such words (`SCRIPT_WORD`).
//! * Box drawing, Latin Extended, C1 controls, private-use characters and U+FFFD: what a
//!   wrong decoding produces; far below any real character.
//!
//! Every malformed sequence counts as one more character at [`MALFORMED`].

use super::hangul;
use crate::model::{is_han, Model, UNSEEN_HAN};

/// Reward for two neighbouring Han characters that form part of a dictionary word.
pub const BIGRAM_BONUS: f32 = 2.0;
/// Cost of one malformed byte sequence (and of U+FFFD, private use, C1 controls).
pub const MALFORMED: f32 = -25.0;

/// The evidence one decoding gives: summed log-plausibility over `chars` non-ASCII
/// characters (malformed sequences included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Plausibility {
    pub total: f32,
    pub chars: usize,
}

impl Plausibility {
    /// Score `text`, which had `malformed` malformed sequences when decoded.
    pub fn of(text: &str, malformed: usize) -> Self {
        let model = Model::get();
        let mut total = malformed as f32 * MALFORMED;
        let mut chars = malformed;
        // The Han character or Hangul syllable before `c`, for the word-pair bonus: the
        // other script never pairs with it (neither model has pairs across scripts).
        let mut prev_letter: Option<char> = None;
        let words = script_words(text);
        let mut prev: Option<char> = None;
        let mut chars_iter = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars_iter.next() {
            let before = prev.replace(c);
            if c.is_ascii() {
                prev_letter = None;
                continue;
            }
            chars += 1;
            let next = chars_iter.peek().map(|&(_, n)| n);
            let in_word = words.get(i).copied().unwrap_or(false);
            let pairs = |paired: bool| if paired { BIGRAM_BONUS } else { 0.0 };
            let (score, letter) = if hangul::is_syllable(c) {
                let score =
                    hangul::logp(c) + pairs(prev_letter.is_some_and(|p| hangul::pair(p, c)));
                let score = if in_word {
                    score.max(SCRIPT_WORD)
                } else {
                    score
                };
                (score, true)
            } else if in_word {
                (SCRIPT_WORD, false)
            } else if is_han(c) && inside_latin_word(before, next) {
                (IN_LATIN_WORD, false)
            } else if is_han(c) {
                let bigram = prev_letter.is_some_and(|p| model.bigram_logp(p, c).is_some());
                (
                    model.char_logp(c).unwrap_or(UNSEEN_HAN) + pairs(bigram),
                    true,
                )
            } else {
                (char_cost(c), false)
            };
            total += score;
            prev_letter = letter.then_some(c);
        }
        Plausibility { total, chars }
    }

    /// Mean per-character score; `None` when there was nothing but ASCII.
    pub fn mean(self) -> Option<f32> {
        (self.chars > 0).then(|| self.total / self.chars as f32)
    }
}

/// Score of a Han character alone in a Latin word: no Han neighbour, and an ASCII letter
/// on one side or both (`z鋒len`, `kandydat體`, `靖evilka`). That is what a double-byte
/// reading of European text makes, an accented letter taken for a lead byte and the
/// letter after it for the trail; Chinese writes a character alone against Latin letters
/// seldom (`smbclient的tar`, `VISA卡`), and among characters that score as usual.
///
/// Measured on lines and 25-line pieces of 29 European languages' gettext catalogues, each
/// alone in a file in its legacy encoding (2,310): 1,931 decoded right before, 2,072 now,
/// and those read as CJK went from 177 to 14. Of 11,036 GBK and Big5 files of one jieba
/// word (alone, in an English sentence, glued between ASCII letters) or one dev line, 33
/// fewer decode right (10,594 to 10,561): single characters glued between ASCII letters
/// (`abc见def`) and `VISA卡`, alone in a file; every dev case reads as before.
const IN_LATIN_WORD: f32 = -17.0;

/// Is a Han character between `before` and `next` alone in a Latin word ([`IN_LATIN_WORD`])?
fn inside_latin_word(before: Option<char>, next: Option<char>) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let han = |c: Option<char>| c.is_some_and(is_han);
    (letter(before) || letter(next)) && !han(before) && !han(next)
}

/// Score of a letter in a word of Hangul, Arabic or Hebrew ([`script_words`]): about a
/// common Chinese character's. Their legacy encodings overlap GB18030's pairs: Korean
/// read as GB18030 is level-1 GB2312 characters (茄惫绢 咆胶飘涝聪促, mean -9 to -11)
/// that never pair into words, and Arabic or Hebrew is rare characters and symbols. At the
/// flat score of other scripts, of lines of gettext catalogues alone in a file, 540 of 600
/// Korean ones in EUC-KR, 102 of 150 Arabic in windows-1256 and 52 of 150 Hebrew in
/// windows-1255 came out as that Chinese. GBK read in those encodings mixes the letters
/// with Hanja, Latin letters, points and symbols in runs as long as a Chinese clause.
///
/// At -8 with [`MIN_WORDS`] 2: Korean 522 of the 600 right (the rest are one word alone:
/// 메모리, 취소), Arabic 127 of 150, Hebrew 120 of 150 (141 and 143 with their letters
/// outside words at -11, [`char_cost`]), and 2,831 GBK and Big5 words, lines and
/// space-separated phrases of man pages decode as before. -7 read two of them
/// (`将 返回 10`) as Korean; one word alone is as often a Chinese word (读取, 返回 in GBK
/// are the KS X 1001 syllables 뗍혤, 럿쀼).
const SCRIPT_WORD: f32 = -8.0;

/// Words a text needs before any of them scores as one ([`SCRIPT_WORD`]).
const MIN_WORDS: usize = 2;

/// Longest Hangul run [`script_words`] takes for a word: Korean writes spaces between
/// words of a few syllables (a long compound rarely reaches ten).
const HANGUL_WORD_MAX: usize = 10;

/// Longest Arabic or Hebrew run [`script_words`] takes for a word, its vowel points and
/// harakat included.
const ALPHABET_WORD_MAX: usize = 16;

/// Which characters of `text` (by index into `text.chars()`) are letters in words of
/// Hangul, Arabic or Hebrew: runs of one script, at most [`HANGUL_WORD_MAX`] or
/// [`ALPHABET_WORD_MAX`] long, with nothing but ASCII, spaces or punctuation on either
/// side, when there are at least [`MIN_WORDS`] of them. Empty (no allocation) for text
/// without those scripts.
fn script_words(text: &str) -> Vec<bool> {
    let script = |c: char| match c as u32 {
        0xAC00..=0xD7A3 => 1,
        0x0621..=0x0652 | 0x066E..=0x06D3 => 2,
        0x05B0..=0x05C7 | 0x05D0..=0x05EA | 0x05F0..=0x05F4 => 3,
        _ => 0,
    };
    if !text.chars().any(|c| script(c) != 0) {
        return Vec::new();
    }
    let boundary = |c: Option<char>| {
        c.map_or(true, |c| {
            c.is_ascii() || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF65)
        })
    };
    let chars: Vec<char> = text.chars().collect();
    let mut words = vec![false; chars.len()];
    let mut runs = 0;
    let mut i = 0;
    while i < chars.len() {
        let own = script(chars[i]);
        if own == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && script(chars[i]) == own {
            i += 1;
        }
        let max = if own == 1 {
            HANGUL_WORD_MAX
        } else {
            ALPHABET_WORD_MAX
        };
        let before = start.checked_sub(1).map(|j| chars[j]);
        if i - start <= max && boundary(before) && boundary(chars.get(i).copied()) {
            words[start..i].fill(true);
            runs += 1;
        }
    }
    if runs < MIN_WORDS {
        words.clear();
    }
    words
}

/// The evidence of two stretches of text together.
impl std::ops::Add for Plausibility {
    type Output = Plausibility;
    fn add(self, other: Plausibility) -> Plausibility {
        Plausibility {
            total: self.total + other.total,
            chars: self.chars + other.chars,
        }
    }
}

/// Log-plausibility of one non-ASCII, non-Han character (see the module docs for the
/// classes). The values sit on the same scale as the model's character log-probabilities:
/// common hanzi are around -6, rare ones -12, unseen ones -16.
fn char_cost(c: char) -> f32 {
    match c as u32 {
        // CJK symbols and punctuation, fullwidth ASCII variants, the general punctuation
        // Chinese uses (— ‘ ’ “ ” ‥ … ‧) and the middle dot. Not – † ‡ • ‰ ‹ ›: those come
        // from windows-1252 misreadings far more often than from Chinese text.
        0x3000..=0x303F | 0xFF01..=0xFF5E | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D => -7.0,
        0x2025..=0x2027 | 0xB7 => -7.0,
        // Kana: Japanese text is full of it, while no misreading of Chinese produces it
        // (GB2312 has kana at the same code points as EUC-JP, so only real kana decodes
        // to kana), so it counts as an ordinary character.
        0x3040..=0x30FF => -9.0,
        // Accented Latin letters, Greek, Cyrillic, Hebrew, Arabic, Thai, emoji and
        // pictographs: real text elsewhere, a usual by-product of mis-decoding here.
        // (Hebrew, Arabic and Thai fell to the -17 below until their lines alone in
        // windows-1255, -1256 and -874 came out as GB18030: 98, 48 and 1 of 150 right,
        // now 143, 141 and 126, with 2,831 GBK and Big5 words and lines as before.)
        // Hangul syllables never get here: they have a model of their own.
        0xC0..=0xFF | 0x370..=0x4FF => -11.0,
        0x0590..=0x06FF | 0x0E01..=0x0E5B => -11.0,
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => -11.0,
        // Bopomofo, Latin-1 symbols, halfwidth katakana, enclosed alphanumerics, arrows,
        // maths, box drawing, geometric shapes, Latin Extended, CJK compatibility.
        0x3100..=0x312F | 0xA0..=0xBF | 0xFF61..=0xFFDC | 0x2460..=0x24FF => -14.0,
        0x2190..=0x22FF | 0x2500..=0x25FF | 0x100..=0x24F | 0x3200..=0x33FF => -15.0,
        // C1 controls, private use, replacement character, specials.
        0x80..=0x9F | 0xE000..=0xF8FF | 0xFFF0..=0xFFFF | 0xF0000..=0x10FFFF => MALFORMED,
        _ => -17.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean(s: &str) -> f32 {
        Plausibility::of(s, 0).mean().unwrap()
    }

    #[test]
    fn real_text_beats_its_misdecodings() {
        // 你好 as GBK bytes C4 E3 BA C3, read as Big5.
        let big5 = encoding_rs::BIG5
            .decode_without_bom_handling(b"\xc4\xe3\xba\xc3")
            .0;
        assert!(mean("你好") > mean(&big5) + 3.0, "{big5}");
        // 中文 as UTF-8 read as GBK.
        assert!(mean("中文") > mean("涓枃") + 3.0);
    }

    #[test]
    fn hangul_arabic_and_hebrew_count_as_words_between_spaces_and_in_company() {
        let words = |t: &str| -> Vec<usize> {
            let w = script_words(t);
            (0..w.len()).filter(|&i| w[i]).collect()
        };
        assert_eq!(words("메모리 부족"), [0, 1, 2, 4, 5]);
        assert_eq!(words("שלום עולם"), [0, 1, 2, 3, 5, 6, 7, 8]);
        assert_eq!(
            words("مرحبا بالعالم"),
            (0..13).filter(|&i| i != 5).collect::<Vec<_>>()
        );
        // One word alone, one glued to a Han character, or one longer than a word: no
        // word, so nothing else counts either.
        assert_eq!(words("메모리"), Vec::<usize>::new());
        assert_eq!(words("메모리 부族"), Vec::<usize>::new());
        assert_eq!(words("가나다라마바사아자차카 부족"), Vec::<usize>::new());
        assert!(mean("파일을 열 수 없습니다") > mean("颇老阑 凯 荐 绝嚼聪促") + 0.5);
    }

    /// A dictionary pair is a pair inside a word: a space between the two ends it, for
    /// Hangul as for Han.
    #[test]
    fn pairs_do_not_span_a_space() {
        let (a, b) = ('메', '모');
        assert!(hangul::pair(a, b));
        // Two words, so each syllable scores at least SCRIPT_WORD; 모's pair bonus would
        // lift it above that floor.
        assert!(hangul::logp(b) + BIGRAM_BONUS > SCRIPT_WORD);
        let alone = |c: char| hangul::logp(c).max(SCRIPT_WORD);
        assert_eq!(Plausibility::of("메 모", 0).total, alone(a) + alone(b));
        let m = Model::get();
        assert!(m.bigram_logp('中', '文').is_some());
        let han = |c: char| m.char_logp(c).unwrap_or(UNSEEN_HAN);
        assert_eq!(Plausibility::of("中 文", 0).total, han('中') + han('文'));
    }

    #[test]
    fn malformed_sequences_weigh_in() {
        let clean = Plausibility::of("中文", 0);
        let broken = Plausibility::of("中文", 1);
        assert_eq!(broken.chars, 3);
        assert!(broken.mean().unwrap() < clean.mean().unwrap() - 5.0);
    }

    #[test]
    fn ascii_carries_no_evidence() {
        assert_eq!(Plausibility::of("plain ASCII", 0).mean(), None);
        assert_eq!(
            Plausibility::of("a中b文c", 0).chars,
            Plausibility::of("中文", 0).chars
        );
    }
}
