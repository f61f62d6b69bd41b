//! CNS 11643 planes 1 and 2, the Traditional Chinese character set of ISO-2022-CN and
//! EUC-TW. encoding_rs has no table for it, and Big5 cannot stand in by arithmetic (the
//! two order their characters alike only in long stretches), so `data/codec/cns11643.tsv`
//! (glibc iconv's mapping, see `scripts/cns11643-table.py`) is compiled by build.rs into
//! 2 × 94 × 94 little-endian UTF-16 units (0: no character).
//!
//! Plane 1 holds the 5,401 common characters and the symbols, plane 2 the next 7,650: all
//! of Big5's Han characters. Planes 3 to 7 (rare characters, many outside the BMP) are not
//! in the table; their codes read as malformed.

use std::collections::HashMap;
use std::sync::OnceLock;

static CNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/cns11643.bin"));

/// The character at `row`, `col` (each 0x21–0x7E) of `plane` (1 or 2), if it has one.
pub fn char_at(plane: usize, row: u8, col: u8) -> Option<char> {
    let seven_bit = 0x21..=0x7E;
    if !(1..=2).contains(&plane) || !seven_bit.contains(&row) || !seven_bit.contains(&col) {
        return None;
    }
    let cell = (plane - 1) * 94 * 94 + usize::from(row - 0x21) * 94 + usize::from(col - 0x21);
    let unit = u16::from_le_bytes([*CNS.get(2 * cell)?, *CNS.get(2 * cell + 1)?]);
    char::from_u32(u32::from(unit)).filter(|&c| c != '\0')
}

/// The code of `c` in planes 1 and 2 (plane, row, col), for writing EUC-TW: the table
/// read backwards, built on first use (17,000 cells).
pub fn code_of(c: char) -> Option<(usize, u8, u8)> {
    static CODES: OnceLock<HashMap<char, (usize, u8, u8)>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let mut codes = HashMap::new();
        for plane in 1..=2 {
            for row in 0x21..=0x7E {
                for col in 0x21..=0x7E {
                    if let Some(c) = char_at(plane, row, col) {
                        codes.entry(c).or_insert((plane, row, col));
                    }
                }
            }
        }
        codes
    });
    codes.get(&c).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_iconv_maps_them() {
        // Plane 1 4421 一, 4463 中; plane 2 2121 乂.
        assert_eq!(char_at(1, 0x44, 0x21), Some('一'));
        assert_eq!(char_at(1, 0x44, 0x63), Some('中'));
        assert_eq!(char_at(2, 0x21, 0x21), Some('乂'));
        // 7D4C is past plane 1's last Han character; plane 3 is not in the table.
        assert_eq!(char_at(1, 0x7D, 0x4C), None);
        assert_eq!(char_at(3, 0x21, 0x21), None);
        assert_eq!(char_at(1, 0x20, 0x21), None);
    }

    #[test]
    fn every_character_has_the_code_it_is_read_from() {
        assert_eq!(code_of('中'), Some((1, 0x44, 0x63)));
        assert_eq!(code_of('乂'), Some((2, 0x21, 0x21)));
        assert_eq!(code_of('a'), None);
        assert_eq!(code_of('这'), None);
        for plane in 1..=2 {
            for row in 0x21..=0x7E {
                for col in 0x21..=0x7E {
                    if let Some(c) = char_at(plane, row, col) {
                        assert_eq!(code_of(c), Some((plane, row, col)), "{c}");
                    }
                }
            }
        }
    }
}
