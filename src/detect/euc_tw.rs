//! EUC-TW: is this legacy text CNS 11643 rather than what it was taken for?
//!
//! EUC-TW writes plane 1 of CNS 11643 (every common Traditional character) as pairs of
//! bytes `A1–FE`, exactly the shape of GB2312 and EUC-KR text, and plane 2 behind the
//! single shift `8E A2`, which GBK also reads (as 帰 and a pair). chardetng does not know
//! it, so an EUC-TW file came out as GB18030 soup (`臺灣` as `曜嘻`). The two are told
//! apart as the detector tells GB18030 from Big5, by which reading is more plausible
//! text ([`Plausibility`]); but only for input EUC-TW can be at all:
//!
//! * every non-ASCII byte is `A1–FE` or `8E` (GBK's own extension bytes `81–A0` as a
//!   lead or trail, and Big5's trails `40–7E`, rule it out on sight);
//! * the EUC-TW reading has no malformed sequence (but a character cut by the end of the
//!   sample) and [`MIN_HAN`] Han characters.
//!
//! The EUC-TW reading must then beat the one chosen by [`MARGIN`].

use super::plausible::Plausibility;
use crate::model::is_han;
use encoding_rs::Encoding;

/// How much more plausible (mean per non-ASCII character) the EUC-TW reading must be.
/// Measured on 746 lines and documents of zh_TW man pages written by `iconv -t EUC-TW`,
/// against the 11,036 short GBK and Big5 files the detector is tuned on: from five
/// characters up the EUC-TW reading of EUC-TW text is at least 2.6 ahead, while the best
/// wrong EUC-TW reading is 0.9 behind; at three and four characters the closest are 1.7
/// ahead and 1.3 ahead (a GBK word).
pub const MARGIN: f32 = 1.5;

/// Han characters the EUC-TW reading needs: a one- or two-character GBK or Big5 word
/// read as EUC-TW beat its own reading by up to 4.4, and Japanese kana in EUC-JP read as
/// EUC-TW are CNS 11643's symbols, which score as well as common characters (`なし` is
/// `Ｊ〣`).
pub const MIN_HAN: usize = 3;

/// Does `sample` (whole lines of legacy text) read as EUC-TW clearly better than as
/// `rival`, the encoding the detector chose? If so, the confidence, from the gap as for
/// the detector's other choices.
pub fn reads_better(sample: &[u8], rival: &'static Encoding) -> Option<f32> {
    let shaped = sample
        .iter()
        .all(|&b| b < 0x80 || b == 0x8E || (0xA1..=0xFE).contains(&b));
    if !shaped || sample.is_ascii() {
        return None;
    }
    let ours = crate::decode::euc_tw::decode(sample, 0);
    let han = ours.text.chars().filter(|&c| is_han(c)).count();
    // A character cut by the end of the sample (a stream's first block) is no error.
    let cut = |&o: &usize| sample.len() - o < 4 && sample[o..].iter().all(|&b| b >= 0x80);
    if !ours.malformed.iter().all(cut) || han < MIN_HAN {
        return None;
    }
    let (theirs, malformed) = super::legacy::decode_counting(sample, rival);
    let ours = Plausibility::of(&ours.text, 0).mean();
    let theirs = Plausibility::of(&theirs, malformed).mean();
    let gap = ours? - theirs?;
    (gap > MARGIN).then(|| super::legacy::confidence(gap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, GB18030};

    /// `iconv -t EUC-TW` of 臺灣的天氣很好，我們去爬山。
    const SENTENCE: &[u8] = b"\xea\xd7\xfd\xa4\xce\xfb\xc5\xb2\xd6\xb4\xd0\xfe\xc7\xef\xa1\xa2\
        \xca\xbc\xd4\xaf\xc6\xaa\xce\xe7\xc4\xd4\xa1\xa4\n";

    #[test]
    fn euc_tw_text_reads_better_than_its_gb18030_soup() {
        let confidence = reads_better(SENTENCE, GB18030).unwrap();
        assert!((0.9..=0.99).contains(&confidence), "{confidence}");
        // Cut inside its last character, as a stream's first block may be.
        assert!(reads_better(&SENTENCE[..SENTENCE.len() - 2], GB18030).is_some());
    }

    #[test]
    fn other_text_of_the_same_shape_stays_what_it_was() {
        let (gb2312, _, _) = GB18030.encode("这是一个用于测试的简体中文句子。\n");
        assert_eq!(reads_better(&gb2312, GB18030), None);
        let (kana, _, _) = EUC_JP.encode("なし (なし)\n");
        assert_eq!(reads_better(&kana, EUC_JP), None);
        // Two characters are too few to tell (臺灣).
        assert_eq!(reads_better(b"\xea\xd7\xfd\xa4\n", GB18030), None);
        // Big5's trail bytes below 0x80 rule it out: 中文 is A4A4 A4E5, 你 A741.
        assert_eq!(
            reads_better(b"\xa7\x41\xa4\xa4\xa4\xe5\n", encoding_rs::BIG5),
            None
        );
    }
}
