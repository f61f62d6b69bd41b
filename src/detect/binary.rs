//! Is this input text at all?
//!
//! zhfix rewrites files in place, so a binary file mistaken for text would be destroyed.
//! Three signs, checked after a byte-order mark (a BOM means text) and before any decoding:
//!
//! * a magic number of a common binary format at the start (PNG, JPEG, GIF, ZIP and its
//!   offspring such as docx/jar/apk, gzip, xz, zstd, 7z, ELF, Mach-O, Java class, WebAssembly,
//!   SQLite, PDF);
//! * NUL bytes that do not follow the pattern of UTF-16 (the caller checks that pattern
//!   first, so by the time this module is asked, any NUL means binary);
//! * many C0 control characters. Text uses TAB, LF, VT, FF, CR, ESC (ANSI colours,
//!   ISO-2022) and BS (nroff overstrike in rendered man pages); anything else in more than
//!   [`MAX_CONTROL_SHARE`] of the bytes is not text.

/// The share of "binary" control bytes above which an input is not text.
pub const MAX_CONTROL_SHARE: f32 = 0.10;

/// How much of the input the control-character check looks at.
const SAMPLE: usize = 1 << 16;

const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O fat binary"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"%PDF-", "PDF document"),
];

/// The binary format `bytes` starts with, by its magic number.
pub fn magic(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, what)| what)
}

/// "control characters" when too many of the first bytes are controls text never uses.
/// Not for UTF-16, whose low bytes are arbitrary; NUL bytes are the caller's to judge.
pub fn controls(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if sample.is_empty() {
        return None;
    }
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    (controls as f32 > MAX_CONTROL_SHARE * sample.len() as f32).then_some("control characters")
}

/// C0 controls (and DEL) that text does not use; see the module docs for the exceptions.
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x01..=0x07 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(magic(b"\x89PNG\r\n\x1a\n\x00\x00"), Some("PNG image"));
        assert_eq!(magic(b"%PDF-1.7\n"), Some("PDF document"));
        assert_eq!(magic(b"\x7fELF\x02\x01\x01"), Some("ELF executable"));
        assert_eq!(magic(b"PK\x03\x04\x14\x00"), Some("ZIP archive"));
        assert_eq!(magic(b"%PD"), None);
    }

    #[test]
    fn control_characters() {
        assert_eq!(controls(b"ab\x01\x02\x03cd"), Some("control characters"));
        // Overstrike bold, ANSI colours, form feeds and tabs are text.
        assert_eq!(
            controls(b"N\x08NA\x08AM\x08ME\x08E\n\x1b[1mbold\x1b[0m\x0c\tx"),
            None
        );
        assert_eq!(controls(b""), None);
        assert_eq!(controls("中文".as_bytes()), None);
    }
}
