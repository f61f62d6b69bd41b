//! When is a reading a repair? The search ([`super::search::best`]) always finds some
//! reading of a segment; most segments it sees are clean text that merely looks odd
//! (European punctuation, rare Han characters, a word of another language), and their
//! cheapest reading is a coincidence of the codecs. A reading is accepted only when it is
//! clearly more plausible than the segment ([`MARGIN_ABS`], [`MARGIN_REL`]) and rests on
//! enough of the segment's own bytes to show a wrong decode: not mostly guesses
//! ([`mostly_guessed`]), not a few Han characters turned into something other than Han
//! ([`short_han_turned_foreign`]), and neither a handful of distinct bytes nor a few
//! that put a character of another script into a Latin word ([`too_few_bytes`]), and no
//! Latin letter out of Big5 ([`big5_writes_a_latin_letter`]). Some segments are what
//! they look like whatever they read as: an ASCII word with one accented letter
//! ([`breaks_a_latin_word`]), single characters quoted in code
//! ([`only_lone_han_in_ascii`]), dictionary words ([`already_words`]); `as_they_stand.rs`
//! holds those three.

mod as_they_stand;

use super::codec::{is_cp1252_special, Enc};
use super::score;
use super::search::Found;
use crate::model::is_han;
use as_they_stand::{already_words, breaks_a_latin_word, only_lone_han_in_ascii};

/// Minimum absolute improvement (cost units ≈ nats) for a repair to be accepted.
const MARGIN_ABS: f32 = 3.0;
/// ... and relative to the input's cost: the candidate must be clearly better, not just a
/// little, so short ambiguous words stay as they are.
const MARGIN_REL: f32 = 0.1;

/// `found`, if it is clearly better than `segment` and made of enough of its own bytes.
pub(super) fn accepted(segment: &str, found: Found) -> Option<Found> {
    let before = score::cost(segment);
    (found.cost + MARGIN_ABS + MARGIN_REL * before < before
        && !mostly_guessed(&found)
        && !short_han_turned_foreign(segment, &found)
        && !too_few_bytes(segment, &found)
        && !single_bytes_read_as_no_word(segment, &found)
        && !big5_writes_a_latin_letter(segment, &found)
        && !breaks_a_latin_word(segment, &found)
        && !only_lone_han_in_ascii(&found.text)
        && !already_words(segment))
    .then_some(found)
}

/// The bytes behind a reading's distinct non-ASCII characters, as evidence of a wrong
/// decode. A GBK or Big5 byte counts as one; a UTF-8 byte as [`UTF8_BYTE`], because
/// strict UTF-8 is self-checking (random high bytes seldom form a sequence) while a
/// double-byte code page accepts nearly any two high bytes. A character read again says
/// nothing new: a repeated letter is a repeated pair (the Swedish date placeholder
/// `ÅÅÅÅ-MM-DD` is GBK `排排-MM-DD`, Bulgarian `●●●` is Big5-read `〈〈〈`). Counting
/// stops past [`IN_A_WORD`], the most any rule asks for.
///
/// A segment read one byte a character (Latin-1 or CP1252) shows its bytes, and three
/// shapes of it are no evidence at all, whatever they read as: one byte repeated
/// (`ááááá\` is GBK 後後醆, its last trail the ASCII `\`), bytes that all come
/// doubled ([`all_doubled`]), an alphabet in code order ([`in_code_order`]), and letters
/// beside their other case ([`case_pairs`]).
fn backing(segment: &str, found: &Found) -> f32 {
    let single = first_wrong(found) == Some(Enc::Single);
    if single
        && (all_doubled(segment)
            || one_byte_repeated(segment)
            || in_code_order(segment)
            || case_pairs(segment))
    {
        return 0.0;
    }
    let utf8 = last_real(found) == Some(Enc::Utf8);
    let mut seen: Vec<char> = Vec::new();
    let mut bytes = 0.0;
    for c in found.text.chars().filter(|c| !c.is_ascii()) {
        if bytes > IN_A_WORD {
            break;
        }
        if !seen.contains(&c) {
            seen.push(c);
            bytes += if utf8 {
                UTF8_BYTE * c.len_utf8() as f32
            } else {
                2.0
            };
        }
    }
    bytes
}

/// The decoder that first misread the text (the outermost layer of damage).
fn first_wrong(found: &Found) -> Option<Enc> {
    found.steps.first().map(|s| s.wrong)
}

/// The encoding the reading decodes its bytes as at last (the text's real one).
fn last_real(found: &Found) -> Option<Enc> {
    found.steps.last().map(|s| s.real)
}

/// Is every non-ASCII character of `segment` the same one?
fn one_byte_repeated(segment: &str) -> bool {
    let mut high = segment.chars().filter(|c| !c.is_ascii());
    high.next().is_some_and(|first| high.all(|c| c == first))
}

/// Does every non-ASCII character of `segment` come in runs of even length (`ÑÑÉÉ¦¦`,
/// `»»››`, doubled European letters and quotes)? Read as double-byte text each pair is a
/// character whose two bytes are the same (`'»»››'` is 换洓). Some common characters are
/// (北 汉 行 种), but words made of them alone are 0.02% of jieba's word count, mostly
/// reduplications (种种, 妹妹) that one repeated pair already fails; 排行 and 照亮 alone
/// on a line are the price.
fn all_doubled(segment: &str) -> bool {
    let mut chars = segment.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        if run % 2 == 1 {
            return false;
        }
        any = true;
    }
    any
}

/// Does `segment` hold [`CODE_ORDER_RUN`] non-ASCII characters in a row whose code points
/// follow each other (`'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ'`, Python's shlex word characters,
/// GBK 懒旅呐魄壬仕...)? An alphabet written out; a confusion makes such a run only when
/// two characters' bytes follow each other, which none of 17,775 garbles of jieba
/// words read as Latin-1 or CP1252 does, nor any dev line (three in a row: 6 garbles,
/// `¦è´µ¶ð` for 西贵妃).
fn in_code_order(segment: &str) -> bool {
    let mut run = 1;
    let mut prev: Option<char> = None;
    for c in segment.chars() {
        let next = prev.is_some_and(|p| !p.is_ascii() && c as u32 == p as u32 + 1);
        run = if next { run + 1 } else { 1 };
        if run >= CODE_ORDER_RUN {
            return true;
        }
        prev = Some(c);
    }
    false
}

const CODE_ORDER_RUN: usize = 4;

/// Are at least two of `segment`'s runs of non-ASCII characters, and at least half of
/// them, one letter followed by its other case (`ñÑ çÇ ¿¡`, a keyboard layout's or a
/// test's list of letters; GBK 裱 缜 俊)? Read as a double-byte character, such a pair is
/// a lead byte and a trail 0x20 away, which about one Chinese character in a hundred is;
/// two of them in a segment of nothing else is no Chinese text.
fn case_pairs(segment: &str) -> bool {
    let (mut pairs, mut runs) = (0, 0);
    for run in segment
        .split(|c: char| c.is_ascii())
        .filter(|r| !r.is_empty())
    {
        runs += 1;
        let mut chars = run.chars();
        if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
            let other = |c: char| {
                c.to_uppercase()
                    .chain(c.to_lowercase())
                    .any(|o| o == b && o != c)
            };
            pairs += usize::from(a.is_alphabetic() && other(a));
        }
    }
    pairs >= 2 && 2 * pairs >= runs
}

/// What a byte of a UTF-8 sequence counts in [`backing`], against a GBK or Big5 byte's 1.
/// It sets the rules' bounds apart: one two-byte sequence (3) is above [`ONE_PAIR`], one
/// three-byte sequence (4.5) at [`IN_A_WORD`], a four-byte one (6) above it.
const UTF8_BYTE: f32 = 1.5;

/// Backing of one GBK or Big5 pair: never enough on its own. Doubled Spanish and French
/// punctuation and letters read as GBK or Big5 (`¡¡ SE NECESITA` → `\u{3000} SE`, `¿¿??`
/// → `靠??`, `Dzùùngoo` → `Dz═ngoo`, in gettext catalogues) are European text.
const ONE_PAIR: f32 = 2.0;

/// Backing up to which a reading must not put a character foreign to Latin text against
/// a Latin letter ([`foreign_in_a_word`]): two pairs (4) or one three-byte UTF-8 sequence
/// (4.5). European text makes such readings by chance: Spanish `¡¡¡HAY` is Big5 `﹛？AY`
/// (three Latin-1 bytes and the `H` as two pairs), Czech `plná\u{a0}–` is UTF-8 `pln᠖`
/// (E1 A0 96, a Mongolian digit). Three pairs (6: `祸及T喃` read from GBK) or a
/// four-byte sequence (an emoji) carry their own evidence.
const IN_A_WORD: f32 = 4.5;

/// Is `found` backed by too few bytes to show a wrong decode ([`backing`])? One pair
/// never is; two pairs or one UTF-8 sequence are not when they put a character of
/// another script into a Latin word, nor when they claim two layers of confusion
/// (docutils' quote table `'»«›‹'` read as GBK-as-Big5 under GBK-as-CP1252 is 封烃).
/// In a damaged document such a line follows the document's chain
/// ([`super::follow::follow_document`]).
fn too_few_bytes(segment: &str, found: &Found) -> bool {
    let backing = backing(segment, found);
    backing <= ONE_PAIR
        || backing <= IN_A_WORD && (foreign_in_a_word(&found.text) || found.steps.len() > 1)
}

/// Does `text` hold a character that never sits in a Latin word next to a Latin letter:
/// CJK punctuation and fullwidth or small forms, kana, Hangul, letters of alphabets other
/// than Latin, Greek and Cyrillic, private use? Han characters may: real Chinese glues
/// words and even single characters to Latin, on one side or both (`像shell提供`, `T恤`,
/// `少shell`, `smbclient的tar`), and a lone one inside a Latin word is the cost's to
/// judge (its lone-Han charge).
fn foreign_in_a_word(text: &str) -> bool {
    let latin_letter = |x: Option<char>| x.is_some_and(|x| x.is_alphabetic() && latin(x));
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if foreign(c) && (latin_letter(prev) || latin_letter(chars.peek().copied())) {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Latin script: ASCII, Latin-1, Latin Extended A/B and Additional, CP1252's specials.
fn latin(c: char) -> bool {
    matches!(c as u32, 0..=0x24F | 0x1E00..=0x1EFF) || is_cp1252_special(c)
}

/// Non-Han characters that never sit in a Latin word ([`foreign_in_a_word`]). Greek and
/// Cyrillic do (`10 μm`), as do general punctuation, arrows, math and box drawing.
fn foreign(c: char) -> bool {
    matches!(c as u32,
        0x530..=0x1DFF
        | 0x3000..=0x30FF
        | 0x3130..=0x318F
        | 0xAC00..=0xD7A3
        | 0xE000..=0xF8FF
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFFEF)
}

/// Is `segment` a few Han characters and nothing else but ASCII, read as something other
/// than Han text, or a single Han character read as anything? Up to [`SHORT_HAN`]
/// characters hold too few bytes to tell a confusion from chance (a lone rare 鎛 read as GBK-as-Big5 is 工), and
/// a real GBK/Big5/UTF-8 confusion of Chinese text reads back as Chinese; rare clean words
/// alone on a line came back as kana, box drawing or Armenian (瓜圃 → 圖ば, 梅葆玖 →
/// 宾付╤, 氍毹 → ՞՜, in word lists from jieba's dictionary; with ASCII around them, 鷸曰:
/// → 鴉り:, \[犯憷\] → \[デ島\]: the spaces and brackets are no evidence). Longer segments carry
/// their own evidence, and a line of a document follows the document's chain whatever it
/// reads as ([`super::follow::follow_document`]: a table row read as Big5).
fn short_han_turned_foreign(segment: &str, found: &Found) -> bool {
    let mut han = 0;
    for c in segment.chars().filter(|c| !c.is_ascii()) {
        if !is_han(c) {
            return false;
        }
        han += 1;
    }
    han == 1
        || han <= SHORT_HAN
            && found
                .text
                .chars()
                .any(|c| !(is_han(c) || c.is_ascii() || c == '\u{FFFD}'))
}

/// The longest Han-only segment [`short_han_turned_foreign`] holds to Han readings. At 4
/// rather than 3, reduplicated words of a word list (忸忸怩怩 → Big5 ёё┧┧, 扛扛抬抬 →
/// ΚΚ╋╋) stay, and of the 21,472 garbled jieba words of [`already_words`] and the dev
/// cases none reads differently.
const SHORT_HAN: usize = 4;

/// Is `found` Latin-1/CP1252 text read as GBK or Big5 text that makes no word and is not
/// what a real confusion makes? Alphabet samples, in font previews and keyboard or
/// character-set tables, are runs of accented letters (`õäöü ÕÄÖÜ`, `ÈÉÊË`,
/// `ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ`) that cost as much as mojibake does as European text, and every
/// such run has a reading as double-byte text: rare characters side by side that no word
/// joins (蹁鳇 漳周, 壬仕, 缆魄扇仕蜗詫氽軣), or common ones only through two layers of
/// confusion (ÙÚÛÜ → 七扇). A real confusion reads back as words ([`known_pair`]: ÖÐÎÄ →
/// 中文, spaced `ÖÐ ÎÄ` → 中 文, òºÓÍ → 蚝油), or, two characters short, at least as
/// common characters in one layer. GBK's trail bytes A1–BF put Latin-1 symbols among the
/// letters of real damage (`»á»°` → 会话), so a segment with symbols is held to this only
/// when it reads as two Han characters, which must be a word, or from [`NO_WORD_LONG`]
/// characters on (a table of CP1252's specials, `–—‘“”„†•…‰™œŠŸž€`, is 枟憮攧啎厜櫆姛瀫):
/// a short rare word's garble of three or four characters (`ºé½£ÌÎ`, 洪剑涛) often has a
/// symbol and no pair the model knows. Two characters are a pair or nothing: a list of
/// math signs in a syntax file (`'~¬±×÷'`) is Big5 炳釬.
///
/// Measured on real text read as Latin-1 or CP1252, each piece alone in a file: of 1,035
/// runs of 3 to 12 Han characters from man pages whose garble is letters only, and of
/// 1,200 runs of 5 to 12 with any garble, none reads differently; of 1,175 words drawn
/// evenly from jieba's dictionary (most of them rare) as GBK or Big5, 5 that were
/// repaired are left alone (馅料, 嫩稚, 岐视, 邬贺铨, 喷珠泻玉) and one wrong reading (漫溢
/// as 閣デ) is no longer made; 900 words of man pages and every dev case read as before.
/// The two-character bound and the word table's pairs, measured on 1,500 more jieba
/// words (GBK and Big5, Latin-1 and CP1252, alone, spaced and glued: 17,775 garbles):
/// 78 more read right (13 words: 犁土, 蚝油, 羊倌, 哂纳, ...), 18 fewer (珀西 and 橘柑,
/// which jieba counts twice, below the word table's floor); of 481,754 clean lines with Latin-1 letters
/// (gettext catalogues, locale definitions, vim's and Debian's docs) the one line more is
/// the syntax file's; 11 of 3,000 random runs of Latin-1 signs in code punctuation are no
/// longer read. In a damaged document a line follows the document's chain
/// ([`super::follow::follow_document`]).
fn single_bytes_read_as_no_word(segment: &str, found: &Found) -> bool {
    let from_single_bytes =
        first_wrong(found) == Some(Enc::Single) && last_real(found) != Some(Enc::Utf8);
    if !from_single_bytes {
        return false;
    }
    let letters = segment
        .chars()
        .filter(|c| !c.is_ascii())
        .all(char::is_alphabetic);
    let model = crate::model::Model::get();
    let mut prev: Option<char> = None;
    let mut rare = found.steps.len() > 1;
    let mut han = 0;
    for c in found.text.chars().filter(|&c| c != ' ') {
        if !c.is_ascii() {
            rare |= if is_han(c) {
                han += 1;
                model.char_logp(c).map_or(true, |lp| lp < RARE_HAN)
            } else {
                !matches!(c, '\u{3000}'..='\u{30FF}' | '\u{FF00}'..='\u{FFEF}')
            };
        }
        if prev.is_some_and(|p| is_han(p) && is_han(c) && known_pair(p, c)) {
            return false;
        }
        prev = Some(c);
    }
    rare && (letters || han == 2 || han >= NO_WORD_LONG)
}

/// Is `ab` a pair real text writes ([`crate::model::Model::pair_is_known`]) or a word of
/// jieba's that the within-word bigrams left out (蚝油, 羊倌: their pairs are counted
/// only from words jieba counts often)?
fn known_pair(a: char, b: char) -> bool {
    let model = crate::model::Model::get();
    model.pair_is_known(a, b) || model.word_logp(&[a, b]).is_some()
}

/// Does a reading decoded as Big5 write an accented Latin letter the segment does not
/// hold? Big5 has none: only Hong Kong's HKSCS adds pinyin letters (rows 8840–88AA,
/// `Ò` = 88 61), and Chinese text read as GBK reaches them by chance, while the GBK
/// pinyin letters it holds read as Big5 characters: a pinyin table's `qǐn  # 坅` is
/// Big5-as-GBK `q走n  # Ò`. Real Big5 text confused with GBK comes back as Han.
fn big5_writes_a_latin_letter(segment: &str, found: &Found) -> bool {
    let big5 = last_real(found).is_some_and(|e| e.family() == Enc::Big5);
    big5 && found
        .text
        .chars()
        .any(|c| !c.is_ascii() && c.is_alphabetic() && latin(c) && !segment.contains(c))
}

/// Han characters from which [`single_bytes_read_as_no_word`] holds a segment with
/// symbols to it. At 4, 4 more of the 1,175 dictionary words are left alone; at 5, none.
const NO_WORD_LONG: usize = 5;

/// ln P(c) below which a Han character is rare in [`single_bytes_read_as_no_word`]: outside
/// jieba's 3,446 commonest characters (about the 3,500 of the PRC's list of characters
/// in common use), which write 97.8% of its text.
const RARE_HAN: f32 = -11.0;

/// More characters guessed for holes than read from real bytes (characters left U+FFFD
/// count as neither) in a double-byte reading: the reading is the model's invention, not
/// the text's history. Such readings came from the U+FFFD of an earlier repair of 锟斤拷
/// (`��Щ����` read as Big5 to `王宏����`, `(��л` to `(神抖`), which a second run must
/// leave alone. A single-byte reading is exempt: there a hole is one of CP1252's five
/// undefined bytes and the UTF-8 around it nearly determines it (`å��å…­` → 十六).
fn mostly_guessed(found: &Found) -> bool {
    if first_wrong(found).map_or(true, |e| e == Enc::Single) {
        return false;
    }
    let non_ascii = found.text.chars().filter(|c| !c.is_ascii()).count();
    let read = non_ascii.saturating_sub(found.guessed + found.lost);
    found.guessed + found.taken_back > read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_bytes_are_told_by_their_runs() {
        assert!(case_pairs("ñÑ çÇ ¿¡"));
        assert!(case_pairs("Teclas: ñÑ, Çç"));
        assert!(!case_pairs("ñÑ"));
        assert!(!case_pairs("ñÑ çÇ ¿¡ ÖÐ ÎÄ"));
        assert!(!case_pairs("Íõ Î°"));
        assert!(all_doubled("'»»››'"));
        assert!(all_doubled("ÑÑÉÉ¦¦ ÑÑÉÉ¦¦"));
        assert!(all_doubled("ÅÅÅÅ"));
        // An odd run, one byte between doubles, nothing but ASCII.
        assert!(!all_doubled("ÖÖÖÊ"));
        assert!(!all_doubled("»á»°"));
        assert!(!all_doubled("ÅÅÐ"));
        assert!(!all_doubled("abc"));
    }

    #[test]
    fn an_alphabet_is_four_characters_in_code_order() {
        assert!(in_code_order("'ÀÁÂÃÄÅÆÇ'"));
        assert!(in_code_order("xÀÁÂÃ"));
        assert!(!in_code_order("ÀÁÂ Ã"));
        assert!(!in_code_order("¦è´µ¶ð"));
        assert!(!in_code_order("abcd"));
    }

    #[test]
    fn one_repeated_byte_ignores_ascii() {
        assert!(one_byte_repeated("    'ááááá\\n']"));
        assert!(one_byte_repeated("é"));
        assert!(!one_byte_repeated("ÖÖÖÊ"));
        assert!(!one_byte_repeated("abc"));
    }
}
