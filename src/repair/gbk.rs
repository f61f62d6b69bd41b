//! GBK byte tables shared by the seed-corruption fixers (misalignment, lost bytes).
//!
//! The seed corruption happened in GBK byte space, so undoing it means going back there:
//! re-encode a decoded character to its two bytes, ask what a byte pair decodes to, and
//! know which pairs are private-use (the corrupting site dropped those). The tables are
//! built once from encoding_rs's GBK decoder (all 126 × 190 two-byte pairs, a few
//! milliseconds), so they agree exactly with the decoder the rest of zhfix uses.
//!
//! Code page 936 and WHATWG GBK agree on every assigned pair; the user-defined areas
//! (`AA–AF A1–FE`, `F8–FE A1–FE`, `A1–A7 40–A0`) decode to private-use characters in both,
//! which is what the site then dropped.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What one two-byte pair decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// A real character.
    Char(char),
    /// A private-use character (user-defined area): the site dropped these.
    Pua,
    /// Not a valid pair (bad trail byte).
    Invalid,
}

pub struct Tables {
    /// Indexed by `(lead - 0x81) * 191 + (trail - 0x40)`.
    pairs: Vec<Pair>,
    /// FxHash: our own keys, asked for every character of every misaligned run.
    encode: FxHashMap<char, [u8; 2]>,
    /// For each lead byte, the trail bytes that make a private-use pair.
    pua_trails: Vec<Vec<u8>>,
}

/// Is `b` a byte that can start a two-byte GBK character?
pub fn is_lead(b: u8) -> bool {
    (0x81..=0xFE).contains(&b)
}

/// Is `b` a byte that can end a two-byte GBK character?
pub fn is_trail(b: u8) -> bool {
    (0x40..=0xFE).contains(&b) && b != 0x7F
}

impl Tables {
    pub fn get() -> &'static Tables {
        static T: OnceLock<Tables> = OnceLock::new();
        T.get_or_init(Tables::build)
    }

    fn build() -> Tables {
        let mut pairs = vec![Pair::Invalid; 126 * 191];
        let mut encode = FxHashMap::with_capacity_and_hasher(22_000, Default::default());
        let mut pua_trails = vec![Vec::new(); 126];
        let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(8);
        for lead in 0x81u8..=0xFE {
            for trail in 0x40u8..=0xFE {
                if trail == 0x7F {
                    continue;
                }
                out.clear();
                let (res, _) =
                    decoder.decode_to_string_without_replacement(&[lead, trail], &mut out, true);
                let mut chars = out.chars();
                let pair = match (res, chars.next(), chars.next()) {
                    (encoding_rs::DecoderResult::InputEmpty, Some(c), None) => {
                        if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                            Pair::Pua
                        } else {
                            Pair::Char(c)
                        }
                    }
                    _ => Pair::Invalid,
                };
                match pair {
                    Pair::Char(c) => {
                        encode.entry(c).or_insert([lead, trail]);
                    }
                    Pair::Pua => pua_trails[(lead - 0x81) as usize].push(trail),
                    Pair::Invalid => {}
                }
                pairs[index(lead, trail)] = pair;
                decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
            }
        }
        Tables {
            pairs,
            encode,
            pua_trails,
        }
    }

    /// What `lead trail` decodes to.
    pub fn pair(&self, lead: u8, trail: u8) -> Pair {
        if is_lead(lead) && is_trail(trail) {
            self.pairs[index(lead, trail)]
        } else {
            Pair::Invalid
        }
    }

    /// The character `lead trail` decodes to, if it is a real one.
    pub fn char_of(&self, lead: u8, trail: u8) -> Option<char> {
        match self.pair(lead, trail) {
            Pair::Char(c) => Some(c),
            _ => None,
        }
    }

    /// The two GBK bytes of a non-ASCII character, if GBK has it.
    pub fn encode(&self, c: char) -> Option<[u8; 2]> {
        self.encode.get(&c).copied()
    }

    /// Trail bytes that make `lead` a private-use pair.
    pub fn pua_trails(&self, lead: u8) -> &[u8] {
        if is_lead(lead) {
            &self.pua_trails[(lead - 0x81) as usize]
        } else {
            &[]
        }
    }
}

fn index(lead: u8, trail: u8) -> usize {
    (lead - 0x81) as usize * 191 + (trail - 0x40) as usize
}

/// The fullwidth form of a printable ASCII character (`m` → `ｍ`), which the corrupting
/// site folded back to ASCII: GBK spells these `A3 xx` with `xx = ascii + 0x80`.
pub fn fullwidth_bytes(c: char) -> Option<[u8; 2]> {
    match c {
        '!'..='~' => Some([0xA3, c as u8 + 0x80]),
        _ => None,
    }
}

/// Fold a fullwidth ASCII form back to ASCII, as the site did to everything it decoded.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_seed_examples() {
        let t = Tables::get();
        assert_eq!(t.encode('燃'), Some([0xC8, 0xBC]));
        assert_eq!(t.encode('氣'), Some([0x9A, 0xE2]));
        assert_eq!(t.char_of(0xBC, 0x9A), Some('細'));
        assert_eq!(t.char_of(0x98, 0x49), Some('業'));
        assert_eq!(t.pair(0xAF, 0xC6), Pair::Pua);
        assert_eq!(t.pair(0x9A, b'('), Pair::Invalid);
        assert!(t.pua_trails(0xAF).contains(&0xC6));
        assert_eq!(fullwidth_bytes('m'), Some([0xA3, 0xED]));
        assert_eq!(t.char_of(0xA3, 0xED).map(fold), Some('m'));
    }
}
