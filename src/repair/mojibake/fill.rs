//! The cost of one candidate for a hole: a lost byte's possible values decode to rival
//! characters, each scored in a window of a few characters around the hole.
//!
//! Candidates differ in one character, so the cost weighs what decides between rivals:
//!
//! * the running-text character model and the window's best reading as dictionary words
//!   ([`score::ngram_cost`], [`crate::model::Model::word_cost`]);
//! * **brackets**: a closer that closes what the line opened earns a reward, one that
//!   closes nothing pays, and an opener still unclosed where the line ends pays (a lost
//!   `》` at the end of `《增广贤文` is `》`, not `。`);
//! * **punctuation against spacing**: an opener is never followed by a space or the line's
//!   end, and `，。、；：？！` and closers never follow a space (`快取。 應用` is not
//!   `快取「 應用`, however often `「` follows `取`); `、` and `，` do not end a line;
//! * **script**: a line that is plainly Simplified (or Traditional) does not hold a
//!   character only the other script writes (對 in 對括号, 应 in 函式应), so a candidate
//!   that is one pays; a line too short to tell takes its document's script;
//! * **the document**: a character the rest of the document uses is likelier (a cache
//!   model, [`Document`]).

use super::score;
use crate::convert::{char_script, evidence, Script};
use crate::model::{is_han, Model};
use std::collections::HashMap;

/// What the rest of the document says about a segment's holes: the Han characters its
/// trusted text uses (lines the pre-filter cleared and lines repaired without a guess)
/// and the script it is plainly written in. A document about streams writes 流 again and
/// again, and a hole in `關閉流` is 流 there, though 海 is the commoner character.
#[derive(Debug, Clone, Default)]
pub struct Document {
    chars: HashMap<char, u32>,
    script: Option<Script>,
    /// The characters of the segment being filled, which are no evidence for itself.
    own: HashMap<char, u32>,
}

impl Document {
    /// The document made of `texts` (its trusted pieces).
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut chars = HashMap::new();
        let (mut simplified, mut traditional) = (0, 0);
        for c in texts
            .into_iter()
            .flat_map(str::chars)
            .filter(|&c| is_han(c))
        {
            *chars.entry(c).or_insert(0) += 1;
            match char_script(c) {
                Script::Simplified => simplified += 1,
                Script::Traditional => traditional += 1,
                Script::Neutral => {}
            }
        }
        Document {
            chars,
            script: plain(simplified, traditional),
            own: HashMap::new(),
        }
    }

    /// Leave out `segment`'s characters (as last read): the segment about to be filled
    /// again must not vote for its own earlier guesses.
    pub fn leave_out(&mut self, segment: &str) {
        self.own.clear();
        for c in segment.chars().filter(|&c| is_han(c)) {
            *self.own.entry(c).or_insert(0) += 1;
        }
    }

    /// The script a segment's holes are filled in: its own where it is plain, else the
    /// document's.
    pub fn script_for(&self, segment: &str) -> Option<Script> {
        plain_script(segment).or(self.script)
    }

    /// [`DOCUMENT_WEIGHT`] · ln(1 + uses of `c` in the document), at most
    /// [`DOCUMENT_MAX`].
    fn bonus(&self, c: char) -> f32 {
        let n = self.chars.get(&c).copied().unwrap_or(0);
        let n = n.saturating_sub(self.own.get(&c).copied().unwrap_or(0));
        if n == 0 {
            return 0.0;
        }
        (DOCUMENT_WEIGHT * (1.0 + n as f32).ln()).min(DOCUMENT_MAX)
    }
}

/// What a window's cost depends on beyond its own text.
#[derive(Debug, Clone)]
pub struct Around<'a> {
    /// The openers left unclosed before the window (innermost last).
    pub open: Vec<char>,
    /// Does the window end where the line (segment) ends?
    pub at_end: bool,
    /// The script the whole segment (or its document) is plainly written in, if any.
    pub script: Option<Script>,
    /// The rest of the document.
    pub doc: &'a Document,
}

impl<'a> Around<'a> {
    /// A segment's context before any window in it: nothing open, not at its end, the
    /// script `segment` (or else its document) is plainly written in. Callers set `open`
    /// and `at_end` per window.
    pub fn segment(segment: &str, doc: &'a Document) -> Self {
        Around {
            open: Vec::new(),
            at_end: false,
            script: doc.script_for(segment),
            doc,
        }
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

/// Punctuation against the spacing around it: an opener before a space or the line's end,
/// a closer or sentence punctuation after a space, `、` or `，` at the line's end. Real
/// text has none of these; the n-gram model cannot see them (spaces are not in its
/// context), and `「` after 取 cost 0.7 less than `。` in `快取。 應用`.
const MISPLACED_PUNCT: f32 = 6.0;

/// A cache model's weight: a hole's candidate the document's trusted text uses n times
/// earns DOCUMENT_WEIGHT · ln(1 + n), at most DOCUMENT_MAX.
const DOCUMENT_WEIGHT: f32 = 2.0;
const DOCUMENT_MAX: f32 = 6.0;

/// A character of the other script in a line plainly written in one.
const OTHER_SCRIPT: f32 = 3.0;

/// Script evidence a segment needs before it counts as plainly one script: this many
/// characters of it, and at least three times the other's.
const PLAIN_SCRIPT_MIN: usize = 3;

/// The cost of a hole's candidate window `text` (see the module documentation).
pub fn fill_cost(text: &str, around: &Around) -> f32 {
    fill_cost_below(text, around, f32::INFINITY).unwrap_or(f32::INFINITY)
}

/// [`fill_cost`] if it is below `bound`, else `None` (maybe). The word cost is never
/// negative and is the dearest part to compute, so a candidate whose other costs already
/// reach the best rival's total is dropped unsegmented: the same winner, found several
/// times faster.
pub fn fill_cost_below(text: &str, around: &Around, bound: f32) -> Option<f32> {
    let mut stack = around.open.clone();
    let mut extra = 0.0;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if let Some(o) = opener_of(c) {
            extra += if stack.pop() == Some(o) {
                -BRACKET
            } else {
                BRACKET
            };
        } else if closer_of(c).is_some() {
            stack.push(c);
        }
        extra += misplaced(c, prev, next, around.at_end);
        if is_han(c) {
            extra -= around.doc.bonus(c);
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
        extra += UNCLOSED_AT_END * stack.len() as f32;
    }
    let cheap = score::ngram_cost(text) + extra;
    (cheap < bound).then(|| cheap + FILL_WORD_WEIGHT * Model::get().word_cost(text))
}

/// [`MISPLACED_PUNCT`] for `c` between `prev` and `next` (`None` at the window's ends;
/// the window's end is the line's when `at_end`).
fn misplaced(c: char, prev: Option<char>, next: Option<char>, at_end: bool) -> f32 {
    let space = |x: Option<char>| x.is_some_and(|x| x == ' ' || x == '\t');
    let line_end = next.is_none() && at_end;
    let opener = closer_of(c).is_some();
    let closer = opener_of(c).is_some();
    let sentence = matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！');
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

/// The closer of `c` if `c` is an opener.
fn closer_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == c).map(|p| p.1)
}

/// The opener of `c` if `c` is a closer.
fn opener_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == c).map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_against_spacing() {
        assert_eq!(
            misplaced('「', Some('取'), Some(' '), false),
            MISPLACED_PUNCT
        );
        assert_eq!(misplaced('「', Some('取'), None, true), MISPLACED_PUNCT);
        assert_eq!(misplaced('「', Some('取'), None, false), 0.0);
        assert_eq!(
            misplaced('」', Some(' '), Some('。'), false),
            MISPLACED_PUNCT
        );
        assert_eq!(misplaced('。', Some('取'), Some(' '), true), 0.0);
        assert_eq!(misplaced('、', Some('真'), None, true), MISPLACED_PUNCT);
        assert_eq!(
            misplaced('，', Some('得'), None, true),
            MISPLACED_PUNCT / 2.0
        );
    }

    #[test]
    fn a_script_needs_plain_evidence() {
        assert_eq!(plain_script("这个选项让程序运行"), Some(Script::Simplified));
        assert_eq!(
            plain_script("這個選項讓程式執行"),
            Some(Script::Traditional)
        );
        // Two characters of evidence are not enough; nor is a mix.
        assert_eq!(plain_script("这个中文"), None);
        assert_eq!(plain_script("这个选项 這個選項"), None);
    }

    #[test]
    fn a_segment_is_no_evidence_for_itself() {
        let mut doc = Document::of(["流入流出", "大海"]);
        assert_eq!(doc.bonus('流'), DOCUMENT_WEIGHT * 3f32.ln());
        doc.leave_out("关闭海");
        assert_eq!(doc.bonus('海'), 0.0);
        assert_eq!(doc.bonus('流'), DOCUMENT_WEIGHT * 3f32.ln());
        doc.leave_out("流");
        assert_eq!(doc.bonus('流'), DOCUMENT_WEIGHT * 2f32.ln());
        assert_eq!(doc.bonus('海'), DOCUMENT_WEIGHT * 2f32.ln());
    }

    #[test]
    fn an_unclosed_bracket_costs_only_at_the_line_end() {
        let doc = Document::default();
        let open = Around {
            open: vec!['《'],
            at_end: true,
            script: None,
            doc: &doc,
        };
        let inside = Around {
            at_end: false,
            ..open.clone()
        };
        let gap = |a: &Around| fill_cost("字经。", a) - fill_cost("字经》", a);
        assert!((gap(&open) - gap(&inside) - UNCLOSED_AT_END).abs() < 1e-3);
    }
}
