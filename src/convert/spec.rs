//! OpenCC configurations and what their dictionary groups mean.
//!
//! A 1.4 configuration (`data/opencc/*.json`) has three parts:
//!
//! * `normalization`: conversions applied to the whole text first (CJK compatibility
//!   ideographs such as U+F900 → their unified form);
//! * `segmentation` (optional): a dictionary whose forward maximum matches cut the text
//!   into segments; every later conversion works inside one segment and never across two;
//! * `conversion_chain`: dictionaries applied one after the other, each by forward maximum
//!   matching (longest key at the current position, else copy one character).
//!
//! A dictionary may be a `group` with a `match_policy`:
//!
//! * `union`: the longest match across all members; the same key in two members takes
//!   the earlier member's value.
//! * `short_circuit` (the default, OpenCC's historic behaviour): the first member with any
//!   match at this position decides, with its own longest match.
//!
//! Both policies flatten into one plain dictionary with the same forward-max-match result,
//! which is what lets one automaton serve a whole group. `union` is the merged key set.
//! For `short_circuit`, a key of a later member can only ever be chosen when no earlier
//! member has a key that is a prefix of it (or equal): if one has, that earlier member
//! matches wherever this key does and wins. Dropping those unreachable keys leaves a set
//! where the longest match is always the one `short_circuit` picks: any surviving key
//! matching together with an earlier member's longest match `m` must be shorter than `m`
//! (were it as long or longer, `m` would be its prefix and it would have been dropped).

use super::data::{self, Entries};
use crate::Error;
use serde_json::Value;
use std::collections::HashSet;
use std::fmt::Write as _;

/// A dictionary as a configuration names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DictSpec {
    File(String),
    Group {
        union: bool,
        dicts: Vec<DictSpec>,
    },
}

/// One parsed configuration.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub normalization: Vec<DictSpec>,
    pub segmentation: Option<DictSpec>,
    pub chain: Vec<DictSpec>,
}

impl Spec {
    /// Parse the embedded configuration `name` (`"s2twp"`).
    pub fn load(name: &str) -> Result<Spec, Error> {
        let json = data::config_json(name)?;
        let doc: Value = serde_json::from_str(json).map_err(|e| bad(name, &e.to_string()))?;
        let conversions = |key: &str| -> Result<Vec<DictSpec>, Error> {
            match doc.get(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|item| dict_spec(name, item.get("dict")))
                    .collect(),
                Some(_) => Err(bad(name, &format!("'{key}' is not an array"))),
            }
        };
        let normalization = conversions("normalization")?;
        let chain = conversions("conversion_chain")?;
        let segmentation = match doc.get("segmentation") {
            None => None,
            Some(seg) => {
                let kind = seg.get("type").and_then(Value::as_str);
                if kind != Some("mmseg") {
                    return Err(bad(name, "segmentation type is not 'mmseg'"));
                }
                Some(dict_spec(name, seg.get("dict"))?)
            }
        };
        Ok(Spec {
            normalization,
            segmentation,
            chain,
        })
    }
}

fn bad(config: &str, why: &str) -> Error {
    Error::Refused(format!("OpenCC data: {config}.json: {why}"))
}

fn dict_spec(config: &str, node: Option<&Value>) -> Result<DictSpec, Error> {
    let node = node.ok_or_else(|| bad(config, "missing 'dict'"))?;
    match node.get("type").and_then(Value::as_str) {
        Some("group") => {
            let union = match node.get("match_policy").and_then(Value::as_str) {
                None | Some("short_circuit") => false,
                Some("union") => true,
                Some(other) => return Err(bad(config, &format!("unknown match_policy '{other}'"))),
            };
            let dicts = node
                .get("dicts")
                .and_then(Value::as_array)
                .ok_or_else(|| bad(config, "group without 'dicts'"))?
                .iter()
                .map(|d| dict_spec(config, Some(d)))
                .collect::<Result<_, _>>()?;
            Ok(DictSpec::Group { union, dicts })
        }
        Some("ocd2" | "text") => {
            let file = node.get("file").and_then(Value::as_str);
            Ok(DictSpec::File(
                file.ok_or_else(|| bad(config, "dict without 'file'"))?
                    .to_string(),
            ))
        }
        _ => Err(bad(config, "dict of unknown type")),
    }
}

impl DictSpec {
    /// A canonical name, so configurations sharing a group share its compiled automaton.
    pub fn key(&self) -> String {
        let mut s = String::new();
        self.write_key(&mut s);
        s
    }

    fn write_key(&self, s: &mut String) {
        match self {
            DictSpec::File(f) => s.push_str(f.trim_end_matches(".ocd2").trim_end_matches(".txt")),
            DictSpec::Group { union, dicts } => {
                let _ = write!(s, "{}[", if *union { "union" } else { "first" });
                for (i, d) in dicts.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    d.write_key(s);
                }
                s.push(']');
            }
        }
    }

    /// Flatten into one dictionary with the same forward-max-match behaviour (module doc).
    pub fn flatten(&self) -> Result<Entries, Error> {
        match self {
            DictSpec::File(f) => Ok(data::dict(f)?.clone()),
            DictSpec::Group { union: true, dicts } => {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for d in dicts {
                    for (k, v) in d.flatten()? {
                        if seen.insert(k) {
                            out.push((k, v));
                        }
                    }
                }
                Ok(out)
            }
            DictSpec::Group { union: false, dicts } => {
                let mut earlier: HashSet<&str> = HashSet::new();
                let mut out: Entries = Vec::new();
                for d in dicts {
                    let kept: Entries = d
                        .flatten()?
                        .into_iter()
                        .filter(|(k, _)| !has_prefix_in(k, &earlier))
                        .collect();
                    earlier.extend(kept.iter().map(|(k, _)| *k));
                    out.extend(kept);
                }
                Ok(out)
            }
        }
    }
}

/// Is `key` or one of its prefixes (at character boundaries) in `set`?
fn has_prefix_in(key: &str, set: &HashSet<&str>) -> bool {
    key.char_indices()
        .map(|(i, c)| &key[..i + c.len_utf8()])
        .any(|prefix| set.contains(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Config;

    #[test]
    fn every_configuration_parses() {
        for c in Config::ALL {
            let spec = Spec::load(c.name()).unwrap();
            assert_eq!(spec.normalization.len(), 1, "{c}");
            assert!(!spec.chain.is_empty(), "{c}");
        }
        let s2twp = Spec::load("s2twp").unwrap();
        assert_eq!(
            s2twp.segmentation.unwrap().key(),
            "union[STPhrases,STPhrases_GeneratedFromRegionalPhrases]"
        );
        assert_eq!(
            s2twp.chain[1].key(),
            "first[TWPhrases,TWVariantsPhrases,TWVariants]"
        );
        assert!(Spec::load("s2t").unwrap().segmentation.is_none());
    }

    #[test]
    fn short_circuit_drops_keys_an_earlier_member_shadows() {
        let set: HashSet<&str> = ["ab", "x"].into_iter().collect();
        assert!(has_prefix_in("abc", &set));
        assert!(has_prefix_in("ab", &set));
        assert!(has_prefix_in("xyz", &set));
        assert!(!has_prefix_in("a", &set));
        assert!(!has_prefix_in("yab", &set));
    }
}
