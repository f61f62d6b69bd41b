//! The compiled OpenCC 1.4.2 data, embedded in the binary.
//!
//! `build.rs` compiles `data/opencc/` (text dumps of the wheel's dictionaries and its JSON
//! configurations; see `data/opencc/VERSION` and `scripts/opencc-data.sh`) into one trie per
//! distinct dictionary group. Loading one only copies its arrays, once per process.
//! The three character dictionaries that [`super::script`] reads are embedded as text too.

use super::spec::Entries;
use super::trie::{CodeMap, Trie};
use crate::Error;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/opencc_tables.rs"));

/// Per code point, whether only s2t or only t2s changes it (see [`super::script_classes`]).
pub(crate) static SCRIPT_CLASSES: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/opencc/script_classes.bin"));

/// Han pairs inside OpenCC's phrases (see [`super::phrase_pairs`]).
pub(crate) static PHRASE_PAIRS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/opencc/phrase_pairs.bin"));

/// A configuration's steps as trie indices: (normalization, segmentation, chain).
pub(crate) type Steps = (&'static [usize], Option<usize>, &'static [usize]);

/// The steps of configuration `name`.
pub(crate) fn config(name: &str) -> Result<Steps, Error> {
    CONFIGS
        .iter()
        .find(|c| c.0 == name)
        .map(|c| (c.1, c.2, c.3))
        .ok_or_else(|| Error::UnknownConfig(name.to_string()))
}

/// The character code map all tries share.
pub(crate) fn codes() -> Result<&'static Arc<CodeMap>, Error> {
    static CODE_MAP: OnceLock<Option<Arc<CodeMap>>> = OnceLock::new();
    CODE_MAP
        .get_or_init(|| CodeMap::from_bytes(CODES).map(Arc::new))
        .as_ref()
        .ok_or_else(|| corrupt("character codes"))
}

/// Trie number `index`, decoded on first use and shared afterwards.
pub(crate) fn trie(index: usize) -> Result<&'static Trie, Error> {
    static SLOTS: OnceLock<Vec<OnceLock<Option<Trie>>>> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| TRIES.iter().map(|_| OnceLock::new()).collect());
    let (slot, bytes) = slots
        .get(index)
        .zip(TRIES.get(index))
        .ok_or_else(|| corrupt("trie index"))?;
    let codes = codes()?;
    slot.get_or_init(|| Trie::from_bytes(bytes, codes))
        .as_ref()
        .ok_or_else(|| corrupt(GROUPS.get(index).copied().unwrap_or("?")))
}

fn corrupt(what: &str) -> Error {
    Error::Refused(format!(
        "OpenCC data: compiled '{what}' is corrupt; rebuild zhfix"
    ))
}

/// One of the character dictionaries embedded as text (`STCharacters`, `TSCharacters`,
/// `TSCharactersExt`, `JPShinjitaiCharacters`), parsed on first use: each key with all its
/// values (`裏 里 哩`).
pub(crate) fn char_dict(stem: &str) -> Option<&'static Entries<'static>> {
    static TEXTS: [(&str, &str); 4] = [
        (
            "STCharacters",
            include_str!("../../data/opencc/STCharacters.txt"),
        ),
        (
            "TSCharacters",
            include_str!("../../data/opencc/TSCharacters.txt"),
        ),
        (
            "TSCharactersExt",
            include_str!("../../data/opencc/TSCharactersExt.txt"),
        ),
        (
            "JPShinjitaiCharacters",
            include_str!("../../data/opencc/JPShinjitaiCharacters.txt"),
        ),
    ];
    static PARSED: [OnceLock<Entries<'static>>; 4] = [const { OnceLock::new() }; 4];
    let i = TEXTS.iter().position(|(n, _)| *n == stem)?;
    Some(PARSED[i].get_or_init(|| super::script_classes::entries(TEXTS[i].1)))
}
