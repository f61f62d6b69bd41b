//! Printing: errors as `path: cause`, `--explain` lines, diffs, reports; and encoding the
//! output text.

use super::args::Args;
use std::io::Write;
use std::path::Path;
use zhfix::io::encode::{Encoder, OutputEncoding};
use zhfix::report::Report;
use zhfix::Error;

/// How output text becomes bytes: one [`Encoder`] per output file or stream.
pub struct Output {
    pub encoding: OutputEncoding,
    pub bom: bool,
}

impl Output {
    pub fn from_args(args: &Args) -> Result<Self, Error> {
        let encoding = match &args.output_encoding {
            None => OutputEncoding::Utf8,
            Some(label) => OutputEncoding::for_label(label)?,
        };
        Ok(Output {
            encoding,
            bom: args.bom,
        })
    }

    pub fn encoder(&self) -> Encoder {
        Encoder::new(self.encoding, self.bom)
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
