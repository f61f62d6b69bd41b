//! Lost brackets chosen as pairs. Big5 `（` and `）` are A1 5D and A1 5E; read by a GBK
//! decoder that rejects the A1 (`（'*' 指示…輸入）` is `�]'*' 指示…輸入�^`), each keeps
//! its trail byte and loses its lead, which `也` (A4 5D) and `回` (A6 5E) may have been
//! too. Filled one at a time, left to right, the opener loses to the commoner character
//! (an opener earns little for a closer that only may follow), and the closer then closes
//! nothing and loses as well. So where one hole may be an opener and a later one its
//! closer, the two are tried together, and taken when the pair's windows cost less than
//! the guesses they replace.
//!
//! Only where the bracket's other byte survived: a hole in a double-byte reading that
//! leads a known trail. (A UTF-8 `E3 80 ??` hole may be any CJK mark: rewarded for a
//! closer that only may follow, such holes turned `$、*、[ … 。` into `$「*、[ … 」`.)

use super::{fill_cost_at, Around, Enc, Range};
use crate::repair::brackets::{closer_of, closers, opener_of};
use crate::repair::mojibake::codec;

/// Re-choose holes of the filled `groups` (ranges of `holes`) as bracket pairs where that
/// costs less (see the module documentation).
pub(super) fn pair_brackets(
    bytes: &mut [u8],
    holes: &[usize],
    groups: &[Range<usize>],
    (wrong, real): (Enc, Enc),
    line: &Around,
    closers_ahead: &[(usize, char, bool)],
) {
    let cost = |bytes: &[u8], g: &Range<usize>| {
        fill_cost_at(bytes, holes, g.clone(), real, line, closers_ahead)
    };
    // What each hole may be, read off the bytes around it once.
    let may_be: Vec<MayBe> = groups
        .iter()
        .flat_map(|g| g.clone().map(move |i| (g, holes[i])))
        .map(|(group, hole)| MayBe {
            group,
            hole,
            options: options(bytes, hole, wrong, real),
        })
        .filter(|m| !m.options.is_empty())
        .collect();
    for (k, m) in may_be.iter().enumerate() {
        let (g1, h1) = (m.group, m.hole);
        for &(v1, opener) in &m.options {
            let Some(closer) = closer_of(opener) else {
                continue;
            };
            let later = may_be[k + 1..]
                .iter()
                .filter(|n| n.group.start >= g1.end)
                .find_map(|n| {
                    let v = n.options.iter().find(|&&(_, c)| c == closer)?.0;
                    Some((n.group, n.hole, v))
                });
            let Some((g2, h2, v2)) = later else {
                continue;
            };
            if (bytes[h1], bytes[h2]) == (v1, v2) {
                continue;
            }
            let before = cost(bytes, g1) + cost(bytes, g2);
            let old = (bytes[h1], bytes[h2]);
            (bytes[h1], bytes[h2]) = (v1, v2);
            if cost(bytes, g1) + cost(bytes, g2) >= before {
                (bytes[h1], bytes[h2]) = old;
            }
        }
    }
}

/// A hole that may be a bracket: its group (a range of the holes), its offset, and the
/// brackets it may be, with the byte that makes each.
struct MayBe<'a> {
    group: &'a Range<usize>,
    hole: usize,
    options: Vec<(u8, char)>,
}

/// The brackets hole `h` may be, with the byte that makes each: where the bracket's
/// encoding in `real` is that byte and then the byte after the hole, and `wrong` would
/// have rejected it there.
fn options(bytes: &[u8], h: usize, wrong: Enc, real: Enc) -> Vec<(u8, char)> {
    let Some(&next) = bytes.get(h + 1) else {
        return Vec::new();
    };
    closers()
        .flat_map(|c| [c].into_iter().chain(opener_of(c)))
        .filter_map(|b| {
            let e = codec::encode(b.encode_utf8(&mut [0; 4]), real)?.bytes;
            let fits = matches!(*e, [lead, trail] if trail == next
                && codec::hole_consistent(wrong, lead, Some(next)));
            fits.then(|| (e[0], b))
        })
        .collect()
}
