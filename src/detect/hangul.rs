//! How plausible is a run of Hangul as Korean?
//!
//! The Korean side of [`super::plausible`]: GBK read as EUC-KR is Hangul too (返回 is
//! 럿쀼), so Hangul cannot score alike wherever it appears. Real Korean is made of common
//! syllables that pair into words (메모리: 메모, 모리); a misreading makes rare syllables
//! (KS X 1001 holds 2,350, ordered by sound, and a GBK pair lands on any of them) that
//! almost never do. Measured on short Korean strings of gettext catalogues against GBK
//! words read as EUC-KR: 77% of the Korean syllable pairs are in the table, 0.8% of the
//! misread ones.
//!
//! The table (`data/model/hangul.tsv`, from the words of Debian's hunspell-ko, see
//! `scripts/build-hangul.py`) gives each syllable its log relative frequency, on the
//! scale of the Chinese model's characters, and the pairs that occur inside words; a
//! syllable scores that frequency plus [`KOREAN_PRIOR`], and a pair the Chinese model's
//! bigram bonus. In words between spaces a syllable scores at least as the module above
//! scores letters of other scripts' words. build.rs compiles the table, so no process
//! parses it.

/// ln P of each syllable from U+AC00, little-endian f32, NaN where the table has none.
static LOGP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model/hangul_logp.bin"));
/// The pairs as sorted little-endian u32 keys: first syllable's index × 11,172 + second's.
static PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model/hangul_pairs.bin"));
const SYLLABLES: u32 = 11_172;

/// Score of a syllable no word of the table holds: as an unseen Han character.
pub const UNSEEN_SYLLABLE: f32 = crate::model::UNSEEN_HAN;

/// Added to every syllable's log-probability: zhfix reads Chinese far more often than
/// Korean, and a word of a few syllables is as often a Chinese word misread (格利 in GBK
/// is the Korean word 목적).
///
/// Measured on 600 short Korean strings of gettext catalogues in EUC-KR (1 to 7 words),
/// 11,036 GBK and Big5 files of one jieba word or line, and 1,258 Japanese and Korean
/// catalogue lines and pieces. Before this model: 471, 10,559 and 1,177 right. With it,
/// at 0: 571, 10,484, 1,181 (without the floor for words between spaces); at -2: 568,
/// 10,552, 1,180; at -2.5: 562, 10,559, 1,180; at -3: 553, 10,562, 1,180 (4 of the
/// Chinese files lost, 7 gained).
pub const KOREAN_PRIOR: f32 = -3.0;

/// Is `c` a precomposed Hangul syllable?
pub fn is_syllable(c: char) -> bool {
    index(c).is_some()
}

/// ln P(c) among the syllables of Korean words, plus [`KOREAN_PRIOR`].
pub fn logp(c: char) -> f32 {
    let stored = index(c)
        .and_then(|i| LOGP.get(4 * i as usize..4 * i as usize + 4))
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .filter(|v| !v.is_nan());
    stored.unwrap_or(UNSEEN_SYLLABLE) + KOREAN_PRIOR
}

/// Do `a` and `b` stand side by side in a Korean word?
pub fn pair(a: char, b: char) -> bool {
    let (Some(a), Some(b)) = (index(a), index(b)) else {
        return false;
    };
    let key = a * SYLLABLES + b;
    let at = |i: usize| {
        u32::from_le_bytes([
            PAIRS[4 * i],
            PAIRS[4 * i + 1],
            PAIRS[4 * i + 2],
            PAIRS[4 * i + 3],
        ])
    };
    let (mut lo, mut hi) = (0, PAIRS.len() / 4);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match at(mid).cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn index(c: char) -> Option<u32> {
    (c as u32).checked_sub(0xAC00).filter(|&i| i < SYLLABLES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_syllables_and_word_pairs() {
        assert!(logp('하') - KOREAN_PRIOR > -4.0);
        // 럿 and 쀼, GBK 返回 read as EUC-KR, are in no word.
        assert_eq!(logp('쀼'), UNSEEN_SYLLABLE + KOREAN_PRIOR);
        assert!(pair('메', '모') && pair('모', '리'));
        assert!(!pair('럿', '쀼'));
    }
}
