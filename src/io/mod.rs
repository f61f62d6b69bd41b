//! I/O: walking trees, streaming in line-aligned chunks, atomic writes.
