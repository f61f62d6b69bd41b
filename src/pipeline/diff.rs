//! How converted text differs from the repaired text it came from: the count of converted
//! characters a report gives, and the lines the repair must look at again.

use crate::repair::mojibake::suspicious;
use std::ops::Range;

/// Characters that differ between input and output when conversion kept the length in
/// characters (the usual case); otherwise the difference in length.
pub fn count_differing_chars(a: &str, b: &str) -> usize {
    compare_chars(a, b, |_, _, _| {}).0
}

/// Which lines of `converted` the repair's first pass must see again, and how many
/// characters differ from `repaired` ([`count_differing_chars`]); `None` unless every
/// converted character kept its length in bytes (the usual case), so that a byte offset
/// means the same place in both texts.
///
/// `stops` are the byte offsets in `repaired` where the first pass stopped when the repair
/// read that very text (it changed nothing). A line without a stop, whose converted
/// characters each kept their first-pass class, clears again without one
/// ([`suspicious::suspicious_lines_within`]); the lines holding a stop or a character that
/// changed class are returned. The walk over the differing characters is the one the
/// count needs anyway, and lines are looked for only around those places.
pub fn rescan_lines(
    repaired: &str,
    converted: &str,
    stops: &[usize],
) -> Option<(Vec<Range<usize>>, usize)> {
    let mut changed_class = Vec::new();
    let same_class = suspicious::same_class_test();
    let (count, aligned) = compare_chars(repaired, converted, |at, a, b| {
        if !same_class(a, b) {
            changed_class.push(at);
        }
    });
    if !aligned {
        return None;
    }
    let text = converted.as_bytes();
    let mut lines: Vec<Range<usize>> = Vec::new();
    for at in merged(stops, &changed_class) {
        if lines.last().is_some_and(|line| at < line.end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i + 1);
        lines.push(start..end);
    }
    Some((lines, count))
}

/// The offsets of two ascending lists, ascending.
fn merged<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&&x), Some(&&y)) if y < x => b.next().copied(),
        (Some(_), _) => a.next().copied(),
        (None, _) => b.next().copied(),
    })
}

/// Characters that differ between `a` and `b` as [`count_differing_chars`] counts them,
/// calling `each(offset, from, to)` with the UTF-8 bytes of every differing pair while the
/// byte offsets agree;
/// and whether they agreed to the end.
///
/// This runs over every converted text, so equal stretches (most of it) are skipped by
/// comparing eight bytes at a time, and a differing character is counted from its lead
/// bytes: when both characters at a boundary have the same length and a byte inside them
/// differs, they differ.
fn compare_chars(a: &str, b: &str, mut each: impl FnMut(usize, &[u8], &[u8])) -> (usize, bool) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut n = 0;
    let mut i = 0;
    loop {
        // The common run is equal in both texts, so the start of the character it ends in
        // is a boundary of both.
        i += common_prefix(&x[i..], &y[i..]);
        if i == x.len() && i == y.len() {
            return (n, true);
        }
        while !a.is_char_boundary(i) {
            i -= 1;
        }
        match (
            x.get(i).map(|&l| utf8_len(l)),
            y.get(i).map(|&l| utf8_len(l)),
        ) {
            (Some(p), Some(q)) if p == q && i + p <= x.len() && i + p <= y.len() => {
                each(i, &x[i..i + p], &y[i..i + p]);
                n += 1;
                i += p;
            }
            // Byte offsets part ways here: pair the rest character by character.
            _ => return (n + count_differing_chars_slow(&a[i..], &b[i..]), false),
        }
    }
}

/// The length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn count_differing_chars_slow(a: &str, b: &str) -> usize {
    let mut n = 0;
    let (mut ia, mut ib) = (a.chars(), b.chars());
    loop {
        match (ia.next(), ib.next()) {
            (None, None) => return n,
            (Some(x), Some(y)) => n += usize::from(x != y),
            _ => return n + 1 + ia.count() + ib.count(),
        }
    }
}

/// Length of the longest common prefix of `x` and `y`, eight bytes at a time.
fn common_prefix(x: &[u8], y: &[u8]) -> usize {
    let n = x.len().min(y.len());
    let mut i = 0;
    while let (Some(p), Some(q)) = (x[i..n].first_chunk::<8>(), y[i..n].first_chunk::<8>()) {
        let diff = u64::from_le_bytes(*p) ^ u64::from_le_bytes(*q);
        if diff != 0 {
            return i + diff.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    i + x[i..n]
        .iter()
        .zip(&y[i..n])
        .take_while(|(p, q)| p == q)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_characters_are_counted_by_position() {
        let cases = [
            ("", "", 0),
            ("汉字和发展", "漢字和發展", 2),
            ("abc", "abc", 0),
            ("头发a0123456789abcdefgh发", "頭髮a0123456789abcdefgh發", 3),
            // Lengths in bytes part ways (ASCII against a CJK character).
            ("a汉b", "汉汉b", 1),
            ("ab", "abc", 1),
            ("abcd", "ab", 2),
            ("x𠮷y", "x吉y", 1),
            ("aé汉", "aè汉", 1),
            ("é汉", "e汉", 1),
            ("01234567汉字01234567", "01234567漢字01234567", 1),
        ];
        for (a, b, want) in cases {
            assert_eq!(count_differing_chars(a, b), want, "{a} / {b}");
            assert_eq!(count_differing_chars_slow(a, b), want, "{a} / {b}");
        }
    }

    /// Lines with a stop, or with a character whose class conversion changed, are scanned
    /// again; the others are not. 里 (a function character) became 裏 (a common one).
    #[test]
    fn lines_with_stops_or_changed_classes_are_rescanned() {
        let repaired = "这是文件\n鍛戒护的\n心里想\nascii\n";
        let converted = "這是文件\n鍛戒護的\n心裏想\nascii\n";
        let stops = [repaired.find('鍛').unwrap()];
        let (lines, count) = rescan_lines(repaired, converted, &stops).unwrap();
        let lines: Vec<&str> = lines.into_iter().map(|r| &converted[r]).collect();
        assert_eq!(lines, ["鍛戒護的\n", "心裏想\n"]);
        assert_eq!(count, 3);
        // A character that changed its length in bytes leaves no screen.
        assert_eq!(rescan_lines("a发", "a髮x", &[]), None);
        assert_eq!(rescan_lines("é汉", "e汉", &[]), None);
    }

    /// The claim [`rescan_lines`] rests on: after conversion, the first pass stops only in
    /// lines it returns, so scanning those alone flags what scanning everything flags.
    #[test]
    fn the_first_pass_stops_only_in_rescanned_lines() {
        use crate::convert::{load, Config, Engine};
        let alphabet = [
            "这里",
            "里",
            "了解",
            "了",
            "注",
            "签名",
            "链接",
            "的",
            "是",
            "文件",
            "系统",
            "显示",
            "帮助",
            "信息",
            "赋值",
            "并",
            "，",
            " ",
            "\n",
            "a",
            "é",
            "屌",
            "鍛戒护",
            "发",
        ];
        let (mut checked, mut moved) = (0, 0);
        for config in [Config::S2t, Config::S2twp, Config::T2s] {
            let converter = load(Engine::Native, config).unwrap();
            for text in crate::test_texts::random_texts(&alphabet, 30, 1000, 0x2545_F491_4F6C_DD1D)
            {
                let mut stops = Vec::new();
                suspicious::suspicious_lines_noting_stops(&text, &mut stops);
                let out = converter.convert(&text);
                let Some((lines, count)) = rescan_lines(&text, &out, &stops) else {
                    continue;
                };
                assert_eq!(count, count_differing_chars(&text, &out));
                let mut after = Vec::new();
                let flagged = suspicious::suspicious_lines_noting_stops(&out, &mut after);
                for at in after {
                    assert!(lines.iter().any(|l| l.contains(&at)), "{text:?} -> {out:?}");
                    moved += usize::from(!stops.contains(&at));
                }
                assert_eq!(suspicious::suspicious_lines_within(&out, &lines), flagged);
                checked += 1;
            }
        }
        // Most texts keep their offsets, and some stop where they did not before.
        assert!(checked > 2000 && moved > 100, "{checked} {moved}");
    }
}
