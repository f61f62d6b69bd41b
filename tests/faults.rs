//! Faults around the files zhfix reads and writes: read-only files and folders, files that
//! vanish or grow while a batch runs, FIFOs and devices, symlinks and hard links, a full
//! disk. Each test checks that every file ends up exactly as it was or exactly as
//! converted, that the path and the cause are reported, and the exit code.
//!
//! CI runs as root, and root ignores permission bits, so "read-only" is made real with
//! `chattr +i` (immutable: not even root may change it) and the full disk with a small
//! tmpfs. Where the machine allows neither, the one assertion that needs it is skipped
//! with a printed reason.
#![cfg(unix)]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

mod common;
use common::{gbk, names, zhfix, SENTENCE};

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// `chattr +i` on `path`, undone on drop; `None` where the file system or the user
/// cannot (not root, tmpfs, overlayfs).
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// Make `dir` unwritable for this process: permission bits for a normal user, the
/// immutable attribute for root. `None` if neither works here.
fn read_only_dir(dir: &Path) -> Option<Option<Immutable>> {
    if !is_root() {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        return Some(None);
    }
    Immutable::set(dir).map(Some)
}

#[test]
fn read_only_file_in_place_is_converted_and_keeps_its_mode() {
    // Like sed -i: replacing a file needs a writable folder, not a writable file; the
    // new file keeps the old one's permissions.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ro.txt");
    fs::write(&f, gbk(SENTENCE)).unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).unwrap();
    zhfix().arg("-i").arg(&f).assert().success().stderr("");
    assert_eq!(fs::read_to_string(&f).unwrap(), SENTENCE);
    assert_eq!(
        fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert_eq!(names(dir.path()), ["ro.txt"]);
}

#[test]
fn immutable_file_in_place_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("locked.txt");
    let other = dir.path().join("other.txt");
    fs::write(&f, gbk(SENTENCE)).unwrap();
    fs::write(&other, gbk(SENTENCE)).unwrap();
    let Some(_guard) = Immutable::set(&f) else {
        eprintln!("skipped: chattr +i is not available here (needs root on ext2/3/4, xfs, btrfs)");
        return;
    };
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(format!(
            "{}: Operation not permitted (os error 1)\n",
            f.display()
        ));
    assert_eq!(fs::read(&f).unwrap(), gbk(SENTENCE));
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        SENTENCE,
        "the batch went on"
    );
    assert_eq!(
        names(dir.path()),
        ["locked.txt", "other.txt"],
        "no temp file left"
    );
}

#[test]
fn read_only_folder_in_place_fails_only_files_that_would_change() {
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let legacy = ro.join("legacy.txt");
    let clean = ro.join("clean.txt");
    fs::write(&legacy, gbk(SENTENCE)).unwrap();
    fs::write(&clean, SENTENCE).unwrap();
    let Some(guard) = read_only_dir(&ro) else {
        eprintln!("skipped: running as root where chattr +i is not available");
        return;
    };
    let out = zhfix()
        .args(["-i", "-r"])
        .arg(&ro)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let cause = if is_root() {
        "Operation not permitted (os error 1)"
    } else {
        "Permission denied (os error 13)"
    };
    // One line, naming the file and the cause; the clean file needs no writing, so it
    // is not an error.
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let prefix = format!(
        "{}: cannot create a temp file in {}: {cause}",
        legacy.display(),
        ro.display()
    );
    assert!(stderr.starts_with(&prefix), "{stderr}");
    drop(guard);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(fs::read(&legacy).unwrap(), gbk(SENTENCE));
    assert_eq!(fs::read_to_string(&clean).unwrap(), SENTENCE);
    assert_eq!(names(&ro), ["clean.txt", "legacy.txt"]);
}

/// A file large enough that zhfix cannot finish writing it to a pipe nobody reads: the
/// test then knows exactly where zhfix is (inside this file) without any timing.
fn big_clean_text() -> String {
    let line = "第一行：这是一段很长的中文文本，用来填满管道的缓冲区。\n";
    line.repeat((4 << 20) / line.len())
}

#[test]
fn file_vanishing_mid_batch_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let c = dir.path().join("c.txt");
    let big = big_clean_text();
    fs::write(&a, &big).unwrap();
    fs::write(&b, gbk(SENTENCE)).unwrap();
    fs::write(&c, gbk(SENTENCE)).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhfix"))
        .args(["-j", "1"])
        .args([&a, &b, &c])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // The first byte of a.txt's output means the walk is over and b.txt not yet opened:
    // the rest of a.txt (megabytes) cannot pass the 64 KiB pipe until we read it.
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    fs::remove_file(&b).unwrap();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("{}: No such file or directory (os error 2)\n", b.display())
    );
    let mut all = first.to_vec();
    all.extend(rest);
    assert!(
        all == format!("{big}{SENTENCE}").into_bytes(),
        "a.txt then c.txt, whole"
    );
}

#[test]
fn file_appended_to_while_read_is_output_whole() {
    // zhfix reads a file in chunks as it goes, so lines appended before it reaches the
    // end are part of the output, whole.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    let big = big_clean_text();
    fs::write(&log, &big).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhfix"))
        .args(["-j", "1", "--chunk-size", "65536"])
        .arg(&log)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    // zhfix has read at most a few chunks of the 4 MiB; append while it waits on us.
    let appended = "追加的一行\n";
    fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .unwrap()
        .write_all(appended.as_bytes())
        .unwrap();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    let mut all = first.to_vec();
    all.extend(rest);
    assert!(all == format!("{big}{appended}").into_bytes());
}

#[test]
fn file_appended_to_during_an_in_place_rewrite_loses_nothing() {
    // Whenever the append lands — while zhfix reads (it is converted with the rest),
    // after it read and before the rename (zhfix sees the change and leaves the file),
    // or after the rename (it lands in the new file) — no appended byte is lost.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    let line = "第一行：这是一段很长的中文文本。\n";
    let old = line.repeat((512 << 10) / line.len());
    fs::write(&log, gbk(&old)).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhfix"))
        .args(["-i", "-j", "1", "--chunk-size", "65536"])
        .arg(&log)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until zhfix is inside the file (its temp file exists), then append.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while names(dir.path()).len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    let appended = "追加的一行\n";
    fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .unwrap()
        .write_all(&gbk(appended))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let now = fs::read(&log).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let converted_all = format!("{old}{appended}").into_bytes();
    let mut left_alone = gbk(&old);
    left_alone.extend(gbk(appended));
    let mut appended_after = old.clone().into_bytes();
    appended_after.extend(gbk(appended));
    if now == left_alone {
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr,
            format!(
                "{}: changed while zhfix was reading it; left as it is (run zhfix again)\n",
                log.display()
            )
        );
    } else {
        assert!(
            now == converted_all || now == appended_after,
            "appended bytes lost or file mangled ({} bytes; stderr {stderr})",
            now.len()
        );
        assert!(out.status.success(), "{stderr}");
    }
    assert_eq!(names(dir.path()), ["log.txt"]);
}

#[test]
fn fifos_and_devices_are_skipped_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let text = dir.path().join("text.txt");
    fs::write(&text, gbk(SENTENCE)).unwrap();
    // Opening the FIFO would block forever (nobody writes to it): the timeout catches it.
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .arg("/dev/null")
        .assert()
        .success()
        .stderr(format!(
            "{}: not a regular file (FIFO, device or socket); skipped\n\
             /dev/null: not a regular file (FIFO, device or socket); skipped\n",
            fifo.display()
        ));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(fs::read_to_string(&text).unwrap(), SENTENCE);
    zhfix()
        .args(["--quiet", "-i"])
        .arg(&fifo)
        .assert()
        .success()
        .stderr("");
}

#[test]
fn output_into_a_fifo_is_written_not_replaced() {
    // `-o /dev/stdout` or `-o /dev/null` must write into the device, never rename a
    // regular file over it (as root that would replace /dev/null for everyone).
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, gbk(SENTENCE)).unwrap();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let link = dir.path().join("stdout-like");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for dest in [&fifo, &link] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        zhfix().arg("-o").arg(dest).arg(&input).assert().success();
        assert_eq!(reader.join().unwrap(), SENTENCE.as_bytes());
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(names(dir.path()), ["in.txt", "out.fifo", "stdout-like"]);
}

#[test]
fn output_symlink_is_refused_unless_follow() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, gbk(SENTENCE)).unwrap();
    let real = dir.path().join("real.txt");
    fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    zhfix()
        .arg("-o")
        .arg(&link)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(format!(
            "{}: output {} is a symlink; not replaced (use --follow to replace its target)\n",
            input.display(),
            link.display()
        ));
    assert_eq!(fs::read_to_string(&real).unwrap(), "old\n");
    zhfix()
        .args(["--follow", "-o"])
        .arg(&link)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&real).unwrap(), SENTENCE);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn symlinks_into_the_tree_are_not_followed_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    fs::write(&real, gbk(SENTENCE)).unwrap();
    let inner = dir.path().join("inner-link.txt");
    std::os::unix::fs::symlink(&real, &inner).unwrap();
    let looped = dir.path().join("loop");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("far.txt"), gbk(SENTENCE)).unwrap();
    let dirlink = dir.path().join("dir-link");
    std::os::unix::fs::symlink(outside.path(), &dirlink).unwrap();

    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(format!(
            "{}: symlink; not followed (use --follow); skipped\n\
             {}: symlink; not followed (use --follow); skipped\n\
             {}: symlink; not followed (use --follow); skipped\n",
            dirlink.display(),
            inner.display(),
            looped.display()
        ));
    // The real file was converted once, under its own name; the links are still links.
    assert_eq!(fs::read_to_string(&real).unwrap(), SENTENCE);
    assert_eq!(fs::read_link(&inner).unwrap(), real);
    assert_eq!(fs::read_link(&dirlink).unwrap(), outside.path());
    assert_eq!(
        fs::read(outside.path().join("far.txt")).unwrap(),
        gbk(SENTENCE),
        "nothing outside the tree was written"
    );

    // Named on the command line, a link is read but never written through in place.
    fs::write(&real, gbk(SENTENCE)).unwrap();
    zhfix()
        .arg("-i")
        .arg(&inner)
        .assert()
        .code(2)
        .stderr(format!(
            "{}: is a symlink; not written through (use --follow to write its target)\n",
            inner.display()
        ));
    assert_eq!(fs::read(&real).unwrap(), gbk(SENTENCE));
    assert!(fs::symlink_metadata(&inner)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn out_dir_replaces_a_symlink_in_the_mirror_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("a.txt"), gbk(SENTENCE)).unwrap();
    let dst = dir.path().join("dst");
    fs::create_dir(&dst).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&victim, dst.join("a.txt")).unwrap();
    zhfix()
        .arg("-r")
        .arg("--out-dir")
        .arg(&dst)
        .arg(&src)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert!(fs::symlink_metadata(dst.join("a.txt")).unwrap().is_file());
    assert_eq!(fs::read_to_string(dst.join("a.txt")).unwrap(), SENTENCE);
}

#[test]
fn clean_hard_linked_file_in_place_is_left_alone_without_error() {
    // Refusing to split hard links only matters for a file that would change.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, SENTENCE).unwrap();
    fs::hard_link(&a, &b).unwrap();
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
    zhfix()
        .args(["-i", "--to", "t"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(format!(
            "{}: has 2 hard links; replacing it would split them (use --force to do it anyway)\n",
            a.display()
        ));
    assert_eq!(fs::read_to_string(&a).unwrap(), SENTENCE);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        fs::metadata(&a).unwrap().ino(),
        fs::metadata(&b).unwrap().ino()
    );
}

/// A tmpfs of `kib` KiB mounted on `dir`, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, kib: usize) -> Option<Tmpfs> {
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_disk_leaves_the_original_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let Some(_fs) = Tmpfs::mount(&mnt, 256) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); see full_disk_injected in src/io tests");
        return;
    };
    // 120 KiB of GBK becomes 180 KiB of UTF-8: the copy cannot fit beside the original
    // in 256 KiB. The small file fits and is converted first (-j 1: sorted order).
    let big_text = SENTENCE.repeat((120 << 10) / gbk(SENTENCE).len());
    let small = mnt.join("a-small.txt");
    let big = mnt.join("b-big.txt");
    fs::write(&small, gbk(SENTENCE)).unwrap();
    fs::write(&big, gbk(&big_text)).unwrap();
    zhfix()
        .args(["-i", "-r", "-j", "1"])
        .arg(&mnt)
        .assert()
        .code(2)
        .stderr(format!(
            "{}: No space left on device (os error 28)\n",
            big.display()
        ));
    assert_eq!(fs::read_to_string(&small).unwrap(), SENTENCE);
    assert_eq!(fs::read(&big).unwrap(), gbk(&big_text));
    assert_eq!(
        names(&mnt),
        ["a-small.txt", "b-big.txt"],
        "no temp file left"
    );
}

#[test]
fn write_error_mid_stream_leaves_the_destination_untouched() {
    // The library path a full disk takes, injected: the sink fails on the third chunk,
    // the error comes back, and the unfinished AtomicFile vanishes on drop.
    use zhfix::io::atomic::AtomicFile;
    use zhfix::io::stream::{fix_stream, StreamOptions};
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("dest.txt");
    fs::write(&dest, "original\n").unwrap();
    let pipeline = zhfix::Pipeline::builder().build().unwrap();
    let input = SENTENCE.repeat(20_000);
    let mut file = AtomicFile::create(&dest).unwrap();
    let mut chunks = 0;
    let err = fix_stream(
        &pipeline,
        input.as_bytes(),
        StreamOptions {
            chunk_size: 4096,
            batch: 2,
            output: None,
        },
        "input",
        |chunk| {
            chunks += 1;
            if chunks == 3 {
                return Err(zhfix::Error::io(
                    &dest,
                    std::io::Error::from_raw_os_error(libc::ENOSPC),
                ));
            }
            file.write_all(chunk.text.as_bytes())
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: No space left on device (os error 28)", dest.display())
    );
    assert_eq!(chunks, 3, "the stream stops at the first error");
    drop(file);
    assert_eq!(fs::read_to_string(&dest).unwrap(), "original\n");
    assert_eq!(names(dir.path()), ["dest.txt"]);
}
