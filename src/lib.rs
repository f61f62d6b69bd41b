//! zhfix makes Chinese text clean and consistent.
//!
//! Bytes go through five stages, one module each, in this order:
//!
//! 1. [`detect`]: which encoding are these bytes in (BOM, strict UTF-8, UTF-16 without BOM,
//!    HZ and ISO-2022, then chardetng with a Chinese plausibility check for short inputs,
//!    and EUC-TW)?
//! 2. [`decode`]: bytes to text with encoding_rs; every malformed sequence is counted with
//!    its byte offset, never dropped silently.
//! 3. [`repair`]: a list of small named fixers (mojibake, inline-pinyin annotations, GBK
//!    misalignment, lost bytes). Each returns the new text and what it changed, so
//!    `--explain` is just the concatenation of their change lists.
//! 4. [`convert`]: OpenCC-exact script conversion (Simplified, Traditional, Taiwan, Hong
//!    Kong, Japanese shinjitai) behind the [`convert::Converter`] trait.
//! 5. [`io`]: walking trees, streaming in line-aligned chunks, atomic writes.
//!
//! [`Pipeline`] ties them together for library users:
//!
//! ```
//! let pipeline = zhfix::Pipeline::builder().build().unwrap();
//! let fixed = pipeline.fix_bytes("中文 text".as_bytes()).unwrap();
//! assert_eq!(fixed.text, "中文 text");
//! assert!(fixed.report.repairs.is_empty());
//! ```

pub mod convert;
pub mod decode;
pub mod detect;
pub mod error;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod readings;
pub mod repair;
pub mod report;
#[cfg(test)]
mod test_texts;

pub use error::Error;
pub use pipeline::{Fixed, Pipeline, PipelineBuilder};
