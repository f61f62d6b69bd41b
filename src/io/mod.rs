//! I/O: walking trees, streaming in line-aligned chunks, atomic writes, JSON Lines.

pub mod atomic;
pub mod encode;
pub mod jsonl;
pub mod stream;
pub mod walk;
