//! How implausible is a string? A cost in nats-like units (lower is better) that every
//! candidate reading of a segment is ranked by.
//!
//! * Han characters cost `-ln P(c)` from the shared jieba model ([`crate::model`]), with a
//!   bonus for each neighbour pair that is part of a dictionary word
//!   ([`super::fill::fill_cost`], which chooses a hole's byte, uses the running-text
//!   bigram model instead). Mojibake Han text
//!   (涓枃, 鍙傛暟) is made of rare characters that never pair up; real text is the opposite.
//! * Common CJK punctuation costs about as much as a common character; ASCII costs little,
//!   so candidates that differ only in non-ASCII stretches compare on those.
//! * Characters mojibake is made of cost more: Latin-1 letters and symbols, and much more
//!   when several sit side by side (real European text has one accented letter between
//!   plain ones: `café`, `Müller`; mojibake has runs: `Ã¤Â¸Â\u{AD}`), CP1252 specials, C1
//!   controls, Greek/Cyrillic, box drawing, PUA, U+FFFD.
//! * Script switches cost: a Han character wedged between ASCII letters (`M黧ler`, what
//!   `Müller` turns into when read as GBK) is never real.
//!
//! Kana and Hangul cost less than a rare Han character, so clean Japanese or Korean never
//! loses to the rare-character soup a wrong transform makes of it.

use super::codec::is_cp1252_special;
use crate::model::{is_han, Model};

/// Cost of a Han character the model never saw.
const UNSEEN_HAN: f32 = 18.0;
/// Reward for a Han pair that forms part of a dictionary word: its pointwise mutual
/// information (ln P(ab) − ln P(a) − ln P(b) in the model's units), within these bounds.
const BIGRAM_BONUS: (f32, f32) = (2.0, 6.0);
/// Extra cost for a non-ASCII Latin-ish character right after another one (`äß` in
/// German is fine, four in a row is mojibake), growing with the run.
const RUN_PENALTY: [f32; 3] = [0.0, 2.0, 6.0];
/// A Latin-1 character touching one of [`trail_punct`].
const TRAIL_PUNCT: f32 = 3.0;
/// A single Han character touching a Latin word.
const LONE_HAN_IN_WORD: f32 = 6.0;
/// A single fullwidth letter or digit between Chinese characters (`困ｈ宜`, `而ｑ之`).
/// Chinese text writes fullwidth letters in runs or beside ASCII (`ＡＢＣ`, `Ａ型`), never
/// one alone inside a sentence; a hole's lead byte can make one (GBK `A3 xx` shares its
/// trail with 辱 `C8 E8`), and a fullwidth letter costs only its class, so without this
/// it beat the rarer real character. On the dev corpus 3 to 10 score alike: four
/// gbk_as_big5 cases better (one exact), nothing else changes.
const LONE_FULLWIDTH_AMID_HAN: f32 = 6.0;

/// How Han characters (and the CJK punctuation after them) are charged.
#[derive(Debug, Clone, Copy)]
enum HanCost {
    /// Unigram cost minus the dictionary pair's pointwise mutual information, capped.
    Pmi(f32),
    /// The running-text character model's `-ln P(c | prev)`.
    Ngram,
}

/// Total cost of `text`.
pub fn cost(text: &str) -> f32 {
    cost_with(text, HanCost::Pmi(BIGRAM_BONUS.1))
}

/// The running-text cost of `text`: Han characters and CJK punctuation charged by the
/// character n-gram model, everything else by its class. Hole filling ranks candidates
/// with it ([`super::fill::fill_cost`]), where candidates differ in one character and its
/// neighbours across word boundaries decide (名 or 反, 透 or 送).
pub(super) fn ngram_cost(text: &str) -> f32 {
    cost_with(text, HanCost::Ngram)
}

/// Share of the bigram model in hole filling's character cost (the rest is the plain
/// character frequency, see [`Model::cond_logp_mixed`]). Mojibake holes sit in all kinds
/// of text (poetry, fortunes) whose pairs the training text lacks, and there the pure
/// bigram model preferred a rare character's backed-off successor (新杩》 over 新恩》).
/// On the dev corpus utf8_as_cp1252 failed 13 cases at 1.0, 11 at 0.9, 0.8 and 0.7.
const FILL_CONTEXT_WEIGHT: f32 = 0.9;

fn cost_with(text: &str, han: HanCost) -> f32 {
    let model = Model::get();
    let mut total = 0.0f32;
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        // Not in hole filling (the n-gram cost): there a hole's byte could make a Greek
        // word of a Chinese one (可以 → ξΕ in Big5 read as GBK).
        total += if matches!(han, HanCost::Pmi(_)) && alphabet_in_text(prev, c, next) {
            ALPHABET_IN_TEXT
        } else {
            char_cost(model, c, prev, han)
        };
        if latinish(c) {
            total += RUN_PENALTY[run.min(RUN_PENALTY.len() - 1)];
            run += 1;
            if prev.is_some_and(trail_punct) || next.is_some_and(trail_punct) {
                total += TRAIL_PUNCT;
            }
        } else {
            run = 0;
        }
        if let Some(p) = prev {
            let (a, b) = (script(p), script(c));
            if a != b && a != Script::Neutral && b != Script::Neutral {
                total += SCRIPT_SWITCH;
            }
        }
        // A lone Han character glued to an ASCII letter: `M黧ler`, `cr殚`, `帻y`. Real
        // text glues words (`像shell提供`), not single characters inside a Latin word.
        let lone = is_han(c) && !prev.is_some_and(is_han) && !next.is_some_and(is_han);
        let ascii_letter = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
        if lone && (ascii_letter(prev) || ascii_letter(next)) {
            total += LONE_HAN_IN_WORD;
        }
        if fullwidth_alnum(c) && amid_chinese(prev, next) {
            total += LONE_FULLWIDTH_AMID_HAN;
        }
        prev = Some(c);
    }
    total
}

/// A Greek or Cyrillic letter in text of its own alphabet (see [`alphabet_in_text`]):
/// about what a letter of a word costs, as against the 9–14 a letter glued to Han
/// characters or symbols costs, which is what GBK and Big5 mojibake makes of them.
const ALPHABET_IN_TEXT: f32 = 2.0;

/// Is `c` a Greek or Cyrillic letter in a word of its alphabet (a neighbour is a letter of
/// it, and neither neighbour is another non-ASCII character): Russian or Greek text, not
/// mojibake? A letter alone (a Russian `и`) proves nothing either way. GBK keeps both alphabets in rows A6
/// and A7, which Big5 reads as common characters (我 找 技 …), so Big5 read as GBK shows
/// letters glued to Han characters (`ш們`), while every Russian word has a "reading" as
/// Big5 text read as GBK (этими → 改找我技我) that costs less than the letters did at
/// 9 each: 54 of 81 clean Russian gettext catalogues were "repaired" into such Han.
pub(super) fn alphabet_in_text(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(own) = alphabet(c) else {
        return false;
    };
    let letter = |x: Option<char>| x.is_some_and(|x| alphabet(x) == Some(own));
    alphabet_amid_text(prev, c, next) && (letter(prev) || letter(next))
}

/// Is `c` a Greek or Cyrillic letter with no other non-ASCII character next to it than
/// letters of its alphabet? Mojibake glues such letters to Han characters and symbols; a
/// letter standing between spaces (`и`, `в`) is no sign of it, and the pre-filter lets it
/// pass ([`super::suspicious`]), so Russian text is not searched line by line.
pub(super) fn alphabet_amid_text(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(own) = alphabet(c) else {
        return false;
    };
    let fits = |x: Option<char>| x.map_or(true, |x| x.is_ascii() || alphabet(x) == Some(own));
    fits(prev) && fits(next)
}

/// The alphabet of a Greek (1) or Cyrillic (2) letter. The blocks by range (a Unicode
/// property lookup cost 300 instructions a character, on every letter of Russian text):
/// Greek without its numeral signs, tonos and question mark (U+0370–0385, 0387, 03F6);
/// Cyrillic without its combining marks and thousands sign (U+0482–0489).
pub(super) fn alphabet(c: char) -> Option<u8> {
    match c as u32 {
        0x386 | 0x388..=0x3F5 | 0x3F7..=0x3FF => Some(1),
        0x400..=0x481 | 0x48A..=0x52F => Some(2),
        _ => None,
    }
}

/// ASCII punctuation that is also a GBK/Big5 trail byte (40–7E): GBK read as CP1252
/// glues it to accented letters (`Ñ}ÖÆ`, `ß^`), European text almost never does.
fn trail_punct(c: char) -> bool {
    matches!(
        c,
        '@' | '[' | '\\' | ']' | '^' | '_' | '`' | '{' | '|' | '}' | '~'
    )
}

/// Latin-1 letters and symbols, Latin Extended, CP1252 specials: what UTF-8 read as a
/// single-byte code page is made of. (NBSP is left out: runs of it are real layout.)
fn fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Are both neighbours Chinese (Han or CJK punctuation), one of them Han?
fn amid_chinese(prev: Option<char>, next: Option<char>) -> bool {
    let chinese = |x: Option<char>| x.is_some_and(|x| is_han(x) || punct_cost(x).is_some());
    chinese(prev) && chinese(next) && (prev.is_some_and(is_han) || next.is_some_and(is_han))
}

fn latinish(c: char) -> bool {
    matches!(c as u32, 0x80..=0x9F | 0xA1..=0x24F) || is_cp1252_special(c)
}

fn char_cost(model: &Model, c: char, prev: Option<char>, han: HanCost) -> f32 {
    match han {
        HanCost::Pmi(max_pmi) => class_cost(model, c, prev, max_pmi),
        HanCost::Ngram if is_han(c) || punct_cost(c).is_some() => {
            -model.cond_logp_mixed(prev, c, FILL_CONTEXT_WEIGHT)
        }
        // Other non-ASCII characters keep at least their class cost: a fullwidth letter or
        // `€` in a hole is unseen context to the n-gram model, after which anything is
        // cheap, and a reading holding one fails the re-run check (gbk_as_big5 lost whole
        // lines when these cost only their n-gram probability).
        HanCost::Ngram if !c.is_ascii() => (-model.cond_logp_mixed(prev, c, FILL_CONTEXT_WEIGHT))
            .max(class_cost(model, c, prev, 0.0)),
        HanCost::Ngram => class_cost(model, c, prev, 0.0),
    }
}

/// The cost of `c` by its class, with Han characters charged by unigram frequency minus
/// the dictionary pair's PMI (at most `max_pmi`).
fn class_cost(model: &Model, c: char, prev: Option<char>, max_pmi: f32) -> f32 {
    let u = c as u32;
    if c.is_ascii() {
        return match c {
            '\t' | '\n' | '\r' | ' '..='~' => 0.5,
            _ => 20.0,
        };
    }
    if is_han(c) {
        let lp = han_logp(model, c);
        let mut cost = lp.map_or(UNSEEN_HAN, |lp| -lp);
        if let (Some(p), Some(b)) = (prev.filter(|&p| is_han(p)), lp) {
            if let (Some(a), Some(ab)) = (han_logp(model, p), model.bigram_logp(p, c)) {
                // Pointwise mutual information: 档案 (7.5) is a stronger word than 一个 (4).
                cost -= (ab - a - b).clamp(BIGRAM_BONUS.0, max_pmi);
            }
        }
        return cost;
    }
    if let Some(p) = punct_cost(c) {
        return p;
    }
    match u {
        0x80..=0x9F => 20.0,
        0xA0 => 7.0,
        // Symbols real text uses: ± ° µ · ² ³ ½ © « » × ÷ § and friends.
        0xA7 | 0xA9 | 0xAB | 0xAE | 0xB0..=0xB3 | 0xB5 | 0xB7 | 0xBB..=0xBD | 0xD7 | 0xF7 => 5.0,
        0xA1..=0xBF => 9.0,
        0xC0..=0xFF => 6.0,
        0x100..=0x17F => 8.0,
        0x180..=0x24F => 11.0,
        0x370..=0x45F => 9.0,
        0x460..=0x52F => 14.0,
        0x3040..=0x30FF => 5.0,
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F => 5.0,
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => 16.0,
        // Box drawing and arrows/math: tables and diagrams in real text.
        0x2500..=0x257F if table_box(c) => 5.0,
        0x2500..=0x257F => RARE_BOX,
        0x2190..=0x22FF => 7.0,
        0xFFFD => 15.0,
        _ if is_cp1252_special(c) => 9.0,
        _ if c.is_control() => 20.0,
        _ => 10.0,
    }
}

/// What a box-drawing character tables seldom use costs (see [`table_box`]).
const RARE_BOX: f32 = 12.0;

/// Is `c` a box-drawing character that tables and diagrams are drawn with: solid light,
/// heavy or double lines, their corners, tees and crosses, the single/double mixes of
/// DOS-era tables, rounded corners and diagonals? The rest of the block (dashed lines,
/// light/heavy mixes such as ┎ ┞ ┽, half lines) is rare in real text but sits in GBK's
/// A9 row, which Big5 reads as common characters: at the table rate of 5, the clean
/// place name 帕府 (17.7) lost to its GBK-read-as-Big5 "reading" ┈┎ (10).
fn table_box(c: char) -> bool {
    matches!(
        c,
        '─' | '━'
            | '│'
            | '┃'
            | '┌'
            | '┏'
            | '┐'
            | '┓'
            | '└'
            | '┗'
            | '┘'
            | '┛'
            | '├'
            | '┣'
            | '┤'
            | '┫'
            | '┬'
            | '┳'
            | '┴'
            | '┻'
            | '┼'
            | '╋'
            | '\u{2550}'..='\u{2573}'
    )
}

/// Extra cost where two neighbouring non-ASCII characters belong to different scripts:
/// real text keeps a script for a while (Han with kana is one script here), while UTF-8
/// read as anything jumps between Latin-1, Greek, Cyrillic, Hebrew and symbols.
const SCRIPT_SWITCH: f32 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// ASCII, spaces, general punctuation: goes with anything.
    Neutral,
    Latin,
    GreekCyrillic,
    OtherAlphabet,
    Cjk,
    Symbol,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0..=0x7F | 0xA0 | 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFFEF => Script::Neutral,
        0x80..=0x24F => Script::Latin,
        0x370..=0x52F => Script::GreekCyrillic,
        0x530..=0x1FFF => Script::OtherAlphabet,
        0x2070..=0x2BFF => Script::Symbol,
        _ if is_cp1252_special(c) => Script::Latin,
        _ if is_han(c) => Script::Cjk,
        0x3040..=0x31FF | 0xAC00..=0xD7A3 => Script::Cjk,
        _ => Script::Other,
    }
}

/// CJK and general punctuation that real Chinese text is full of, roughly by frequency.
fn punct_cost(c: char) -> Option<f32> {
    Some(match c {
        '，' | '。' => 3.5,
        '、' | '“' | '”' | '（' | '）' | '：' => 4.5,
        '；' | '《' | '》' | '「' | '」' | '？' | '！' | '…' | '—' | '·' => 5.5,
        '‘' | '’' | '『' | '』' | '【' | '】' | '〈' | '〉' | '～' | '\u{3000}' => 6.5,
        _ => return None,
    })
}

/// The model's ln P(c) (a direct index over the BMP, see [`Model::char_logp`]).
#[inline]
pub(super) fn han_logp(model: &Model, c: char) -> Option<f32> {
    model.char_logp(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_costs_more_than_its_fix() {
        assert!(cost("中文") < cost("ä¸\u{AD}æ–‡"));
        assert!(cost("中文") < cost("涓枃"));
        assert!(cost("中文") < cost("ÖÐÎÄ"));
    }

    #[test]
    fn european_words_beat_han_intrusions() {
        assert!(cost("Müller") < cost("M黧ler"));
    }
}
