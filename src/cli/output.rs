//! Printing: errors as `path: cause`, `--explain` lines, diffs, reports; and encoding the
//! output text.

use super::args::Args;
use std::io::Write;
use std::path::Path;
use zhfix::report::Report;
use zhfix::Error;

/// How output text becomes bytes.
pub struct Output {
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
}

impl Output {
    pub fn from_args(args: &Args) -> Result<Self, Error> {
        let encoding = match &args.output_encoding {
            None => encoding_rs::UTF_8,
            Some(label) => zhfix::detect::forced(label)?.charset.encoding(),
        };
        Ok(Output {
            encoding,
            bom: args.bom,
        })
    }

    /// Is the output plain UTF-8 without a BOM (so text bytes are output bytes)?
    pub fn is_plain_utf8(&self) -> bool {
        self.encoding == encoding_rs::UTF_8 && !self.bom
    }

    /// Encode one chunk; `first` adds the BOM.
    pub fn encode(&self, text: &str, first: bool) -> Result<Vec<u8>, Error> {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if first && self.bom {
            if self.encoding == encoding_rs::UTF_16LE {
                bytes.extend_from_slice(&[0xFF, 0xFE]);
            } else if self.encoding == encoding_rs::UTF_16BE {
                bytes.extend_from_slice(&[0xFE, 0xFF]);
            } else if self.encoding == encoding_rs::UTF_8 {
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
        }
        zhfix::io::encode::encode_into(text, self.encoding, &mut bytes)?;
        Ok(bytes)
    }
}

/// One line on stderr naming the file and the cause.
pub fn error_line(path: &Path, e: &Error) -> String {
    match e {
        Error::Io { path: p, source } => format!("{}: {source}", p.display()),
        _ => format!("{}: {e}", path.display()),
    }
}

/// `--explain`: one line per repair.
pub fn explain(name: &str, report: &Report) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for c in &report.repairs {
        let _ = writeln!(
            err,
            "{name}: [{}] {} at byte {}: {:?} -> {:?} ({}{})",
            c.fixer,
            c.kind,
            c.offset,
            c.before,
            c.after,
            c.why,
            match (c.guessed, c.lost) {
                (0, 0) => String::new(),
                (g, 0) => format!("; {g} guessed"),
                (0, l) => format!("; {l} lost"),
                (g, l) => format!("; {g} guessed, {l} lost"),
            }
        );
    }
}

/// `--diff`: a unified diff of `before` and `after` for `name`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// `--report json`: one object per line.
pub fn report_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
