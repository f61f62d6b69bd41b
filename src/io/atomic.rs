//! Atomic writes: a file ends up either exactly as it was or exactly as converted.
//!
//! Output goes to a temp file in the destination's own folder (same file system, so the
//! final `rename` is atomic), is flushed and synced, takes the original's permissions,
//! and only then replaces the destination. A crash or kill at any point leaves the
//! original intact plus, at worst, a temp file named `.zhfix-*.tmp` that [`is_temp_name`]
//! recognises and the walker never treats as input.
//!
//! Links: writing "in place" through a symlink would change a file outside the tree the
//! user named, and renaming over a hard-linked file silently splits it from its other
//! names. Both are refused unless the user says otherwise (`--follow`, `--force`).

use crate::Error;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix and suffix of zhfix's temp files.
pub const TEMP_PREFIX: &str = ".zhfix-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Is this file name one of zhfix's temp files (possibly left by a killed run)?
pub fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX)
}

/// Rules for replacing an existing file.
#[derive(Debug, Clone, Default)]
pub struct ReplaceOptions {
    /// Keep the original as `<path><suffix>`.
    pub backup: Option<String>,
    /// Write through a symlink to its target.
    pub follow: bool,
    /// Replace a file that has other hard links (they keep the old content).
    pub force: bool,
}

/// Where an in-place write of `path` may go: the path itself, or a symlink's target with
/// `follow`. Refuses symlinks, hard-linked files and non-regular files.
pub fn in_place_target(path: &Path, opts: &ReplaceOptions) -> Result<PathBuf, Error> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    let target = if meta.file_type().is_symlink() {
        if !opts.follow {
            return Err(Error::Refused(
                "is a symlink; not written through (use --follow to write its target)".into(),
            ));
        }
        fs::canonicalize(path).map_err(|e| Error::io(path, e))?
    } else {
        path.to_path_buf()
    };
    let meta = fs::metadata(&target).map_err(|e| Error::io(&target, e))?;
    if !meta.is_file() {
        return Err(Error::Refused("not a regular file; skipped".into()));
    }
    if hard_links(&meta) > 1 && !opts.force {
        return Err(Error::Refused(format!(
            "has {} hard links; replacing it would split them (use --force to do it anyway)",
            hard_links(&meta)
        )));
    }
    Ok(target)
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_meta: &fs::Metadata) -> u64 {
    1
}

/// A file being written; becomes `dest` on [`AtomicFile::commit`], vanishes if dropped.
pub struct AtomicFile {
    dest: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Start writing a replacement for (or a new) `dest`.
    pub fn create(dest: &Path) -> Result<Self, Error> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::new(
                    e.kind(),
                    format!("cannot create a temp file in {}: {e}", dir.display()),
                ),
            })?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            temp,
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.temp
            .as_file_mut()
            .write_all(bytes)
            .map_err(|e| Error::io(&self.dest, e))
    }

    /// Sync, copy the original's permissions, optionally back it up, then rename over it.
    pub fn commit(self, opts: &ReplaceOptions) -> Result<(), Error> {
        let dest = self.dest;
        let io = |e| Error::io(&dest, e);
        self.temp.as_file().sync_all().map_err(io)?;
        if let Ok(meta) = fs::metadata(&dest) {
            fs::set_permissions(self.temp.path(), meta.permissions()).map_err(io)?;
            if let Some(suffix) = &opts.backup {
                let mut backup = dest.clone().into_os_string();
                backup.push(suffix);
                let backup = PathBuf::from(backup);
                let _ = fs::remove_file(&backup);
                // A hard link is instant and leaves the original's inode as the backup;
                // copy where links are not possible (another file system, FAT).
                if fs::hard_link(&dest, &backup).is_err() {
                    fs::copy(&dest, &backup).map_err(|e| Error::io(&backup, e))?;
                }
            }
        }
        self.temp
            .persist(&dest)
            .map_err(|e| Error::io(&dest, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        drop(f);
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        f.commit(&ReplaceOptions {
            backup: Some(".bak".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt.bak")).unwrap(),
            "old"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name(std::ffi::OsStr::new(".zhfix-abc123.tmp")));
        assert!(!is_temp_name(std::ffi::OsStr::new("zhfix.tmp")));
    }
}
