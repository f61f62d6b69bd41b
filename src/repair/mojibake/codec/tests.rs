use super::*;

/// The buffer-reusing decoder gives what each library decoder gives, also when the
/// buffer held a longer text before.
#[test]
fn decode_lossy_into_matches_the_decoders() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut buf = String::from("a much longer leftover that must be cleared first");
    for n in 0..3000 {
        let len = n % 17;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly high bytes, some ASCII, some of UTF-8's lead range.
                [0x41u8, 0x80, 0xA1, 0xB0, 0xE4, 0xEF, 0xF0, 0xF8][(seed % 8) as usize]
                    .wrapping_add((seed >> 8) as u8 % 16)
            })
            .collect();
        decode_lossy_into(&bytes, Enc::Utf8, &mut buf);
        assert_eq!(buf, String::from_utf8_lossy(&bytes), "{bytes:02X?}");
        decode_lossy_into(&bytes, Enc::Gbk, &mut buf);
        assert_eq!(
            buf,
            GBK.decode_without_bom_handling(&bytes).0,
            "{bytes:02X?}"
        );
        decode_lossy_into(&bytes, Enc::Big5, &mut buf);
        assert_eq!(
            buf,
            BIG5.decode_without_bom_handling(&bytes).0,
            "{bytes:02X?}"
        );
    }
}

#[test]
fn the_pair_sets_are_the_decoders_answers() {
    use super::super::codec_tables as t;
    for b in 0..=255u8 {
        for n in 0..=255u8 {
            let one = |enc| t::decodes_to_one(enc, &[b, n]);
            let lead = (0x81..=0xFE).contains(&b) && n >= 0x40 && n != 0x7F && n != 0xFF;
            let gbk = lead && one(GBK).is_some_and(|c| !('\u{E000}'..='\u{F8FF}').contains(&c));
            let big5 = lead && one(BIG5).is_some();
            assert_eq!(decodes(GBK_PAIRS, b, n), gbk, "GBK {b:02X} {n:02X}");
            assert_eq!(decodes(BIG5_PAIRS, b, n), big5, "Big5 {b:02X} {n:02X}");
        }
    }
    // 中 in GBK (D6 D0), 中 in Big5 (A4 A4); a lone lead with an ASCII byte is not a pair.
    assert!(decodes(GBK_PAIRS, 0xD6, 0xD0) && decodes(BIG5_PAIRS, 0xA4, 0xA4));
    assert!(!decodes(GBK_PAIRS, 0xD6, 0x20));
    // A GBK user-defined pair (AA A1, U+E000) is out.
    assert_eq!(t::decodes_to_one(GBK, &[0xAA, 0xA1]), Some('\u{E000}'));
    assert!(!decodes(GBK_PAIRS, 0xAA, 0xA1));
    // The compiled sets are whole; a short one answers no rather than panicking.
    assert_eq!(
        (GBK_PAIRS.len(), BIG5_PAIRS.len()),
        (t::PAIR_SET, t::PAIR_SET)
    );
    assert!(!decodes(&GBK_PAIRS[..10], 0xD6, 0xD0));
}

#[test]
fn single_byte_round_trips_every_byte() {
    for b in 0..=255u8 {
        let c = single_char(b);
        assert_eq!(single_byte(c), Some(b), "byte {b:#x}");
    }
}

#[test]
fn gbk_encodes_pua_back_to_user_defined_bytes() {
    let (s, _, _) = GBK.decode(&[0xAA, 0xA1]);
    let e = encode(&s, Enc::Gbk).unwrap();
    assert_eq!(e.bytes, vec![0xAA, 0xA1]);
}

#[test]
fn gbk_user_defined_rows_encode_like_python() {
    // Values from Python's gb18030 codec.
    assert_eq!(gbk_user_defined('\u{E4C6}'), Some([0xA1, 0x40]));
    assert_eq!(gbk_user_defined('\u{E504}'), Some([0xA1, 0x7E]));
    assert_eq!(gbk_user_defined('\u{E505}'), Some([0xA1, 0x80]));
    assert_eq!(gbk_user_defined('\u{E706}'), Some([0xA7, 0x40]));
    assert_eq!(gbk_user_defined('\u{E000}'), Some([0xAA, 0xA1]));
    assert_eq!(gbk_user_defined('\u{E234}'), Some([0xF8, 0xA1]));
    assert_eq!(gbk_user_defined('\u{E765}'), Some([0xA7, 0xA0]));
}

#[test]
fn fffd_becomes_a_hole() {
    let e = encode("a\u{FFFD}b", Enc::Single).unwrap();
    assert_eq!(e.bytes, vec![b'a', 0, b'b']);
    assert_eq!(e.holes, vec![1]);
}

#[test]
fn short_text_with_pua_encodes() {
    let e = encode("dump \u{E019}", Enc::Gbk).unwrap();
    assert_eq!(e.bytes, b"dump \xAA\xBA");
}

#[test]
fn table_encoding_matches_encoding_rs() {
    // Every character GBK or Big5 can encode, through the table, as encoding_rs does.
    for (enc, encoding) in [(Enc::Gbk, GBK), (Enc::Big5, BIG5)] {
        for u in 0x80..0x10000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = c.to_string();
            let (bytes, _, unmappable) = encoding.encode(&s);
            if unmappable {
                continue;
            }
            let ours = encode(&s, enc).map(|e| e.bytes);
            assert_eq!(ours.as_deref(), Some(&bytes[..]), "{c} U+{u:04X} {enc:?}");
        }
    }
}

#[test]
fn compiled_tables_match_a_rebuild() {
    use super::super::codec_tables as t;
    let gbk = t::encode_table(false);
    let big5 = t::encode_table(true);
    for u in 0x80..0x10000u32 {
        let Some(c) = char::from_u32(u) else { continue };
        assert_eq!(table_code(c, Enc::Gbk), gbk[u as usize], "GBK U+{u:04X}");
        assert_eq!(table_code(c, Enc::Big5), big5[u as usize], "Big5 U+{u:04X}");
    }
    let decode_only = t::big5_decode_only(&big5);
    assert!(!decode_only.is_empty());
    for (c, pair) in decode_only {
        assert_eq!(big5_decode_only(c), Some(pair), "{c}");
    }
    assert_eq!(big5_decode_only('中'), None);
}

#[test]
fn hangul_is_not_gbk() {
    assert!(encode("한국", Enc::Gbk).is_none());
}

#[test]
fn private_pairs_are_the_user_defined_areas() {
    let pairs = gbk_private_pairs();
    let has = |a: u8, b: u8| pairs.iter().any(|(f, s)| *f == a && s.contains(&b));
    assert!(has(0xAD, 0xE6) && has(0xA1, 0x40) && has(0xFE, 0xFE) && has(0xA7, 0xA0));
    // 啊 and 涓 are ordinary characters.
    assert!(!has(0xB0, 0xA1) && !has(0xE4, 0xB8));
    // Three user-defined areas of 6 × 94, 7 × 94 and 7 × 96 pairs, plus 173 unassigned
    // pairs GB18030 parks in the private-use area (Python's gb18030 has one more).
    let n: usize = pairs.iter().map(|(_, s)| s.len()).sum();
    assert_eq!(n, 1894 + 173);
}

#[test]
fn gbk_holes_follow_the_decoder_that_made_them() {
    // 何 in Big5 is A6 F3: GB18030 reads it (︙), Python's gbk does not; so are € at
    // A2 E3 and the radical ⺁ at FE 50.
    assert!(hole_consistent(Enc::Gbk, 0xA6, Some(0xF3)));
    assert!(hole_consistent(Enc::Gbk, 0xA2, Some(0xE3)));
    assert!(hole_consistent(Enc::Gbk, 0xFE, Some(0x50)));
    // Α (A6 A1), ︵ (A6 E0) and 中 (D6 D0) are read by both.
    assert!(!hole_consistent(Enc::Gbk, 0xA6, Some(0xA1)));
    assert!(!hole_consistent(Enc::Gbk, 0xA6, Some(0xE0)));
    assert!(!hole_consistent(Enc::Gbk, 0xD6, Some(0xD0)));
}

#[test]
fn big5_holes_follow_the_decoders_that_made_them() {
    // 任 in GBK is C8 CE: Big5-HKSCS reads it, Python's big5 and cp950 do not.
    assert!(hole_consistent(Enc::Big5, 0xC8, Some(0xCE)));
    assert!(hole_consistent(Enc::Big5, 0xF9, Some(0xFE)));
    assert!(hole_consistent(Enc::Big5, 0xA3, Some(0xE1)));
    // 一 (A4 40), F9 D5 and C7 FC are read by all three.
    assert!(!hole_consistent(Enc::Big5, 0xA4, Some(0x40)));
    assert!(!hole_consistent(Enc::Big5, 0xF9, Some(0xD5)));
    assert!(!hole_consistent(Enc::Big5, 0xC7, Some(0xFC)));
}
