//! Walking: which files does a command line name?
//!
//! Files named on the command line are always taken (like ripgrep). Directories need
//! `recursive` and are walked with the `ignore` crate, so hidden files and `.gitignore`
//! rules are honoured exactly as ripgrep honours them, and `-g` globs filter. Symlinks are
//! not followed unless asked; anything that is not a regular file (FIFO, device, socket)
//! is reported as skipped, never opened; zhfix's own temp files are never input, even when
//! named on the command line.

use crate::io::atomic::is_temp_name;
use crate::Error;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    pub recursive: bool,
    /// ripgrep-style globs; a leading `!` excludes.
    pub globs: Vec<String>,
    pub no_ignore: bool,
    pub hidden: bool,
    pub follow: bool,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Found {
    /// A file to process; `root` is the directory argument it was found under.
    File {
        path: PathBuf,
        root: Option<PathBuf>,
    },
    /// Not processed, with the reason.
    Skipped {
        path: PathBuf,
        why: String,
    },
    Error {
        path: PathBuf,
        error: Error,
    },
}

const TEMP_FILE: &str = "a zhfix temp file (left by an interrupted run?)";

/// Expand `paths` into files, in a stable (sorted) order.
pub fn walk(paths: &[PathBuf], opts: &WalkOptions) -> Result<Vec<Found>, Error> {
    let overrides = overrides(opts)?;
    let mut found = Vec::new();
    for arg in paths {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                found.push(Found::Error {
                    path: arg.clone(),
                    error: Error::io(arg, e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            found.push(classify_arg(arg, &meta));
            continue;
        }
        if !opts.recursive {
            found.push(Found::Error {
                path: arg.clone(),
                error: Error::Refused(
                    "is a directory (use -r to process the files under it)".into(),
                ),
            });
            continue;
        }
        walk_dir(arg, opts, overrides.clone(), &mut found);
    }
    Ok(found)
}

fn classify_arg(path: &Path, meta: &std::fs::Metadata) -> Found {
    // Named explicitly too (`find | xargs zhfix -i` passes everything), a temp file from
    // an interrupted run is never input: rewriting it would not recover anything.
    if path.file_name().is_some_and(is_temp_name) {
        return Found::Skipped {
            path: path.to_path_buf(),
            why: TEMP_FILE.into(),
        };
    }
    if meta.is_file() {
        Found::File {
            path: path.to_path_buf(),
            root: None,
        }
    } else {
        Found::Skipped {
            path: path.to_path_buf(),
            why: "not a regular file (FIFO, device or socket)".into(),
        }
    }
}

fn overrides(opts: &WalkOptions) -> Result<Option<ignore::overrides::Override>, Error> {
    if opts.globs.is_empty() {
        return Ok(None);
    }
    let mut b = ignore::overrides::OverrideBuilder::new(".");
    for g in &opts.globs {
        b.add(g)
            .map_err(|e| Error::Refused(format!("bad glob '{g}': {e}")))?;
    }
    b.build()
        .map(Some)
        .map_err(|e| Error::Refused(format!("bad globs: {e}")))
}

fn walk_dir(
    root: &Path,
    opts: &WalkOptions,
    overrides: Option<ignore::overrides::Override>,
    found: &mut Vec<Found>,
) {
    let honour = !opts.no_ignore;
    let mut b = ignore::WalkBuilder::new(root);
    b.hidden(!opts.hidden)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .parents(honour)
        .follow_links(opts.follow)
        .sort_by_file_name(|a, b| a.cmp(b));
    if let Some(o) = overrides {
        b.overrides(o);
    }
    for entry in b.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found.push(Found::Error {
                    path: root.to_path_buf(),
                    error: Error::Refused(e.to_string()),
                });
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        let path = entry.path().to_path_buf();
        if ft.is_dir() {
            continue;
        }
        if is_temp_name(entry.file_name()) {
            found.push(Found::Skipped {
                path,
                why: TEMP_FILE.into(),
            });
        } else if ft.is_symlink() {
            found.push(Found::Skipped {
                path,
                why: "symlink; not followed (use --follow)".into(),
            });
        } else if ft.is_file() {
            found.push(Found::File {
                path,
                root: Some(root.to_path_buf()),
            });
        } else {
            found.push(Found::Skipped {
                path,
                why: "not a regular file (FIFO, device or socket)".into(),
            });
        }
    }
}
