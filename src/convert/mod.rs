//! Script conversion with OpenCC's semantics.
//!
//! A [`Config`] names one of OpenCC's configurations (s2t, tw2sp, …). A [`Target`] is what
//! the user asked for (`--to s`); [`Target::config_for`] picks the configuration from the
//! target and the script the text is already in, so `--to s` on simplified text converts
//! nothing. Engines sit behind [`Converter`] so they can be swapped.
//!
//! The default engine, [`Engine::Native`], is zhfix's own: it reads OpenCC 1.4.2's
//! configurations and dictionaries (embedded from `data/opencc/`) and reproduces OpenCC's
//! semantics (normalization, maximum-match segmentation, a chain of dictionary groups with
//! `union`/`short_circuit` policies) with one double-array trie per step, compiled at build
//! time. Internals: `spec.rs` says what a configuration means, `trie.rs` how matching
//! works, `native.rs` how the steps chain, `script.rs` how a text's script is judged.

mod data;
mod matcher;
mod native;
#[cfg(feature = "opencc-sys")]
mod opencc_sys;
mod phrase_pairs;
mod prefilter;
pub mod script;
mod script_classes;
// spec.rs and trie.rs are also compiled into build.rs, which does most of their work; the
// library decodes tries and parses character dictionaries, and its tests use the rest.
#[allow(dead_code)]
mod spec;
#[allow(dead_code)]
mod trie;

use crate::Error;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// OpenCC's configurations, named as its JSON files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Config {
    S2t,
    T2s,
    S2tw,
    Tw2s,
    S2twp,
    Tw2sp,
    S2hk,
    Hk2s,
    T2tw,
    Tw2t,
    T2hk,
    Hk2t,
    T2jp,
    Jp2t,
}

impl Config {
    pub const ALL: [Config; 14] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::Tw2s,
        Config::S2twp,
        Config::Tw2sp,
        Config::S2hk,
        Config::Hk2s,
        Config::T2tw,
        Config::Tw2t,
        Config::T2hk,
        Config::Hk2t,
        Config::T2jp,
        Config::Jp2t,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::T2s => "t2s",
            Config::S2tw => "s2tw",
            Config::Tw2s => "tw2s",
            Config::S2twp => "s2twp",
            Config::Tw2sp => "tw2sp",
            Config::S2hk => "s2hk",
            Config::Hk2s => "hk2s",
            Config::T2tw => "t2tw",
            Config::Tw2t => "tw2t",
            Config::T2hk => "t2hk",
            Config::Hk2t => "hk2t",
            Config::T2jp => "t2jp",
            Config::Jp2t => "jp2t",
        }
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Config {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let key = s.trim().trim_end_matches(".json").to_ascii_lowercase();
        Config::ALL
            .into_iter()
            .find(|c| c.name() == key)
            .ok_or_else(|| Error::UnknownConfig(s.to_string()))
    }
}

/// The script the user wants (`--to`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Target {
    /// Repair only; never convert.
    #[default]
    Keep,
    S,
    T,
    Tw,
    Twp,
    Hk,
    Jp,
}

impl FromStr for Target {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "keep" => Target::Keep,
            "s" | "simplified" | "zh-hans" | "zh-cn" => Target::S,
            "t" | "traditional" | "zh-hant" => Target::T,
            "tw" | "zh-tw" => Target::Tw,
            "twp" => Target::Twp,
            "hk" | "zh-hk" => Target::Hk,
            "jp" | "ja" => Target::Jp,
            _ => {
                return Err(Error::Refused(format!(
                    "unknown target '{s}' (use keep, s, t, tw, twp, hk or jp)"
                )))
            }
        })
    }
}

/// Which script a text is written in, as far as conversion is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Simplified,
    Traditional,
    /// No character tells the two apart (or no Han text at all).
    Neutral,
}

/// A conversion engine for one configuration.
pub trait Converter: Send + Sync {
    fn config(&self) -> Config;
    /// Append the converted `text` to `out`.
    fn convert_into(&self, text: &str, out: &mut String);

    fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.convert_into(text, &mut out);
        out
    }
}

impl Target {
    pub const ALL: [Target; 7] = [
        Target::Keep,
        Target::S,
        Target::T,
        Target::Tw,
        Target::Twp,
        Target::Hk,
        Target::Jp,
    ];

    /// The configuration that takes `text` to the target, or `None` when there is nothing
    /// to convert: [`Target::config_for`] the text's [`evidence`], found more cheaply
    /// where the answer allows. `s` and `t` ask only whether the text is Japanese and
    /// whether any character is in the other script; a text without kana is not Japanese
    /// (`script::is_japanese` counts only what it must), and the first character of the
    /// other script settles the rest, so on the text these targets usually meet (the other
    /// script throughout) they stop at once instead of counting every character.
    pub fn config_for_text(self, text: &str) -> Option<Config> {
        let (other, config) = match self {
            Target::Keep => return None,
            Target::S => (script_classes::TRADITIONAL, Config::T2s),
            Target::T => (script_classes::SIMPLIFIED, Config::S2t),
            _ => return self.config_for(&evidence(text)),
        };
        (!script::is_japanese(text) && script::holds_any(text, other)).then_some(config)
    }

    /// The configuration that takes text with this evidence to the target, or `None`
    /// when there is nothing to convert.
    ///
    /// `s` and `t` convert whenever any character is in the other script, so a simplified
    /// table with one traditional column comes out all simplified, while simplified text
    /// is left alone. The regional targets pick the configuration by the majority script.
    /// Japanese is converted only to `jp`.
    pub fn config_for(self, ev: &Evidence) -> Option<Config> {
        use Script::*;
        if self == Target::Keep || (ev.is_japanese() && self != Target::Jp) {
            return None;
        }
        match (self, ev.script()) {
            (Target::Keep, _) => None,
            (Target::S, _) => (ev.traditional > 0).then_some(Config::T2s),
            (Target::T, _) => (ev.simplified > 0).then_some(Config::S2t),
            (Target::Tw, Traditional) => Some(Config::T2tw),
            (Target::Tw, _) => Some(Config::S2tw),
            (Target::Twp, Traditional) => Some(Config::T2tw),
            (Target::Twp, _) => Some(Config::S2twp),
            (Target::Hk, Traditional) => Some(Config::T2hk),
            (Target::Hk, _) => Some(Config::S2hk),
            (Target::Jp, _) => Some(Config::T2jp),
        }
    }
}

/// Which conversion engine to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Engine {
    /// zhfix's own OpenCC-exact engine over OpenCC 1.4 dictionaries.
    #[default]
    Native,
    /// The system libopencc through opencc-rust (`--features opencc-sys`).
    OpenccSys,
}

impl FromStr for Engine {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "native" | "zhfix" => Ok(Engine::Native),
            "opencc-sys" | "opencc" => Ok(Engine::OpenccSys),
            _ => Err(Error::EngineUnavailable(s.to_string())),
        }
    }
}

/// Load a converter for `config` with `engine`.
///
/// The native engine compiles each configuration once per process and hands out shared
/// handles afterwards, so calling this per file is cheap.
pub fn load(engine: Engine, config: Config) -> Result<Arc<dyn Converter>, Error> {
    match engine {
        Engine::Native => Ok(native::load(config)?),
        #[cfg(feature = "opencc-sys")]
        Engine::OpenccSys => Ok(Arc::new(opencc_sys::System::open(config)?)),
        #[cfg(not(feature = "opencc-sys"))]
        Engine::OpenccSys => Err(Error::EngineUnavailable(
            "opencc-sys (rebuild with --features opencc-sys)".into(),
        )),
    }
}

/// Do `a` and `b` stand side by side inside a phrase of OpenCC's phrase dictionaries?
pub fn is_phrase_pair(a: char, b: char) -> bool {
    phrase_pairs::contains(data::PHRASE_PAIRS, a, b)
}

/// Which script `text` is in; see [`script`].
pub fn detect_script(text: &str) -> Script {
    script::detect_script(text)
}

pub use script::{char_script, evidence, is_japanese_kanji, Evidence};
pub(crate) use trie::ascii_run;

/// Inputs below this size are converted on the calling thread.
const PARALLEL_MIN: usize = 1 << 20;

/// Convert a large `text` on rayon's pool: it is cut into chunks at newlines (no OpenCC
/// dictionary key contains whitespace, so no match and no segment-sensitive phrase can span
/// a newline and the result equals converting the whole text at once), the chunks are
/// converted in parallel and joined in order.
pub fn convert_parallel(converter: &dyn Converter, text: &str) -> String {
    use rayon::prelude::*;
    if text.len() < PARALLEL_MIN || rayon::current_num_threads() < 2 {
        return converter.convert(text);
    }
    // A few chunks per thread evens out uneven lines without drowning in tiny tasks.
    let target = (text.len() / (rayon::current_num_threads() * 4)).max(PARALLEL_MIN / 4);
    let chunks = split_at_newlines(text, target);
    let parts: Vec<String> = chunks.par_iter().map(|c| converter.convert(c)).collect();
    let mut out = String::with_capacity(parts.iter().map(String::len).sum());
    for p in &parts {
        out.push_str(p);
    }
    out
}

/// Cut `text` into pieces of about `target` bytes, each ending just after a `\n` (the last
/// piece ends where the text does). A piece with no newline within reach stays whole.
fn split_at_newlines(text: &str, target: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > target {
        match memchr::memchr(b'\n', &rest.as_bytes()[target..]) {
            Some(i) => {
                let (piece, tail) = rest.split_at(target + i + 1);
                pieces.push(piece);
                rest = tail;
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_choice_is_the_evidence_choice() {
        for text in [
            "",
            "plain ASCII",
            "这是简体中文。",
            "這是繁體中文。",
            "中文",
            "他说《臺灣》这本书很好看",
            "ファイルシステムの最終ブロックを設定する。",
            "他在東京的ホテル住了三天，覺得服務很好",
            "半角ｶﾀｶﾅの设置を変更する",
            "这里有ｱｲｳ三个半角假名",
            "ａｂｃ全角字母，简体",
            "这是一个ㇰ字",
        ] {
            for target in Target::ALL {
                assert_eq!(
                    target.config_for_text(text),
                    target.config_for(&evidence(text)),
                    "{target:?} {text}"
                );
            }
        }
        assert_eq!(
            Target::T.config_for_text("这是简体中文。"),
            Some(Config::S2t)
        );
        assert_eq!(Target::T.config_for_text("這是繁體中文。"), None);
        assert_eq!(
            Target::S.config_for_text("這是繁體中文。"),
            Some(Config::T2s)
        );
    }

    #[test]
    fn kana_are_counted_as_the_evidence_counts_them() {
        // Every code point three times (the least that can make a text Japanese), alone
        // and with as many Han characters as still leave it Japanese, and one more.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let kana = c.to_string().repeat(3);
            for han in [0, 27, 28] {
                let text = format!("{kana}{}", "中".repeat(han));
                assert_eq!(
                    script::is_japanese(&text),
                    evidence(&text).is_japanese(),
                    "U+{:04X} with {han} Han",
                    c as u32
                );
            }
        }
        assert!(script::is_japanese("ファイル中"));
        assert!(!script::is_japanese("这是「简体」中文，、。"));
    }

    #[test]
    fn split_keeps_every_byte_and_ends_pieces_at_newlines() {
        let text = "一行\n二行\r\n三\n\n四";
        for target in 1..text.len() + 2 {
            let pieces = split_at_newlines(text, target);
            assert_eq!(pieces.concat(), text);
            for p in &pieces[..pieces.len() - 1] {
                assert!(p.ends_with('\n'));
            }
        }
        assert!(split_at_newlines("", 4).is_empty());
    }

    #[test]
    fn parallel_equals_sequential() {
        let line = "头发和发展，干杯与干净，皇后在后面。\r\n";
        let text = line.repeat(PARALLEL_MIN / line.len() + 100);
        let c = load(Engine::Native, Config::S2twp).unwrap();
        assert_eq!(convert_parallel(c.as_ref(), &text), c.convert(&text));
    }
}
