//! Atomic writes: a file ends up either exactly as it was or exactly as converted.
//!
//! Output goes to a temp file in the destination's own folder (same file system, so the
//! final `rename` is atomic), is flushed and synced, takes the original's permissions,
//! and only then replaces the destination. A crash or kill at any point leaves the
//! original intact plus, at worst, a temp file named `.zhfix-*.tmp` that [`is_temp_name`]
//! recognises and the walker never treats as input.
//!
//! Concurrent change: a file replaced in place must not lose what another program wrote
//! to it while zhfix was reading (an append to a log, an editor's save). The caller takes
//! a [`Snapshot`] of the open file when reading reaches the end and checks it with
//! [`Snapshot::still_matches`] just before the rename; a file that has grown, shrunk, been
//! touched, replaced or deleted since is left as it now is, and the run reports it. (A
//! write landing between that last check and the rename cannot be excluded without
//! locks that other programs do not take; the window is a few microseconds.)
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

/// What an input file looked like when zhfix finished reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Snapshot {
    /// The state of `file` (an open handle, so this is the file that was read, even if
    /// its name now points elsewhere).
    pub fn of(file: &fs::File) -> std::io::Result<Snapshot> {
        Ok(Snapshot::from_meta(&file.metadata()?))
    }

    fn from_meta(meta: &fs::Metadata) -> Snapshot {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Snapshot {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The number of bytes the file held.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Is `path` still this file, unchanged? An error says what happened to it.
    pub fn still_matches(&self, path: &Path) -> Result<(), Error> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Refused(
                    "vanished while zhfix was reading it; not recreated".into(),
                ))
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let now = Snapshot::from_meta(&meta);
        if (now.dev, now.ino) != (self.dev, self.ino) {
            return Err(Error::Refused(
                "was replaced by another file while zhfix was reading it; left as it is".into(),
            ));
        }
        if now != *self {
            return Err(Error::Refused(
                "changed while zhfix was reading it; left as it is (run zhfix again)".into(),
            ));
        }
        Ok(())
    }
}

/// A file being written; becomes `dest` on [`AtomicFile::commit`], vanishes if dropped.
pub struct AtomicFile {
    dest: PathBuf,
    out: Out,
}

enum Out {
    Temp(tempfile::NamedTempFile),
    /// A device, FIFO or socket named as the output: written straight into, because
    /// renaming a file over it would replace `/dev/null` or a pipe with a regular file.
    Direct(fs::File),
}

impl AtomicFile {
    /// Start writing a file the user named as the output (`-o`). A device or FIFO (or a
    /// symlink to one, like `/dev/stdout` on a pipe) is written straight into. A symlink
    /// to a regular file is refused unless `opts.follow`, then its target is replaced.
    pub fn create_output(dest: &Path, opts: &ReplaceOptions) -> Result<Self, Error> {
        let link = fs::symlink_metadata(dest).is_ok_and(|m| m.file_type().is_symlink());
        match fs::metadata(dest) {
            Ok(m) if m.is_dir() => Err(Error::Refused(format!(
                "output {} is a directory",
                dest.display()
            ))),
            Ok(m) if !m.is_file() => {
                let f = fs::OpenOptions::new()
                    .write(true)
                    .open(dest)
                    .map_err(|e| Error::io(dest, e))?;
                Ok(AtomicFile {
                    dest: dest.to_path_buf(),
                    out: Out::Direct(f),
                })
            }
            Ok(_) if link => {
                if !opts.follow {
                    return Err(Error::Refused(format!(
                        "output {} is a symlink; not replaced (use --follow to replace its target)",
                        dest.display()
                    )));
                }
                let target = fs::canonicalize(dest).map_err(|e| Error::io(dest, e))?;
                AtomicFile::create(&target)
            }
            _ => AtomicFile::create(dest),
        }
    }

    /// Start writing a replacement for (or a new) `dest`.
    pub fn create(dest: &Path) -> Result<Self, Error> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // A temp file is private (0600) until `commit` gives it the original's mode; a file
        // that did not exist gets what any new file gets (0666 less the umask, as cp,
        // iconv -o and shell redirection give it), not a private mode the user never chose.
        #[cfg(unix)]
        if fs::symlink_metadata(dest).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir).map_err(|e| Error::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::new(
                e.kind(),
                format!("cannot create a temp file in {}: {e}", dir.display()),
            ),
        })?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            out: Out::Temp(temp),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let f = match &mut self.out {
            Out::Temp(t) => t.as_file_mut(),
            Out::Direct(f) => f,
        };
        f.write_all(bytes).map_err(|e| Error::io(&self.dest, e))
    }

    /// Sync, copy the original's permissions, optionally back it up, then rename over it.
    pub fn commit(self, opts: &ReplaceOptions) -> Result<(), Error> {
        let dest = self.dest;
        let io = |e| Error::io(&dest, e);
        let temp = match self.out {
            Out::Temp(t) => t,
            Out::Direct(mut f) => return f.flush().map_err(io),
        };
        temp.as_file().sync_all().map_err(io)?;
        if let Ok(meta) = fs::metadata(&dest) {
            fs::set_permissions(temp.path(), meta.permissions()).map_err(io)?;
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
        temp.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

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
    fn snapshot_sees_appends_replacements_and_deletion() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("log.txt");
        fs::write(&p, "one\n").unwrap();
        let snap = Snapshot::of(&fs::File::open(&p).unwrap()).unwrap();
        assert_eq!(snap.len(), 4);
        snap.still_matches(&p).unwrap();

        let mut f = fs::OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"two\n").unwrap();
        let e = snap.still_matches(&p).unwrap_err().to_string();
        assert_eq!(
            e,
            "changed while zhfix was reading it; left as it is (run zhfix again)"
        );

        let snap = Snapshot::of(&fs::File::open(&p).unwrap()).unwrap();
        let other = dir.path().join("other.txt");
        fs::write(&other, "one\ntwo\n").unwrap();
        fs::rename(&other, &p).unwrap();
        let e = snap.still_matches(&p).unwrap_err().to_string();
        assert_eq!(
            e,
            "was replaced by another file while zhfix was reading it; left as it is"
        );

        let snap = Snapshot::of(&fs::File::open(&p).unwrap()).unwrap();
        fs::remove_file(&p).unwrap();
        let e = snap.still_matches(&p).unwrap_err().to_string();
        assert_eq!(e, "vanished while zhfix was reading it; not recreated");
    }

    #[cfg(unix)]
    #[test]
    fn output_into_a_fifo_or_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        let mut f = AtomicFile::create_output(&fifo, &ReplaceOptions::default()).unwrap();
        f.write_all(b"through the pipe").unwrap();
        f.commit(&ReplaceOptions::default()).unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let e = AtomicFile::create_output(&link, &ReplaceOptions::default())
            .err()
            .unwrap();
        assert!(e.to_string().contains("is a symlink; not replaced"), "{e}");
        let follow = ReplaceOptions {
            follow: true,
            ..Default::default()
        };
        let mut f = AtomicFile::create_output(&link, &follow).unwrap();
        f.write_all(b"new").unwrap();
        f.commit(&follow).unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    /// The process umask, from `/proc/self/status` (reading it with `umask(2)` means
    /// setting it, under tests that create files in other threads).
    #[cfg(target_os = "linux")]
    fn umask() -> u32 {
        let status = fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
        u32::from_str_radix(line["Umask:".len()..].trim(), 8).unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.txt");
        let mut f = AtomicFile::create(&new).unwrap();
        f.write_all(b"text").unwrap();
        f.commit(&ReplaceOptions::default()).unwrap();
        assert_eq!(mode(&new), 0o666 & !umask());

        let private = dir.path().join("private.txt");
        fs::write(&private, "old").unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
        let mut f = AtomicFile::create(&private).unwrap();
        let Out::Temp(temp) = &f.out else {
            panic!("a regular file is written through a temp file")
        };
        assert_eq!(
            mode(temp.path()),
            0o600,
            "the temp file is private meanwhile"
        );
        f.write_all(b"new").unwrap();
        f.commit(&ReplaceOptions::default()).unwrap();
        assert_eq!(mode(&private), 0o600);
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name(std::ffi::OsStr::new(".zhfix-abc123.tmp")));
        assert!(!is_temp_name(std::ffi::OsStr::new("zhfix.tmp")));
    }
}
