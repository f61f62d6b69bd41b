//! Shared checks for zhfix's fuzz targets; see [`invariants`].

pub mod invariants;
