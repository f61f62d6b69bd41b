//! Which Latin code page, when chardetng names one?
//!
//! On a line or two of European text chardetng often names a code page of the right
//! family but the wrong language: French `« %s »` in windows-1252 comes back as
//! ISO-8859-2 (`Ť %s ť`), Dutch `geïnstalleerd` as ISO-8859-4 (`geīnstalleerd`),
//! Romanian in ISO-8859-16, which chardetng never names, as windows-1250. zhfix's own
//! plausibility check ([`super::plausible`]) models Chinese, and scores every accented
//! Latin letter alike, so it cannot tell these apart.
//!
//! So when chardetng's guess is a Latin code page, the sample is also read in each of
//! `CANDIDATES`, and a reading wins over the guess only with strictly fewer
//! *anomalies*, things a wrong Latin code page makes and real text seldom has:
//!
//! * a non-ASCII letter standing alone, no letter on either side (`Ť1Ť`, `Ť %s ť`);
//! * a symbol between two letters (`instal¸lat`, `ge¨nstalleerd`): punctuation such as
//!   Catalan's `l·l` or an apostrophe `’` is fine there;
//! * a C1 control or U+FFFD (a byte the code page does not define), or a combining tone
//!   mark after no letter;
//! * each accented letter outside the alphabet of the one language in `ALPHABETS` that
//!   covers most of the reading's letters: `ø` and `è` in one Czech line read as
//!   windows-1252 have no language in common, `ř` and `č` in windows-1250 have Czech.
//!
//! A tie keeps chardetng's guess: the count only overrules it on evidence, and only when
//! the winning reading is nearly clean (`CLEAN_SHARE`). Measured on
//! lines and 25-line pieces of 29 European languages' gettext catalogues, each alone in
//! a file in its legacy encoding (2,310): 2,072 decoded right before, 2,175 with this
//! check, 1 lost (Icelandic `u.þ.b.`, whose `þ` stands alone between dots). ISO-8859-3,
//! which chardetng never names, reads vim's Esperanto tutor right (chardetng: ISO-8859-2,
//! `ćion` for `ĉion`); one line of Esperanto whose only letter is `ĉ` stays windows-1250's
//! `ć`, a tie. Of 11,036
//! GBK and Big5 files of one word or line, 2 fewer decode right (10,561 to 10,559): a
//! rare word glued between ASCII letters alone in a file (`abc睏倦def` in Big5,
//! `abc峜def` in GBK), which the Latin reading the check picks now outscores. Of the
//! 148 files on a Debian machine that zhfix would change, the legacy ones decode as
//! before but for vim's Esperanto tutor, now right, and 4 that are wrong either way (a
//! lone byte in an HTML page, an XML file that declares Latin-1).

use std::sync::OnceLock;

use encoding_rs::{
    Encoding, ISO_8859_10, ISO_8859_13, ISO_8859_14, ISO_8859_15, ISO_8859_16, ISO_8859_2,
    ISO_8859_3, ISO_8859_4, WINDOWS_1250, WINDOWS_1252, WINDOWS_1254, WINDOWS_1257, WINDOWS_1258,
};

/// The readings tried, in order of preference on a tie between two of them (windows-1252,
/// the commonest legacy code page on the web, first).
const CANDIDATES: [&Encoding; 11] = [
    WINDOWS_1252,
    WINDOWS_1250,
    WINDOWS_1257,
    WINDOWS_1254,
    ISO_8859_2,
    ISO_8859_15,
    ISO_8859_16,
    ISO_8859_4,
    ISO_8859_13,
    WINDOWS_1258,
    ISO_8859_3,
];

/// Latin code pages chardetng may name; a guess outside these (Cyrillic, Greek, Hebrew,
/// Arabic, Thai, CJK) is left alone.
const LATIN: [&Encoding; 13] = [
    WINDOWS_1252,
    WINDOWS_1250,
    WINDOWS_1257,
    WINDOWS_1254,
    WINDOWS_1258,
    ISO_8859_2,
    ISO_8859_3,
    ISO_8859_4,
    ISO_8859_10,
    ISO_8859_13,
    ISO_8859_14,
    ISO_8859_15,
    ISO_8859_16,
];

/// The lower-case letters beyond ASCII of the languages these code pages serve.
const ALPHABETS: [&str; 23] = [
    "àâæçéèêëîïôœùûüÿ",       // French
    "äöüß",                   // German
    "áéíñóúü",                // Spanish
    "àèéìíîòóùú",             // Italian
    "áâãàçéêíóôõú",           // Portuguese
    "áéèëïóöü",               // Dutch
    "åäöé",                   // Swedish
    "æøåé",                   // Danish, Norwegian
    "äöåšž",                  // Finnish
    "àçèéíïòóúü",             // Catalan
    "áðéíóúýþæö",             // Icelandic
    "áčďéěíňóřšťúůýž",        // Czech
    "áäčďéíĺľňóôŕšťúýž",      // Slovak
    "ąćęłńóśźż",              // Polish
    "áéíóöőúüű",              // Hungarian
    "čšžćđ",                  // Slovenian, Croatian, Serbian Latin
    "ăâîșțşţ",                // Romanian (comma and cedilla forms)
    "ąčęėįšųūž",              // Lithuanian
    "āčēģīķļņšūž",            // Latvian
    "äõöüšž",                 // Estonian
    "çğıöşüâî",               // Turkish
    "àáâãèéêìíòóôõùúýăđĩũơư", // Vietnamese (precomposed; windows-1258 adds tone marks)
    "ĉĝĥĵŝŭ",                 // Esperanto
];

/// Is `enc` one of the Latin code pages this check compares?
pub fn is_latin(enc: &'static Encoding) -> bool {
    LATIN.contains(&enc)
}

/// chardetng's `guess` for `sample`, or the Latin code page that reads it with fewer
/// anomalies.
pub fn pick(sample: &[u8], guess: &'static Encoding) -> &'static Encoding {
    if !is_latin(guess) {
        return guess;
    }
    let count = |enc: &'static Encoding| match signs_of(enc) {
        Some(signs) => anomalies(sample, |b| signs[usize::from(b)]),
        None => usize::MAX,
    };
    let mut best = (count(guess), guess);
    for enc in CANDIDATES {
        if enc != guess {
            let n = count(enc);
            if n < best.0 {
                best = (n, enc);
            }
        }
    }
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    if best.0 * CLEAN_SHARE > non_ascii {
        return guess;
    }
    best.1
}

/// A reading overrules the guess only with at most one anomaly per this many non-ASCII
/// characters. Tables of accented letters (vim keymaps, groff's `.hcode` lines) stand
/// every letter alone and mix every alphabet, so each reading is full of anomalies, and
/// the fewest says nothing: windows-1258 would win them by turning letters into tone
/// marks. The lines the check is for come out at none or one.
const CLEAN_SHARE: usize = 4;

/// What [`anomalies`] needs to know of one character.
#[derive(Debug, Clone, Copy)]
struct Sign {
    c: char,
    /// A letter, or a combining mark (which belongs to the letter before it).
    letter: bool,
    /// The lower-case letter, for the alphabets.
    lower: char,
}

impl Sign {
    fn of(c: char) -> Sign {
        Sign {
            c,
            letter: c.is_alphabetic() || is_tone_mark(c),
            lower: c.to_lowercase().next().unwrap_or(c),
        }
    }
}

/// The sign each byte is in `enc`, one of [`LATIN`] (`None` for any other). Each is a
/// single-byte code page, so a byte is always the same sign: the tables are built once
/// per process, not per byte of each sample (Unicode's letter and case tables cost more
/// than the rest of the check).
fn signs_of(enc: &'static Encoding) -> Option<&'static [Sign; 256]> {
    static TABLES: OnceLock<Vec<(&'static Encoding, [Sign; 256])>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| LATIN.iter().map(|&e| (e, table(e))).collect());
    tables
        .iter()
        .find(|(e, _)| *e == enc)
        .map(|(_, signs)| signs)
}

fn table(enc: &'static Encoding) -> [Sign; 256] {
    std::array::from_fn(|b| {
        let byte = [b as u8];
        let text = enc.decode_without_bom_handling(&byte).0;
        Sign::of(text.chars().next().unwrap_or('\u{FFFD}'))
    })
}

/// How many things a wrong Latin code page makes in `items`, each read as `sign` (see the
/// module docs).
fn anomalies<T: Copy>(items: &[T], sign: impl Fn(T) -> Sign) -> usize {
    let letter = |i: Option<usize>| {
        i.and_then(|i| items.get(i))
            .is_some_and(|&t| sign(t).letter)
    };
    let mut count = 0;
    // How often each lower-case letter occurs, to weigh against the alphabets once per
    // letter. Every alphabet's letters are below U+0250; the letters of these code pages
    // above it (the modifier letters `ˆ ˇ`, ISO-8859-14's `ḃ ẁ ṡ`) are in none of them.
    let mut letters = [0usize; 0x250];
    let mut others = 0;
    for (i, &item) in items.iter().enumerate() {
        let Sign {
            c,
            letter: is_letter,
            lower,
        } = sign(item);
        if c.is_ascii() {
            continue;
        }
        let around = (letter(i.checked_sub(1)), letter(Some(i + 1)));
        if is_tone_mark(c) {
            // A combining mark (windows-1258 has five) belongs after a letter.
            count += usize::from(!around.0);
        } else if is_letter {
            if around == (false, false) {
                count += 1;
            }
            match letters.get_mut(lower as usize) {
                Some(n) => *n += 1,
                None => others += 1,
            }
        } else if matches!(c as u32, 0x80..=0x9F | 0xFFFD)
            || (is_symbol(c) && around == (true, true))
        {
            count += 1;
        }
    }
    let covered = ALPHABETS
        .iter()
        .map(|a| {
            a.chars()
                .filter_map(|l| letters.get(l as usize))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    count + others + letters.iter().sum::<usize>() - covered
}

fn is_tone_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

/// A sign that is neither a letter, a digit, a space nor punctuation that may stand in a
/// word (`·` `’` dashes, quotes, `¡` `¿` `«` `»`, a soft hyphen).
fn is_symbol(c: char) -> bool {
    !(c.is_alphanumeric()
        || c.is_whitespace()
        || matches!(
            c as u32,
            0xA1 | 0xA7 | 0xAB | 0xAD | 0xB6 | 0xB7 | 0xBB | 0xBF
        )
        || matches!(c as u32, 0x2010..=0x205E))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str, enc: &'static Encoding) -> Vec<u8> {
        let (b, _, bad) = enc.encode(text);
        assert!(!bad, "{text} in {}", enc.name());
        b.into_owned()
    }

    #[test]
    fn guillemets_and_accents_go_back_to_windows_1252() {
        let fr = bytes(
            "multiple signes « = » dans la correspondance\n",
            WINDOWS_1252,
        );
        assert_eq!(pick(&fr, ISO_8859_2), WINDOWS_1252);
        // ę and é: no alphabet has both (fenętre is Polish, évidemment French).
        let fr = bytes("Maximiser la fenêtre évidemment\n", WINDOWS_1252);
        assert_eq!(pick(&fr, ISO_8859_2), WINDOWS_1252);
        // One letter alone says nothing: ï and ď (ISO-8859-2) are both a language's.
        let nl = bytes("%s: is geen geïndexeerd array\n", WINDOWS_1252);
        assert_eq!(pick(&nl, ISO_8859_2), ISO_8859_2);
    }

    #[test]
    fn a_language_that_is_not_western_keeps_its_code_page() {
        let cs = bytes("Příliš žluťoučký kůň úpěl ďábelské ódy\n", WINDOWS_1250);
        assert_eq!(pick(&cs, WINDOWS_1250), WINDOWS_1250);
        assert_eq!(pick(&cs, WINDOWS_1252), WINDOWS_1250);
        let lt = bytes("Nepavyko įrašyti į diską „%s“\n", WINDOWS_1257);
        assert_eq!(pick(&lt, WINDOWS_1252), WINDOWS_1257);
        let ro = bytes("Nu s-a putut șterge fișierul „%s”\n", ISO_8859_16);
        assert_eq!(pick(&ro, WINDOWS_1250), ISO_8859_16);
    }

    #[test]
    fn a_tie_keeps_the_guess_and_other_scripts_are_not_touched() {
        // `á` and `é` sit at the same bytes in windows-1250 and -1252.
        let both = bytes("Máte nové zprávy\n", WINDOWS_1250);
        assert_eq!(pick(&both, WINDOWS_1250), WINDOWS_1250);
        assert_eq!(pick(&both, WINDOWS_1252), WINDOWS_1252);
        let ru = bytes("Не удалось открыть «%s»\n", encoding_rs::WINDOWS_1251);
        assert_eq!(
            pick(&ru, encoding_rs::WINDOWS_1251),
            encoding_rs::WINDOWS_1251
        );
    }

    #[test]
    fn a_table_of_letters_keeps_the_guess() {
        // groff's de.tmac: every letter stands alone and no language has them all.
        // windows-1258 reads ã as ă and ì ò as tone marks: fewer anomalies, far from clean.
        let table = bytes(
            ".hcode ä ä  â â  à à  á á  ã ã  å å  æ æ\n.hcode ç ç\n.hcode é é  è è  ë ë  ê ê\n\
             .hcode í í  ì ì  î î  ï ï\n.hcode ñ ñ\n.hcode ó ó  ò ò  ô ô  ö ö  ø ø\n\
             .hcode ú ú  ü ü  û û\n.hcode Ä ä  Â â  À à  Á á  Ã ã  Å å  Æ æ\n.hcode Ç ç\n",
            WINDOWS_1252,
        );
        assert_eq!(pick(&table, WINDOWS_1252), WINDOWS_1252);
    }

    #[test]
    fn every_candidate_has_its_signs() {
        assert!(CANDIDATES.iter().all(|&c| signs_of(c).is_some()));
    }

    #[test]
    fn every_alphabet_letter_is_counted() {
        // `anomalies` counts letters below U+0250 only.
        for a in ALPHABETS {
            assert!(
                a.chars()
                    .all(|c| (c as usize) < 0x250 && Sign::of(c).lower == c),
                "{a}"
            );
        }
    }

    fn anomalies_in(text: &str) -> usize {
        let chars: Vec<char> = text.chars().collect();
        anomalies(&chars, Sign::of)
    }

    #[test]
    fn what_counts_as_an_anomaly() {
        assert_eq!(anomalies_in("plain ASCII"), 0);
        assert_eq!(anomalies_in("Ť1Ť"), 2);
        assert_eq!(anomalies_in("instal·lat l’homme"), 0);
        assert_eq!(anomalies_in("instal¸lat"), 1);
        assert_eq!(anomalies_in("a\u{81}b \u{FFFD}"), 2);
        assert_eq!(anomalies_in("Vie\u{0323}t \u{0300}"), 1);
        // ø from Danish and è from French: one of them is outside the best alphabet.
        assert_eq!(anomalies_in("Pøíliš èerný"), 2);
        assert_eq!(anomalies_in("Příliš černý"), 0);
    }
}
