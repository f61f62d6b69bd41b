//! What a hypothesis emits: the characters a unit reads as (literal, guessed for a lost
//! byte, or in a folded fullwidth form), the dropped private-use pairs it bridges, and the
//! stray bytes that swallow ASCII, each with its cost.

use super::search::Search;
use super::{Align, Hyp, FULLWIDTH_PENALTY, LOST_LEAD_BRIDGE_PENALTY, PUA_PENALTY};
use crate::repair::gbk::{fold, fullwidth_bytes};
use crate::repair::lost_bytes::push_guess;

impl Search<'_> {
    /// An ASCII character in a run read as a folded fullwidth form `A3 xx`.
    pub(super) fn fullwidth(
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

    /// A dropped private-use pair between pending `lead` (`None`: a stray byte took it)
    /// and the garbled `c1 c2`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn bridge(
        &mut self,
        h: &Hyp,
        lead: Option<u8>,
        c1: u8,
        c2: u8,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let (bridges, penalty) = match lead {
            Some(lead) => (self.bridges(lead, c1, h.last), PUA_PENALTY),
            None => (self.lost_lead_bridges(c1, h.last), LOST_LEAD_BRIDGE_PENALTY),
        };
        for (a, b) in bridges {
            let mut nh = *h;
            nh.cost += penalty;
            nh.advance(a.ch, a.cost);
            nh.advance(b.ch, b.cost);
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
    pub(super) fn emit(
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
    pub(super) fn emit_guess(
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
    pub(super) fn emit_as(
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
        let mut nh = *h;
        nh.cost += penalty;
        for &x in xs {
            match guess {
                Some(_) => push_guess(&mut s, fold(x), self.mark && !x.is_ascii_whitespace()),
                None => s.push(fold(x)),
            }
            nh.advance(x, self.score(nh.last, x));
        }
        let (guessed, lost) = guess.map_or((0, 0), |lost| (xs.len() as u16, lost));
        nh.step = self.push(h.step, pos, end, Some(s), guessed, lost, note);
        out.push((end, Hyp { align, b, ..nh }));
    }

    /// Emit the guessed `ch`, then the ASCII byte the lost bytes swallowed: `swallowed` is
    /// that byte when the text after the run tells it (else it is counted lost too), the
    /// bytes lost, and the penalty. `what` opens the note. Both ends of a lost character
    /// (a run ending on a lost byte, a stray byte's victim) come back synced this way.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit_with_ascii(
        &mut self,
        h: &Hyp,
        pos: usize,
        end: usize,
        ch: char,
        swallowed: (Option<char>, u16, f32),
        what: String,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let (ascii, lost, penalty) = swallowed;
        let note = match ascii {
            Some(a) => format!("{what}, {a:?} assumed"),
            None => format!("{what}, the ASCII byte after it lost"),
        };
        let chars: Vec<char> = std::iter::once(ch).chain(ascii).collect();
        self.emit_guess(
            h,
            pos,
            end,
            &chars,
            lost,
            note,
            penalty,
            Align::Synced,
            [0, 0],
            out,
        );
    }
}
