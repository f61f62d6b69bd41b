//! How one text unit reads under each decoder alignment: literally or as the `?py)` that
//! began a run (synced), as the second half of a character whose lead is pending, or
//! after a lead byte that is gone (lost lead), plus the lost-byte guesses of each.

use super::search::Search;
use super::{
    char_cost, Align, Hyp, FULLWIDTH_PENALTY, LOST_TRAIL_PENALTY, PUA_PENALTY,
    STRAY_BEFORE_LETTER_PENALTY, STRAY_IN_RUN_PENALTY, STRAY_PENALTY, UNEXPLAINED_BYTE_PENALTY,
};
use crate::repair::annotation::{paren_at, qmark_at};
use crate::repair::gbk::{fold, fullwidth_bytes, is_lead, Tables};
use crate::repair::lost_bytes::{self, push_guess};

impl Search<'_> {
    pub(super) fn synced(
        &mut self,
        h: &Hyp,
        c: char,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        // The literal reading.
        let mut nh = *h;
        nh.advance(c, char_cost(h.last, c) + self.doc.script_cost(c));
        nh.step = self.push(h.step, pos, end, None, 0, 0, None);
        out.push((
            end,
            Hyp {
                b: shift(h.b, c),
                ..nh
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
                    cost: h.cost + stray_penalty(&self.text[end..]),
                    align: Align::LostLead,
                    b: [0, 0],
                    step,
                    ..*h
                },
            ));
        }
    }

    pub(super) fn pending(
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
                let open = unclosed_paren(self.text, pos);
                let ascii = lost_bytes::guess_ascii(open, &self.text[end..]);
                for g in lost_bytes::guess_trails(lead, h.last, &|p, c| self.score(p, c)) {
                    let what =
                        format!("run ended on a lost ASCII byte; trail of {lead:02X} guessed");
                    let swallowed = (ascii, 2, LOST_TRAIL_PENALTY);
                    self.emit_with_ascii(h, pos, end, g.ch, swallowed, what, out);
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
                    self.bridge(h, Some(lead), c1, c2, pos, end, out);
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
            '\0'..=' ' => self.stray_in_run(h, c, pos, end, out),
            _ => {}
        }
    }

    /// A control byte or space inside a misaligned run: no character's trail (trails are
    /// `40` and up), so a stray byte the decoder read on its own between a trail read as a
    /// lead and the byte after it. The pending lead goes on. The byte is dropped, except a
    /// line break (`\n`, or `\r` before one), which stays: a fixer keeps the line count.
    fn stray_in_run(
        &mut self,
        h: &Hyp,
        c: char,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
        let breaks = c == '\n' || (c == '\r' && self.text[end..].starts_with('\n'));
        let (kept, what) = if breaks {
            (c.to_string(), "kept (a line break)")
        } else {
            (String::new(), "dropped")
        };
        let note = format!("a stray byte {:02X} inside the run {what}", c as u32);
        let step = self.push(h.step, pos, end, Some(kept), 0, 0, Some(note));
        out.push((
            end,
            Hyp {
                cost: h.cost + STRAY_IN_RUN_PENALTY,
                open: if breaks { None } else { h.open },
                step,
                ..*h
            },
        ));
    }

    pub(super) fn lost_lead(
        &mut self,
        h: &Hyp,
        c: char,
        pos: usize,
        end: usize,
        out: &mut Vec<(usize, Hyp)>,
    ) {
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
                let after = &self.text[end..];
                let ascii = lost_bytes::guess_ascii_short(after);
                // Before a line break the swallowed byte was most likely a `\r`; before a
                // space or tab nothing explains it.
                let penalty = if ascii.is_none() && !after.starts_with(['\n', '\r']) {
                    UNEXPLAINED_BYTE_PENALTY
                } else {
                    0.0
                };
                for g in lost_bytes::guess_any(h.last, &|p, c| self.score(p, c)) {
                    let what = format!("character lost to a stray byte; {} guessed", g.ch);
                    self.emit_with_ascii(h, pos, end, g.ch, (ascii, 3, penalty), what, out);
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
                        nh.advance(g.ch, g.cost);
                        self.after_trail(&nh, g.ch, true, c2, first, pos, end, note, out);
                    }
                }
            }
            if let Some(c2) = rest {
                self.bridge(h, None, first, c2, pos, end, out);
            }
        }
        if let Some([a3, fw]) = fullwidth_bytes(c) {
            for g in lost_bytes::guess_leads(a3, h.last, &|p, c| self.score(p, c)) {
                let note = format!("lead byte lost to a stray byte; {} guessed", g.ch);
                let mut nh = *h;
                nh.advance(g.ch, g.cost + FULLWIDTH_PENALTY);
                self.after_trail(&nh, g.ch, true, fw, a3, pos, end, note, out);
            }
        }
    }

    /// Pending `lead` and a garbled character `c1 c2`: emit `lead c1`, `c2` goes on.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn realign(
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
        nh.advance(x, self.score(h.last, x) + penalty);
        self.after_trail(&nh, x, false, c2, c1, pos, end, String::new(), out);
    }

    /// `x` has been decoded (its cost already in `h`); `next` is the byte after it, which
    /// starts the next original character (pending) or is an ASCII byte (synced).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn after_trail(
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
            let mut nh = *h;
            nh.advance(a, self.score(Some(x), a));
            nh.step = self.push(h.step, pos, end, Some(s), guessed as u16, 0, note);
            out.push((
                end,
                Hyp {
                    align: Align::Synced,
                    b: [before, next],
                    ..nh
                },
            ));
        }
    }
}

/// Cost of reading a `?` before `after` as a stray byte's victim.
fn stray_penalty(after: &str) -> f32 {
    if after
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        STRAY_BEFORE_LETTER_PENALTY
    } else {
        STRAY_PENALTY
    }
}

/// Does the line before `at` leave an ASCII `(` open? Annotations `(py)` and the `?py)`
/// of a swallowed one are skipped whole: they are the corruption's, not the text's.
fn unclosed_paren(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < at {
        let skip = match bytes[i] {
            b'(' => paren_at(text, i).map(|p| p.end),
            b'?' => qmark_at(text, i).map(|p| p.end),
            _ => None,
        };
        match (skip, bytes[i]) {
            (Some(e), _) => {
                i = e;
                continue;
            }
            (None, b'(') => depth += 1,
            (None, b')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

/// The last character before `at` and the last two bytes the corrupted stream had there.
pub(super) fn tail(text: &str, at: usize) -> (Option<char>, [u8; 2]) {
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
