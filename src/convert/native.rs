//! zhfix's own OpenCC 1.4 engine: normalization → segmentation → conversion chain.
//!
//! Each step of each configuration is one trie compiled at build time (see [`super::spec`]
//! for how a dictionary group becomes one plain dictionary, and `build.rs`). Tries are
//! decoded on first use and shared between configurations that name the same group (s2tw,
//! s2twp and s2hk share their first stage), so loading a second configuration costs only
//! what is new.
//!
//! Configurations without `segmentation` (s2t, t2s, …) convert the text as one segment.
//! With segmentation, the segments' boundaries are kept through the whole chain: stage 2
//! of s2twp (`TWPhrases`) sees the output of stage 1 segment by segment, so a Taiwan
//! phrase that would straddle two Simplified phrases is not matched — OpenCC's behaviour.

use super::data;
use super::matcher::Matcher;
use super::prefilter::Prefilter;
use super::{Config, Converter};
use crate::Error;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

pub(crate) struct Native {
    config: Config,
    normalization: Vec<Step>,
    segmentation: Option<Matcher>,
    chain: Vec<Step>,
}

/// One dictionary applied to the whole text, skipped when its prefilter shows it cannot
/// match (the compatibility-ideograph normalisation, nearly always).
struct Step {
    matcher: Matcher,
    prefilter: Option<Prefilter>,
}

impl Step {
    fn new(matcher: Matcher) -> Step {
        let prefilter = Prefilter::new(matcher.trie, matcher.codes);
        Step { matcher, prefilter }
    }

    fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match &self.prefilter {
            Some(p) if !p.may_match(text) => Cow::Borrowed(text),
            _ => self.matcher.convert(text),
        }
    }
}

/// The converter for `config`, assembled once per process.
pub(crate) fn load(config: Config) -> Result<Arc<Native>, Error> {
    static LOADED: [OnceLock<Result<Arc<Native>, String>>; 14] = [const { OnceLock::new() }; 14];
    let index = Config::ALL.iter().position(|c| *c == config).unwrap_or(0);
    LOADED[index]
        .get_or_init(|| {
            Native::assemble(config)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(Error::Refused)
}

impl Native {
    fn assemble(config: Config) -> Result<Native, Error> {
        let (normalization, segmentation, chain) = data::config(config.name())?;
        let codes = data::codes()?;
        let matcher = |&i: &usize| -> Result<Matcher, Error> {
            Ok(Matcher {
                trie: data::trie(i)?,
                codes,
            })
        };
        Ok(Native {
            config,
            normalization: normalization
                .iter()
                .map(|i| matcher(i).map(Step::new))
                .collect::<Result<_, _>>()?,
            segmentation: segmentation.as_ref().map(matcher).transpose()?,
            chain: chain
                .iter()
                .map(|i| matcher(i).map(Step::new))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Convert `text`, borrowed when nothing changes.
    pub fn convert_cow<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for m in &self.normalization {
            if let Cow::Owned(s) = m.convert(&text) {
                text = Cow::Owned(s);
            }
        }
        let Some(segmenter) = &self.segmentation else {
            for m in &self.chain {
                if let Cow::Owned(s) = m.convert(&text) {
                    text = Cow::Owned(s);
                }
            }
            return text;
        };
        let mut ends = Vec::new();
        segmenter.segment_ends(&text, &mut ends);
        let mut current = text.into_owned();
        let mut next = String::with_capacity(current.len() + current.len() / 8);
        let mut next_ends = Vec::with_capacity(ends.len());
        for m in self.chain.iter().map(|s| &s.matcher) {
            let mut start = 0;
            for &end in &ends {
                m.convert_into(&current[start..end], &mut next);
                next_ends.push(next.len());
                start = end;
            }
            std::mem::swap(&mut current, &mut next);
            std::mem::swap(&mut ends, &mut next_ends);
            next.clear();
            next_ends.clear();
        }
        Cow::Owned(current)
    }
}

impl Converter for Native {
    fn config(&self) -> Config {
        self.config
    }

    fn convert_into(&self, text: &str, out: &mut String) {
        out.push_str(&self.convert_cow(text));
    }

    fn convert(&self, text: &str) -> String {
        self.convert_cow(text).into_owned()
    }
}
