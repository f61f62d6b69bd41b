//! CNS 11643, the Traditional Chinese character set of ISO-2022-CN and EUC-TW.
//! encoding_rs has no table for it, and Big5 cannot stand in by arithmetic (the two order
//! their characters alike only in long stretches), so `data/codec/cns11643.tsv` (glibc
//! iconv's mapping, see `scripts/cns11643-table.py`) is compiled by build.rs into one
//! little-endian code point per cell, 94 × 94 cells a plane (0: no character).
//!
//! Plane 1 holds the 5,401 common characters and the symbols, plane 2 the next 7,650: all
//! of Big5's Han characters. Planes 3 to 7 and 15 hold 42,000 rare ones (names, old
//! variants), most of them outside the BMP; the other planes are empty.

use std::collections::HashMap;
use std::sync::OnceLock;

static CNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/cns11643.bin"));

/// The planes in the table, in its order.
const PLANES: [usize; 8] = [1, 2, 3, 4, 5, 6, 7, 15];

/// The character at `row`, `col` (each 0x21–0x7E) of `plane`, if it has one.
pub fn char_at(plane: usize, row: u8, col: u8) -> Option<char> {
    let seven_bit = 0x21..=0x7E;
    let slot = PLANES.iter().position(|&p| p == plane)?;
    if !seven_bit.contains(&row) || !seven_bit.contains(&col) {
        return None;
    }
    let cell = slot * 94 * 94 + usize::from(row - 0x21) * 94 + usize::from(col - 0x21);
    let bytes = CNS.get(4 * cell..4 * cell + 4)?;
    let code = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    char::from_u32(code).filter(|&c| c != '\0')
}

/// The code of `c` (plane, row, col), for writing EUC-TW: the table read backwards,
/// built on first use (55,000 cells). A character in two planes keeps the lower one.
pub fn code_of(c: char) -> Option<(usize, u8, u8)> {
    static CODES: OnceLock<HashMap<char, (usize, u8, u8)>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let mut codes = HashMap::new();
        for plane in PLANES {
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
        // 7D4C is past plane 1's last Han character; plane 8 is empty.
        assert_eq!(char_at(1, 0x7D, 0x4C), None);
        assert_eq!(char_at(8, 0x21, 0x21), None);
        // Plane 5 2125 is 𠀀 (U+20000), outside the BMP.
        assert_eq!(char_at(5, 0x21, 0x25), Some('𠀀'));
        assert_eq!(char_at(1, 0x20, 0x21), None);
    }

    #[test]
    fn every_character_has_the_code_it_is_read_from() {
        assert_eq!(code_of('中'), Some((1, 0x44, 0x63)));
        assert_eq!(code_of('乂'), Some((2, 0x21, 0x21)));
        assert_eq!(code_of('𠀀'), Some((5, 0x21, 0x25)));
        assert_eq!(code_of('a'), None);
        assert_eq!(code_of('😀'), None);
        // Plane 3 has some Simplified forms too (这 is 3 2A71).
        assert_eq!(code_of('这'), Some((3, 0x2A, 0x71)));
        for plane in PLANES {
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
