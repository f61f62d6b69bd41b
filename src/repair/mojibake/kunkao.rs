//! 锟斤拷 text: GBK (or Big5) text read as UTF-8 with replacement, written out as UTF-8,
//! then read as GBK. The first step destroyed the Chinese: most bytes became U+FFFD
//! (`EF BF BD`, which GBK reads as 锟斤拷), the rest, GBK bytes that happened to form
//! UTF-8, were kept as whatever they spelled. Read back along UTF-8-as-GBK, such text is
//! that first step's output, which is the best repair there is. Three things set it apart
//! from other lossy text. Its U+FFFD are written, not lost to a hole ([`written_fffd`]);
//! a 锟 cut short by a lost byte is one of them ([`cut`]); and its other characters are
//! noise, so none is guessed (`holes/unguess.rs`) and none is refused for being
//! unassigned (`holes::admissible`).

use super::codec::{self, Enc};

/// Is the segment whose GBK bytes are `bytes` 锟斤拷 text: do at least half of its UTF-8
/// characters start `EF BF`, as U+FFFD does, cut short or not? (`锟窖` is `EF BF BD D1`,
/// one without 锟斤拷 in it.) The first decode of GBK text leaves more U+FFFD than
/// characters; Chinese text that held a U+FFFD or two before it was misread is not noise.
pub(super) fn is_kunkao(bytes: &[u8]) -> bool {
    let leads = bytes
        .iter()
        .filter(|&&b| (0xC2..=0xF4).contains(&b))
        .count();
    let kun = bytes.windows(2).filter(|w| **w == FFFD[..2]).count();
    leads > 0 && 2 * kun >= leads
}

/// The U+FFFD `bytes` write as such.
fn count(bytes: &[u8]) -> usize {
    bytes.windows(3).filter(|w| *w == FFFD).count()
}

/// U+FFFD in UTF-8.
const FFFD: [u8; 3] = [0xEF, 0xBF, 0xBD];

/// In 锟斤拷 text, a hole right after `EF BF` (锟) is `BD`: the 锟斤拷 of a U+FFFD that the
/// line's end or the next character cut short (`锟` then a lone `BD` the GBK decoder
/// rejected, as `wrong` must have). Set those bytes; the holes left are for the model. The character they
/// make is the U+FFFD it always was, not a guess (the model would pick a fullwidth sign
/// of `EF BF A0–A6`, `￥`): `EF BF` only starts another character where the GBK text
/// behind the 锟斤拷 wrote 锟 itself.
pub(super) fn cut(bytes: &mut [u8], mut holes: Vec<usize>, wrong: Enc) -> Vec<usize> {
    holes.retain(|&h| {
        let cut = h >= 2
            && bytes[h - 2..h] == FFFD[..2]
            && codec::hole_consistent(wrong, FFFD[2], bytes.get(h + 1).copied());
        if cut {
            bytes[h] = 0xBD;
        }
        !cut
    });
    holes
}

/// The U+FFFD `input`'s GBK bytes write as such (`EF BF BD`: GBK reads two of them as
/// 锟斤拷, one as 锟 and a character whose first byte is `BD`, or the other way round as
/// a character ending in `EF` and 拷), and whether `input` is 锟斤拷 text ([`is_kunkao`]).
pub(super) fn written_fffd(input: &str) -> (usize, bool) {
    if !input.contains(['锟', '拷']) {
        return (0, false);
    }
    codec::encode(input, Enc::Gbk).map_or((0, false), |e| (count(&e.bytes), is_kunkao(&e.bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_replacement_characters_are_counted_from_the_bytes() {
        assert_eq!(written_fffd("锟斤拷锟斤拷"), (4, true));
        // 锟 and 芥 (BD E6): one, the other way round 斤拷 (BD EF BF BD) after a character.
        assert_eq!(written_fffd("锟芥本"), (1, true));
        assert_eq!(written_fffd("斤拷"), (1, true));
        assert_eq!(written_fffd("锟铻"), (0, true));
        assert_eq!(written_fffd("中文"), (0, false));
        assert_eq!(written_fffd("涓枃锟斤拷鍙傛暟"), (2, false));
    }

    #[test]
    fn kunkao_text_is_mostly_replacement_characters() {
        let gbk = |t: &str| codec::encode(t, Enc::Gbk).expect("GBK").bytes;
        assert!(is_kunkao(&gbk("锟斤拷锟斤拷为锟届父")));
        assert!(is_kunkao(&gbk("锟窖\u{FFFD}锟\u{FFFD}")));
        // UTF-8 Chinese read as GBK that held one U+FFFD.
        assert!(!is_kunkao(&gbk("涓枃锟斤拷鍙傛暟")));
        assert!(!is_kunkao(&gbk("中文")));
    }

    #[test]
    fn a_hole_after_kun_is_its_lost_bd() {
        let mut bytes = vec![0xEF, 0xBF, 0, b' ', 0xE4, 0];
        assert_eq!(cut(&mut bytes, vec![2, 5], Enc::Gbk), vec![5]);
        assert_eq!(bytes, [0xEF, 0xBF, 0xBD, b' ', 0xE4, 0]);
        // Before `x` a GBK decoder reads BD as a lead byte (`BD 78` is 絰); CP1252
        // defines BD (½). Neither hole can have lost it.
        for (next, wrong) in [(b'x', Enc::Gbk), (b' ', Enc::Single)] {
            let mut bytes = vec![0xEF, 0xBF, 0, next];
            assert_eq!(cut(&mut bytes, vec![2], wrong), vec![2]);
        }
    }
}
