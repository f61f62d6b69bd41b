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
//! lost-byte assumption, less a bonus for a closing mark that closes the one its line
//! left open (hypotheses carry that mark). Two kinds of evidence come from the document
//! itself: its own bigrams (a cache model: a damaged `名字空間` is usually spelt out
//! intact elsewhere) and the corrupting site's table ([`annotation::SiteTable`]: a
//! reading's character that the document annotates elsewhere is a table entry, one it
//! shows plain is not). The literal reading is always available, so a run is only
//! rewritten when the realigned text reads as clearly better Chinese than the garble.
//! The beam collapses to one hypothesis in clean stretches; there the search jumps to
//! the next `?` or `(`, so the cost on long clean passages is a scan.
//!
//! The fixer runs only on documents [`annotation::assess`] calls corrupt that contain a
//! garble mark or a `?`; it runs before [`super::annotation::Annotations`], because the
//! annotations carry the lost bytes and the table, and strips those it reads.
//!
//! The code: this file holds the fixer, the alignment states and the costs; `search.rs`
//! runs the beam over the text and rebuilds the chosen path; `units.rs` reads one text
//! unit under each alignment (the bullet list above), and `emit.rs` adds what a reading
//! emits to a hypothesis, with its cost.

mod emit;
mod search;
mod units;

use super::annotation;
use super::brackets::{closer_of, opener_of};
use super::{AnnotationMode, Context, Fixer, Outcome, Shared};
use crate::model::Model;
use search::Search;

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
/// [`STRAY_PENALTY`] for a `?` directly followed by an ASCII letter. A lost lead whose
/// trail byte is a letter (52 of GBK's 190 trail values) always leaves `?X`, while a real
/// question mark (a folded `？`) is followed by Chinese, a space or punctuation, hardly
/// ever by a letter with no space between. On the dev corpus 4 to 8 score alike (one
/// more seed_annot case exact, `反?D Shift` → `反轉 Shift`; nothing else changes), 10 gets
/// nothing; 12 for every `?` could not have both this and `連接?[h2xs`.
const STRAY_BEFORE_LETTER_PENALTY: f32 = 6.0;
/// Cost of a byte below `0x40` that a lost character's trail swallowed (`??`) when the
/// text goes on with a space or tab: that byte was whitespace or punctuation before more
/// whitespace, which nothing explains, so it is an assumption as strong as the stray
/// byte itself. Without it the literal `??  ` of a regular expression (`*?  +?  ??  {m}?`)
/// read as a lost 的 (the literal pays [`DOUBLE_QMARK`]). On the dev corpus 10 to 30 score
/// alike (one seed_annot case more exact), 8 changes nothing.
const UNEXPLAINED_BYTE_PENALTY: f32 = STRAY_PENALTY;
/// Cost of reading a control byte or space inside a misaligned run as a stray byte (no
/// byte is lost: the decoder read it on its own). 3 to 10 score alike on the dev cases.
const STRAY_IN_RUN_PENALTY: f32 = 6.0;
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
/// [`PUA_PENALTY`] for a dropped pair right after a stray byte took the lead byte
/// ([`super::lost_bytes::lost_lead_bridges`]): the bridge's first character keeps none of
/// its bytes, so only the model and the document's own pairs choose it. It rarely wins:
/// the plain lost lead can spell the bridge's second character itself, one character
/// shorter. On the dev corpus at 3.2 to 3.4 it restores `映射所指定` and `全局名字空間`
/// (the document's own words) and no longer adds a `名` to `增補的參數` (the document's
/// `名的` paid for it; one seed_annot case more exact, with [`doc_model`]'s punctuation
/// weight); 3 keeps that `名`, 3.5 and up lose `映射所指定`, 1 to 2 lose a case more.
///
/// [`doc_model`]: crate::repair::doc_model
const LOST_LEAD_BRIDGE_PENALTY: f32 = 3.3;

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
    /// The opening mark (`“`, `《`, …) this line left open on this path, if any.
    open: Option<char>,
    step: u32,
}

impl Hyp {
    /// Emit `x` at `cost` (less the pairing bonus when `x` closes the open mark).
    fn advance(&mut self, x: char, cost: f32) {
        self.cost += cost - pairing(&mut self.open, x);
        self.last = Some(x);
    }
}

/// Bonus for a closing mark that closes the mark the line left open (`“` … `”`).
///
/// The model scores one character after another, so it cannot see that a lost
/// `A1 B1` after `“源文件` is the `”` that closes it: `”` after `件` is rare in its
/// training text, and a Han reading of the same bytes (`副`) won. Nearly every CJK mark
/// is an `A1 xx` pair, so a lost `A1` leaves exactly this choice between a mark and a
/// character. Chinese text closes its marks on the line it opens them (a multi-line
/// quotation reopens on each paragraph), so the state is kept per line and only a
/// match is rewarded: a closer without its opener costs what the model says.
///
/// The model puts `“` and `”` near its floor (its running text quotes with `「」`), so
/// the bonus is large. On the dev corpus 10 to 30 restore `每個“源文件”參數` and a `》`
/// (6 and 8 only the `》`); on 800 cases of `scripts/gen-seed-cases.py` (seeds 1501 man,
/// 1502 fortunes) 12 gets one case more exact than none (`《中國 Linux 論壇`), 8 does not,
/// and 20 turns a lost `，` … `：` into a guessed `（` … `）`.
const PAIR_BONUS: f32 = 12.0;

/// Update the open mark for `x` and return the bonus `x` earns.
fn pairing(open: &mut Option<char>, x: char) -> f32 {
    if x == '\n' {
        *open = None;
        return 0.0;
    }
    if closer_of(x).is_some() {
        *open = Some(x);
        return 0.0;
    }
    if opener_of(x).is_none() {
        return 0.0;
    }
    if open.take().and_then(closer_of) == Some(x) {
        PAIR_BONUS
    } else {
        0.0
    }
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

    /// A document whose repair a second run would repair again is left as it is: the
    /// second run's search reads the first one's output together with garble it left
    /// beside it (`?蝹` + a repaired run), so the first repair was one reading among
    /// several, not the document's. Only inputs made to break the search do this (the fuzz
    /// campaign's: NULs and control bytes inside a run); real damage comes out stable, and
    /// on repaired text the second search finds no run and costs little.
    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        self.fix_shared(text, ctx, &Shared::default())
    }

    fn fix_shared<'t>(&self, text: &'t str, ctx: &Context<'_>, shared: &Shared<'_>) -> Outcome<'t> {
        let out = self.fix_once(text, ctx, shared);
        if out.changes.is_empty() {
            return out;
        }
        let utf8 = Context::utf8(&out.text, ctx.options);
        let again = self.fix_once(&out.text, &utf8, &Shared::default());
        if again.changes.is_empty() {
            out
        } else {
            Outcome::unchanged(text)
        }
    }
}

impl Misalign {
    fn fix_once<'t>(&self, text: &'t str, ctx: &Context<'_>, shared: &Shared<'_>) -> Outcome<'t> {
        if ctx.options.annotations == AnnotationMode::Keep
            || !annotation::may_have_annotations(text)
        {
            return Outcome::unchanged(text);
        }
        let evidence = shared.evidence(text);
        // Garble marks, or a corrupt document with `?` (stray bytes leave no other mark).
        let marks = evidence.garbled > 0 || memchr::memchr(b'?', text.as_bytes()).is_some();
        if !marks
            || !(evidence.garbled > 0 || evidence.is_corrupt())
            || !evidence.strip(ctx.options.annotations)
        {
            return Outcome::unchanged(text);
        }
        let search = Search::new(text, self.lossy, ctx.options.mark_guesses);
        search.run(self.name())
    }
}

#[cfg(test)]
mod tests;
