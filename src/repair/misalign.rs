//! Undo GBK misalignment: re-encode garbled runs, put the lost bytes back, decode again.
//!
//! The seed corruption (`docs/corruption.md`) inserted `(pinyin)` after every byte pair
//! matching a table character, including pairs that straddle two characters (the trail
//! byte of one and the lead byte of the next). There the decoder met `lead (`, emitted one
//! `?` for both bytes, and read everything after the annotation one byte off until an
//! ASCII byte resynchronised it:
//!
//! ```text
//! 燃氣企業 = C8 BC | 9A E2 | C6 F3 | 98 49     BC 9A = 細 (xì) is a table entry
//! bytes    = C8 BC 9A ( x ì ) E2 C6 F3 98 49 ( y è )
//! decoded  = 燃 ? xì) 馄 髽 I (yè)              [9A (]=?  [E2 C6]=馄  [F3 98]=髽  49=I
//! ```
//!
//! Repair is a candidate search over the text, left to right, in the style of ftfy: every
//! hypothesis carries the decoder *alignment* of the original bytes at this point —
//! `Synced`, `Pending(lead)` (one byte of the next original character already seen) or
//! `LostLead` (its lead byte destroyed) — and each text unit is re-read under each
//! alignment:
//!
//! * synced: the unit is itself (literal), or `?py)` whose lost byte `L` makes
//!   `(previous byte, L)` a character with reading `py` (the false match that started a
//!   run), or `X(py)` / `I(yè)` annotations to drop when the two bytes before `(` read `py`;
//! * pending `p`: a garbled character `c1 c2` gives the original character `p c1` and
//!   leaves `c2` pending; an ASCII byte in `40–7E` is the trail that resynchronises
//!   (`髽I` → `p=98, I=49` → 業); an ASCII letter may also be a folded fullwidth letter
//!   (`m` = `A3 ED`); `?py)` is the annotation of `p L`, which recovers `L`.
//!
//! With `lossy` set, [`super::lost_bytes`] adds candidates for bytes that are gone (stray
//! bytes, run ends, dropped private-use pairs, broken annotations), each counted as a
//! guess in the change and bracketed under `--mark-guesses`.
//!
//! Each hypothesis costs the negative log-probability of the characters it emits under
//! [`crate::model`]'s running-text character bigram model (`-ln P(c | previous)`, so
//! punctuation and pairs across word boundaries count), plus a penalty for every
//! lost-byte assumption. Two kinds of evidence come from the document itself: its own
//! bigrams (a cache model: a damaged `名字空間` is usually spelt out intact elsewhere) and
//! the corrupting site's table ([`SiteTable`]: a reading's character that the document
//! annotates elsewhere is a table entry, one it shows plain is not). The literal reading
//! is always available, so a run is only rewritten when the realigned text reads as
//! clearly better Chinese than the garble. The beam collapses to one hypothesis in clean
//! stretches; there the search jumps to the next `?` or `(`, so the cost on long clean
//! passages is a scan.
//!
//! The fixer runs only on documents [`annotation::assess`] calls corrupt that contain a
//! garble mark or a `?`; it runs before [`super::annotation::Annotations`], because the
//! annotations carry the lost bytes and the table, and strips those it reads.

use super::annotation::{self, damaged_paren_at, paren_at, qmark_at, SiteTable};
use super::doc_model::DocModel;
use super::gbk::{fold, fullwidth_bytes, is_lead, Tables};
use super::lost_bytes::{self, push_guess, Guess};
use super::{AnnotationMode, Change, Context, Fixer, Outcome};
use crate::model::Model;
use crate::readings;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Hypotheses kept at each text position.
const BEAM: usize = 64;
/// Hypotheses further behind the best than this are dropped.
const MAX_BEHIND: f32 = 30.0;
/// Cost of reading an ASCII letter in a garbled run as a folded fullwidth letter.
const FULLWIDTH_PENALTY: f32 = 1.0;
/// Cost of assuming a stray byte consumed a lead byte. Re-tuned for the n-gram
/// [`char_cost`] on the dev corpus: seed_annot fails 20 cases at 6 and 10, 19 at 12 to 18
/// (`連接?[h2xs` is no longer read as a lost lead + `覽`), 21 at 24; mixed is the same
/// throughout. The other penalties here and in `doc_model` (PUA 1.5–5, lost trail 2–8,
/// fullwidth 0.5–2, document bigram 4–12, cache weight 0.05–0.2, script 3–9) changed
/// nothing in that sweep and keep their values.
const STRAY_PENALTY: f32 = 12.0;
/// Cost of assuming a run ended on an ASCII byte that is now lost. In a misaligned run a
/// bare `?` has no other reading (a trail byte read as a lead met a byte below `0x40`),
/// and runs often end on a line break, a space or a digit, so this is small; at 10 the
/// search kept the garble `它們裕縮rcCm` for `它們在 srcCm`. 1.5 to 4 score alike on the
/// dev cases.
const LOST_TRAIL_PENALTY: f32 = 4.0;
/// Cost of assuming a private-use pair was dropped here. In a misaligned run every pair
/// (trail of one character, lead of the next) whose first byte is `AA–AF` or `F8–FE` is
/// private-use: about 13 of the 94 GB2312 trail bytes, so ~14% of pairs, −ln 0.14 ≈ 2.
/// One nat more covers the freedom of choosing the best of ~1000 bridges (at 2 the
/// bridge `國皇` beat a rare real `囀` in a lossless dev case; 3 to 4 score alike).
const PUA_PENALTY: f32 = 3.0;

/// Cost (negative log-probability) of `c` following `prev` in real text: the running-text
/// character model ([`Model::cond_logp`]), which knows cross-word context and punctuation.
pub fn char_cost(prev: Option<char>, c: char) -> f32 {
    // Doubled question marks are rare in text and typical of lost bytes (`??`).
    if c == '?' && prev == Some('?') {
        return DOUBLE_QMARK;
    }
    -Model::get().cond_logp(prev, c)
}

/// Cost of a `?` right after another one.
const DOUBLE_QMARK: f32 = 14.0;

/// Decoder alignment of the original bytes at a point in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Align {
    Synced,
    Pending(u8),
    LostLead,
}

/// One step of a path: the input it consumed and what it wrote.
#[derive(Debug)]
struct Step {
    parent: u32,
    start: usize,
    end: usize,
    /// `None`: the input copied as is.
    out: Option<Box<str>>,
    guessed: u16,
    lost: u16,
    note: Option<Box<str>>,
}

#[derive(Debug, Clone, Copy)]
struct Hyp {
    cost: f32,
    align: Align,
    last: Option<char>,
    /// The last two bytes of the corrupted byte stream (for annotation checks).
    b: [u8; 2],
    step: u32,
}

const ROOT: u32 = u32::MAX;

/// Realigns garbled runs (and, if `lossy`, guesses bytes that are gone).
#[derive(Debug)]
pub struct Misalign {
    pub lossy: bool,
}

impl Default for Misalign {
    fn default() -> Self {
        Misalign { lossy: true }
    }
}

impl Fixer for Misalign {
    fn name(&self) -> &'static str {
        "misalign"
    }

    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        if ctx.options.annotations == AnnotationMode::Keep
            || !annotation::may_have_annotations(text)
        {
            return Outcome::unchanged(text);
        }
        let evidence = annotation::assess(text);
        // Garble marks, or a corrupt document with `?` (stray bytes leave no other mark).
        let marks = evidence.garbled > 0 || memchr::memchr(b'?', text.as_bytes()).is_some();
        if !marks
            || !(evidence.garbled > 0 || evidence.is_corrupt())
            || !evidence.strip(ctx.options.annotations)
        {
            return Outcome::unchanged(text);
        }
        let search = Search {
            text,
            lossy: self.lossy,
            steps: Vec::new(),
            mark: ctx.options.mark_guesses,
            table: SiteTable::learn(text),
            doc: DocModel::learn(text),
            bridge_cache: HashMap::new(),
        };
        search.run(self.name())
    }
}

/// Candidate character pairs around a dropped private-use pair.
type Bridges = Vec<(Guess, Guess)>;

struct Search<'t> {
    text: &'t str,
    lossy: bool,
    mark: bool,
    steps: Vec<Step>,
    table: SiteTable,
    /// The document's own bigrams and script.
    doc: DocModel,
    bridge_cache: HashMap<(u8, u8, Option<char>), Bridges>,
}

impl<'t> Search<'t> {
    /// [`lost_bytes::pua_bridges`], memoised: many hypotheses ask the same question.
    fn bridges(&mut self, lead: u8, next: u8, prev: Option<char>) -> Bridges {
        if let Some(v) = self.bridge_cache.get(&(lead, next, prev)) {
            return v.clone();
        }
        let v = lost_bytes::pua_bridges(lead, next, prev, &|p, c| self.score(p, c));
        self.bridge_cache.insert((lead, next, prev), v.clone());
        v
    }

    /// Cost of a character the search reconstructs: the model, plus a bonus when the
    /// pair occurs elsewhere in this document (a cache model: documents repeat their
    /// vocabulary, 名字空間 three lines after the damaged one).
    fn score(&self, prev: Option<char>, c: char) -> f32 {
        self.doc.mix(char_cost(prev, c), c) - self.doc.bigram_bonus(prev, c)
            + self.doc.script_cost(c)
    }

    fn run(mut self, fixer: &'static str) -> Outcome<'t> {
        let text = self.text;
        let mut frontier: BTreeMap<usize, Vec<Hyp>> = BTreeMap::new();
        frontier.insert(
            0,
            vec![Hyp {
                cost: 0.0,
                align: Align::Synced,
                last: None,
                b: [0, 0],
                step: ROOT,
            }],
        );
        let mut finished: Option<Hyp> = None;
        let mut next = Vec::new();
        while let Some((pos, hyps)) = frontier.pop_first() {
            let hyps = prune(hyps);
            if pos >= text.len() {
                finished = hyps.into_iter().find(|h| h.align == Align::Synced);
                break;
            }
            // One synced hypothesis left: copy the clean stretch up to the next `?` or `(`.
            if hyps.len() == 1 && hyps[0].align == Align::Synced && !frontier_has_others(&frontier)
            {
                let h = hyps[0];
                let jump = next_interesting(text, pos);
                if jump > pos {
                    let step = self.push(h.step, pos, jump, None, 0, 0, None);
                    let (last, b) = tail(text, jump);
                    let h = Hyp { last, b, step, ..h };
                    frontier.entry(jump).or_default().push(h);
                    continue;
                }
            }
            for h in hyps {
                next.clear();
                self.expand(&h, pos, &mut next);
                for (p, nh) in next.drain(..) {
                    frontier.entry(p).or_default().push(nh);
                }
            }
        }
        match finished {
            Some(h) => self.finish(h, fixer),
            None => Outcome::unchanged(text),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        parent: u32,
        start: usize,
        end: usize,
        out: Option<String>,
        guessed: u16,
        lost: u16,
        note: Option<String>,
    ) -> u32 {
        self.steps.push(Step {
            parent,
            start,
            end,
            out: out.map(String::into_boxed_str),
            guessed,
            lost,
            note: note.map(String::into_boxed_str),
        });
        (self.steps.len() - 1) as u32
    }

    /// The byte pairs `(a, b)` that spell a character read `syllable`: the candidates for
    /// a byte `b` lost to `?py)`, each with the character, its note and the site table's
    /// prior.
    fn annotated(
        &self,
        pairs: impl Iterator<Item = (u8, u8)>,
        syllable: &str,
    ) -> Vec<(char, u8, String, f32)> {
        let t = Tables::get();
        pairs
            .filter_map(|(a, b)| Some((a, b, t.char_of(a, b)?)))
            .filter(|&(_, _, x)| readings::is_reading(x, syllable))
            .map(|(a, b, x)| {
                let note = format!(
                    "lost byte {b:02X} from ({syllable}): {a:02X} {b:02X} = {x} reads {syllable}"
                );
                (x, b, note, self.table.prior(x, syllable))
            })
            .collect()
    }

    /// Every reading of the unit at `pos` under `h`'s alignment.
    fn expand(&mut self, h: &Hyp, pos: usize, out: &mut Vec<(usize, Hyp)>) {
        let text = self.text;
        let Some(c) = text[pos..].chars().next() else {
            return;
        };
        let end = pos + c.len_utf8();
        let t = Tables::get();
        // An annotation after the two bytes that spell its character: drop it, whatever
        // the alignment (in a garbled run those bytes straddle two characters).
        if c == '(' || c == '（' {
            if let Some(p) = paren_at(text, pos) {
                if let Some(x) = t.char_of(h.b[0], h.b[1]) {
                    if readings::is_reading(x, p.syllable) {
                        let note = format!(
                            "annotation ({}) of {x} = {:02X} {:02X}",
                            p.syllable, h.b[0], h.b[1]
                        );
                        let step =
                            self.push(h.step, pos, p.end, Some(String::new()), 0, 0, Some(note));
                        out.push((p.end, Hyp { step, ..*h }));
                        return;
                    }
                }
            }
        }
        if c == '(' && self.lossy {
            if let Some(d) = damaged_paren_at(text, pos) {
                if let Some(x) = t.char_of(h.b[0], h.b[1]).filter(|&x| d.fits(x)) {
                    let note = format!(
                        "annotation of {x} broken by a stray byte ({})",
                        &text[pos..d.end]
                    );
                    let step = self.push(h.step, pos, d.end, Some(String::new()), 0, 1, Some(note));
                    out.push((d.end, Hyp { step, ..*h }));
                    return;
                }
            }
        }
        match h.align {
            Align::Synced => self.synced(h, c, pos, end, out),
            Align::Pending(lead) => self.pending(h, lead, c, pos, end, out),
            Align::LostLead => self.lost_lead(h, c, pos, end, out),
        }
    }

    fn synced(&mut self, h: &Hyp, c: char, pos: usize, end: usize, out: &mut Vec<(usize, Hyp)>) {
        // The literal reading.
        let step = self.push(h.step, pos, end, None, 0, 0, None);
        out.push((
            end,
            Hyp {
                cost: h.cost + char_cost(h.last, c) + self.doc.script_cost(c),
                last: Some(c),
                b: shift(h.b, c),
                step,
                ..*h
            },
        ));
        if c != '?' {
            return;
        }
        // `?py)`: a false match swallowed `L (`; (previous byte, L) reads `py`.
        let prev_open = pos > 0 && self.text.as_bytes()[pos - 1] == b'(';
        if let Some(m) = qmark_at(self.text, pos).filter(|_| !prev_open) {
            // The byte before may also be the trail of a folded fullwidth form (`，` = A3 AC).
            let mut befores = vec![h.b[1]];
            if let Some([_, fw]) = h.last.and_then(fullwidth_bytes) {
                befores.push(fw);
            }
            let pairs = befores
                .into_iter()
                .flat_map(|b| (0x81u8..=0xFE).map(move |l| (b, l)));
            for (_, lead, note, prior) in self.annotated(pairs, m.syllable) {
                let step = self.push(h.step, pos, m.end, Some(String::new()), 0, 0, Some(note));
                out.push((
                    m.end,
                    Hyp {
                        cost: h.cost + prior,
                        align: Align::Pending(lead),
                        b: [0, 0],
                        step,
                        ..*h
                    },
                ));
            }
            return;
        }
        if self.lossy {
            // A stray byte after a lead byte: both became this `?`.
            let note = "a stray byte consumed a lead byte".to_string();
            let step = self.push(h.step, pos, end, Some(String::new()), 0, 1, Some(note));
            out.push((
                end,
                Hyp {
                    cost: h.cost + STRAY_PENALTY,
                    align: Align::LostLead,
                    b: [0, 0],
                    step,
                    ..*h
                },
            ));
        }
    }

    fn pending(
        &mut self,
        h: &Hyp,
        lead: u8,
        c: char,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let t = Tables::get();
        if c == '?' {
            if let Some(m) = qmark_at(self.text, pos) {
                // `?py)`: the annotation of (lead, L) swallowed `L (`.
                let pairs = (0x40u8..=0xFE).map(|trail| (lead, trail));
                for (x, trail, note, prior) in self.annotated(pairs, m.syllable) {
                    self.emit(
                        h,
                        pos,
                        m.end,
                        &[x],
                        Some(note),
                        prior,
                        Align::Synced,
                        [lead, trail],
                        out,
                    );
                }
            } else if self.lossy {
                // The run ended on an ASCII byte below 0x40: it and the trail are gone.
                let ascii = lost_bytes::guess_ascii(&self.text[end..]);
                for g in lost_bytes::guess_trails(lead, h.last, &|p, c| self.score(p, c)) {
                    let note = match ascii {
                        Some(a) => format!(
                            "run ended on a lost ASCII byte; trail of {lead:02X} guessed, {a:?} assumed"
                        ),
                        None => format!(
                            "run ended on a lost ASCII byte; trail of {lead:02X} guessed, the ASCII byte lost"
                        ),
                    };
                    let chars: Vec<char> = std::iter::once(g.ch).chain(ascii).collect();
                    self.emit_guess(
                        h,
                        pos,
                        end,
                        &chars,
                        2,
                        note,
                        LOST_TRAIL_PENALTY,
                        Align::Synced,
                        [0, 0],
                        out,
                    );
                }
                // A trail byte 80 at lead position: code page 936 has no such lead, so it
                // swallowed the next byte (the lead of the next character) into `?`.
                if let Some(x) = t.char_of(lead, 0x80) {
                    let note = format!("trail byte 80 of {x} swallowed the next lead byte");
                    let mut nh = *h;
                    nh.align = Align::LostLead;
                    self.emit(
                        &nh,
                        pos,
                        end,
                        &[x],
                        Some(note),
                        STRAY_PENALTY / 2.0,
                        Align::LostLead,
                        [0, 0],
                        out,
                    );
                }
            }
        }
        match c {
            '\u{80}'..=char::MAX => {
                let Some([c1, c2]) = t.encode(c) else {
                    return;
                };
                self.realign(h, lead, c1, c2, pos, end, 0.0, out);
                if self.lossy {
                    self.bridge(h, lead, c1, c2, pos, end, out);
                }
            }
            '@'..='~' => {
                let b = c as u8;
                if self.lossy {
                    // A dropped private-use pair right before the resynchronising byte.
                    for (g1, g2) in self.bridges(lead, b, h.last) {
                        let Some([p2, _]) = t.encode(g2.ch) else {
                            continue;
                        };
                        let note =
                            format!("a dropped private-use pair restored as {}{}", g1.ch, g2.ch);
                        self.emit_guess(
                            h,
                            pos,
                            end,
                            &[g1.ch, g2.ch],
                            2,
                            note,
                            PUA_PENALTY,
                            Align::Synced,
                            [p2, b],
                            out,
                        );
                    }
                }
                if let Some(x) = t.char_of(lead, b) {
                    self.emit(h, pos, end, &[x], None, 0.0, Align::Synced, [lead, b], out);
                }
                self.fullwidth(h, lead, c, pos, end, out);
            }
            '!'..='?' => self.fullwidth(h, lead, c, pos, end, out),
            _ => {}
        }
    }

    fn lost_lead(&mut self, h: &Hyp, c: char, pos: usize, end: usize, out: &mut Vec<(usize, Hyp)>) {
        let t = Tables::get();
        let (first, rest) = match c {
            '\u{80}'..=char::MAX => match t.encode(c) {
                Some([c1, c2]) => (c1, Some(c2)),
                None => return,
            },
            '@'..='~' => (c as u8, None),
            _ => (0, None),
        };
        if c == '?' {
            if let Some(m) = qmark_at(self.text, pos) {
                // Both bytes of the annotated character are gone; its reading is left.
                for g in lost_bytes::guess_by_reading(m.syllable, h.last, &self.table, &|p, c| {
                    self.score(p, c)
                }) {
                    let note = format!(
                        "character lost to a stray byte; {} guessed from ({})",
                        g.ch, m.syllable
                    );
                    self.emit_guess(
                        h,
                        pos,
                        m.end,
                        &[g.ch],
                        2,
                        note,
                        g.cost - self.score(h.last, g.ch),
                        Align::Synced,
                        [0, 0],
                        out,
                    );
                }
            } else {
                // The lost character's trail byte swallowed an ASCII byte.
                let ascii = lost_bytes::guess_ascii_short(&self.text[end..]);
                for g in lost_bytes::guess_any(h.last, &|p, c| self.score(p, c)) {
                    let note = match ascii {
                        Some(a) => format!(
                            "character lost to a stray byte; {} guessed, {a:?} assumed",
                            g.ch
                        ),
                        None => format!(
                            "character lost to a stray byte; {} guessed, the ASCII byte after it lost",
                            g.ch
                        ),
                    };
                    let chars: Vec<char> = std::iter::once(g.ch).chain(ascii).collect();
                    self.emit_guess(
                        h,
                        pos,
                        end,
                        &chars,
                        3,
                        note,
                        0.0,
                        Align::Synced,
                        [0, 0],
                        out,
                    );
                }
            }
            return;
        }
        if first != 0 {
            for g in lost_bytes::guess_leads(first, h.last, &|p, c| self.score(p, c)) {
                let note = format!("lead byte lost to a stray byte; {} guessed", g.ch);
                match rest {
                    None => {
                        let b = [t.encode(g.ch).map_or(0, |b| b[0]), first];
                        self.emit_guess(h, pos, end, &[g.ch], 0, note, 0.0, Align::Synced, b, out)
                    }
                    Some(c2) => {
                        let mut nh = *h;
                        nh.cost += g.cost;
                        nh.last = Some(g.ch);
                        self.after_trail(&nh, g.ch, true, c2, first, pos, end, note, out);
                    }
                }
            }
        }
        if let Some([a3, fw]) = fullwidth_bytes(c) {
            for g in lost_bytes::guess_leads(a3, h.last, &|p, c| self.score(p, c)) {
                let note = format!("lead byte lost to a stray byte; {} guessed", g.ch);
                let mut nh = *h;
                nh.cost += g.cost + FULLWIDTH_PENALTY;
                nh.last = Some(g.ch);
                self.after_trail(&nh, g.ch, true, fw, a3, pos, end, note, out);
            }
        }
    }

    /// Pending `lead` and a garbled character `c1 c2`: emit `lead c1`, `c2` goes on.
    #[allow(clippy::too_many_arguments)]
    fn realign(
        &mut self,
        h: &Hyp,
        lead: u8,
        c1: u8,
        c2: u8,
        pos: usize,
        end: usize,
        penalty: f32,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let Some(x) = Tables::get().char_of(lead, c1) else {
            return;
        };
        let mut nh = *h;
        nh.cost += self.score(h.last, x) + penalty;
        nh.last = Some(x);
        self.after_trail(&nh, x, false, c2, c1, pos, end, String::new(), out);
    }

    /// `x` has been decoded (its cost already in `h`); `next` is the byte after it, which
    /// starts the next original character (pending) or is an ASCII byte (synced).
    #[allow(clippy::too_many_arguments)]
    fn after_trail(
        &mut self,
        h: &Hyp,
        x: char,
        guessed: bool,
        next: u8,
        before: u8,
        pos: usize,
        end: usize,
        note: String,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let mut s = String::new();
        if guessed {
            push_guess(&mut s, fold(x), self.mark);
        } else {
            s.push(fold(x));
        }
        let note = (!note.is_empty()).then_some(note);
        if is_lead(next) {
            let step = self.push(h.step, pos, end, Some(s), guessed as u16, 0, note);
            out.push((
                end,
                Hyp {
                    align: Align::Pending(next),
                    b: [before, next],
                    step,
                    ..*h
                },
            ));
        } else if (0x40..=0x7E).contains(&next) {
            let a = next as char;
            s.push(a);
            let step = self.push(h.step, pos, end, Some(s), guessed as u16, 0, note);
            out.push((
                end,
                Hyp {
                    cost: h.cost + self.score(Some(x), a),
                    align: Align::Synced,
                    last: Some(a),
                    b: [before, next],
                    step,
                },
            ));
        }
    }

    /// An ASCII character in a run read as a folded fullwidth form `A3 xx`.
    fn fullwidth(
        &mut self,
        h: &Hyp,
        lead: u8,
        c: char,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        if let Some([a3, fw]) = fullwidth_bytes(c) {
            self.realign(h, lead, a3, fw, pos, end, FULLWIDTH_PENALTY, out);
        }
    }

    /// A dropped private-use pair between pending `lead` and the garbled `c1 c2`.
    #[allow(clippy::too_many_arguments)]
    fn bridge(
        &mut self,
        h: &Hyp,
        lead: u8,
        c1: u8,
        c2: u8,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        for (a, b) in self.bridges(lead, c1, h.last) {
            let mut nh = *h;
            nh.cost += a.cost + b.cost + PUA_PENALTY;
            nh.last = Some(b.ch);
            let mut s = String::new();
            push_guess(&mut s, fold(a.ch), self.mark);
            let note = format!("a dropped private-use pair restored as {}{}", a.ch, b.ch);
            // `b` is fixed by its bytes once the pair is chosen, but the pair is a guess.
            let mut tail_out = Vec::new();
            self.after_trail(&nh, b.ch, true, c2, c1, pos, end, note, &mut tail_out);
            for (p, th) in tail_out {
                let st = &mut self.steps[th.step as usize];
                let rest = st.out.take().unwrap_or_default();
                st.out = Some(format!("{s}{rest}").into_boxed_str());
                st.guessed += 1;
                st.lost += 2;
                out.push((p, th));
            }
        }
    }

    /// Emit `xs`, determined by the bytes.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        h: &Hyp,
        pos: usize,
        end: usize,
        xs: &[char],
        note: Option<String>,
        penalty: f32,
        align: Align,
        b: [u8; 2],
        out: &mut Vec<(usize, Hyp)>,
    ) {
        self.emit_as(h, (pos, end), xs, None, note, penalty, align, b, out);
    }

    /// Emit `xs`, every one a guess for `lost` lost bytes.
    #[allow(clippy::too_many_arguments)]
    fn emit_guess(
        &mut self,
        h: &Hyp,
        pos: usize,
        end: usize,
        xs: &[char],
        lost: u16,
        note: String,
        penalty: f32,
        align: Align,
        b: [u8; 2],
        out: &mut Vec<(usize, Hyp)>,
    ) {
        self.emit_as(
            h,
            (pos, end),
            xs,
            Some(lost),
            Some(note),
            penalty,
            align,
            b,
            out,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_as(
        &mut self,
        h: &Hyp,
        (pos, end): (usize, usize),
        xs: &[char],
        guess: Option<u16>,
        note: Option<String>,
        penalty: f32,
        align: Align,
        b: [u8; 2],
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let mut s = String::new();
        let mut cost = h.cost + penalty;
        let mut last = h.last;
        for &x in xs {
            match guess {
                Some(_) => push_guess(&mut s, fold(x), self.mark && !x.is_ascii_whitespace()),
                None => s.push(fold(x)),
            }
            cost += self.score(last, x);
            last = Some(x);
        }
        let (guessed, lost) = guess.map_or((0, 0), |lost| (xs.len() as u16, lost));
        let step = self.push(h.step, pos, end, Some(s), guessed, lost, note);
        out.push((
            end,
            Hyp {
                cost,
                align,
                last,
                b,
                step,
            },
        ));
    }

    /// Rebuild the text along `h`'s path; group rewritten stretches into changes.
    fn finish(self, h: Hyp, fixer: &'static str) -> Outcome<'t> {
        let mut path = Vec::new();
        let mut s = h.step;
        while s != ROOT {
            path.push(s);
            s = self.steps[s as usize].parent;
        }
        path.reverse();
        let text = self.text;
        let mut out = String::with_capacity(text.len());
        let mut changes: Vec<Change> = Vec::new();
        let mut open: Option<Change> = None;
        for &i in &path {
            let st = &self.steps[i as usize];
            match &st.out {
                None => {
                    if let Some(c) = open.take() {
                        changes.push(c);
                    }
                    out.push_str(&text[st.start..st.end]);
                }
                Some(o) => {
                    out.push_str(o);
                    let c = open.get_or_insert_with(|| Change {
                        fixer,
                        kind: "misaligned-run".into(),
                        offset: st.start,
                        before: String::new(),
                        after: String::new(),
                        why: String::new(),
                        guessed: 0,
                        lost: 0,
                    });
                    c.before.push_str(&text[st.start..st.end]);
                    c.after.push_str(o);
                    c.guessed += st.guessed as usize;
                    c.lost += st.lost as usize;
                    if let Some(n) = &st.note {
                        if !c.why.is_empty() {
                            c.why.push_str("; ");
                        }
                        c.why.push_str(n);
                    }
                }
            }
        }
        if let Some(c) = open.take() {
            changes.push(c);
        }
        for c in &mut changes {
            if c.guessed > 0 || c.lost > 0 {
                c.kind = "lost-bytes".into();
            } else if c.after.is_empty()
                && paren_at(&c.before, 0).is_some_and(|p| p.end == c.before.len())
            {
                // An aligned annotation, read and dropped in passing.
                c.kind = "annotation".into();
            }
        }
        changes.retain(|c| c.before != c.after);
        if changes.is_empty() || out == text {
            return Outcome::unchanged(text);
        }
        Outcome {
            text: Cow::Owned(out),
            changes,
        }
    }
}

fn frontier_has_others(f: &BTreeMap<usize, Vec<Hyp>>) -> bool {
    !f.is_empty()
}

/// Keep the cheapest hypothesis per state, then the best [`BEAM`].
fn prune(hyps: Vec<Hyp>) -> Vec<Hyp> {
    if hyps.len() <= 1 {
        return hyps;
    }
    let mut best: HashMap<(Align, Option<char>, [u8; 2]), Hyp> = HashMap::new();
    for h in hyps {
        let key = (h.align, h.last, h.b);
        match best.get(&key) {
            Some(o) if o.cost <= h.cost => {}
            _ => {
                best.insert(key, h);
            }
        }
    }
    let mut v: Vec<Hyp> = best.into_values().collect();
    // Ties broken by state, not by the map's (random) order: the same input must give the
    // same output in every run.
    v.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then_with(|| (a.align, a.last, a.b).cmp(&(b.align, b.last, b.b)))
    });
    v.truncate(BEAM);
    let worst = v[0].cost + MAX_BEHIND;
    v.retain(|h| h.cost <= worst);
    v
}

/// The next position at or after `pos` where a hypothesis could branch (`?` or `(`), but
/// always leaving the character before it to be read by the search.
fn next_interesting(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let found = memchr::memchr3(b'?', b'(', 0xEF, &bytes[pos..]).map(|i| pos + i);
    let Some(mut at) = found else {
        return text.len();
    };
    // 0xEF starts `（` (and other characters: harmless extra stops).
    while at > pos && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The last character before `at` and the last two bytes the corrupted stream had there.
fn tail(text: &str, at: usize) -> (Option<char>, [u8; 2]) {
    let mut it = text[..at].chars().rev();
    let last = it.next();
    let b = match last {
        None => [0, 0],
        Some(c) => match bytes_of(c) {
            Bytes::Two(a, b) => [a, b],
            Bytes::One(b) => {
                let p = match it.next().map(bytes_of) {
                    Some(Bytes::One(p)) => p,
                    Some(Bytes::Two(_, p)) => p,
                    _ => 0,
                };
                [p, b]
            }
            Bytes::None => [0, 0],
        },
    };
    (last, b)
}

enum Bytes {
    One(u8),
    Two(u8, u8),
    None,
}

fn bytes_of(c: char) -> Bytes {
    if c.is_ascii() {
        return Bytes::One(c as u8);
    }
    match Tables::get().encode(c) {
        Some([a, b]) => Bytes::Two(a, b),
        None => Bytes::None,
    }
}

/// The last two bytes after `c` is appended to a stream ending in `b`.
fn shift(b: [u8; 2], c: char) -> [u8; 2] {
    match bytes_of(c) {
        Bytes::One(x) => [b[1], x],
        Bytes::Two(x, y) => [x, y],
        Bytes::None => [0, 0],
    }
}
