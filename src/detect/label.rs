//! Encoding labels as people write them, resolved once for `--from`, `--output-encoding`
//! and the declarations files make about themselves.
//!
//! encoding_rs knows the WHATWG labels, the names browsers accept. People and files also
//! use the names of the tools they came from, and an iconv user's first try is
//! `--from CP950` or `--from EUC-CN`, which no browser label spells:
//!
//! * iconv (glibc): `EUC-CN`, `CP936`, `CP950`, `BIG-5`, `CP949`, `UHC`, `CP932`, `UJIS`;
//! * Python's codec aliases, which PEP 263 coding cookies use: `euc_cn`, `ms936`,
//!   `big5hkscs`, `latin-1` (PEP 263's own example), `u8`;
//! * Emacs coding systems in `-*- coding: … -*-`: `chinese-gbk`, `chinese-iso-8bit`,
//!   `chinese-big5`, and any of them with an end-of-line suffix (`gbk-dos`,
//!   `utf-8-unix`), which names the line ending, not the encoding ([`split_eol`]).
//!
//! Each alias maps to the WHATWG label of the encoding encoding_rs decodes it as, or to
//! one of the encodings zhfix decodes itself: the 7-bit HZ, ISO-2022-CN (with its -EXT
//! planes) and -KR, which WHATWG maps to its "replacement" encoding, and EUC-TW, which it
//! does not list. Microsoft's code pages are the WHATWG encodings already (GBK is code
//! page 936, Big5 is 950 with HKSCS, EUC-KR is 949, Shift_JIS is 932). Johab and JIS X
//! 0213 are not decoded and stay unknown.

use encoding_rs::Encoding;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// An encoding_rs encoding (never the "replacement" encoding).
    Encoding(&'static Encoding),
    Hz,
    Iso2022Cn,
    Iso2022Kr,
    EucTw,
}

/// What `label` names, if zhfix knows it: case, surrounding spaces, `_` for `-` and an
/// Emacs end-of-line suffix make no difference.
pub fn resolve(label: &str) -> Option<Named> {
    let lower = label.trim().to_ascii_lowercase();
    let (base, _) = split_eol(&lower);
    let dashed = base.replace('_', "-");
    let canonical = ALIASES
        .iter()
        .find(|(names, _)| names.contains(&dashed.as_str()))
        .map_or(base, |&(_, to)| to);
    match canonical {
        "hz-gb-2312" => Some(Named::Hz),
        "iso-2022-cn" => Some(Named::Iso2022Cn),
        "iso-2022-kr" => Some(Named::Iso2022Kr),
        "euc-tw" => Some(Named::EucTw),
        _ => match Encoding::for_label(canonical.as_bytes()) {
            Some(e) if e != encoding_rs::REPLACEMENT => Some(Named::Encoding(e)),
            _ => None,
        },
    }
}

/// `label` without an Emacs end-of-line suffix, and the suffix (`-unix`, `-dos`, `-mac`;
/// empty if there is none). `gbk-dos` is GBK with CRLF line endings.
pub fn split_eol(label: &str) -> (&str, &str) {
    for suffix in ["-unix", "-dos", "-mac"] {
        let n = label.len().saturating_sub(suffix.len());
        if n > 0 && label.is_char_boundary(n) && label[n..].eq_ignore_ascii_case(suffix) {
            return label.split_at(n);
        }
    }
    (label, "")
}

/// Names WHATWG does not list, each group with the label it means (`_` written as `-`).
/// Only names in common use by iconv, Python, Emacs or Windows, for encodings zhfix reads.
const ALIASES: &[(&[&str], &str)] = &[
    (
        &[
            "cp936",
            "ms936",
            "936",
            "windows-936",
            "euc-cn",
            "euccn",
            "eucgb2312-cn",
            "gb2312-1980",
            "gb2312-80",
            "cn-gb",
            "cn-gb-2312",
            "euc-china",
            "chinese-gbk",
            "chinese-iso-8bit",
            "x-mac-simp-chinese",
        ],
        "gbk",
    ),
    (
        &["gb18030-2000", "gb18030-2005", "chinese-gb18030"],
        "gb18030",
    ),
    (
        &[
            "cp950",
            "ms950",
            "950",
            "windows-950",
            "big-5",
            "big-five",
            "bigfive",
            "big5-tw",
            "chinese-big5",
            "big5hkscs",
            "hkscs",
            "cn-big5-hkscs",
            "x-mac-trad-chinese",
        ],
        "big5",
    ),
    (
        &[
            "cp949",
            "ms949",
            "mscp949",
            "949",
            "uhc",
            "euckr",
            "euc-korea",
            "korean-iso-8bit",
            "ks-c-5601",
            "ks-x-1001",
            "ksx1001",
            "x-mac-korean",
        ],
        "euc-kr",
    ),
    (
        &[
            "cp932",
            "932",
            "ibm-932",
            "ibm932",
            "mskanji",
            "s-jis",
            "shiftjis",
            "sjis-win",
            "sjis-open",
            "japanese-shift-jis",
            "x-mac-japanese",
        ],
        "shift_jis",
    ),
    (
        &[
            "eucjp",
            "ujis",
            "u-jis",
            "euc-japan",
            "japanese-iso-8bit",
            "eucjp-ms",
            "euc-jp-ms",
            "eucjp-win",
            "eucjp-open",
        ],
        "euc-jp",
    ),
    (&["u8", "utf", "cp65001", "mule-utf-8"], "utf-8"),
    (
        &[
            "latin-1",
            "latin",
            "iso-latin-1",
            "8859",
            "iso8859",
            "iso-8859-1-1987",
        ],
        "iso-8859-1",
    ),
    (
        &[
            "hz",
            "hz-gb",
            "hzgb",
            "hz-gb2312",
            "hz-gb-2312",
            "chinese-hz",
        ],
        "hz-gb-2312",
    ),
    (
        &[
            "iso-2022-cn",
            "iso2022cn",
            "iso2022-cn",
            "csiso2022cn",
            "chinese-iso-7bit",
            "iso-2022-cn-ext",
            "iso2022cnext",
            "iso2022-cn-ext",
        ],
        "iso-2022-cn",
    ),
    (
        &[
            "iso-2022-kr",
            "iso2022kr",
            "iso2022-kr",
            "csiso2022kr",
            "korean-iso-7bit-lock",
        ],
        "iso-2022-kr",
    ),
    (
        &["iso2022jp", "iso2022-jp", "junet", "japanese-iso-7bit"],
        "iso-2022-jp",
    ),
    (
        &[
            "euc-tw",
            "euctw",
            "x-euc-tw",
            "cns11643",
            "cseuctw",
            "chinese-cns",
        ],
        "euc-tw",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_8, WINDOWS_1252};

    fn enc(label: &str) -> Option<&'static str> {
        match resolve(label) {
            Some(Named::Encoding(e)) => Some(e.name()),
            _ => None,
        }
    }

    #[test]
    fn whatwg_labels_resolve_as_encoding_rs_resolves_them() {
        for label in [
            "gbk",
            "GB2312",
            " big5 ",
            "euc-kr",
            "Shift_JIS",
            "utf-8",
            "x-gbk",
        ] {
            let want = Encoding::for_label(label.trim().as_bytes()).map(|e| e.name());
            assert_eq!(enc(label), want, "{label}");
        }
        assert_eq!(enc("gb18030"), Some(GB18030.name()));
    }

    #[test]
    fn iconv_names() {
        assert_eq!(enc("EUC-CN"), Some(GBK.name()));
        assert_eq!(enc("CP936"), Some(GBK.name()));
        assert_eq!(enc("CP950"), Some(BIG5.name()));
        assert_eq!(enc("BIG-5"), Some(BIG5.name()));
        assert_eq!(enc("BIG5HKSCS"), Some(BIG5.name()));
        assert_eq!(enc("UHC"), Some(EUC_KR.name()));
        assert_eq!(enc("CP949"), Some(EUC_KR.name()));
        assert_eq!(enc("CP932"), Some(SHIFT_JIS.name()));
        assert_eq!(enc("UJIS"), Some(EUC_JP.name()));
    }

    #[test]
    fn python_names_with_underscores() {
        assert_eq!(enc("euc_cn"), Some(GBK.name()));
        assert_eq!(enc("gb2312_80"), Some(GBK.name()));
        assert_eq!(enc("big5_tw"), Some(BIG5.name()));
        assert_eq!(enc("latin-1"), Some(WINDOWS_1252.name()));
        assert_eq!(enc("u8"), Some(UTF_8.name()));
        // WHATWG's own underscored labels are read as written.
        assert_eq!(enc("ks_c_5601-1987"), Some(EUC_KR.name()));
    }

    #[test]
    fn emacs_coding_systems_and_line_ending_suffixes() {
        assert_eq!(enc("chinese-gbk"), Some(GBK.name()));
        assert_eq!(enc("chinese-iso-8bit-dos"), Some(GBK.name()));
        assert_eq!(enc("chinese-big5-unix"), Some(BIG5.name()));
        assert_eq!(enc("utf-8-unix"), Some(UTF_8.name()));
        assert_eq!(enc("GBK-DOS"), Some(GBK.name()));
        assert_eq!(split_eol("gbk-dos"), ("gbk", "-dos"));
        assert_eq!(split_eol("UTF-8-MAC"), ("UTF-8", "-MAC"));
        assert_eq!(split_eol("gbk"), ("gbk", ""));
        assert_eq!(split_eol("-dos"), ("-dos", ""));
    }

    #[test]
    fn encodings_zhfix_decodes_itself() {
        assert_eq!(resolve("HZ"), Some(Named::Hz));
        assert_eq!(resolve("hz-gb-2312"), Some(Named::Hz));
        assert_eq!(resolve("ISO-2022-CN"), Some(Named::Iso2022Cn));
        // The decoder reads ISO-2022-CN-EXT's extra planes too.
        assert_eq!(resolve("ISO-2022-CN-EXT"), Some(Named::Iso2022Cn));
        assert_eq!(resolve("csiso2022kr"), Some(Named::Iso2022Kr));
        assert_eq!(resolve("EUC-TW"), Some(Named::EucTw));
        assert_eq!(resolve("euctw"), Some(Named::EucTw));
        assert_eq!(enc("iso2022jp"), Some(encoding_rs::ISO_2022_JP.name()));
    }

    #[test]
    fn unknown_and_replacement_labels() {
        for label in ["klingon", "", "johab", "iso-2022-jp-2", "-dos"] {
            assert_eq!(resolve(label), None, "{label}");
        }
    }
}
