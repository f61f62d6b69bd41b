//! JSON Lines: fix one string field of each object, keep everything else.
//!
//! Each line is parsed with serde_json's `preserve_order` feature, so keys come back in
//! the order they came in. Only the named field is touched, and only when it is a string;
//! the rest of the object is re-serialised as it was parsed. A line that is not a JSON
//! object passes through byte-identical, and the caller is told why.

use crate::pipeline::Pipeline;
use crate::report::Report;
use serde_json::Value;

/// What happened to one line.
pub enum LineOutcome {
    /// The field was fixed; the new line (without its line break) and the report.
    Fixed { line: String, report: Box<Report> },
    /// The line is passed through unchanged; `why` says why it was not processed.
    Passed { why: Option<String> },
}

/// Fix `field` in one JSON line (`line` excludes the line break).
pub fn fix_line(pipeline: &Pipeline, line: &str, field: &str) -> LineOutcome {
    if line.trim().is_empty() {
        return LineOutcome::Passed { why: None };
    }
    let mut value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return LineOutcome::Passed {
                why: Some(format!("not valid JSON ({e}); passed through unchanged")),
            }
        }
    };
    let Some(obj) = value.as_object_mut() else {
        return LineOutcome::Passed {
            why: Some("not a JSON object; passed through unchanged".into()),
        };
    };
    let Some(Value::String(text)) = obj.get(field) else {
        return LineOutcome::Passed { why: None };
    };
    let fixed = match pipeline.fix_str(text) {
        Ok(f) => f,
        Err(e) => {
            return LineOutcome::Passed {
                why: Some(format!("field '{field}': {e}")),
            }
        }
    };
    if fixed.report.status != "changed" {
        return LineOutcome::Passed { why: None };
    }
    obj.insert(field.to_string(), Value::String(fixed.text));
    match serde_json::to_string(&value) {
        Ok(line) => LineOutcome::Fixed {
            line,
            report: Box::new(fixed.report),
        },
        Err(e) => LineOutcome::Passed {
            why: Some(format!(
                "cannot re-serialise ({e}); passed through unchanged"
            )),
        },
    }
}
