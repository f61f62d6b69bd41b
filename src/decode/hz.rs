//! HZ-GB-2312 (RFC 1843), the 7-bit encoding of GB2312 once used for Usenet and email.
//!
//! encoding_rs does not decode it (the WHATWG standard maps the label to "replacement"),
//! so this is a small decoder of its own. The byte layout:
//!
//! * ASCII mode (the initial state): bytes are ASCII. `~~` is a literal `~`, `~{` switches
//!   to GB mode, and `~` + LF is a soft line break (both bytes vanish).
//! * GB mode: pairs of bytes in 0x21–0x7E are GB2312 characters with the high bit of both
//!   bytes cleared (`VP` is D6 D0 = 中); `~}` switches back to ASCII mode.
//!
//! Everything else is malformed: a `~` before any other byte, a byte with the high bit
//! set, an odd byte left in GB mode, a byte outside 0x21–0x7E in GB mode. Each becomes
//! U+FFFD and is counted with its offset. One leniency, because many encoders rely on it:
//! a line break in GB mode ends GB mode (RFC 1843 asks writers to close GB mode before the
//! end of each line, so a missing `~}` is a writer's slip, not lost data). Each line of HZ
//! therefore starts in ASCII mode, which is what lets a stream be decoded in line-aligned
//! chunks independently.

use super::Decoded;

/// Decode HZ `bytes`; malformed offsets are reported relative to `base`.
pub fn decode(bytes: &[u8], base: usize) -> Decoded {
    let mut out = Decoded {
        text: String::with_capacity(bytes.len() * 2),
        ..Decoded::default()
    };
    let mut gb = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'~' {
            match (gb, bytes.get(i + 1)) {
                (false, Some(b'~')) => out.text.push('~'),
                (false, Some(b'{')) => gb = true,
                (false, Some(b'\n')) => {}
                (true, Some(b'}')) => gb = false,
                _ => {
                    out.malformed_at(base + i);
                    i += 1;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        if b == b'\n' || b == b'\r' {
            gb = false;
            out.text.push(b as char);
            i += 1;
            continue;
        }
        if !gb {
            if b.is_ascii() {
                out.text.push(b as char);
            } else {
                out.malformed_at(base + i);
            }
            i += 1;
            continue;
        }
        // GB mode: decode the whole run of 7-bit pairs at once.
        let run = gb_run(&bytes[i..]);
        if run == 0 {
            out.malformed_at(base + i);
            i += 1;
            continue;
        }
        out.append_seven_bit(&bytes[i..i + run], encoding_rs::GB18030, base + i);
        i += run;
    }
    out
}

/// Length of the run of GB-mode pairs at the start of `bytes`. `~` is a shift only where a
/// pair would start: as the second byte it is the trail 0xFE with its high bit cleared.
/// An odd last byte is included (the decoder reports it as malformed).
fn gb_run(bytes: &[u8]) -> usize {
    let graphic = |c: u8| (0x21..=0x7E).contains(&c);
    let mut j = 0;
    while j < bytes.len() && bytes[j] != b'~' && graphic(bytes[j]) {
        match bytes.get(j + 1) {
            Some(&t) if graphic(t) => j += 2,
            _ => return j + 1,
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hz(bytes: &[u8]) -> (String, Vec<usize>) {
        let d = decode(bytes, 0);
        (d.text, d.malformed)
    }

    #[test]
    fn shifts_and_pairs() {
        assert_eq!(hz(b"~{VPND~} text"), ("中文 text".into(), vec![]));
        assert_eq!(hz(b"a~{<rLe~}b"), ("a简体b".into(), vec![]));
    }

    #[test]
    fn tilde_as_trail_byte() {
        // 服 is B7 FE: its trail byte is `~` in HZ, and no shift.
        assert_eq!(hz(b"~{7~Nq~}~~"), ("服务~".into(), vec![]));
    }

    #[test]
    fn tilde_escapes() {
        assert_eq!(hz(b"~~ and ~~{"), ("~ and ~{".into(), vec![]));
        // Soft line break: `~` + LF disappears.
        assert_eq!(hz(b"one ~\ntwo"), ("one two".into(), vec![]));
    }

    #[test]
    fn line_break_ends_gb_mode() {
        assert_eq!(hz(b"~{VP\nVP~}"), ("中\nVP\u{FFFD}}".into(), vec![7]));
    }

    #[test]
    fn malformed_input_is_counted_where_it_is() {
        // Stray `~x`, a high byte, an odd trailing byte in GB mode.
        assert_eq!(hz(b"~x"), ("\u{FFFD}x".into(), vec![0]));
        assert_eq!(hz(b"ab\xc4"), ("ab\u{FFFD}".into(), vec![2]));
        // (`N~` is a pair, 牺 = CE FE, so the `}` is the odd byte.)
        assert_eq!(hz(b"~{VPN~}"), ("中牺\u{FFFD}".into(), vec![6]));
        assert_eq!(hz(b"~{VPN"), ("中\u{FFFD}".into(), vec![4]));
        // A space inside GB mode is not a GB2312 byte.
        assert_eq!(hz(b"~{VP ND~}"), ("中\u{FFFD}文".into(), vec![4]));
    }
}
