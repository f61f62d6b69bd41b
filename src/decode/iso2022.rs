//! ISO-2022-CN (RFC 1922) and ISO-2022-KR (RFC 1557), the 7-bit encodings of Chinese and
//! Korean email. encoding_rs decodes neither (the WHATWG standard maps both labels to
//! "replacement"), so this is a small decoder of its own. ISO-2022-JP, which encoding_rs
//! does decode, goes to encoding_rs line by line ([`decode_jp`]).
//!
//! The byte layout. Text starts in ASCII. An escape sequence puts a character set in one
//! of two slots, and a shift picks the slot:
//!
//! * `ESC $ ) A`: GB2312 into G1 (CN);
//! * `ESC $ ) G`: CNS 11643 plane 1 into G1 (CN);
//! * `ESC $ * H`: CNS 11643 plane 2 into G2 (CN);
//! * `ESC $ + I` to `ESC $ + M`: CNS 11643 planes 3 to 7 into G3 (ISO-2022-CN-EXT);
//! * `ESC $ ) C`: KS X 1001 into G1 (KR, written once at the top of the text);
//! * SO (0x0E) shifts to G1 until SI (0x0F); `ESC N` (SS2) takes the next pair alone from
//!   G2, `ESC O` (SS3) from G3.
//!
//! A character is a pair of bytes in 0x21–0x7E. GB2312 and KS X 1001 pairs are EUC-CN and
//! EUC-KR with the high bits cleared, so encoding_rs decodes them (as GB18030 and EUC-KR)
//! once the bits are set again. CNS 11643 (Traditional Chinese) has no encoding_rs table
//! and no arithmetic relation to Big5, so it is looked up in its own table ([`super::cns`]).
//!
//! A line break ends the shift, and in ISO-2022-CN every designation too (both RFCs ask
//! writers to start each line in ASCII, and RFC 1922 to designate again on each line), so
//! every line starts in the same state: a stream can be decoded in line-aligned chunks. One
//! leniency: in ISO-2022-KR a shift with no designation means KS X 1001, the only set it
//! has, since a stream's later chunks never see the header.
//!
//! Malformed, each one U+FFFD counted at its offset: any other escape sequence (among them
//! ISO-2022-CN-EXT's ISO-IR-165, a GB2312 extension with no table here), a shift to an
//! empty slot, a byte with the
//! high bit set, an odd byte left in a run of pairs, a CNS 11643 code with no character.

use super::Decoded;
use encoding_rs::{Encoding, EUC_KR, GB18030, ISO_2022_JP};

/// ISO-2022-JP, by encoding_rs one line at a time. Its decoder reads a line break inside
/// a run of JIS X 0208 pairs as a malformed byte and swallows it; decoding each line on its
/// own keeps every line break (RFC 1468 starts each line in ASCII, as RFC 1922 does).
pub fn decode_jp(bytes: &[u8], base: usize) -> Decoded {
    let mut out = Decoded {
        text: String::with_capacity(bytes.len() * 2),
        ..Decoded::default()
    };
    let mut at = base;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let body = line
            .strip_suffix(b"\r\n")
            .or_else(|| line.strip_suffix(b"\n"))
            .unwrap_or(line);
        out.append(super::decode_standard(body, ISO_2022_JP, at));
        out.text
            .extend(line[body.len()..].iter().map(|&b| b as char));
        at += line.len();
    }
    out
}

/// Which of the two encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Cn,
    Kr,
}

/// A character set a slot can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    /// GB2312 or KS X 1001: decoded by encoding_rs once the high bits are set.
    Euc(&'static Encoding),
    /// CNS 11643 plane 1 or 2.
    Cns(usize),
}

/// Decode ISO-2022 `bytes`; malformed offsets are reported relative to `base`.
pub fn decode(bytes: &[u8], base: usize, variant: Variant) -> Decoded {
    let mut out = Decoded {
        text: String::with_capacity(bytes.len() * 2),
        ..Decoded::default()
    };
    let fresh_g1 = (variant == Variant::Kr).then_some(Set::Euc(EUC_KR));
    let (mut g1, mut g2, mut g3) = (fresh_g1, None, None);
    let mut shifted = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' | b'\r' => {
                shifted = false;
                if variant == Variant::Cn {
                    (g1, g2, g3) = (None, None, None);
                }
                out.text.push(b as char);
                i += 1;
            }
            0x1B => match escape(&bytes[i + 1..], variant) {
                Some(Escape::G1(set)) => {
                    g1 = Some(set);
                    i += 4;
                }
                Some(Escape::G2(set)) => {
                    g2 = Some(set);
                    i += 4;
                }
                Some(Escape::G3(set)) => {
                    g3 = Some(set);
                    i += 4;
                }
                Some(Escape::SingleShift(slot)) => {
                    let pair = bytes
                        .get(i + 2..i + 4)
                        .filter(|p| p.iter().all(|&c| graphic(c)));
                    let set = if slot == 2 { g2 } else { g3 };
                    match (set, pair) {
                        (Some(set), Some(pair)) => {
                            decode_run(pair, set, base + i + 2, &mut out);
                            i += 4;
                        }
                        _ => {
                            out.malformed_at(base + i);
                            i += 2;
                        }
                    }
                }
                None => {
                    out.malformed_at(base + i);
                    i += 1;
                }
            },
            0x0E => {
                shifted = g1.is_some();
                if !shifted {
                    out.malformed_at(base + i);
                }
                i += 1;
            }
            0x0F => {
                shifted = false;
                i += 1;
            }
            _ if b >= 0x80 => {
                out.malformed_at(base + i);
                i += 1;
            }
            _ => match g1.filter(|_| shifted && graphic(b)) {
                Some(set) => {
                    let run = bytes[i..].iter().take_while(|&&c| graphic(c)).count();
                    decode_run(&bytes[i..i + run], set, base + i, &mut out);
                    i += run;
                }
                // ASCII; a space or control in shifted mode is itself.
                None => {
                    out.text.push(b as char);
                    i += 1;
                }
            },
        }
    }
    out
}

enum Escape {
    G1(Set),
    G2(Set),
    G3(Set),
    /// SS2 or SS3: the next pair from G2 or G3.
    SingleShift(u8),
}

/// The escape sequence `after` an ESC byte starts with, if this variant has it.
fn escape(after: &[u8], variant: Variant) -> Option<Escape> {
    match (variant, after) {
        (Variant::Cn, [b'$', b')', b'A', ..]) => Some(Escape::G1(Set::Euc(GB18030))),
        (Variant::Cn, [b'$', b')', b'G', ..]) => Some(Escape::G1(Set::Cns(1))),
        (Variant::Cn, [b'$', b'*', b'H', ..]) => Some(Escape::G2(Set::Cns(2))),
        (Variant::Cn, [b'$', b'+', f @ b'I'..=b'M', ..]) => {
            Some(Escape::G3(Set::Cns(usize::from(f - b'I') + 3)))
        }
        (Variant::Cn, [b'N', ..]) => Some(Escape::SingleShift(2)),
        (Variant::Cn, [b'O', ..]) => Some(Escape::SingleShift(3)),
        (Variant::Kr, [b'$', b')', b'C', ..]) => Some(Escape::G1(Set::Euc(EUC_KR))),
        _ => None,
    }
}

fn graphic(b: u8) -> bool {
    (0x21..=0x7E).contains(&b)
}

/// Decode a run of pairs (an odd last byte is malformed) from `set`.
fn decode_run(run: &[u8], set: Set, base: usize, out: &mut Decoded) {
    match set {
        Set::Euc(enc) => {
            out.append_seven_bit(run, enc, base);
        }
        Set::Cns(plane) => {
            for (k, pair) in run.chunks(2).enumerate() {
                match cns(plane, pair) {
                    Some(c) => out.text.push(c),
                    None => out.malformed_at(base + 2 * k),
                }
            }
        }
    }
}

/// The character of a CNS 11643 code.
fn cns(plane: usize, pair: &[u8]) -> Option<char> {
    let &[row, col] = pair else { return None };
    super::cns::char_at(plane, row, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(bytes: &[u8]) -> (String, Vec<usize>) {
        let d = decode(bytes, 0, Variant::Cn);
        (d.text, d.malformed)
    }

    fn kr(bytes: &[u8]) -> (String, Vec<usize>) {
        let d = decode(bytes, 0, Variant::Kr);
        (d.text, d.malformed)
    }

    #[test]
    fn jp_line_breaks_survive_an_unclosed_run() {
        let d = decode_jp(b"\x1b$B0!\nabc\r\n", 0);
        assert_eq!((d.text.as_str(), d.malformed), ("亜\nabc\r\n", vec![]));
        let d = decode_jp(b"\x1b$B0\nabc", 0);
        assert_eq!((d.text.as_str(), d.malformed), ("\u{FFFD}\nabc", vec![3]));
    }

    #[test]
    fn gb2312_in_g1() {
        // 中文 is D6D0 CEC4 in EUC-CN.
        assert_eq!(cn(b"a\x1b$)A\x0eVPND\x0fb"), ("a中文b".into(), vec![]));
    }

    #[test]
    fn cns_planes() {
        // Plane 1 4421 is 一, plane 2 2121 is 乂 (by SS2); both as iconv writes them.
        assert_eq!(cn(b"\x1b$)G\x0eD!\x0f"), ("一".into(), vec![]));
        assert_eq!(cn(b"\x1b$*H\x1bN!!x"), ("乂x".into(), vec![]));
        // 7D4C is past plane 1's last Han character: no character.
        assert_eq!(cn(b"\x1b$)G\x0e}L\x0f"), ("\u{FFFD}".into(), vec![5]));
    }

    #[test]
    fn cn_ext_planes_by_ss3() {
        // 𠀀 is plane 5 2125, designated by `ESC $ + K` and taken by SS3, as iconv writes
        // ISO-2022-CN-EXT; plane 3 2A71 is 这.
        assert_eq!(cn(b"\x1b$+K\x1bO!%x"), ("𠀀x".into(), vec![]));
        assert_eq!(cn(b"\x1b$+I\x1bO*q"), ("这".into(), vec![]));
        // SS3 with nothing in G3, and ISO-IR-165 (`ESC $ ) E`), are malformed.
        assert_eq!(cn(b"\x1bO!%"), ("\u{FFFD}!%".into(), vec![0]));
        assert_eq!(cn(b"\x1b$)E"), ("\u{FFFD}$)E".into(), vec![0]));
    }

    #[test]
    fn line_break_ends_shift_and_designations() {
        assert_eq!(
            cn(b"\x1b$)A\x0eVP\nVP\x0e"),
            ("中\nVP\u{FFFD}".into(), vec![10])
        );
        // ISO-2022-KR keeps KS X 1001 across lines, even undesignated.
        assert_eq!(kr(b"\x0eGQ\x0f\n\x0eGQ\x0f"), ("한\n한".into(), vec![]));
    }

    #[test]
    fn shifts_between_cr_and_lf_vanish() {
        // Decode fuzzing: the CR and LF come through; the shifts between them are not
        // characters, so the two meet as a CRLF.
        assert_eq!(kr(b"a\r\x0e\x0e\nb"), ("a\r\nb".into(), vec![]));
        let d = decode_jp(b"a\r\x1b(B\nb", 0);
        assert_eq!((d.text.as_str(), d.malformed), ("a\r\nb", vec![]));
    }

    #[test]
    fn spaces_in_shifted_mode_are_spaces() {
        assert_eq!(kr(b"\x1b$)C\x0eGQ GQ\x0f"), ("한 한".into(), vec![]));
    }

    #[test]
    fn malformed_input_is_counted_where_it_is() {
        // An odd byte in a run, a high byte, an escape the variant lacks, SS2 with an
        // empty G2, a shift to an empty G1.
        assert_eq!(cn(b"\x1b$)A\x0eVPN\x0f"), ("中\u{FFFD}".into(), vec![7]));
        assert_eq!(cn(b"a\xd6"), ("a\u{FFFD}".into(), vec![1]));
        assert_eq!(kr(b"\x1b$)A"), ("\u{FFFD}$)A".into(), vec![0]));
        assert_eq!(cn(b"\x1bN!!"), ("\u{FFFD}!!".into(), vec![0]));
        assert_eq!(cn(b"\x0eVP"), ("\u{FFFD}VP".into(), vec![0]));
    }
}
