//! I/O: walking trees, streaming in line-aligned chunks, atomic writes.

pub mod encode;
