//! The beam search over a document: hypotheses advance unit by unit ([`super::units`]
//! reads each unit), the cheapest per state survive, clean stretches are skipped in one
//! step, and the winning path is rebuilt into the text and its list of changes.

use super::units::tail;
use super::{char_cost, pairing, Align, Hyp, Step, BEAM, MAX_BEHIND, ROOT};
use crate::readings;
use crate::repair::annotation::{damaged_paren_at, paren_at, SiteTable};
use crate::repair::doc_model::DocModel;
use crate::repair::gbk::Tables;
use crate::repair::lost_bytes::{self, Guess};
use crate::repair::{Change, Outcome};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Candidate character pairs around a dropped private-use pair.
type Bridges = Vec<(Guess, Guess)>;

pub(super) struct Search<'t> {
    pub(super) text: &'t str,
    pub(super) lossy: bool,
    pub(super) mark: bool,
    pub(super) steps: Vec<Step>,
    pub(super) table: SiteTable,
    /// The document's own bigrams and script.
    pub(super) doc: DocModel,
    pub(super) bridge_cache: HashMap<(u8, u8, Option<char>), Bridges>,
}

impl<'t> Search<'t> {
    pub(super) fn new(text: &'t str, lossy: bool, mark: bool) -> Self {
        Search {
            text,
            lossy,
            steps: Vec::new(),
            mark,
            table: SiteTable::learn(text),
            doc: DocModel::learn(text),
            bridge_cache: HashMap::new(),
        }
    }

    /// [`lost_bytes::pua_bridges`], memoised: many hypotheses ask the same question.
    pub(super) fn bridges(&mut self, lead: u8, next: u8, prev: Option<char>) -> Bridges {
        if let Some(v) = self.bridge_cache.get(&(lead, next, prev)) {
            return v.clone();
        }
        let v = lost_bytes::pua_bridges(lead, next, prev, &|p, c| self.score(p, c));
        self.bridge_cache.insert((lead, next, prev), v.clone());
        v
    }

    /// [`lost_bytes::lost_lead_bridges`], memoised like [`Search::bridges`] (lead 0, no
    /// lead byte, in the key).
    pub(super) fn lost_lead_bridges(&mut self, next: u8, prev: Option<char>) -> Bridges {
        if let Some(v) = self.bridge_cache.get(&(0, next, prev)) {
            return v.clone();
        }
        let v = lost_bytes::lost_lead_bridges(next, prev, &|p, c| self.score(p, c));
        self.bridge_cache.insert((0, next, prev), v.clone());
        v
    }

    /// Cost of a character the search reconstructs: the model, plus a bonus when the
    /// pair occurs elsewhere in this document (a cache model: documents repeat their
    /// vocabulary, 名字空間 three lines after the damaged one).
    pub(super) fn score(&self, prev: Option<char>, c: char) -> f32 {
        self.doc.mix(char_cost(prev, c), c) - self.doc.bigram_bonus(prev, c)
            + self.doc.script_cost(c)
    }

    pub(super) fn run(mut self, fixer: &'static str) -> Outcome<'t> {
        let text = self.text;
        let mut frontier: BTreeMap<usize, Vec<Hyp>> = BTreeMap::new();
        frontier.insert(
            0,
            vec![Hyp {
                cost: 0.0,
                align: Align::Synced,
                last: None,
                b: [0, 0],
                open: None,
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
                    let mut open = h.open;
                    for c in text[pos..jump].chars() {
                        pairing(&mut open, c);
                    }
                    let h = Hyp {
                        last,
                        b,
                        open,
                        step,
                        ..h
                    };
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
    pub(super) fn push(
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
    pub(super) fn annotated(
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
    pub(super) fn expand(&mut self, h: &Hyp, pos: usize, out: &mut Vec<(usize, Hyp)>) {
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

    /// Rebuild the text along `h`'s path; group rewritten stretches into changes.
    pub(super) fn finish(self, h: Hyp, fixer: &'static str) -> Outcome<'t> {
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

/// What the rest of the search can see of a hypothesis: two with the same state fare
/// alike from here on, so only the cheaper one is kept.
type State = (Align, Option<char>, [u8; 2], Option<char>);

fn state(h: &Hyp) -> State {
    (h.align, h.last, h.b, h.open)
}

/// Keep the cheapest hypothesis per state, then the best [`BEAM`].
fn prune(hyps: Vec<Hyp>) -> Vec<Hyp> {
    if hyps.len() <= 1 {
        return hyps;
    }
    let mut best: HashMap<State, Hyp> = HashMap::new();
    for h in hyps {
        let key = state(&h);
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
            .then_with(|| state(a).cmp(&state(b)))
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
