//! The whole job for one input: detect → decode → repair → convert.
//!
//! A [`Pipeline`] is built once and shared (it is `Sync`); every call is independent, so a
//! batch runs one call per file or per chunk on rayon's pool.

use crate::convert::{self, Config, Converter, Engine, Target};
use crate::decode;
use crate::detect::{self, Detection};
use crate::io::declaration;
use crate::io::encode::OutputEncoding;
use crate::repair::{Context, RepairOptions, Repairer, Screen};
use crate::report::{Report, MAX_OFFSETS};
use crate::Error;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

mod diff;

/// The result of fixing one input.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub text: String,
    pub detection: Detection,
    pub report: Report,
}

impl Fixed {
    /// Did any stage change the text?
    pub fn changed(&self) -> bool {
        self.report.status == "changed"
    }

    /// Make the text's encoding declaration name `output`, the encoding it is about to be
    /// written in, as the command line does ([`crate::io::declaration::relabel`]); the
    /// rewrite is reported as a change. Only the start of a file holds a declaration, so
    /// a stream's later chunks need not ask.
    pub fn declare(&mut self, output: OutputEncoding) {
        let input = self.detection.charset;
        if let Some((text, change)) = declaration::relabel(&self.text, input, output) {
            self.text = text;
            self.report.add_repairs(vec![change]);
            self.report.status = "changed".into();
        }
    }
}

/// What to build; see [`Pipeline::builder`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    target: Target,
    config: Option<Config>,
    engine: Engine,
    from: Option<String>,
    strict: bool,
    repair: bool,
    options: RepairOptions,
}

impl PipelineBuilder {
    /// The script to convert to (default [`Target::Keep`]: repair only).
    pub fn target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }
    /// Use this OpenCC configuration whatever the text's script.
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }
    /// Force the input encoding (a WHATWG label; `gbk` and `gb2312` mean GB18030).
    pub fn from_encoding(mut self, label: impl Into<String>) -> Self {
        self.from = Some(label.into());
        self
    }
    /// Treat malformed input as an error instead of replacing it with U+FFFD.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }
    /// Run the repair stage (default on).
    pub fn repair(mut self, on: bool) -> Self {
        self.repair = on;
        self
    }
    pub fn repair_options(mut self, options: RepairOptions) -> Self {
        self.options = options;
        self
    }

    pub fn build(self) -> Result<Pipeline, Error> {
        let forced = self.from.as_deref().map(detect::forced).transpose()?;
        let fixed_converter = match self.config {
            Some(c) => Some(convert::load(self.engine, c)?),
            None => None,
        };
        let repairer = if self.repair {
            Repairer::standard()
        } else {
            Repairer::new(Vec::new())
        };
        Ok(Pipeline {
            target: self.target,
            engine: self.engine,
            forced,
            strict: self.strict,
            options: self.options,
            repairer,
            fixed_converter,
            converters: Default::default(),
        })
    }
}

/// Every option that configures a pipeline, spelled as the CLI and the Python module take
/// them (strings for the enumerations), so both front ends build identical pipelines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// `keep`, `s`, `t`, `tw`, `twp`, `hk` or `jp`.
    pub to: String,
    /// An OpenCC configuration name that overrides `to`.
    pub config: Option<String>,
    /// `native` or `opencc-sys`.
    pub engine: String,
    /// A forced input encoding label.
    pub from_encoding: Option<String>,
    pub strict: bool,
    pub repair: bool,
    /// `auto`, `strip` or `keep`.
    pub annotations: String,
    pub mark_guesses: bool,
    pub fullwidth_punct: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            to: "keep".into(),
            config: None,
            engine: "native".into(),
            from_encoding: None,
            strict: false,
            repair: true,
            annotations: "auto".into(),
            mark_guesses: false,
            fullwidth_punct: false,
        }
    }
}

impl Settings {
    /// Parse every option and build the pipeline; an unknown value is an error naming it.
    pub fn build(&self) -> Result<Pipeline, Error> {
        let mut b = Pipeline::builder()
            .target(self.to.parse()?)
            .engine(self.engine.parse()?)
            .strict(self.strict)
            .repair(self.repair)
            .repair_options(RepairOptions {
                annotations: self.annotations.parse()?,
                mark_guesses: self.mark_guesses,
                fullwidth_punct: self.fullwidth_punct,
            });
        if let Some(c) = &self.config {
            b = b.config(c.parse()?);
        }
        if let Some(from) = &self.from_encoding {
            b = b.from_encoding(from.clone());
        }
        b.build()
    }
}

/// Detect, decode, repair and convert, configured once.
pub struct Pipeline {
    target: Target,
    engine: Engine,
    forced: Option<Detection>,
    strict: bool,
    options: RepairOptions,
    repairer: Repairer,
    fixed_converter: Option<Arc<dyn Converter>>,
    /// Converters for `--to`, loaded the first time a text needs one.
    converters: [OnceLock<Result<Arc<dyn Converter>, String>>; 14],
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            target: Target::Keep,
            config: None,
            engine: Engine::Native,
            from: None,
            strict: false,
            repair: true,
            options: RepairOptions::default(),
        }
    }
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Detect the encoding of `bytes` (or use the forced one).
    pub fn detect(&self, bytes: &[u8]) -> Result<Detection, Error> {
        match &self.forced {
            Some(d) => Ok(d.clone().with_bom_of(bytes)),
            None => detect::detect(bytes),
        }
    }

    /// Fix a whole input held in memory. The text keeps the input's encoding declaration
    /// (`<meta charset="gbk">`), if it has one; whoever writes it in another encoding can
    /// make the declaration name that one with [`Fixed::declare`], as the command line
    /// and [`crate::io::stream::fix_stream`] do.
    pub fn fix_bytes(&self, bytes: &[u8]) -> Result<Fixed, Error> {
        let detection = self.detect(bytes)?;
        self.fix_bytes_as(bytes, detection)
    }

    /// Fix `bytes` known to be in `detection`'s encoding (a chunk of a stream, say).
    pub fn fix_bytes_as(&self, bytes: &[u8], detection: Detection) -> Result<Fixed, Error> {
        let decoded = decode::decode(bytes, &detection);
        if self.strict && !decoded.malformed.is_empty() {
            return Err(Error::Malformed {
                encoding: detection.charset.name(),
                count: decoded.malformed.len(),
                first: decoded.malformed[0],
            });
        }
        let mut report = Report {
            encoding: detection.charset.name().to_string(),
            confidence: detection.confidence,
            method: detection.method.clone(),
            malformed: decoded.malformed.len(),
            malformed_offsets: decoded
                .malformed
                .iter()
                .take(MAX_OFFSETS)
                .copied()
                .collect(),
            bytes_in: bytes.len(),
            ..Report::default()
        };
        let ctx = Context {
            raw: Some(bytes),
            encoding: detection.charset.encoding(),
            options: &self.options,
        };
        let text = self.finish(&decoded.text, &ctx, &mut report)?;
        let same_bytes = text.as_bytes() == bytes;
        report.status = if same_bytes { "unchanged" } else { "changed" }.into();
        report.bytes_out = text.len();
        Ok(Fixed {
            text,
            detection,
            report,
        })
    }

    /// Fix text that is already decoded.
    pub fn fix_str(&self, text: &str) -> Result<Fixed, Error> {
        let detection = Detection {
            charset: detect::Charset::Standard(encoding_rs::UTF_8),
            bom_len: 0,
            confidence: 1.0,
            method: "text".into(),
        };
        let mut report = Report {
            encoding: "UTF-8".into(),
            confidence: 1.0,
            method: "text".into(),
            bytes_in: text.len(),
            ..Report::default()
        };
        let ctx = Context {
            raw: None,
            encoding: encoding_rs::UTF_8,
            options: &self.options,
        };
        let out = self.finish(text, &ctx, &mut report)?;
        report.status = if out == text { "unchanged" } else { "changed" }.into();
        report.bytes_out = out.len();
        Ok(Fixed {
            text: out,
            detection,
            report,
        })
    }

    /// Repair then convert decoded text.
    fn finish(&self, text: &str, ctx: &Context<'_>, report: &mut Report) -> Result<String, Error> {
        let stops = RefCell::new(Vec::new());
        let repaired = self
            .repairer
            .run_screened(text, ctx, Screen::NoteStops(&stops));
        // The stops are offsets in `text`, so they describe the repaired text only if it is
        // `text` itself.
        let stops = repaired.changes.is_empty().then(|| stops.into_inner());
        report.add_repairs(repaired.changes);
        let repaired = repaired.text;
        let Some(converter) = self.converter_for(&repaired)? else {
            return Ok(repaired.into_owned());
        };
        report.config = Some(converter.config().name().to_string());
        let out = converter.convert(&repaired);
        let out = self.settle_script(converter.config(), out)?;
        let (out, converted) = self.keep_repairable_lines_unconverted(&repaired, out, stops);
        report.converted = converted;
        Ok(out)
    }

    /// A second run picks its configuration from this run's output. Where conversion
    /// moved the text's script verdict (garble judged Traditional for its 脣, which t2tw
    /// turns into 唇, leaving 鲁 and 锟 to make it Simplified), the second run would choose
    /// another configuration and convert again; for `tw` the output is what that second
    /// choice makes of it. `s` and `t` have one configuration each (a second choice can
    /// only be the same or none), and `twp`, `hk` and `jp` keep OpenCC's single conversion
    /// (they are not idempotent anyway), so only `tw` pays for the second look.
    fn settle_script(&self, first: Config, out: String) -> Result<String, Error> {
        if self.fixed_converter.is_some() || self.target != Target::Tw {
            return Ok(out);
        }
        match self.converter_for(&out)? {
            Some(next) if next.config() != first => Ok(next.convert(&out)),
            _ => Ok(out),
        }
    }

    /// Conversion can turn garble the repair left alone (or read only weakly) into text
    /// that the repair reads as a new confusion: `--to twp` makes `鏄創創創` of GBK
    /// `鏄创创创`, which reads as GBK-as-Big5 (`鮡┯┯┯`); `--to s` turns a weak reading's
    /// 備 into 备 and the line then reads as Big5-as-GBK. A second run would then repair
    /// what this one wrote. So the converted text is repaired again, as a second run would
    /// see it (UTF-8 bytes), and every line that repair would change is left as repaired
    /// but unconverted: converting garble means nothing, and the next run sees the text
    /// this run judged and reaches the same verdict. Reverting a line can move a
    /// document-level decision, so this repeats, at most [`SETTLE_ROUNDS`] times, after
    /// which the whole text is left unconverted (a stable state: repair is idempotent).
    ///
    /// When the repair read `repaired` itself and noted where its pre-filter's first pass
    /// stopped (`stops`), the first look at the converted text scans only the lines that
    /// stopped then or whose conversion changed a character's class
    /// ([`diff::rescan_lines`]); on clean text that is most of the second look's cost saved.
    /// Also returns the number of converted characters.
    fn keep_repairable_lines_unconverted(
        &self,
        repaired: &str,
        converted: String,
        stops: Option<Vec<usize>>,
    ) -> (String, usize) {
        let mut out = converted;
        let mut screen = stops.and_then(|stops| diff::rescan_lines(repaired, &out, &stops));
        let mut count = screen.as_ref().map(|(_, n)| *n);
        for _ in 0..SETTLE_ROUNDS {
            if out == repaired {
                return (out, 0);
            }
            let ctx = Context::utf8(&out, &self.options);
            let again = match screen.take() {
                Some((lines, _)) => self
                    .repairer
                    .run_screened(&out, &ctx, Screen::Within(&lines)),
                None => self.repairer.run(&out, &ctx),
            };
            let settled = again.changes.is_empty()
                || match revert_lines(repaired, &out, &again.text) {
                    Some(next) if next != out => {
                        (out, count) = (next, None);
                        false
                    }
                    // What the repair changes, conversion did not make: not this step's doing.
                    Some(_) => true,
                    None => break,
                };
            if settled {
                let count = count.unwrap_or_else(|| diff::count_differing_chars(repaired, &out));
                return (out, count);
            }
        }
        // Still moving: only the repaired text itself is known to be stable.
        (repaired.to_owned(), 0)
    }

    fn converter_for(&self, text: &str) -> Result<Option<Arc<dyn Converter>>, Error> {
        if let Some(c) = &self.fixed_converter {
            return Ok(Some(c.clone()));
        }
        let Some(config) = self.target.config_for_text(text) else {
            return Ok(None);
        };
        let slot = &self.converters[Config::ALL.iter().position(|c| *c == config).unwrap_or(0)];
        slot.get_or_init(|| convert::load(self.engine, config).map_err(|e| e.to_string()))
            .clone()
            .map(Some)
            .map_err(Error::Refused)
    }
}

/// Rounds of [`Pipeline::keep_repairable_lines_unconverted`]; one suffices on every input
/// seen so far (the second only confirms), the third guards against a document-level
/// decision that moves with each reverted line.
const SETTLE_ROUNDS: usize = 3;

/// `converted` with each line that `again` (its repair) changed replaced by the line of
/// `repaired`; `None` if the three do not have the same lines (no stage adds a line).
fn revert_lines(repaired: &str, converted: &str, again: &str) -> Option<String> {
    let mut r = repaired.split_inclusive('\n');
    let mut c = converted.split_inclusive('\n');
    let mut a = again.split_inclusive('\n');
    let mut out = String::with_capacity(converted.len());
    loop {
        match (r.next(), c.next(), a.next()) {
            (None, None, None) => return Some(out),
            (Some(r), Some(c), Some(a)) => out.push_str(if a == c { c } else { r }),
            _ => return None,
        }
    }
}
