//! The cost of one candidate for a hole: a lost byte's possible values decode to rival
//! characters, each scored in a window of a few characters around the hole.
//!
//! Candidates differ in one character, so the cost weighs what decides between rivals:
//!
//! * the running-text character model and the window's best reading as dictionary words
//!   ([`score::ngram_cost`], [`crate::model::Model::word_cost`]);
//! * **brackets**: a closer that closes what the line opened earns a reward, one that
//!   closes nothing pays (closing a quotation an earlier line of the paragraph opened
//!   does neither), and an opener still unclosed where the line ends pays (a lost
//!   `》` at the end of `《增广贤文` is `》`, not `。`); an opener the window leaves open
//!   earns a little when the line holds its closer further on, or a hole that may be it,
//!   more when that closer is certain and no opener claims it, and pays when it holds
//!   neither;
//! * **punctuation against spacing**: an opener is never followed by a space or the line's
//!   end, and `，。、；：？！` and closers never follow a space (`快取。 應用` is not
//!   `快取「 應用`, however often `「` follows `取`); `、` and `，` do not end a line;
//! * **script**: a line that is plainly Simplified (or Traditional) does not hold a
//!   character only the other script writes (對 in 對括号, 应 in 函式应), so a candidate
//!   that is one pays; a line too short to tell takes its document's script;
//! * **the document**: a character the rest of the document uses is likelier, and more so
//!   a pair of characters it writes (a cache model, [`Document`]); the segment's own
//!   certain text (its reading with the holes unfilled) supplies pairs too (`快取` twice
//!   in a line says what `快?` is); and a line's last mark is likelier the more of the
//!   document's other lines end with it (the verse of 菜根谭 ends its lines with `；`,
//!   where the help text the model learned from ends them with `：`).

use super::score;
use crate::convert::{char_script, evidence, Script};
use crate::model::{is_han, Model};
use crate::repair::brackets::{closer_of, closers, opener_of};
use foldhash::HashMap;
use std::rc::Rc;

/// What the rest of the document says about a segment's holes: the Han characters and
/// the pairs of adjacent Han characters its trusted text uses (lines the pre-filter
/// cleared and lines repaired without a guess), and the script it is plainly written in.
/// A document about streams writes 流 again and again, and a hole in `關閉流` is 流
/// there, though 海 is the commoner character.
#[derive(Debug, Clone, Default)]
pub struct Document {
    uses: Uses,
    script: Option<Script>,
    /// The uses of the segment being filled, which are no evidence for itself.
    own: Uses,
    /// The openers the paragraph left unclosed before the segment being filled (a quote
    /// over several lines closes on a later one).
    carried: Vec<char>,
}

/// How often a text uses each Han character and each pair of adjacent Han characters,
/// and which punctuation its lines end with.
#[derive(Debug, Clone, Default)]
pub struct Uses {
    chars: HashMap<char, f32>,
    pairs: HashMap<(char, char), f32>,
    /// The punctuation its lines end with ([`ends_a_line`]), counted as pairs are: a
    /// guess is no evidence of a habit.
    ends: HashMap<char, f32>,
}

impl Uses {
    /// The uses of `texts` (each piece on its own: no pair spans two pieces).
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut uses = Uses::default();
        for text in texts {
            uses.add(text, 1.0);
        }
        uses
    }

    /// Count `text`'s uses, each as `weight` of one.
    pub fn add(&mut self, text: &str, weight: f32) {
        self.add_split(text, weight, weight);
    }

    /// Count `text`'s characters as `weight` of one use each, its pairs as `pair_weight`.
    pub fn add_split(&mut self, text: &str, weight: f32, pair_weight: f32) {
        for c in text.lines().filter_map(last_mark) {
            *self.ends.entry(c).or_insert(0.0) += pair_weight;
        }
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            *self.chars.entry(c).or_insert(0.0) += weight;
            if let Some(p) = prev {
                *self.pairs.entry((p, c)).or_insert(0.0) += pair_weight;
            }
            prev = Some(c);
        }
    }

    fn char(&self, c: char) -> f32 {
        self.chars.get(&c).copied().unwrap_or(0.0)
    }

    fn pair(&self, a: char, b: char) -> f32 {
        self.pairs.get(&(a, b)).copied().unwrap_or(0.0)
    }

    fn end(&self, c: char) -> f32 {
        self.ends.get(&c).copied().unwrap_or(0.0)
    }
}

impl Document {
    /// The document whose text has `uses`.
    pub fn of(uses: Uses) -> Self {
        let (mut simplified, mut traditional) = (0, 0);
        for &c in uses.chars.keys() {
            let n = uses.char(c).round() as usize;
            match char_script(c) {
                Script::Simplified => simplified += n,
                Script::Traditional => traditional += n,
                Script::Neutral => {}
            }
        }
        Document {
            uses,
            script: plain(simplified, traditional),
            own: Uses::default(),
            carried: Vec::new(),
        }
    }

    /// The openers (innermost last) the lines before the segment about to be filled left
    /// open in its paragraph; like [`Document::leave_out`], this replaces what an earlier
    /// call set.
    pub fn carry(&mut self, openers: Vec<char>) {
        self.carried = openers;
    }

    /// Leave out `segment`'s uses (what it added to the document): the segment about to
    /// be filled again must not vote for its own earlier guesses. This replaces what an
    /// earlier call left out, so each segment in turn sees the whole rest of the document.
    pub fn leave_out(&mut self, segment: Uses) {
        self.own = segment;
    }

    /// The script a segment's holes are filled in: its own where it is plain, else the
    /// document's.
    pub fn script_for(&self, segment: &str) -> Option<Script> {
        plain_script(segment).or(self.script)
    }

    /// Does the rest of the document write every pair of adjacent Han characters of
    /// `text`, and `text` at least one?
    pub fn writes_every_pair(&self, text: &str) -> bool {
        let mut pairs = han_pairs(text).peekable();
        pairs.peek().is_some() && pairs.all(|(a, b)| self.pair_uses(a, b) > 0.0)
    }

    /// Does the rest of the document write some pair of adjacent Han characters of `text`?
    pub fn writes_a_pair(&self, text: &str) -> bool {
        han_pairs(text).any(|(a, b)| self.pair_uses(a, b) > 0.0)
    }

    /// Uses of `c` by the rest of the document.
    fn char_uses(&self, c: char) -> f32 {
        (self.uses.char(c) - self.own.char(c)).max(0.0)
    }

    /// Lines of the rest of the document that end with `c`.
    fn end_uses(&self, c: char) -> f32 {
        (self.uses.end(c) - self.own.end(c)).max(0.0)
    }

    /// Uses of the pair `ab` by the rest of the document.
    fn pair_uses(&self, a: char, b: char) -> f32 {
        (self.uses.pair(a, b) - self.own.pair(a, b)).max(0.0)
    }
}

/// The pairs of adjacent Han characters in `text`.
fn han_pairs(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    text.chars()
        .zip(text.chars().skip(1))
        .filter(|&(a, b)| is_han(a) && is_han(b))
}

/// [`DOCUMENT_WEIGHT`] · ln(1 + `uses`), at most [`DOCUMENT_MAX`].
fn bonus(uses: f32) -> f32 {
    if uses <= 0.0 {
        return 0.0;
    }
    (DOCUMENT_WEIGHT * (1.0 + uses).ln()).min(DOCUMENT_MAX)
}

/// What a window's cost depends on beyond its own text.
#[derive(Debug, Clone)]
pub struct Around<'a> {
    /// The openers left unclosed before the window (innermost last).
    pub open: Vec<char>,
    /// How many of `open`, from the outermost, the paragraph's lines before the segment
    /// left open ([`Document::carry`]): a closer may close them, but a line may end with
    /// them still open, as a quotation over several lines does.
    pub open_carried: usize,
    /// Does the window end where the line (segment) ends?
    pub at_end: bool,
    /// The script the whole segment (or its document) is plainly written in, if any.
    pub script: Option<Script>,
    /// The rest of the document.
    pub doc: &'a Document,
    /// What the segment's own certain text (its reading with every hole unfilled) uses.
    pub certain: Rc<Uses>,
    /// Closers the line holds after the window, for certain or possibly at a hole
    /// ([`closers_in`]): an opener the window leaves open may be closed there.
    pub ahead: Vec<(char, bool)>,
}

impl<'a> Around<'a> {
    /// A segment's context before any window in it: nothing open, not at its end, the
    /// script `segment` (or else its document) is plainly written in. Callers set `open`
    /// and `at_end` per window. `segment` is read with its holes unfilled (U+FFFD), so
    /// what it uses is certain.
    pub fn segment(segment: &str, doc: &'a Document) -> Self {
        Around {
            open: Vec::new(),
            open_carried: 0,
            at_end: false,
            script: doc.script_for(segment),
            doc,
            certain: Rc::new(Uses::of([segment])),
            ahead: Vec::new(),
        }
    }

    /// The openers left unclosed before a window that starts after `before` (the
    /// segment's text up to the window): the paragraph's, then the segment's own; and
    /// how many of them are the paragraph's (`open` and `open_carried` of a window).
    pub fn open_before(&self, before: &str) -> (Vec<char>, usize) {
        let carried = &self.doc.carried;
        let mut open = carried.clone();
        let lowest = open_brackets_into(before, &mut open);
        (open, lowest.min(carried.len()))
    }

    /// The bonus for `c` (after `prev`, if Han) in a window: the rest of the document's
    /// uses of the character, and its and the segment's certain text's uses of the pair.
    /// (The segment's own characters are left out: counted too, they fixed nothing on
    /// dev and undid the pairs' one gain.)
    fn vocabulary(&self, prev: Option<char>, c: char) -> f32 {
        let char_uses = self.doc.char_uses(c);
        let pair = prev.filter(|&p| is_han(p)).map_or(0.0, |p| {
            bonus(self.doc.pair_uses(p, c) + self.certain.pair(p, c))
        });
        bonus(char_uses) + PAIR_SHARE * pair
    }
}

/// Weight of the word segmentation cost ([`Model::word_cost`]) in hole filling: a word
/// that spans the hole (重复, 又是) decides what one character of context cannot. On
/// the dev corpus utf8_as_cp1252/cp1252-replace is 50.0% exact at 0 and 0.3, 54.5% at 0.5
/// and 0.6, 50.0% at 1.0 (it starts to prefer a common word over the poem's own
/// characters); the other variants move by a case at most.
const FILL_WORD_WEIGHT: f32 = 0.5;

/// Reward for a bracket that closes an open one, penalty for one that closes nothing.
/// 3 was enough against the old flat punctuation costs (。 3.5, 》 5.5); the n-gram model
/// charges 》 after a rare character (离骚》) several nats more than 。, so it is 6.
const BRACKET: f32 = 6.0;

/// An opener still open where the line ends. `《增广贤文》` lost its `》`: the n-gram model
/// charges `》` after 文 1.6 more than `。`, more than the closing reward makes up.
const UNCLOSED_AT_END: f32 = 3.0;

/// Reward for an opener the window leaves open when the line holds its closer further on,
/// or a hole that may be it. Curly quotes that both lost their last byte (`鈥�/etc/x鈥�`)
/// were each chosen alone: `–` beat `“` by 0.1 before `/etc`, and the closer then paid
/// for closing nothing. On dev, 1 fixes those quotes and changes nothing else; 3 (half
/// the closing reward) turned `$、*、[ … 。` into `$「*、[ … 」`: the pair earned the
/// opener's reward and then the closer's full one (a `E3 80 ?` hole may be any CJK
/// punctuation, so a possible closer is weak evidence).
const CLOSABLE_AHEAD: f32 = 1.0;

/// Reward for an opener the window leaves open when the line holds, for certain, a closer
/// of its kind that no certain opener before it claims (`字元�]'*' 表示…輸入的）`: Big5
/// （ lost its lead, A1, to a GBK decoder, and 也 is A4 5D). Half the closing reward:
/// enumerations (`1）`) leave closers unmatched too. On dev it changes nothing (6 would
/// mend one more, a UTF-8 `，` for `（`).
const UNMATCHED_AHEAD: f32 = 3.0;

/// Cost of an opener the window leaves open when nothing further on the line closes it,
/// nor a hole that may: the line ends with it open (as [`UNCLOSED_AT_END`] charges where
/// the window ends the line). Without it, Big5 只 (A5 75) that lost its lead read as
/// `「` (A1 75) in `命令「是簡單的`, the help text the model learned from quoting with 「
/// everywhere. On dev, 1 (the reward of [`CLOSABLE_AHEAD`]) reads 只 in both places it
/// was lost and makes nothing worse; 3 also turned two curly quotes into en dashes.
const NEVER_CLOSED: f32 = 1.0;

/// Punctuation against the spacing around it: an opener before a space or the line's end,
/// a closer or sentence punctuation after a space, `、` or `，` at the line's end. Real
/// text has none of these; the n-gram model cannot see them (spaces are not in its
/// context), and `「` after 取 cost 0.7 less than `。` in `快取。 應用`.
const MISPLACED_PUNCT: f32 = 6.0;

/// A cache model's weight: a hole's candidate the document's trusted text uses n times
/// earns DOCUMENT_WEIGHT · ln(1 + n), at most DOCUMENT_MAX.
const DOCUMENT_WEIGHT: f32 = 2.0;
const DOCUMENT_MAX: f32 = 6.0;

/// The weight of a pair of adjacent Han characters the document uses, against a single
/// character's: a hole's candidate that forms a pair the document writes elsewhere
/// (`字元或詞` in a manual saying 字元或詞 on other lines, where the line alone reads
/// 字元或試) earns PAIR_SHARE · [`DOCUMENT_WEIGHT`] · ln(1 + uses) on top of the
/// character's bonus. On dev, 0.5 changes nothing, 1 and 2 fix one mixed case (mixed
/// 90.0 → 91.1) and leave every other category's exact count as it was.
const PAIR_SHARE: f32 = 1.0;

/// A character of the other script in a line plainly written in one. GBK holds the
/// Traditional characters too, so a lost byte of Simplified text has Traditional rivals,
/// common ones among them (益者三友 read 益者隊友, 善信，政善治 read 善信，請善治). On dev,
/// 3 left 8 such characters in gbk_as_big5 and utf8_as_gbk that 6 and 9 both put right,
/// and nothing else changed (with [`super::holes`]' CLOSE raised to match, 版權 in a
/// Simplified page came back as 版权 too).
const OTHER_SCRIPT: f32 = 6.0;

/// Script evidence a segment needs before it counts as plainly one script: this many
/// characters of it, and at least three times the other's.
const PLAIN_SCRIPT_MIN: usize = 3;

/// The cost of a hole's candidate window `text` (see the module documentation). The
/// searches compute it in two parts ([`fill_cost_or_floor`], [`cost_without_words`] and
/// [`with_words`]) to skip the dearer one where they can; bracket pairs and the tests ask
/// for it whole.
pub fn fill_cost(text: &str, around: &Around) -> f32 {
    fill_cost_below(text, around, f32::INFINITY).unwrap_or(f32::INFINITY)
}

/// [`fill_cost`] if it is below `bound`, else `None` (maybe). The word cost is never
/// negative and is the dearest part to compute, so a candidate whose other costs already
/// reach the best rival's total is dropped unsegmented: the same winner, found several
/// times faster.
pub fn fill_cost_below(text: &str, around: &Around, bound: f32) -> Option<f32> {
    fill_cost_or_floor(text, around, bound).ok()
}

/// [`fill_cost_below`], saying when it gives up how far the cost is at least: `Err(floor)`
/// with `floor >= bound`, the part of the cost it did compute. A caller that meets the
/// same window again under another bound knows the answer without computing it, or
/// whether it must ([`super::search`] memoises the windows of a hole's candidates).
pub fn fill_cost_or_floor(text: &str, around: &Around, bound: f32) -> Result<f32, f32> {
    let cheap = cost_without_words(text, around);
    if cheap < bound {
        Ok(with_words(cheap, text))
    } else {
        Err(cheap)
    }
}

/// [`fill_cost`] from its part without the word cost ([`cost_without_words`]): that part
/// is a lower bound of the whole, so callers rank candidates by it first.
pub fn with_words(cheap: f32, text: &str) -> f32 {
    if cheap < f32::INFINITY {
        cheap + FILL_WORD_WEIGHT * Model::get().word_cost(text)
    } else {
        f32::INFINITY
    }
}

/// Everything [`fill_cost`] weighs but the dictionary words, the dearest part.
pub fn cost_without_words(text: &str, around: &Around) -> f32 {
    // Open brackets, each with whether it is the window's own and followed by text
    // (an opener before a space or the window's end is misplaced, not awaiting a closer).
    let mut stack: Vec<(char, bool)> = around.open.iter().map(|&o| (o, false)).collect();
    // The bottom `carried` entries are the paragraph's.
    let mut carried = around.open_carried.min(stack.len());
    let mut lowest = stack.len();
    let mut extra = 0.0;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if let Some(o) = opener_of(c) {
            let closes = stack.pop().map(|(p, _)| p) == Some(o);
            lowest = lowest.min(stack.len());
            let paragraphs = stack.len() < carried;
            carried = carried.min(stack.len());
            // Closing what an earlier line of the paragraph opened neither earns nor
            // pays: that quotation may as well close on a later line. (A reward of 3
            // closed quotations at the end of every line they span; 0 and 1 score alike
            // on dev, where one `”` ending a quotation of five lines comes back.)
            extra += match (closes, paragraphs) {
                (true, true) => 0.0,
                (true, false) => -BRACKET,
                (false, _) => BRACKET,
            };
        } else if closer_of(c).is_some() {
            stack.push((c, next.is_some_and(|n| n != ' ' && n != '\t')));
        }
        extra += misplaced(c, prev, next, around.at_end);
        if is_han(c) {
            extra -= around.vocabulary(prev, c);
            let own = char_script(c);
            if around
                .script
                .is_some_and(|s| own != Script::Neutral && own != s)
            {
                extra += OTHER_SCRIPT;
            }
        }
        prev = Some(c);
    }
    if around.at_end {
        extra += UNCLOSED_AT_END * (stack.len() - carried) as f32;
        // The line's last mark, as the document's other lines end, unless a bracket the
        // line opened is still open (its closer is what the line lacks).
        if let Some(c) = last_mark(text).filter(|_| stack.len() <= carried) {
            extra -= bonus(around.doc.end_uses(c));
        }
    } else {
        // The window's own openers still open: closable further on the line, or never.
        // An unmatched closer may close what the paragraph opened instead.
        let before = &stack[..lowest];
        for &(o, awaits) in &stack[lowest..] {
            let x = closer_of(o);
            let ahead = |sure: bool| around.ahead.iter().any(|&(c, u)| Some(c) == x && u >= sure);
            if awaits && ahead(true) && !before.iter().any(|&(p, _)| p == o) {
                extra -= UNMATCHED_AHEAD;
            } else if awaits && ahead(false) {
                extra -= CLOSABLE_AHEAD;
            } else if !ahead(false) {
                extra += NEVER_CLOSED;
            }
        }
    }
    score::ngram_cost(text) + extra
}

/// [`MISPLACED_PUNCT`] for `c` between `prev` and `next` (`None` at the window's ends;
/// the window's end is the line's when `at_end`).
fn misplaced(c: char, prev: Option<char>, next: Option<char>, at_end: bool) -> f32 {
    let space = |x: Option<char>| x.is_some_and(|x| x == ' ' || x == '\t');
    let line_end = next.is_none() && at_end;
    let opener = closer_of(c).is_some();
    let closer = opener_of(c).is_some();
    let sentence = sentence(c);
    let before_space_or_end = opener && (space(next) || line_end);
    let after_space = (closer || sentence) && space(prev);
    if before_space_or_end || after_space || (c == '、' && line_end) {
        MISPLACED_PUNCT
    } else if c == '，' && line_end {
        // Verse and wrapped text do break a line after a comma, now and then.
        MISPLACED_PUNCT / 2.0
    } else {
        0.0
    }
}

/// Sentence punctuation: it follows a character and may end a line.
fn sentence(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！')
}

/// Punctuation a document's lines end with, in its habits: sentence punctuation and
/// closing brackets.
fn ends_a_line(c: char) -> bool {
    sentence(c) || opener_of(c).is_some()
}

/// The mark `line` ends with ([`ends_a_line`]), trailing whitespace aside.
fn last_mark(line: &str) -> Option<char> {
    line.trim_end()
        .chars()
        .next_back()
        .filter(|&c| ends_a_line(c))
}

/// The script `segment` is plainly written in (see [`PLAIN_SCRIPT_MIN`]).
fn plain_script(segment: &str) -> Option<Script> {
    let e = evidence(segment);
    plain(e.simplified, e.traditional)
}

fn plain(simplified: usize, traditional: usize) -> Option<Script> {
    let plain = |a: usize, b: usize| a >= PLAIN_SCRIPT_MIN && a >= 3 * b;
    if plain(simplified, traditional) {
        Some(Script::Simplified)
    } else if plain(traditional, simplified) {
        Some(Script::Traditional)
    } else {
        None
    }
}

/// Where `bytes` (a segment in `real`'s encoding, its unfilled holes 0xFF) holds a
/// closer or may hold one: the closer's encoding matches, a hole standing for any byte,
/// with at least one byte for certain. `(offset, closer, unmatched)`, by offset, where
/// `unmatched` says the closer is there for certain and no certain opener before it
/// (and after the last such closer) is its own: an opener was lost before it, or opened
/// on an earlier line.
pub fn closers_in(bytes: &[u8], real: super::codec::Enc) -> Vec<(usize, char, bool)> {
    let mut found = Vec::new();
    for closer in closers() {
        let encode = |c: char| super::codec::encode(c.encode_utf8(&mut [0; 4]), real);
        let Some(enc) = encode(closer) else {
            continue;
        };
        let e = &enc.bytes;
        if e.len() < 2 {
            continue;
        }
        let opener = opener_of(closer).and_then(encode).map(|o| o.bytes);
        let mut open = 0usize;
        for (at, w) in bytes.windows(e.len()).enumerate() {
            if opener.as_deref() == Some(w) {
                open += 1;
            }
            let fits = w.iter().zip(e).all(|(&b, &x)| b == x || b == 0xFF);
            if fits && w.iter().any(|&b| b != 0xFF) {
                let certain = !w.contains(&0xFF);
                let unmatched = certain && open == 0;
                if certain {
                    open = open.saturating_sub(1);
                }
                found.push((at, closer, unmatched));
            }
        }
    }
    found.sort_unstable();
    found
}

/// Push the openers `text` leaves unclosed onto `stack`, which holds those still open
/// before it (a closer in `text` may close one of them); returns the lowest the stack
/// went (entries below it are ones it came with that are still open).
pub fn open_brackets_into(text: &str, stack: &mut Vec<char>) -> usize {
    let mut lowest = stack.len();
    for c in text.chars() {
        if closer_of(c).is_some() {
            stack.push(c);
        } else if let Some(o) = opener_of(c) {
            if stack.last() == Some(&o) {
                stack.pop();
                lowest = lowest.min(stack.len());
            }
        }
    }
    lowest
}

#[cfg(test)]
mod tests;
