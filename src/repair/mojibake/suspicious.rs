//! Could a line hold mojibake at all? The fast path of the mojibake fixer: every line of
//! every input goes through [`suspicious_lines`] (twice when a conversion is asked for:
//! the converted text is repaired again), so a cheap first pass clears most clean text and
//! an exact test, about a hundred instructions a character, runs only on the stretches it
//! cannot clear.

use super::score::{alphabet, alphabet_amid_text};
use crate::model::{is_han, Model};
use han_run::{word_pair, HanRun, FUNCTION_HAN, RARE_HAN, WORDLESS_RUN};
use std::ops::Range;

/// Could `line` hold mojibake at all? A cheap scan that lets clean text through without
/// running any transform: pure ASCII, and text whose non-ASCII characters are Han,
/// CJK punctuation, kana, Hangul or emoji with no sign of a wrong decode, cannot be fixed
/// by any inverse transform worth accepting.
///
/// The signs, each cheap to see:
/// * a Latin-1 letter, Latin Extended, Greek/Cyrillic, PUA, U+FFFD, box drawing or
///   bopomofo (what UTF-8 or GBK read as a single-byte code page or the other way is made
///   of). Latin-1 *symbols* real Chinese uses (`·` in names, `×`, `°`, `±`, `§`) count only
///   next to another Latin-1 character, and CP1252's specials (`“” ‘’ … —`) not at all:
///   UTF-8 read as CP1252 always brings Latin-1 letters along (`â€œ`).
/// * a run of Han characters holding two rare ones, or one in a run of at most
///   [`SHORT_RUN`](han_run::SHORT_RUN) that holds no dictionary pair and no function character (mojibake
///   Han text is made of them: 鍙傛暟, 涓枃; clean text has the odd rare character
///   inside otherwise ordinary words).
///   "Rare" is rarer than [`RARE_HAN`] and forming no dictionary word with a Han
///   neighbour; a character standing alone, as in spaced-out text, has nothing to pair
///   with and proves nothing unless it is rarer than [`VERY_RARE_HAN`](han_run::VERY_RARE_HAN);
/// * [`WORDLESS_RUN`] common Han characters that never form a word and hold none of the
///   commonest, function-word characters (GBK read as Big5).
pub fn suspicious(line: &str) -> bool {
    let model = Model::get();
    suspicious_in(model, line)
}

/// The lines of `text` that are [`suspicious`], as byte ranges without their line ending.
///
/// The first pass ([`first_pass`]) runs over the whole text at once: a line break
/// is ASCII and empties its state as any ASCII character does, so it decides each line
/// as it would alone, and the text is scanned once rather than split into lines, each
/// tested for ASCII and then scanned again. Where it stops clearing, the exact test runs
/// on the rest of that line only; the line is either found suspicious (and the first pass
/// resumes at the next line) or cleared up to a fresh state, where the first pass takes
/// over again. The model is fetched only once the text holds non-ASCII text.
pub fn suspicious_lines(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    scan(text, 0..text.len(), None, &mut found);
    found
}

/// [`suspicious_lines`], also noting where the first pass stopped: the byte offset of each
/// stretch it handed on to the exact test, in order. A line holding none is one the first
/// pass cleared on its own, which is what [`suspicious_lines_within`] asks of a text.
pub fn suspicious_lines_noting_stops(text: &str, stops: &mut Vec<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    scan(text, 0..text.len(), Some(stops), &mut found);
    found
}

/// [`suspicious_lines`] of a text whose lines outside `lines` (byte ranges of whole lines,
/// in order) the first pass is known to clear without a stop: only `lines` are scanned.
///
/// The first pass decides each line alone, so this finds what [`suspicious_lines`] finds.
/// After a conversion, a line that stopped nowhere before and whose converted characters
/// each kept their first-pass class ([`same_class_test`]) takes the same steps and clears
/// again: the repair of converted text (the pipeline's second look) scans the others only.
pub fn suspicious_lines_within(text: &str, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for line in lines {
        scan(text, line.clone(), None, &mut found);
    }
    found
}

/// A test of whether two characters (their UTF-8 bytes, one length for both) take the
/// same step in the first pass wherever they stand: characters of one class do, and
/// everything outside the BMP is a sign. Bytes in, so that the walk over a converted text
/// decodes nothing it does not need (it asks this of every converted character).
pub fn same_class_test() -> impl Fn(&[u8], &[u8]) -> bool {
    let classes = classes();
    move |a, b| class_of(classes, a) == class_of(classes, b)
}

fn class_of(classes: &[u8; 0x10000], c: &[u8]) -> u8 {
    match *c {
        [lead, b1, b2] => classes[usize::from(bmp3(lead, b1, b2))],
        [lead, b1] => classes[usize::from(u16::from(lead & 0x1F) << 6 | u16::from(b1 & 0x3F))],
        // ASCII: a class of its own (it empties the state).
        [_] => u8::MAX,
        _ => SIGN,
    }
}

/// [`suspicious_lines`] over the whole lines in `range` of `text`.
fn scan(
    text: &str,
    range: Range<usize>,
    mut stops: Option<&mut Vec<usize>>,
    found: &mut Vec<Range<usize>>,
) {
    let bytes = text.as_bytes();
    let end = range.end;
    let mut at = range.start + crate::convert::ascii_run(&bytes[range]);
    if at == end {
        return;
    }
    let (model, classes) = (Model::get(), classes());
    while let Some(start) = first_pass_from(model, classes, text, at..end) {
        if let Some(stops) = stops.as_deref_mut() {
            stops.push(start);
        }
        let line_end = memchr::memchr(b'\n', &bytes[start..end]).map_or(end, |i| start + i);
        match exact_stretch(
            model,
            &text[start..line_end],
            text[..start].chars().next_back(),
        ) {
            Some(cleared) => at = start + cleared,
            None => {
                let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
                let body = text[line_start..line_end].trim_end_matches('\r');
                found.push(line_start..line_start + body.len());
                at = line_end;
            }
        }
    }
}

/// What the first pass makes of a BMP code point, from [`classes`].
const RESET: u8 = 0;
const COMMON_HAN: u8 = 1;
const GRAMMAR_HAN: u8 = 2;
const SIGN: u8 = 3;
/// Letters of the two alphabets [`alphabet_amid_text`] reads as text.
const GREEK: u8 = 4;
const CYRILLIC: u8 = 5;

/// The first pass's class of every BMP code point (64 KiB): a table lookup per character
/// instead of a frequency lookup and range tests. Built once per process by filling the
/// sign blocks and reading the Han block off the model's direct index, about 0.3M
/// instructions (asking [`odd_char`] and the model per code point cost 2M, two thirds of
/// what a small file costs in all).
fn classes() -> &'static [u8; 0x10000] {
    static CLASSES: std::sync::OnceLock<Box<[u8; 0x10000]>> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut table = Box::new([RESET; 0x10000]);
        // Compatibility ideographs are signs too (the model knows only unified ones).
        for r in SIGNS.iter().chain(&[0xF900..=0xFAFF]) {
            table[*r.start() as usize..=*r.end() as usize].fill(SIGN);
        }
        for (u, class) in table.iter_mut().enumerate().take(0x530).skip(0x370) {
            match char::from_u32(u as u32).and_then(alphabet) {
                Some(1) => *class = GREEK,
                Some(_) => *class = CYRILLIC,
                None => {}
            }
        }
        let han = *HAN.start() as usize..=*HAN.end() as usize;
        let logps = &Model::get().bmp_logps()[han.clone()];
        for (class, &lp) in table[han].iter_mut().zip(logps) {
            // An unknown Han character (NaN) counts as rare.
            *class = match lp {
                lp if lp >= FUNCTION_HAN => GRAMMAR_HAN,
                lp if lp >= RARE_HAN => COMMON_HAN,
                _ => SIGN,
            };
        }
        table
    })
}

/// The Han block the first pass judges by frequency (CJK Unified Ideographs and
/// Extension A).
const HAN: std::ops::RangeInclusive<u32> = 0x3400..=0x9FFF;

/// [`first_pass`] over `range` of `text`, resumed where the exact test handed back (or
/// started at a line's start): the byte offset in `text` where it stops clearing, if it
/// does. It starts in [`SYMBOL`] after a non-ASCII character (a Greek or Cyrillic letter
/// next would be glued to it), in the fresh state after ASCII or at the start.
fn first_pass_from(
    model: &Model,
    classes: &[u8; 0x10000],
    text: &str,
    range: Range<usize>,
) -> Option<usize> {
    let at = range.start;
    let state = match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        Some(0x80..) => SYMBOL,
        _ => 0,
    };
    first_pass(model, classes, &text[range], state).map(|start| at + start)
}

/// The cheap first pass of the exact test ([`exact_stretch`]), at a few instructions per
/// character (the exact test costs about a hundred): `None` means the text holds no rare
/// or unknown Han character, no character outside the BMP, no character that can be a
/// sign ([`odd_char`], whatever precedes it) and no run of [`WORDLESS_RUN`] Han characters
/// without a function character or a dictionary pair, so the exact test would find
/// nothing either.
///
/// Otherwise, the byte offset the exact test has to start from: the start of the Han run,
/// Greek or Cyrillic word (or the character) that sent the text on. Everything before it
/// was cleared here, and ends at an ASCII or an ordinary non-Han character, after which
/// the exact test starts afresh (an empty run, no Latin letter before). `state` is the
/// state to start in: 0 at the start of a line, else see [`first_pass_from`].
///
/// On clean text this loop is most of what the repair costs, and it runs twice when a
/// conversion is asked for, so it is kept to a handful of instructions a character:
/// * it reads UTF-8 itself (the text is valid, so a lead byte says how many follow) and
///   skips ASCII eight bytes at a time;
/// * the state is one small number moved by a transition table ([`NEXT`]): the length of
///   the Han run while it holds no function character, one state for "has one", and
///   the states that let Greek and Cyrillic words through (Russian text stopped the pass
///   at every word: 1,259M instructions on 10 MB of gettext catalogues, now 540M);
/// * where the run started is not tracked as the text goes by; a stop finds it again by
///   stepping back over the run's Han characters ([`run_start`]);
/// * a run that reaches [`WORDLESS_RUN`] common characters without a function character
///   has its pairs looked up here ([`has_word_pair`]), as the exact test would look them
///   up at that length: a pair makes it a run of words, which clears it as a function
///   character does. A quarter of clean man-page lines hold such a run (显示帮助信息),
///   and handing each to the exact test cost as much as this pass over all the text.
fn first_pass(model: &Model, classes: &[u8; 0x10000], text: &str, state: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut state = state;
    let mut rest = b;
    loop {
        // The slice patterns check the length and the lead byte at once; the text is valid
        // UTF-8, so a lead byte's continuation bytes are there.
        let (u, tail) = match rest {
            [lead @ 0xE0..=0xEF, b1, b2, tail @ ..] => (bmp3(*lead, *b1, *b2), tail),
            [0..=0x7F, tail @ ..] => {
                rest = &tail[crate::convert::ascii_run(tail)..];
                state = 0;
                continue;
            }
            [lead @ 0xC0..=0xDF, b1, tail @ ..] => {
                (u16::from(lead & 0x1F) << 6 | u16::from(b1 & 0x3F), tail)
            }
            [] => return None,
            // Outside the BMP (emoji, rare extensions): a sign.
            _ => return Some(stop_start(classes, b, b.len() - rest.len(), state)),
        };
        let class = classes[usize::from(u)] & 7;
        let before = state;
        state = NEXT[usize::from(state & 15)][usize::from(class)];
        if state == STOP {
            // The last of WORDLESS_RUN common three-byte characters without a function
            // character: the run is looked up.
            let end = b.len() - tail.len();
            let sixth = class == COMMON_HAN && usize::from(before) + 1 == WORDLESS_RUN;
            let run = end
                .checked_sub(3 * WORDLESS_RUN)
                .and_then(|s| b.get(s..end))
                .filter(|_| sixth);
            if !run.is_some_and(|run| has_word_pair(model, run)) {
                return Some(stop_start(classes, b, b.len() - rest.len(), before));
            }
            state = GRAMMAR;
        }
        rest = tail;
    }
}

/// The code point of a three-byte UTF-8 sequence (all of the BMP from U+0800).
#[inline(always)]
fn bmp3(lead: u8, b1: u8, b2: u8) -> u16 {
    u16::from(lead & 0x0F) << 12 | u16::from(b1 & 0x3F) << 6 | u16::from(b2 & 0x3F)
}

/// Does some pair of neighbours in `run` (three-byte UTF-8 characters) form a dictionary
/// word part ([`word_pair`])?
fn has_word_pair(model: &Model, run: &[u8]) -> bool {
    let chars = run
        .chunks_exact(3)
        .map(|c| char::from_u32(u32::from(bmp3(c[0], c[1], c[2]))).unwrap_or('\u{FFFD}'));
    chars
        .clone()
        .zip(chars.skip(1))
        .any(|(a, c)| word_pair(model, a, c))
}

/// [`first_pass`]'s states: `0..WORDLESS_RUN` Han characters in a run without a
/// function character (0 after an ASCII character or at the start), [`GRAMMAR`] once the
/// run holds one (it then never stops the pass), [`STOP`], [`SYMBOL`] after a non-ASCII
/// character of no other class, and [`IN_GREEK`] or [`IN_CYRILLIC`] inside a word.
const GRAMMAR: u8 = WORDLESS_RUN as u8;
const STOP: u8 = GRAMMAR + 1;
const SYMBOL: u8 = STOP + 1;
const IN_GREEK: u8 = SYMBOL + 1;
const IN_CYRILLIC: u8 = IN_GREEK + 1;

/// The next state, by state and class ([`RESET`], [`COMMON_HAN`], [`GRAMMAR_HAN`],
/// [`SIGN`], [`GREEK`], [`CYRILLIC`]). Sixteen rows of eight, so that indexing by a state
/// and a class masked to four and three bits checks no bounds.
///
/// A Greek or Cyrillic letter is text when its only non-ASCII neighbours are letters of
/// its alphabet ([`alphabet_amid_text`]), as in Russian or Greek words: it may follow
/// only an ASCII character, the start, or a letter of its own, and a word may be followed
/// only by those. A letter glued to Han characters or symbols (`ш們`) stops the pass, as
/// does whatever follows a word other than ASCII or its own letters.
const NEXT: [[u8; 8]; 16] = {
    let mut next = [[STOP; 8]; 16];
    let mut state = 0;
    while state <= SYMBOL as usize {
        if state != STOP as usize {
            next[state][RESET as usize] = SYMBOL;
            next[state][GRAMMAR_HAN as usize] = GRAMMAR;
            next[state][COMMON_HAN as usize] = match state as u8 {
                SYMBOL => 1,
                GRAMMAR => GRAMMAR,
                run if run as usize + 1 == WORDLESS_RUN => STOP,
                run => run + 1,
            };
        }
        state += 1;
    }
    next[0][GREEK as usize] = IN_GREEK;
    next[0][CYRILLIC as usize] = IN_CYRILLIC;
    next[IN_GREEK as usize][GREEK as usize] = IN_GREEK;
    next[IN_CYRILLIC as usize][CYRILLIC as usize] = IN_CYRILLIC;
    next
};

/// Where the exact test has to start when the first pass stops at byte `at` of `b` in
/// `state` (the state before the character at `at`): at the start of the Greek or
/// Cyrillic word that character is glued to, or of the Han run it ends ([`run_start`]).
fn stop_start(classes: &[u8; 0x10000], b: &[u8], mut at: usize, state: u8) -> usize {
    let letter = match state {
        IN_GREEK => GREEK,
        IN_CYRILLIC => CYRILLIC,
        _ => return run_start(classes, b, at),
    };
    // Both alphabets are two bytes a letter in UTF-8.
    while let Some(&[lead, b1]) = at.checked_sub(2).and_then(|s| b.get(s..at)) {
        let u = u16::from(lead & 0x1F) << 6 | u16::from(b1 & 0x3F);
        if !(0xC0..=0xDF).contains(&lead) || classes[usize::from(u)] != letter {
            break;
        }
        at -= 2;
    }
    at
}

/// The start of the Han run that ends at byte `at` of `b`: `at` stepped back over the
/// characters [`classes`] calls Han. A Han character of the table is three bytes in
/// UTF-8, and a lead byte `E0`–`EF` three bytes back from a boundary starts one.
fn run_start(classes: &[u8; 0x10000], b: &[u8], mut at: usize) -> usize {
    while let Some(&[lead, b1, b2]) = at.checked_sub(3).and_then(|s| b.get(s..at)) {
        if !(0xE0..=0xEF).contains(&lead) {
            break;
        }
        let u = bmp3(lead, b1, b2);
        if !matches!(classes[usize::from(u)], COMMON_HAN | GRAMMAR_HAN) {
            break;
        }
        at -= 3;
    }
    at
}

/// Can non-Han character `u` be a sign of mojibake ([`exact_stretch`]'s list)? The
/// Latin-1 symbols Chinese uses are signs only after a Latin character (`prev_latin`).
fn odd_char(u: u32, prev_latin: bool) -> bool {
    match u {
        0xA0 | 0xA7 | 0xB0 | 0xB1 | 0xB7 | 0xD7 | 0xF7 => prev_latin,
        _ => SIGNS.iter().any(|r| r.contains(&u)),
    }
}

/// The non-Han blocks whose characters are signs ([`odd_char`]): Latin-1 letters and
/// Latin Extended, Greek and Cyrillic, box drawing, bopomofo, private use, U+FFFD.
const SIGNS: [std::ops::RangeInclusive<u32>; 6] = [
    0x80..=0x2FF,
    0x370..=0x52F,
    0x2500..=0x25FF,
    0x3100..=0x312F,
    0xE000..=0xF8FF,
    0xFFFD..=0xFFFD,
];

/// [`suspicious`] with the model at hand: the cheap first pass clears stretches, and the
/// exact test runs only from where it stopped clearing until the exact test's state is
/// fresh again ([`exact_stretch`]), where the first pass takes over.
///
/// Why the pieces add up to the exact test of the line: the exact test's state (the Han
/// run, whether a Latin letter came last) is empty after an ASCII character or a non-Han
/// character outside Latin-1, so on the rest of the line from there it decides as it
/// would on that rest alone; and on any text the first pass clears, the exact test finds
/// nothing. Handing back early matters on clean text: a line is sent on for one run of
/// six characters without a function character (显示帮助信息), and testing the rest of it
/// exactly cost more than the first pass over every line.
fn suspicious_in(model: &Model, line: &str) -> bool {
    let classes = classes();
    let mut from = 0;
    while let Some(start) = first_pass_from(model, classes, line, from..line.len()) {
        let before = line[..start].chars().next_back();
        match exact_stretch(model, &line[start..], before) {
            None => return true,
            Some(end) => from = start + end,
        }
    }
    false
}

/// The exact test from a fresh state until the first point past the first character
/// where the state is fresh again: `None` if it finds the text suspicious before that,
/// otherwise the byte offset of that point (the end of the text at the latest).
///
/// `before` is the character before `text`, which decides whether a Greek or Cyrillic
/// letter at its start stands in text of its own alphabet.
fn exact_stretch(model: &Model, text: &str, before: Option<char>) -> Option<usize> {
    let mut run = HanRun::default();
    let mut prev_latin = false;
    let mut prev = before;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let before = prev.replace(c);
        if c.is_ascii() {
            if run.end(model) {
                return None;
            }
            return Some(text.len() - chars.as_str().len());
        }
        if is_han(c) {
            if run.push(model, c) {
                return None;
            }
            prev_latin = false;
            continue;
        }
        if run.end(model) {
            return None;
        }
        let u = c as u32;
        if odd_char(u, prev_latin) {
            let next = chars.clone().next();
            if !alphabet_amid_text(before, c, next) {
                return None;
            }
            // A Greek or Cyrillic word: the state is fresh after each letter, and reading
            // on through the word here is what the first pass, stopping at every letter,
            // would hand back one letter at a time.
            if next.is_some_and(|n| alphabet_amid_text(Some(c), n, None)) {
                continue;
            }
        }
        prev_latin = (0x80..=0x2FF).contains(&u);
        if !prev_latin {
            return Some(text.len() - chars.as_str().len());
        }
    }
    if run.end(model) {
        None
    } else {
        Some(text.len())
    }
}

/// The exact test on a whole line, stretch by stretch without the first pass: the
/// reference [`suspicious_in`] agrees with.
#[cfg(test)]
fn suspicious_with(model: &Model, line: &str) -> bool {
    let mut from = 0;
    while from < line.len() {
        match exact_stretch(model, &line[from..], line[..from].chars().next_back()) {
            None => return true,
            Some(n) => from += n,
        }
    }
    false
}

mod han_run;
#[cfg(test)]
mod tests;
