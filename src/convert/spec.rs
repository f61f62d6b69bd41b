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

//!
//! This file is also compiled into `build.rs` (`#[path]`), which flattens every step of
//! every configuration at build time, so it uses only `std` and `serde_json`.

use serde_json::Value;
use std::collections::HashSet;
use std::fmt::Write as _;

/// A dictionary as a configuration names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictSpec {
    File(String),
    Group { union: bool, dicts: Vec<DictSpec> },
}

/// A dictionary: each key with its default (first) candidate, as OpenCC converts with
/// `GetDefault()`, in file order.
pub type Entries<'a> = Vec<(&'a str, &'a str)>;

/// Parse OpenCC's text format (`key TAB value[ SPACE value…]`); the error names the first
/// malformed line (1-based).
pub fn parse_dict(text: &str) -> Result<Entries<'_>, String> {
    let mut entries = Vec::with_capacity(text.len() / 16);
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        match line.split_once('\t') {
            Some((key, values)) if !key.is_empty() => {
                entries.push((key, values.split(' ').next().unwrap_or(values)))
            }
            _ => return Err(format!("line {} is not 'key<TAB>value'", n + 1)),
        }
    }
    Ok(entries)
}

/// One parsed configuration.
#[derive(Debug, Clone)]
pub struct Spec {
    pub normalization: Vec<DictSpec>,
    pub segmentation: Option<DictSpec>,
    pub chain: Vec<DictSpec>,
}

impl Spec {
    /// Parse configuration `name`'s JSON text.
    pub fn parse(name: &str, json: &str) -> Result<Spec, String> {
        let doc: Value = serde_json::from_str(json).map_err(|e| bad(name, &e.to_string()))?;
        let conversions = |key: &str| -> Result<Vec<DictSpec>, String> {
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

fn bad(config: &str, why: &str) -> String {
    format!("OpenCC data: {config}.json: {why}")
}

fn dict_spec(config: &str, node: Option<&Value>) -> Result<DictSpec, String> {
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
            DictSpec::File(f) => s.push_str(DictSpec::stem(f)),
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

    /// The dictionary file's name without its extension (`STPhrases`).
    pub fn stem(file: &str) -> &str {
        file.trim_end_matches(".ocd2").trim_end_matches(".txt")
    }

    /// Flatten into one dictionary with the same forward-max-match behaviour (module doc);
    /// `load` returns a dictionary file's entries by stem.
    pub fn flatten<'a>(
        &self,
        load: &mut dyn FnMut(&str) -> Result<Entries<'a>, String>,
    ) -> Result<Entries<'a>, String> {
        match self {
            DictSpec::File(f) => load(DictSpec::stem(f)),
            DictSpec::Group { union: true, dicts } => {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for d in dicts {
                    for (k, v) in d.flatten(load)? {
                        if seen.insert(k) {
                            out.push((k, v));
                        }
                    }
                }
                Ok(out)
            }
            DictSpec::Group {
                union: false,
                dicts,
            } => {
                let mut earlier: HashSet<&str> = HashSet::new();
                let mut out: Entries = Vec::new();
                for d in dicts {
                    let kept: Entries = d
                        .flatten(load)?
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

    fn json(name: &str) -> String {
        let path = format!("{}/data/opencc/{name}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn configurations_parse() {
        let s2twp = Spec::parse("s2twp", &json("s2twp")).unwrap();
        assert_eq!(s2twp.normalization[0].key(), "CJK_Compatibility_Ideographs");
        assert_eq!(
            s2twp.segmentation.unwrap().key(),
            "union[STPhrases,STPhrases_GeneratedFromRegionalPhrases]"
        );
        assert_eq!(
            s2twp.chain[1].key(),
            "first[TWPhrases,TWVariantsPhrases,TWVariants]"
        );
        assert!(Spec::parse("s2t", &json("s2t"))
            .unwrap()
            .segmentation
            .is_none());
        assert!(Spec::parse("x", "{\"segmentation\": {\"type\": \"jieba\"}}").is_err());
    }

    #[test]
    fn parse_dict_takes_the_first_candidate_and_names_bad_lines() {
        assert_eq!(parse_dict("a\tb c\n").unwrap(), vec![("a", "b")]);
        assert_eq!(
            parse_dict("a\tb\nc\n").unwrap_err(),
            "line 2 is not 'key<TAB>value'"
        );
    }

    fn group(union: bool, files: &[&str]) -> DictSpec {
        DictSpec::Group {
            union,
            dicts: files
                .iter()
                .map(|f| DictSpec::File(f.to_string()))
                .collect(),
        }
    }

    fn toy(name: &str) -> Result<Entries<'static>, String> {
        Ok(match name {
            "A" => vec![("x", "X"), ("ab", "AB")],
            "B" => vec![("abc", "ABC"), ("xy", "XY"), ("b", "B"), ("ab", "ab2")],
            _ => return Err(format!("no {name}")),
        })
    }

    #[test]
    fn short_circuit_drops_keys_an_earlier_member_shadows() {
        let flat = group(false, &["A", "B"]).flatten(&mut toy).unwrap();
        // abc and xy start with an A key (ab, x); ab itself is A's; b survives.
        assert_eq!(flat, vec![("x", "X"), ("ab", "AB"), ("b", "B")]);
    }

    #[test]
    fn union_keeps_every_key_and_the_earlier_value() {
        let flat = group(true, &["A", "B"]).flatten(&mut toy).unwrap();
        assert_eq!(
            flat,
            vec![
                ("x", "X"),
                ("ab", "AB"),
                ("abc", "ABC"),
                ("xy", "XY"),
                ("b", "B")
            ]
        );
    }

    #[test]
    fn prefixes_are_checked_at_character_boundaries() {
        let set: HashSet<&str> = ["头", "x"].into_iter().collect();
        assert!(has_prefix_in("头发", &set));
        assert!(!has_prefix_in("发头", &set));
        assert!(has_prefix_in("x", &set));
    }
}
