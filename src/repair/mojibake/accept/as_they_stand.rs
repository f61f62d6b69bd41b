//! Segments that are what they look like, whatever they read as: an ASCII word with one
//! accented letter, single characters quoted one by one in code, lines whose Han text is
//! dictionary words as it stands. Each shape is common in clean text and rare in damage,
//! so a reading of it is refused before its cost is weighed.

use super::latin;
use crate::model::is_han;
use crate::repair::mojibake::search::Found;

/// Does `found` put a character of another script inside an ASCII word where the segment
/// has one accented letter (`chuǎn` → Big5-as-GBK `chu見n`, a pinyin table's line)? No
/// double-byte confusion makes such a word: one GBK or Big5 character read as Latin-1 is
/// two letters, or a letter and an ASCII trail; read as the other double-byte code page
/// it is one character, but Chinese that glues a single character between two ASCII
/// letters with no space is rare, while pinyin, French and German put one accented
/// letter inside a word all the time.
pub(super) fn breaks_a_latin_word(segment: &str, found: &Found) -> bool {
    let in_word = |text: &str, at: fn(char) -> bool| {
        let chars: Vec<char> = text.chars().collect();
        chars
            .windows(3)
            .any(|w| w[0].is_ascii_alphabetic() && at(w[1]) && w[2].is_ascii_alphabetic())
    };
    in_word(segment, |c| !c.is_ascii() && c.is_alphabetic() && latin(c))
        && in_word(&found.text, |c| !latin(c))
}

/// Is every Han character of `text` alone between ASCII punctuation (or the line's ends),
/// with at least two of them? Syntax files and test tables quote single characters
/// (`(r#"嗀"#, r#"嗀"#)`, vim's `skip="««\%([^»]\|»»\@!\)*»»"`), and any reading of
/// such a line as double-byte text leaves each character alone, where a real confusion
/// of Chinese gives back words. Digits, letters and spaces around a character do not
/// count: dates (`3月5日`), glued words (`smbclient的tar`) and spaced names are Chinese.
pub(super) fn only_lone_han_in_ascii(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let punct = |i: Option<&char>| i.map_or(true, |c| c.is_ascii_punctuation());
    let mut lone = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !is_han(c) {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        if !(punct(before) && punct(chars.get(i + 1))) {
            return false;
        }
        lone += 1;
    }
    lone >= 2
}

/// Is every run of Han characters in `segment` a word of jieba's dictionary (`蚕蛹 11 n`,
/// `模鍛`, `嘈嘈切切`)? Then the segment is Chinese as it stands. A word list of rare words
/// (jieba's own dictionary, 349k lines) has lines that read as something by chance
/// (蚕蛹 → 由负 as GBK read as Big5, 癸亥 → 對漸 the other way: 44 lines), while a
/// confusion's garble is a dictionary word by chance only rarely, and every piece of a
/// line seldom: of 21,472 garbles of 2,500 jieba words (GBK and Big5 read as each other,
/// UTF-8 read as GBK; alone, in a sentence, on a dictionary line, glued to ASCII) none is
/// left unread for it.
pub(super) fn already_words(segment: &str) -> bool {
    let model = crate::model::Model::get();
    let mut run: Vec<char> = Vec::new();
    let mut any = false;
    for c in segment.chars().chain(std::iter::once(' ')) {
        if is_han(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            if run.len() < 2 || !(model.word_logp(&run).is_some() || reduplicated(&run)) {
                return false;
            }
            any = true;
            run.clear();
        }
    }
    any
}

/// Is `run` a word doubled character by character, AABB of a word AB (忐忐忑忑,
/// 单单瓣瓣)? Chinese writes many such forms that no dictionary lists; a confusion keeps
/// the doubling (equal bytes read alike) but makes AB a word only by chance. Of 3,000
/// such forms of jieba's words counted 20 times or more, alone on a line, 1 was read
/// (单单瓣瓣, as Big5-as-GBK 等等國國), now none; of their 3,456 garbles (GBK and Big5 read as
/// each other) 2,913 read right before and after.
fn reduplicated(run: &[char]) -> bool {
    matches!(run, [a, b, c, d] if a == b && c == d && a != c && super::known_pair(*a, *c))
}
