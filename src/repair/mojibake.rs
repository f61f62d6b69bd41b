//! Mojibake: text whose bytes were once decoded in the wrong encoding (and maybe saved and
//! misread again), undone by re-encoding in the wrong encoding and decoding in the right.
//!
//! ```text
//! 中文 = E4 B8 AD E6 96 87 (UTF-8)
//!   read as GBK      → 涓枃        (E4B8 涓, ADE6 枃, 9687 …)
//!   read as CP1252   → ä¸\u{AD}æ–‡
//!   read as Latin-1  → ä¸\u{AD}æ\u{96}\u{87}
//! 中文 = D6 D0 CE C4 (GBK)
//!   read as Latin-1  → ÖÐÎÄ
//! ```
//!
//! How it works, per segment (a line; if the whole line has no good reading, each
//! whitespace-separated piece of it, so one line can hold clean and garbled words, as
//! long as its garbled pieces agree on one chain):
//!
//! 1. **Fast path.** `suspicious::suspicious` scans for what mojibake is made of: Latin-1
//!    letters, Greek/Cyrillic letters glued to Han characters or symbols, box drawing,
//!    PUA, U+FFFD, and Han runs that hold a rare character and form no dictionary words.
//!    Clean Chinese (rare characters inside real words, curly quotes, `·`, spaced-out
//!    Traditional), pure ASCII, Greek and Russian words, Japanese, Korean and emoji pass
//!    with one scan (a table lookup per Han character) and no allocation; the
//!    whole text comes back borrowed. On a megabyte of clean zh_CN man pages 65 of
//!    32,000 lines still reach the search (short runs holding one rare character and no
//!    dictionary word: 边框, 幻数, 的幂), which rejects them.
//! 2. **Candidates.** `search::best` tries every chain of up to three inverse transforms
//!    over UTF-8, GBK (code page 936), Big5 and single-byte Latin-1/CP1252 (browsers'
//!    "sloppy" CP1252: its five undefined bytes pass through as C1 controls). Big5 comes
//!    in two flavours: browsers' (WHATWG) and Python's/Windows' cp950, which reads the
//!    ETEN block C6A1–C7FC as kana (GBK 器 read as cp950 is ん), tried only on text the
//!    two read differently (`eten.rs`). Every decode is strict, so most wrong chains die
//!    on their own.
//! 3. **Lossy input.** U+FFFD left by a replace-decode stood for one byte the wrong decoder
//!    rejected; it becomes a hole, filled with the consistent byte whose local decoding the
//!    model likes best (`fill::fill_cost`: the running-text model and dictionary words,
//!    brackets closing what the line opened, punctuation where spacing allows it, the
//!    line's own script), counted in [`Change::guessed`]. The search fills quickly; the
//!    reading it settles on, where a guess was close or its window cut short, is filled
//!    again along its chain with each guess's neighbours in place and the rest of the
//!    document's vocabulary and script (`fill::Document`: a manual about streams says
//!    流 where a lone line would say 海; its characters and pairs of characters, other
//!    lines' guesses counting half). Holes it cannot fill stay U+FFFD (counted in
//!    [`Change::lost`]), and so do those whose best character the model has never seen
//!    in Chinese text (a lead `D4` before a lost trail: 64 Cyrillic and Armenian letters
//!    its class cost cannot tell apart), and every hole of 锟斤拷 text, whose characters are
//!    noise. A reading is still judged with those guesses in place. 锟斤拷 (EF BF BD read as GBK) decodes to
//!    the U+FFFD it always was, a 锟 cut short by a lost byte included: the characters
//!    behind it were lost before the text was misread, and what that earlier decode kept
//!    is kept as it is, noise and all. UTF-8 read by a *pairwise* GBK decoder (a bad pair becomes one `?` for two
//!    bytes) is undone by `pairwise::expand`: each `?` that breaks UTF-8 is expanded to
//!    the two bytes the model likes best (a lost ASCII byte comes back as a space, or
//!    as the parenthesis the line lacks).
//!    UTF-8 read as GB18030 by a tool that then deleted the private-use characters leaves
//!    no mark at all, only UTF-8 that breaks: `dropped::reinsert` puts a user-defined
//!    pair (or two) back at each break, the model choosing among the pairs that mend it,
//!    and U+FFFD where rival pairs are about as likely.
//! 4. **Acceptance.** A candidate replaces the segment only when
//!    `cost(candidate) + MARGIN_ABS + MARGIN_REL · cost(input) < cost(input)`, with
//!    `score::cost` a text-plausibility cost (Han unigram model with a PMI bonus for
//!    dictionary pairs, punctuation, penalties for runs of Latin-1 letters, controls,
//!    script switches, lone Han characters inside Latin words), a small cost per layer and
//!    a bonus per valid multi-byte UTF-8 sequence (strict UTF-8 is self-checking). The
//!    margin (3 + 10 %) was chosen on the dev corpus: the closest wrong reading of a clean
//!    control costs 0.95× the text (`撣語` → `帻y`), while short true repairs cost 0.65–0.7×
//!    (`×gÕß` → 譯者, `匡兜` → 選項); 3 + 10 % puts the line at about 0.78× for such lines.
//!    The reading must also rest on enough of the segment's bytes (`accept.rs`): a GBK
//!    pair or two, or one UTF-8 sequence, that put a character of another script into a
//!    Latin word (Spanish `¡¡¡HAY` as Big5 `﹛？AY`) are a coincidence, not a decode.
//! 5. **Document pass** (`follow.rs`). A chain that repaired at least
//!    `DOCUMENT_EVIDENCE` characters of a text, and `DOCUMENT_SHARE` of its non-ASCII
//!    ones, is that text's damage; lines too short to decide alone (`°Ï`: 跋 in GBK, 區 in
//!    Big5) may follow it when its reading is within `DOCUMENT_BONUS` of their best one.
//!    Short lines the pre-filter cleared follow it too when their reading is words the
//!    document writes elsewhere and they themselves are not (a heading `ま计` in a manual
//!    of Big5 read as GBK is 引數, `cleared_words`), or, in a text that went through the
//!    wrong decoder whole, when they are Han characters that read about as plausibly
//!    (the `跋` ending a manual page, GBK B0 CF, is Big5's common 區). A text whose cleared lines hold ten
//!    kana or more is Japanese, and no segment of it that holds kana is repaired
//!    (`japanese.rs`).
//! 6. **No-break spaces.** In a document whose damage is UTF-8 read as GBK, runs of 聽
//!    (UTF-8's no-break space, C2 A0, in GBK) between ASCII in lines that looked clean
//!    (`聽聽聽 $ cvs co`, `10.7.7.聽CVS`) become U+00A0 again (`nbsp.rs`); 聽 in Chinese
//!    text (聽說, 聆聽) or alone as a word stays.
//!
//! Known limits: a character whose bytes a PUA-deleting decoder took whole comes back only
//! where it forms a word with its neighbour (环境), else as U+FFFD; a hole's byte is
//! the model's guess, and where two candidates are both real words (程序/程度, 新意/新愁)
//! the commoner wins, so lossy variants come out near, not always exactly, right (dev
//! corpus: CP1252-replace 64 % exact, CER 0.0025); a lost ASCII byte under a pairwise
//! decoder is put back as a space or a parenthesis, never as a line break (the line
//! count is kept); Big5 read as GBK that lands wholly in GBK's kana
//! rows reads as Japanese and is left alone; GBK↔Big5 confusions of one to four Han
//! characters with no document around them are ambiguous (的 in GBK is 腔 in Big5): one
//! character alone, or one GBK/Big5 pair as a line's only non-ASCII character, is left
//! as it is, and two to four are read only as other Han characters, by the model's
//! frequencies (`accept.rs`); in a damaged document they follow its chain. Curly quotes
//! that lost their last byte to a GBK replace-decode on both sides of ASCII
//! (`鈥�/etc/default鈥�`) are chosen
//! one hole at a time (a joint choice of the two is not built): the opener earns a little
//! for a hole further on that may be its closer, which then closes it; a quote whose
//! closer is on another line (wrapped text) still comes back as an en dash.

mod accept;
mod certain;
mod codec;
// The table builders run in build.rs (and in a test); the library uses the decoder helper.
#[allow(dead_code)]
mod codec_tables;
mod dropped;
mod eten;
mod fill;
mod follow;
mod holes;
mod japanese;
mod kunkao;
mod nbsp;
mod pairwise;
mod score;
mod search;
pub(crate) mod suspicious;

use super::{Change, Context, Fixer, Outcome, Shared};
use accept::accepted;
use fill::{Document, Uses};
use search::Found;
use std::borrow::Cow;

/// Non-ASCII characters a whitespace-separated piece needs to be repaired on its own:
/// one or two characters alone (a rare Han character quoted in a sentence about
/// encodings: `Big5 码的 彖;`) have too little evidence to read differently.
const MIN_PIECE: usize = 3;

/// What a character guessed for a hole counts in the document, against one read from
/// real bytes. At 1 (every guess as good as a byte) a sentence repeated on three lines
/// voted for its own wrong guess (`已經說設定` three times); at 0 a character that is
/// always a hole in CP1252 (十 is E5 8D 81, two undefined bytes) never counts, though
/// confidently guessed everywhere. Dev: 0.25 loses a CP1252-replace case, 0.5 and 1
/// keep it.
const GUESS_WEIGHT: f32 = 0.5;

/// Lines longer than this are split at whitespace before searching, so a pathological
/// line cannot make the search quadratic.
const MAX_SEGMENT: usize = 8192;

/// Undo wrong-encoding damage, line by line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mojibake;

impl Fixer for Mojibake {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        self.fix_shared(text, ctx, &Shared::default())
    }

    fn fix_shared<'t>(
        &self,
        text: &'t str,
        _ctx: &Context<'_>,
        shared: &Shared<'_>,
    ) -> Outcome<'t> {
        // Pass 1: every suspicious line on its own. Clean text costs this one scan (no
        // whole-text test first: one suspicious line would make it two).
        let mut lines: Vec<Line<'_>> = shared
            .suspicious_lines(text)
            .into_iter()
            .map(|range| {
                let body = &text[range.clone()];
                Line {
                    offset: range.start,
                    body,
                    fixes: fix_line(body),
                }
            })
            .collect();
        // Counted only when there is a reading to drop: clean text costs one scan.
        let japanese =
            lines.iter().any(|l| !l.fixes.is_empty()) && japanese::japanese(&cleared(text, &lines));
        if japanese {
            keep_kana(&mut lines);
        }
        // Pass 1b: the holes of lossy readings are guessed again along the same chain,
        // each with its neighbours' guesses in place, knowing the vocabulary and script
        // of the rest of the document, and the quotation an earlier line of the
        // paragraph opened (every guess of a line inside one is looked at again).
        let guessed = lines
            .iter()
            .any(|l| l.fixes.iter().any(|f| f.2.guessed > 0));
        let carried = if guessed {
            paragraph_openers(text, &lines)
        } else {
            vec![Vec::new(); lines.len()]
        };
        let again = |l: &Line<'_>, open: &Vec<char>| {
            l.unsure() || (!open.is_empty() && l.fixes.iter().any(|f| f.2.guessed > 0))
        };
        let mut doc = if lines.iter().zip(&carried).any(|(l, o)| again(l, o)) {
            document(text, &lines)
        } else {
            Document::default()
        };
        for (line, open) in lines.iter_mut().zip(&carried) {
            if again(line, open) {
                doc.carry(open.clone());
                guess_again(line, &mut doc, !open.is_empty());
            }
        }
        // Pass 2: a document shows which confusion it suffered; lines too short to tell
        // alone (`°Ï`: 跋 in GBK, 區 in Big5) follow the document.
        let dominant = follow::dominant_chain(&lines, text);
        if let Some(chain) = &dominant {
            for (line, open) in lines.iter_mut().zip(&carried) {
                doc.leave_out(line.uses());
                doc.carry(open.clone());
                follow::follow_document(line, chain, &doc);
            }
            // Pass 2b: short lines the pre-filter cleared whose reading along the chain
            // is a word the document writes.
            let doc = document(text, &lines);
            lines.extend(follow::cleared_words(text, &lines, chain, doc));
            lines.sort_by_key(|l| l.offset);
        }
        if japanese {
            keep_kana(&mut lines);
        }
        if lines.iter().all(|l| l.fixes.is_empty()) {
            return Outcome::unchanged(text);
        }
        // Pass 3: in a document of UTF-8 read as GBK, the no-break spaces (聽) of lines
        // that looked clean.
        let nbsp = dominant == Some(vec![(codec::Enc::Gbk, codec::Enc::Utf8)]);
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut changes = Vec::new();
        let keep = |range: std::ops::Range<usize>, out: &mut String, changes: &mut Vec<_>| {
            if nbsp {
                nbsp::restore(text, range, out, changes);
            } else {
                out.push_str(&text[range]);
            }
        };
        let mut pos = 0;
        for line in &lines {
            for (at, len, found) in &line.fixes {
                let start = line.offset + at;
                keep(pos..start, &mut out, &mut changes);
                out.push_str(&found.text);
                changes.push(change(&text[start..start + len], start, found));
                pos = start + len;
            }
        }
        keep(pos..text.len(), &mut out, &mut changes);
        Outcome {
            text: Cow::Owned(out),
            changes,
        }
    }
}

/// A suspicious line and the repairs found in it: (offset in line, length, reading).
struct Line<'a> {
    offset: usize,
    body: &'a str,
    fixes: Vec<(usize, usize, Found)>,
}

impl Line<'_> {
    /// What the line's readings add to the document ([`Uses`]).
    fn uses(&self) -> Uses {
        let mut all = Uses::default();
        for (at, len, found) in &self.fixes {
            add_uses(&mut all, &self.body[*at..*at + *len], found);
        }
        all
    }

    /// Did a reading of the line guess lost bytes, and might a second look guess
    /// otherwise?
    fn unsure(&self) -> bool {
        self.fixes.iter().any(|(_, _, f)| f.unsure)
    }
}

/// Fill the holes of `line`'s readings again, with the document's help (those with a
/// close rival, or `every` reading with a guess); a new reading must pass the same tests
/// as pass 1's.
fn guess_again(line: &mut Line<'_>, doc: &mut Document, every: bool) {
    let look = |f: &Found| f.unsure || (every && f.guessed > 0);
    for (at, len, found) in line.fixes.iter_mut().filter(|f| look(&f.2)) {
        let segment = &line.body[*at..*at + *len];
        let mut own = Uses::default();
        add_uses(&mut own, segment, found);
        doc.leave_out(own);
        if let Some(again) = search::along(segment, &chain_of(found), doc)
            .and_then(|f| accepted(segment, f))
            .filter(stable)
        {
            *found = again;
        }
    }
}

/// Add what `found`, the reading of `segment`, tells the document: what its surviving
/// bytes say in full, its guessed characters at [`GUESS_WEIGHT`], and no pair a guess is
/// part of (a pair outweighs a character; counted from guesses, a sentence repeated on
/// three lines voted for its own wrong guess, 已經說設定 three times, even at half weight).
fn add_uses(uses: &mut Uses, segment: &str, found: &Found) {
    if found.guessed == 0 {
        uses.add(&found.text, 1.0);
        return;
    }
    uses.add_split(&found.text, GUESS_WEIGHT, 0.0);
    if let Some(certain) = certain::certain(segment, &chain_of(found), &found.text) {
        uses.add_split(&certain, 1.0 - GUESS_WEIGHT, 1.0);
    }
}

/// The document's trusted text for [`Document`]: what the pre-filter cleared and what
/// pass 1's readings say for certain.
fn document(text: &str, lines: &[Line<'_>]) -> Document {
    let mut uses = Uses::default();
    for gap in cleared(text, lines) {
        uses.add(gap, 1.0);
    }
    for line in lines {
        for (at, len, found) in &line.fixes {
            add_uses(&mut uses, &line.body[*at..*at + *len], found);
        }
    }
    Document::of(uses)
}

/// Repair one line: as a whole if possible, else piece by piece.
fn fix_line(line: &str) -> Vec<(usize, usize, Found)> {
    let fixes = readings(line, &repair);
    // Pieces are each stable alone, but the line they make may read as a whole: random
    // bytes `À§À§Â¸Â½Â¦Â½ SYNOPSÇ^` (GBK-read) gave the piece 困困赂陆娄陆, and a second run
    // read the new line whole, with the 荿 no piece held, as Big5-as-GBK. A second run
    // sees the same pieces (each stable, or left alone again) and one thing more, the
    // whole new line; that can read otherwise only with text outside the repaired
    // pieces, so only then is it searched (a lossy Big5 line repaired in pieces would
    // otherwise be searched twice over). A line a second run would repair again keeps
    // its pieces unrepaired.
    let whole = matches!(fixes.as_slice(), [(0, len, _)] if *len == line.len());
    if fixes.is_empty() || whole {
        return fixes;
    }
    let mut fixed = String::with_capacity(line.len());
    let mut leftover = false;
    let mut pos = 0;
    for (at, len, found) in &fixes {
        leftover |= !line[pos..*at].is_ascii();
        fixed.push_str(&line[pos..*at]);
        fixed.push_str(&found.text);
        pos = at + len;
    }
    leftover |= !line[pos..].is_ascii();
    fixed.push_str(&line[pos..]);
    if leftover && fixed.len() <= MAX_SEGMENT && repair(&fixed).is_some() {
        return Vec::new();
    }
    fixes
}

/// The readings `reader` accepts for `line`: the whole line's, else each piece's.
fn readings(line: &str, reader: &dyn Fn(&str) -> Option<Found>) -> Vec<(usize, usize, Found)> {
    if line.len() <= MAX_SEGMENT {
        if let Some(found) = reader(line) {
            return vec![(0, line.len(), found)];
        }
    }
    let mut fixes = Vec::new();
    let mut pos = 0;
    for piece in line.split_inclusive([' ', '\t']) {
        let word = piece.trim_end_matches([' ', '\t']);
        if non_ascii(word) >= MIN_PIECE && word.len() <= MAX_SEGMENT && suspicious::suspicious(word)
        {
            if let Some(found) = reader(word) {
                fixes.push((pos, word.len(), found));
            }
        }
        pos += piece.len();
    }
    // One line has one history: pieces that need different chains are coincidences of
    // the codecs (a font preview's `abcdefghijkõäöü ABCDEFGHIJKÕÄÖÜ` read as Big5
    // twice over in one piece and as GBK in the other).
    let first = fixes.first().map(|f| family(&chain_of(&f.2)));
    if fixes.iter().any(|f| Some(family(&chain_of(&f.2))) != first) {
        fixes.clear();
    }
    fixes
}

/// The best reading of `segment`, if it is clearly better than the segment itself and
/// stable: a reading that would itself be "repaired" again is a coincidence of the
/// codecs (random bytes read through two of them), not the text's history, and taking
/// it would make a second run change the output again.
fn repair(segment: &str) -> Option<Found> {
    best_reading(segment).filter(stable)
}

/// Would a second run leave `found` alone?
fn stable(found: &Found) -> bool {
    !suspicious::suspicious(&found.text) || readings(&found.text, &best_reading).is_empty()
}

/// The best reading of `segment`, if [`accepted`].
fn best_reading(segment: &str) -> Option<Found> {
    accepted(segment, search::best(segment)?)
}

/// For each of `lines`, the openers (`“`, `（`, …) its paragraph left unclosed before
/// it, reading each line as pass 1 repaired it. A blank line ends a paragraph.
fn paragraph_openers(text: &str, lines: &[Line<'_>]) -> Vec<Vec<char>> {
    let mut open = Vec::new();
    let mut blank = true;
    let mut feed = |piece: &str, open: &mut Vec<char>| {
        for part in piece.split_inclusive('\n') {
            let (body, ends) = match part.strip_suffix('\n') {
                Some(body) => (body, true),
                None => (part, false),
            };
            blank &= body.trim().is_empty();
            if !blank {
                fill::open_brackets_into(body, open);
            }
            if ends {
                if blank {
                    open.clear();
                }
                blank = true;
            }
        }
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut pos = 0;
    for line in lines {
        feed(&text[pos..line.offset], &mut open);
        out.push(open.clone());
        let mut at = 0;
        for (start, len, found) in &line.fixes {
            feed(&line.body[at..*start], &mut open);
            feed(&found.text, &mut open);
            at = start + len;
        }
        feed(&line.body[at..], &mut open);
        pos = line.offset + line.body.len();
    }
    out
}

/// The text of the lines the pre-filter cleared: all of `text` but `lines`.
fn cleared<'t>(text: &'t str, lines: &[Line<'_>]) -> Vec<&'t str> {
    let mut pos = 0;
    let mut gaps: Vec<&str> = lines
        .iter()
        .map(|line| {
            let gap = &text[pos..line.offset];
            pos = line.offset + line.body.len();
            gap
        })
        .collect();
    gaps.push(&text[pos..]);
    gaps
}

/// In a Japanese text, drop every reading of a segment that holds kana.
fn keep_kana(lines: &mut [Line<'_>]) {
    for line in lines {
        let body = line.body;
        line.fixes
            .retain(|(at, len, _)| !japanese::holds_kana(&body[*at..*at + *len]));
    }
}

/// The lines of `text` that look garbled to this fixer, as byte ranges without their line
/// ending: after the repair, the garble it judged but left alone. Other fixers that must
/// not read such a line as Chinese (fullwidth punctuation) use this same verdict, so a
/// second run sees the garble unchanged and decides as the first did.
pub fn garbled_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    suspicious::suspicious_lines(text)
}

type Chain = Vec<(codec::Enc, codec::Enc)>;

/// Characters of `text` outside ASCII.
fn non_ascii(text: &str) -> usize {
    text.chars().filter(|c| !c.is_ascii()).count()
}

fn chain_of(found: &Found) -> Chain {
    found.steps.iter().map(|s| (s.wrong, s.real)).collect()
}

/// `chain` with every Big5 flavour as plain Big5.
fn family(chain: &Chain) -> Chain {
    chain
        .iter()
        .map(|&(w, r)| (w.family(), r.family()))
        .collect()
}

fn change(before: &str, offset: usize, found: &Found) -> Change {
    // Steps were undone last-damage-first; tell the story in the order it happened.
    let story: Vec<String> = found
        .steps
        .iter()
        .rev()
        .map(|s| format!("{} bytes read as {}", s.real.name(), s.wrong_name()))
        .collect();
    let kind: Vec<String> = found
        .steps
        .iter()
        .rev()
        .map(|s| format!("{}-as-{}", s.real.tag(), s.wrong_tag()))
        .collect();
    Change {
        fixer: "mojibake",
        kind: kind.join("+"),
        offset,
        before: before.to_string(),
        after: found.text.clone(),
        why: story.join(", then "),
        guessed: found.guessed,
        lost: found.lost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_carries_its_open_quotation_to_the_next_line() {
        let text = "他说：“走吧。\n（好\n我们“去\n\n新的一段\n";
        let line = |body: &'static str| Line {
            offset: text.find(body).unwrap(),
            body,
            fixes: Vec::new(),
        };
        let lines = [line("（好"), line("我们“去"), line("新的一段")];
        assert_eq!(
            paragraph_openers(text, &lines),
            [vec!['“'], vec!['“', '（'], vec![]]
        );
    }
}
