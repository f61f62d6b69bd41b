//! I/O: walking trees, streaming in line-aligned chunks, encoding the output (and keeping
//! its encoding declaration true), atomic writes, JSON Lines.

pub mod atomic;
pub mod declaration;
pub mod encode;
pub mod jsonl;
pub mod stream;
pub mod walk;
