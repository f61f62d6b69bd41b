//! Report: what happened to one input, as a value the binary prints (`--report json`
//! writes one object per line) and library users inspect.

use crate::repair::Change;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything zhfix learned and did for one input.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The input's path (`-` for standard input); set by the caller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub encoding: String,
    pub confidence: f32,
    /// How the encoding was decided: `bom`, `utf-8`, `hz`, `utf-16-nuls`,
    /// `utf-16-plausibility`, `chardetng`, `plausibility`, `mixed-lines`, `forced`, or `text`
    /// for input that was already a string.
    pub method: String,
    /// Number of malformed byte sequences and the first few offsets.
    pub malformed: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub malformed_offsets: Vec<usize>,
    /// The configuration used for conversion, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    pub repairs_by_kind: BTreeMap<String, usize>,
    /// Characters changed by conversion.
    pub converted: usize,
    pub guessed: usize,
    pub lost: usize,
    pub bytes_in: usize,
    pub bytes_out: usize,
    /// `unchanged`, `changed`, `skipped` or `error`.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip)]
    pub repairs: Vec<Change>,
}

/// How many malformed offsets a report lists (the count is always exact).
pub const MAX_OFFSETS: usize = 32;

impl Report {
    pub fn add_repairs(&mut self, changes: Vec<Change>) {
        for c in &changes {
            *self.repairs_by_kind.entry(c.kind.clone()).or_default() += 1;
            self.guessed += c.guessed;
            self.lost += c.lost;
        }
        self.repairs.extend(changes);
    }

    /// Fold a later chunk's report into this one (offsets already absolute).
    pub fn merge(&mut self, other: Report) {
        self.malformed += other.malformed;
        let room = MAX_OFFSETS.saturating_sub(self.malformed_offsets.len());
        self.malformed_offsets
            .extend(other.malformed_offsets.into_iter().take(room));
        for (k, v) in other.repairs_by_kind {
            *self.repairs_by_kind.entry(k).or_default() += v;
        }
        self.converted += other.converted;
        self.guessed += other.guessed;
        self.lost += other.lost;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        self.repairs.extend(other.repairs);
    }
}
