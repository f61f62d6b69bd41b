//! How implausible is a string? A cost in nats-like units (lower is better) that every
//! candidate reading of a segment is ranked by.
//!
//! * Han characters cost `-ln P(c)` from the shared jieba model ([`crate::model`]), with a
//!   bonus for each neighbour pair that is part of a dictionary word ([`fill_cost`], which
//!   chooses a hole's byte, uses the running-text bigram model instead). Mojibake Han text
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

/// The cost used to choose a hole's byte, where candidates differ in one character. Han
/// characters and CJK punctuation are charged by the running-text model, which sees the
/// character on both sides of the hole across word boundaries (名 or 反, 透 or 送 decide by
/// their neighbours, not by which is commoner), plus the window's best reading as
/// dictionary words, and brackets close what the text opened before `open` (a stack of
/// openers).
pub fn fill_cost(text: &str, open: &[char]) -> f32 {
    let mut stack = open.to_vec();
    let mut brackets = 0.0;
    for c in text.chars() {
        if let Some(o) = opener_of(c) {
            brackets += if stack.pop() == Some(o) {
                -BRACKET
            } else {
                BRACKET
            };
        } else if closer_of(c).is_some() {
            stack.push(c);
        }
    }
    cost_with(text, HanCost::Ngram) + brackets + FILL_WORD_WEIGHT * Model::get().word_cost(text)
}

/// Weight of the word segmentation cost ([`Model::word_cost`]) in hole filling: a word
/// that spans the hole (重复, 又是) decides what one character of context cannot. On
/// the dev corpus utf8_as_cp1252/cp1252-replace is 50.0% exact at 0 and 0.3, 54.5% at 0.5
/// and 0.6, 50.0% at 1.0 (it starts to prefer a common word over the poem's own
/// characters); the other variants move by a case at most.
const FILL_WORD_WEIGHT: f32 = 0.5;

/// Share of the bigram model in hole filling's character cost (the rest is the plain
/// character frequency, see [`Model::cond_logp_mixed`]). Mojibake holes sit in all kinds
/// of text (poetry, fortunes) whose pairs the training text lacks, and there the pure
/// bigram model preferred a rare character's backed-off successor (新杩》 over 新恩》).
/// On the dev corpus utf8_as_cp1252 failed 13 cases at 1.0, 11 at 0.9, 0.8 and 0.7.
const FILL_CONTEXT_WEIGHT: f32 = 0.9;

/// Reward for a bracket that closes an open one, penalty for one that closes nothing.
/// 3 was enough against the old flat punctuation costs (。 3.5, 》 5.5); the n-gram model
/// charges 》 after a rare character (离骚》) several nats more than 。, so it is 6.
const BRACKET: f32 = 6.0;

/// The openers still unclosed at the end of `text`.
pub fn open_brackets(text: &str) -> Vec<char> {
    let mut stack = Vec::new();
    for c in text.chars() {
        if closer_of(c).is_some() {
            stack.push(c);
        } else if let Some(o) = opener_of(c) {
            if stack.last() == Some(&o) {
                stack.pop();
            }
        }
    }
    stack
}

const PAIRS: [(char, char); 8] = [
    ('《', '》'),
    ('（', '）'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〈', '〉'),
    ('“', '”'),
    ('‘', '’'),
];

fn closer_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == c).map(|p| p.1)
}

fn opener_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == c).map(|p| p.0)
}

fn cost_with(text: &str, han: HanCost) -> f32 {
    let model = Model::get();
    let mut total = 0.0f32;
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        total += char_cost(model, c, prev, han);
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
        prev = Some(c);
    }
    total
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
        0x2500..=0x257F => 5.0,
        0x2190..=0x22FF => 7.0,
        0xFFFD => 15.0,
        _ if is_cp1252_special(c) => 9.0,
        _ if c.is_control() => 20.0,
        _ => 10.0,
    }
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
///   [`SHORT_RUN`] that holds no dictionary pair and no function character (mojibake
///   Han text is made of them: 鍙傛暟, 涓枃; clean text has the odd rare character
///   inside otherwise ordinary words).
///   "Rare" is rarer than [`RARE_HAN`] and forming no dictionary word with a Han
///   neighbour; a character standing alone, as in spaced-out text, has nothing to pair
///   with and proves nothing unless it is rarer than [`VERY_RARE_HAN`];
/// * [`WORDLESS_RUN`] common Han characters that never form a word and hold none of the
///   commonest, function-word characters (GBK read as Big5).
pub fn suspicious(line: &str) -> bool {
    let model = Model::get();
    suspicious_in(model, line)
}

/// The lines of `text` that are [`suspicious`], as byte ranges without their line ending.
///
/// One pass with memchr for the line breaks: splitting a clean megabyte into `&str` lines
/// and testing each cost a third as much again as the test itself. The model is fetched
/// only once a line holds non-ASCII text, and the exact test runs only on lines that
/// [`maybe_suspicious`] cannot clear ([`suspicious_in`]).
pub fn suspicious_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut model = None;
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let body = text[start..end].trim_end_matches('\r');
        if !body.is_ascii() && {
            let model = model.get_or_insert_with(Model::get);
            suspicious_in(model, body)
        } {
            found.push(start..start + body.len());
        }
        start = end + 1;
    }
    found
}

/// The cheap first pass of the exact test ([`exact_stretch`]), at a few instructions per
/// character (the exact test costs about a hundred): `None` means the text holds no rare
/// or unknown Han character, no character outside the BMP, no character that can be a
/// sign ([`odd_char`], whatever precedes it) and no run of [`WORDLESS_RUN`] Han characters
/// without a function character, so the exact test would find nothing either.
///
/// Otherwise, the byte offset the exact test has to start from: the start of the Han run
/// (or the character) that sent the text on. Everything before it was cleared here, and
/// ends at an ASCII or an ordinary non-Han character, after which the exact test starts
/// afresh (an empty run, no Latin letter before).
fn maybe_suspicious(model: &Model, line: &str) -> Option<usize> {
    // Han characters in the current run, and whether one of them is a function character.
    let (mut run, mut grammar) = (0usize, false);
    // Where the current run started (after the last character that resets the state).
    let mut from = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let u = c as u32;
        if u < 0x80 {
            (run, grammar) = (0, false);
            let rest = chars.as_str();
            chars = rest[crate::convert::ascii_run(rest.as_bytes())..].chars();
            from = line.len() - chars.as_str().len();
            continue;
        }
        if !(0x3400..=0x9FFF).contains(&u) {
            if u > 0xFFFF || odd_char(u, true) || (0xF900..=0xFAFF).contains(&u) {
                return Some(from);
            }
            (run, grammar) = (0, false);
            from = line.len() - chars.as_str().len();
            continue;
        }
        // Unknown characters (no frequency) are rare.
        let lp = han_logp(model, c).unwrap_or(f32::NEG_INFINITY);
        if lp < RARE_HAN {
            return Some(from);
        }
        run += 1;
        grammar |= lp >= FUNCTION_HAN;
        if run >= WORDLESS_RUN && !grammar {
            return Some(from);
        }
    }
    None
}

/// Can non-Han character `u` be a sign of mojibake ([`exact_stretch`]'s list)? The
/// Latin-1 symbols Chinese uses are signs only after a Latin character (`prev_latin`).
fn odd_char(u: u32, prev_latin: bool) -> bool {
    match u {
        0xA0 | 0xA7 | 0xB0 | 0xB1 | 0xB7 | 0xD7 | 0xF7 => prev_latin,
        0x80..=0x2FF => true,
        0x370..=0x52F => true,
        0xE000..=0xF8FF | 0xFFFD => true,
        0x2500..=0x25FF | 0x3100..=0x312F => true,
        _ => false,
    }
}

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
    let mut from = 0;
    while let Some(start) = maybe_suspicious(model, &line[from..]) {
        match exact_stretch(model, &line[from + start..]) {
            None => return true,
            Some(end) => from += start + end,
        }
    }
    false
}

/// The exact test from a fresh state until the first point past the first character
/// where the state is fresh again: `None` if it finds the text suspicious before that,
/// otherwise the byte offset of that point (the end of the text at the latest).
fn exact_stretch(model: &Model, text: &str) -> Option<usize> {
    let mut run = HanRun::default();
    let mut prev_latin = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
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
            return None;
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
        match exact_stretch(model, &line[from..]) {
            None => return true,
            Some(n) => from += n,
        }
    }
    false
}

/// The Han run [`suspicious`] is in the middle of.
///
/// Whether the run holds a dictionary pair (a binary search per pair) matters only while
/// it holds no function character, and only once it is [`WORDLESS_RUN`] long or ends
/// short with one rare character; so pairs of common characters are looked up then, not
/// as they arrive (on clean man pages most runs reach a function character first). Pairs
/// touching a rare character are looked up at once: they decide whether it counts.
#[derive(Default)]
struct HanRun {
    /// The run's first [`WORDLESS_RUN`] characters.
    head: [char; WORDLESS_RUN],
    prev: Option<char>,
    len: usize,
    rare: usize,
    /// Some pair in the run is a dictionary word part. `false` means none of the pairs
    /// looked up so far is one; all of them have been looked up once the run is
    /// [`WORDLESS_RUN`] long without a function character.
    linked: bool,
    /// Some character in the run is a [`FUNCTION_HAN`] one.
    grammar: bool,
    /// A rare character that paired with nothing before it, waiting to see its next
    /// neighbour; `true` if it counts as rare should the run end there (it had a Han
    /// neighbour before it, or it is [`VERY_RARE_HAN`]).
    pending: Option<bool>,
}

impl HanRun {
    /// Add `c`; `true` when the run has become suspicious.
    fn push(&mut self, model: &Model, c: char) -> bool {
        let class = rarity(model, c);
        // Only a rare character, or one after a rare character, needs its pair looked up.
        if self.pending.is_some() || matches!(class, Rarity::Rare | Rarity::VeryRare) {
            let paired = self.prev.is_some_and(|p| word_pair(model, p, c));
            if self.pending.take().is_some() && !paired {
                self.rare += 1;
            }
            match class {
                // 删 and 钥 are very rare in the model yet everywhere in 删除 and 密钥: a
                // character inside a dictionary word is real whatever its frequency.
                Rarity::VeryRare if !paired => self.pending = Some(true),
                Rarity::Rare if !paired => self.pending = Some(self.prev.is_some()),
                _ => {}
            }
            self.linked |= paired;
        }
        self.grammar |= class == Rarity::Function;
        if let Some(slot) = self.head.get_mut(self.len) {
            *slot = c;
        }
        let prev = self.prev.replace(c);
        self.len += 1;
        self.rare >= 2 || self.wordless(model, prev, c)
    }

    /// Has the run, just grown by `c` after `prev`, become [`WORDLESS_RUN`] characters
    /// without a dictionary pair or a function character?
    #[inline]
    fn wordless(&mut self, model: &Model, prev: Option<char>, c: char) -> bool {
        if self.len < WORDLESS_RUN || self.linked || self.grammar {
            return false;
        }
        // Every earlier pair was looked up when the run reached WORDLESS_RUN.
        self.linked = if self.len == WORDLESS_RUN {
            self.has_pair(model)
        } else {
            prev.is_some_and(|p| word_pair(model, p, c))
        };
        !self.linked
    }

    /// Does some pair among the run's first characters form a dictionary word part?
    fn has_pair(&self, model: &Model) -> bool {
        let head = &self.head[..self.len.min(WORDLESS_RUN)];
        head.windows(2).any(|w| word_pair(model, w[0], w[1]))
    }

    /// Close the run at a non-Han character; `true` when it was suspicious.
    #[inline]
    fn end(&mut self, model: &Model) -> bool {
        if self.len == 0 {
            return false;
        }
        if self.pending.take() == Some(true) {
            self.rare += 1;
        }
        let lone_rare = self.rare == 1
            && self.len <= SHORT_RUN
            && !self.grammar
            && !self.linked
            && !self.has_pair(model);
        let odd = self.rare >= 2 || lone_rare;
        *self = HanRun::default();
        odd
    }
}

/// Do `a` and `b` form part of a word: a pair of the model's dictionary words, or of
/// OpenCC's phrases (Taiwan's vocabulary, 檔名 字串 金鑰, which the model lacks).
fn word_pair(model: &Model, a: char, b: char) -> bool {
    model.bigram_logp(a, b).is_some() || crate::convert::is_phrase_pair(a, b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rarity {
    /// Commoner than [`FUNCTION_HAN`].
    Function,
    Common,
    Rare,
    VeryRare,
}

/// How rare `c` is. A Japanese-only kanji (総, 覧) is rare in the Chinese model but
/// ordinary in the Japanese text it comes from (`--to jp` output among it).
fn rarity(model: &Model, c: char) -> Rarity {
    let class = match han_logp(model, c) {
        Some(lp) if lp >= FUNCTION_HAN => return Rarity::Function,
        Some(lp) if lp >= RARE_HAN => return Rarity::Common,
        Some(lp) if lp >= VERY_RARE_HAN => Rarity::Rare,
        _ => Rarity::VeryRare,
    };
    // Asked only of rare characters: the set is a hash lookup, the frequency an index.
    if crate::convert::is_japanese_kanji(c) {
        return Rarity::Common;
    }
    class
}

/// The model's ln P(c) (a direct index over the BMP, see [`Model::char_logp`]).
#[inline]
fn han_logp(model: &Model, c: char) -> Option<f32> {
    model.char_logp(c)
}

/// Han characters in a row without a single dictionary pair among them. The model's pairs
/// are within-word only, so grammar between words pairs nothing (它的值是, 从右到左):
/// at 4 this flagged 1.2 % of the lines of clean zh_CN man pages; at 6, together with
/// [`FUNCTION_HAN`], 0.2 %, and no damaged dev-corpus line loses its flag.
const WORDLESS_RUN: usize = 6;

/// Characters at least this common (ln P; about the 150 commonest: 的 是 在 为 到 了) are
/// words on their own, so a run holding one is grammar, not GBK read as Big5 (whose
/// characters are a stroke-ordered sample of Big5, seldom these).
const FUNCTION_HAN: f32 = -6.5;

/// A Han run this short with one rare character, no dictionary pair and no function
/// character in it is worth a look (鍛戒护 is 命令 read as GBK); in a longer run, inside a
/// word (前缀) or next to grammar (的幂, 剪下從), one rare character is a real rare word.
const SHORT_RUN: usize = 3;

/// Han characters rarer than this (ln P) make a run worth a closer look; mojibake Han
/// text is mostly made of them, real text rarely holds one per line.
const VERY_RARE_HAN: f32 = -11.5;
/// ... and characters rarer than this, when they form no dictionary word with a
/// neighbour.
const RARE_HAN: f32 = -10.0;

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

    #[test]
    fn clean_text_is_not_suspicious() {
        assert!(!suspicious("plain ascii"));
        assert!(!suspicious("这是一个中文句子，没有任何问题。"));
        // Rare, but part of a word: 新疆.
        assert!(!suspicious("新疆"));
        assert!(suspicious("鍛戒护"));
        assert!(suspicious("ä¸\u{AD}æ–‡"));
    }

    #[test]
    fn chinese_punctuation_and_symbols_are_not_suspicious() {
        // CP1252 specials without Latin-1 letters, and the Latin-1 symbols Chinese uses.
        assert!(!suspicious("“[ ]” 内的任意/全部参数都是可选的……——"));
        assert!(!suspicious("列夫·托尔斯泰，温度 30°，3×4"));
        assert!(suspicious("â€œ"));
        assert!(suspicious("°±"));
    }

    #[test]
    fn lone_rare_characters_in_real_words_are_not_suspicious() {
        // Spaced-out Traditional text: a character alone has nothing to pair with.
        assert!(!suspicious("使 用 者 帳 號 及 相 關 檔 案"));
        // One rare character inside a long run of ordinary words.
        assert!(!suspicious("可以指定任何有效的目录挂臷的手册页层次结构"));
        // Mojibake: two rare characters in a run, or one in a short run.
        assert!(suspicious("鍙傛暟"));
        assert!(suspicious("涓枃"));
    }

    #[test]
    fn grammar_and_rare_characters_inside_words_are_not_suspicious() {
        // Clean man-page lines: grammar between words pairs nothing in a within-word
        // model, and 删/缀 are very rare in it but sit inside 删除/后缀.
        assert!(!suspicious("它的值是"));
        assert!(!suspicious("从右到左"));
        assert!(!suspicious("删除"));
        assert!(!suspicious("后缀"));
        // A rare word next to a function character in a short run.
        assert!(!suspicious("的幂"));
        // The same rare characters outside a word still are.
        assert!(suspicious("鍛戒护"));
    }

    #[test]
    fn the_first_pass_clears_only_what_the_exact_test_clears() {
        let model = Model::get();
        let lines = [
            "这是一个中文句子，没有任何问题。",
            "使 用 者 帳 號 及 相 關 檔 案",
            "可以指定任何有效的目录挂臷的手册页层次结构",
            "它的值是",
            "从右到左",
            "删除",
            "的幂",
            "列夫·托尔斯泰，温度 30°，3×4",
            "鍛戒护",
            "鍙傛暟",
            "涓枃",
            "ä¸\u{AD}æ–‡",
            "°±",
            "文件系统挂载选项说明",
            "emoji 😀 表情",
            "ファイルシステム",
            // Clean stretches before what sends the line on.
            "这是一个中文句子，鍛戒护",
            "它的值是 plain ascii 鍙傛暟 and more",
            "温度 30°，Müller 涓枃",
            "见 ls(1)。文件系统挂载选项说明",
            "a°é·显示",
            "显示帮助信息 鍛戒护",
            "显示帮助信息，然后 鍛戒护",
            "鍛戒护 显示帮助信息 a",
            "显示帮助信息·°",
            "显示帮助信息·显示",
        ];
        for line in lines {
            let exact = suspicious_with(model, line);
            match maybe_suspicious(model, line) {
                None => assert!(!exact, "{line}"),
                Some(from) => assert_eq!(suspicious_with(model, &line[from..]), exact, "{line}"),
            }
            assert_eq!(suspicious_in(model, line), exact, "{line}");
        }
        // Plain lines of common characters with grammar in them pass the first pass.
        assert_eq!(
            maybe_suspicious(model, "这是一个中文句子，没有任何问题。"),
            None
        );
        assert_eq!(maybe_suspicious(model, "它的值是 plain ascii"), None);
        // Signs and rare characters send the line on to the exact test, from the start of
        // their run.
        assert_eq!(maybe_suspicious(model, "鍛戒护"), Some(0));
        assert_eq!(maybe_suspicious(model, "â€œ"), Some(0));
        assert_eq!(
            maybe_suspicious(model, "它的值 x 鍛戒护"),
            Some("它的值 x ".len())
        );
        assert_eq!(
            maybe_suspicious(model, "它的值，鍛戒护"),
            Some("它的值，".len())
        );
    }
}
