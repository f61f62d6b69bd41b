//! The window a hole's candidates are scored in: a few characters of the segment around
//! the hole, started on a character boundary of the real encoding, and what its cost
//! depends on beyond its own text (brackets open before it, closers after it).

use super::{codec, fill, Around, Enc, Range};

/// How far (in bytes) past its last hole a group's window runs: about three characters.
pub(super) const WINDOW_AFTER: usize = 10;

/// The bytes a group's candidates are read in (about three characters before its first
/// hole to [`WINDOW_AFTER`] past its last, or to the next unfilled hole), and what the
/// window's cost depends on beyond them.
pub(super) fn window<'a>(
    bytes: &[u8],
    run: &[usize],
    next_hole: Option<usize>,
    real: Enc,
    line: &Around<'a>,
    closers: &[(usize, char, bool)],
) -> (Range<usize>, Around<'a>) {
    let start = window_start(bytes, run[0], real);
    let end = (run[run.len() - 1] + WINDOW_AFTER)
        .min(next_hole.unwrap_or(usize::MAX))
        .min(bytes.len());
    let (open, open_carried) = line.open_before(&codec::decode_lossy(&bytes[..start], real));
    let around = Around {
        open,
        open_carried,
        at_end: end == bytes.len(),
        ahead: closers
            .iter()
            .filter(|&&(at, _, _)| at >= end)
            .map(|&(_, c, sure)| (c, sure))
            .collect(),
        ..line.clone()
    };
    (start..end, around)
}

/// The cost of the window of the group `holes[group]` as the bytes stand, the window
/// running on to the next unfilled hole, as the second look's do.
pub(super) fn fill_cost_at(
    bytes: &[u8],
    holes: &[usize],
    group: Range<usize>,
    real: Enc,
    line: &Around,
    closers: &[(usize, char, bool)],
) -> f32 {
    let next = holes[group.end..]
        .iter()
        .copied()
        .find(|&h| bytes[h] == 0xFF);
    let (range, around) = window(bytes, &holes[group], next, real, line, closers);
    let mut decoded = String::new();
    let broken = read_window(bytes, range, real, &mut decoded);
    fill::fill_cost(&decoded, &around) + broken
}

/// Read `bytes[range]` as `real` into `decoded`; the cost of the U+FFFD it holds.
pub(super) fn read_window(
    bytes: &[u8],
    range: Range<usize>,
    real: Enc,
    decoded: &mut String,
) -> f32 {
    let cut = range.end < bytes.len();
    codec::decode_lossy_into(&bytes[range], real, decoded);
    // A character the window's end cuts in two is not broken: without this, a candidate
    // that leaves the window on an odd byte (the right one, often) pays for a U+FFFD its
    // rivals do not.
    if cut && decoded.ends_with('\u{FFFD}') {
        decoded.pop();
    }
    BROKEN * decoded.chars().filter(|&c| c == '\u{FFFD}').count() as f32
}

/// What a window pays for each U+FFFD it reads: more than any character costs.
const BROKEN: f32 = 30.0;

/// Where to start decoding so the window holds about three characters before `pos`,
/// starting on a character boundary of `real`.
pub fn window_start(bytes: &[u8], pos: usize, real: Enc) -> usize {
    match real {
        Enc::Utf8 => {
            let mut s = pos;
            let mut chars = 0;
            while s > 0 && chars < 3 && pos - s < 12 {
                s -= 1;
                if !(0x80..0xC0).contains(&bytes[s]) {
                    chars += 1;
                }
            }
            s
        }
        Enc::Single => pos.saturating_sub(3),
        Enc::Gbk | Enc::Big5 | Enc::Cp950 => {
            // Bytes below 0x40 are never trail bytes, so the byte after one always starts
            // a character; walk forward from there to find the boundaries. The nearest
            // such byte is often the space just before the hole (`他 ��`): then walk from
            // an earlier one, or the window holds no left context at all.
            // Context stops after the last character an unfilled hole (0xFF) is part of:
            // it is U+FFFD whatever the window says, and a window that began with it would
            // read the bytes after it one off (the decoder takes 0xFF alone).
            let mut limit = pos;
            loop {
                let anchor = bytes[..limit]
                    .iter()
                    .rposition(|&b| b < 0x40)
                    .map_or(0, |p| p + 1);
                let starts = char_starts(bytes, anchor, pos, real);
                let past_hole = (0..starts.len())
                    .rposition(|k| {
                        let end = starts.get(k + 1).copied().unwrap_or(pos);
                        bytes[starts[k]..end].contains(&0xFF)
                    })
                    .map(|k| k + 1);
                if let Some(k) = past_hole {
                    return starts
                        .get(k.max(starts.len().saturating_sub(3)))
                        .map_or(pos, |&s| s);
                }
                if let Some(i) = starts.len().checked_sub(3) {
                    return starts[i].min(pos);
                }
                if anchor == 0 {
                    return 0;
                }
                limit = anchor - 1;
            }
        }
    }
}

/// The starts of the GBK/Big5 characters in `bytes[from..to]`, `from` being a boundary.
/// An unfilled hole (0xFF) is a byte the wrong decoder rejected, and is walked as
/// `codec::decode_holed` reads it ([`codec::char_len`]): where a character starts it
/// leads one, and after a lead it is the trail. Read as a character of its own, it put
/// every window after a run of unfilled holes one byte out of step (`三種類��狀件乎` for
/// `三種類型的物件：`).
fn char_starts(bytes: &[u8], from: usize, to: usize, real: Enc) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut k = from;
    while k < to {
        starts.push(k);
        k += codec::char_len(bytes, |i| bytes[i] == 0xFF, k, real);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GBK `日岀江花红` (C8D5 8CE7 BDAD BBA8 BAEC) read as Python's big5 lost C8, D5 and 8C,
    /// three holes in a row, left unfilled (0xFF); a fourth hole is 红's lead.
    const AFTER_A_RUN: [u8; 10] = [0xFF, 0xFF, 0xFF, 0xE7, 0xBD, 0xAD, 0xBB, 0xA8, 0xFF, 0xEC];

    #[test]
    fn unfilled_holes_lead_and_trail_as_the_real_decoder_reads_them() {
        // 日 is two holes, 岀 a hole and E7; then 江 and 花 on their own boundaries.
        assert_eq!(char_starts(&AFTER_A_RUN, 0, 8, Enc::Gbk), [0, 2, 4, 6]);
        // A lead before a hole takes it as its trail.
        assert_eq!(
            char_starts(&[0xBD, 0xFF, 0xBB, 0xA8], 0, 4, Enc::Gbk),
            [0, 2]
        );
        assert_eq!(
            char_starts(&[0x41, 0xBD, 0xAD, 0x20], 0, 4, Enc::Gbk),
            [0, 1, 3]
        );
    }

    #[test]
    fn a_window_starts_after_the_last_character_an_unfilled_hole_is_part_of() {
        // The window for the hole at 8 holds 江 and 花, not the half-known 岀 before them.
        assert_eq!(window_start(&AFTER_A_RUN, 8, Enc::Gbk), 4);
        // Without holes before it, three characters of context.
        let clean = [0xC8, 0xD5, 0x8C, 0xE7, 0xBD, 0xAD, 0xBB, 0xA8, 0xFF, 0xEC];
        assert_eq!(window_start(&clean, 8, Enc::Gbk), 2);
        // A hole right before: no context at all.
        assert_eq!(window_start(&[0xBD, 0xAD, 0xFF, 0xFF], 3, Enc::Gbk), 3);
    }
}
