use super::*;

/// GBK `日岀江花红` (C8D5 8CE7 BDAD BBA8 BAEC) read as Python's big5 lost C8, D5 and 8C,
/// three holes in a row, left unfilled (0xFF); a fourth hole is 红's lead.
const AFTER_A_RUN: [u8; 10] = [0xFF, 0xFF, 0xFF, 0xE7, 0xBD, 0xAD, 0xBB, 0xA8, 0xFF, 0xEC];

#[test]
fn unfilled_holes_lead_and_trail_as_the_real_decoder_reads_them() {
    // 日 is two holes, 岀 a hole and E7; then 江 and 花 on their own boundaries.
    assert_eq!(char_starts(&AFTER_A_RUN, 0, 8), [0, 2, 4, 6]);
    // A lead before a hole takes it as its trail.
    assert_eq!(char_starts(&[0xBD, 0xFF, 0xBB, 0xA8], 0, 4), [0, 2]);
    assert_eq!(char_starts(&[0x41, 0xBD, 0xAD, 0x20], 0, 4), [0, 1, 3]);
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
