//! OpenCC 1.4.2's dictionaries and configurations, embedded in the binary.
//!
//! `data/opencc/` holds the text dumps of the wheel's `.ocd2` files (one entry a line:
//! `key TAB value[ SPACE value…]`) and the JSON configurations, unchanged; see
//! `data/opencc/VERSION` and `scripts/opencc-data.sh`. Embedding them (≈1.3 MB) means a
//! converter never depends on files next to the binary, and parsing them borrows
//! `&'static str` slices, so loading a dictionary allocates only its index.

use crate::Error;
use std::sync::OnceLock;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../data/opencc/", $name)))),*]
    };
}

/// Every dictionary file, by the name the configurations use.
const DICT_COUNT: usize = 22;
static DICTS: [(&str, &str); DICT_COUNT] = embed!(
    "CJK_Compatibility_Ideographs.txt",
    "HKPhrases.txt",
    "HKPhrasesRev.txt",
    "HKVariants.txt",
    "HKVariantsPhrases.txt",
    "HKVariantsRev.txt",
    "HKVariantsRevPhrases.txt",
    "JPShinjitaiCharacters.txt",
    "JPShinjitaiCharactersRev.txt",
    "JPShinjitaiPhrases.txt",
    "STCharacters.txt",
    "STPhrases.txt",
    "STPhrases_GeneratedFromRegionalPhrases.txt",
    "TSCharacters.txt",
    "TSCharactersExt.txt",
    "TSPhrases.txt",
    "TWPhrases.txt",
    "TWPhrasesRev.txt",
    "TWVariants.txt",
    "TWVariantsPhrases.txt",
    "TWVariantsRev.txt",
    "TWVariantsRevPhrases.txt",
);

/// Every configuration, by file name.
static CONFIGS: [(&str, &str); 16] = embed!(
    "hk2s.json",
    "hk2sp.json",
    "hk2t.json",
    "jp2t.json",
    "s2hk.json",
    "s2hkp.json",
    "s2t.json",
    "s2tw.json",
    "s2twp.json",
    "t2hk.json",
    "t2jp.json",
    "t2s.json",
    "t2tw.json",
    "tw2s.json",
    "tw2sp.json",
    "tw2t.json",
);

/// The JSON text of configuration `name` (`"s2t"`).
pub(crate) fn config_json(name: &str) -> Result<&'static str, Error> {
    let file = format!("{name}.json");
    CONFIGS
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, text)| *text)
        .ok_or_else(|| Error::UnknownConfig(name.to_string()))
}

/// One dictionary: each key with its first (default) candidate, as OpenCC converts with
/// `GetDefault()`, in file order.
pub(crate) type Entries = Vec<(&'static str, &'static str)>;

/// The parsed dictionary named `file` (as written in a configuration, `.ocd2` or `.txt`).
/// Each file is parsed once per process, on first use, and shared by every configuration.
pub(crate) fn dict(file: &str) -> Result<&'static Entries, Error> {
    static SLOTS: [OnceLock<Result<Entries, String>>; DICT_COUNT] =
        [const { OnceLock::new() }; DICT_COUNT];
    let stem = file.trim_end_matches(".ocd2").trim_end_matches(".txt");
    let index = DICTS
        .iter()
        .position(|(n, _)| n.trim_end_matches(".txt") == stem)
        .ok_or_else(|| Error::Refused(format!("OpenCC data: no dictionary named '{file}'")))?;
    let (name, text) = DICTS[index];
    SLOTS[index]
        .get_or_init(|| parse(text).map_err(|line| format!("OpenCC data: {name} line {line}")))
        .as_ref()
        .map_err(|e| Error::Refused(e.clone()))
}

/// Parse OpenCC's text format; the error is the 1-based line number of a malformed line.
fn parse(text: &'static str) -> Result<Entries, usize> {
    let mut entries = Vec::with_capacity(text.len() / 16);
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (key, values) = line.split_once('\t').ok_or(n + 1)?;
        let value = values.split(' ').next().unwrap_or(values);
        if key.is_empty() {
            return Err(n + 1);
        }
        entries.push((key, value));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dictionary_parses() {
        for (name, _) in DICTS {
            let entries = dict(name).unwrap();
            assert!(!entries.is_empty(), "{name}");
            // Segment boundaries at newlines are safe only if no key spans whitespace.
            assert!(entries.iter().all(|(k, _)| !k.contains(char::is_whitespace)));
        }
    }

    #[test]
    fn first_candidate_is_the_value() {
        let st = dict("STCharacters.ocd2").unwrap();
        let fa = st.iter().find(|(k, _)| *k == "发").unwrap();
        assert_eq!(fa.1, "發");
    }

    #[test]
    fn parse_rejects_a_line_without_tab() {
        assert_eq!(parse("a\tb\nc\n"), Err(2));
        assert_eq!(parse("a\tb c\n").unwrap(), vec![("a", "b")]);
    }
}
