//! Hostile input: empty files, a 200 MB single line, only NUL bytes, invalid UTF-8
//! everywhere, UTF-16 with an odd length, mixed line endings, a BOM in the middle, 100,000
//! tiny files, 200 nested folders, file names that are not UTF-8. Each gets the exact
//! expected output or one clear `path: cause` line, the documented exit code (0 done,
//! 1 `--check` found changes, 2 some input failed) and never a panic; the long line is
//! fixed in bounded memory.
#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

mod common;
use common::{gbk, names, zhfix, SENTENCE};

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// The one line `--strict` prints for a UTF-8 input with malformed sequences.
fn strict_refusal(path: &Path, count: usize, first: usize) -> String {
    format!(
        "{}: {count} malformed byte sequence(s) in UTF-8, first at byte {first}; drop \
         --strict to replace them with U+FFFD\n",
        path.display()
    )
}

#[test]
fn empty_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    fs::write(&f, "").unwrap();
    zhfix().arg(&f).assert().success().stdout("").stderr("");
    zhfix().arg("-i").arg(&f).assert().success().stderr("");
    zhfix().arg("--check").arg(&f).assert().code(0).stdout("");
    let report = zhfix()
        .args(["--report", "json"])
        .arg(&f)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&report.get_output().stdout).unwrap();
    assert_eq!(
        (json["status"].as_str(), json["bytes_in"].as_u64()),
        (Some("unchanged"), Some(0))
    );
    assert_eq!(fs::read(&f).unwrap(), b"");
    assert_eq!(names(dir.path()), ["empty.txt"]);
}

#[test]
fn only_nul_bytes_is_skipped_as_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("zeros.txt");
    fs::write(&f, vec![0u8; 1 << 20]).unwrap();
    for args in [&["-i"][..], &["--check"][..], &[][..]] {
        zhfix()
            .args(args)
            .arg(&f)
            .assert()
            .code(0)
            .stdout("")
            .stderr(format!("{}: not text (NUL bytes); skipped\n", f.display()));
    }
    assert_eq!(fs::read(&f).unwrap(), vec![0u8; 1 << 20]);
}

/// Lines of bytes that are never valid anywhere in UTF-8 (C0, C1, F5–FF), ASCII between.
fn never_utf8() -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..500u32 {
        v.extend_from_slice(&[
            0xC0,
            0xC1,
            b'a' + (i % 26) as u8,
            0xF5 + (i % 11) as u8,
            0xFF,
        ]);
        v.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
    }
    v
}

#[test]
fn invalid_utf8_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.txt");
    let input = never_utf8();
    fs::write(&f, &input).unwrap();
    // Read as UTF-8, every malformed sequence is one U+FFFD (WHATWG, as Rust's lossy
    // decoding), nothing else changes.
    zhfix()
        .args(["--from", "utf-8"])
        .arg(&f)
        .assert()
        .success()
        .stdout(String::from_utf8_lossy(&input).into_owned());
    // --strict refuses it with one line naming the file, and exit 2.
    let a = zhfix()
        .args(["--from", "utf-8", "--strict", "-i"])
        .arg(&f)
        .assert()
        .code(2);
    assert_eq!(stderr_of(&a), strict_refusal(&f, 2000, 0));
    assert_eq!(fs::read(&f).unwrap(), input);
    // Detected, it is some single-byte legacy encoding: valid UTF-8 out, every line and
    // line ending kept.
    let a = zhfix().arg(&f).assert().success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert_eq!(out.matches("\r\n").count(), 250);
    assert_eq!(out.matches('\n').count(), 500);
    assert!(!out.contains('\u{FFFD}'), "{out:?}");
}

#[test]
fn utf16_with_an_odd_length_keeps_its_last_byte_as_a_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("odd.txt");
    let mut input = vec![0xFF, 0xFE];
    input.extend("中文\r\n第二行\n".encode_utf16().flat_map(u16::to_le_bytes));
    input.push(b'A');
    fs::write(&f, &input).unwrap();
    let a = zhfix()
        .args(["--report", "json"])
        .arg(&f)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(
        json["malformed_offsets"],
        serde_json::json!([input.len() - 1])
    );
    zhfix().arg("-i").arg(&f).assert().success().stderr("");
    assert_eq!(fs::read_to_string(&f).unwrap(), "中文\r\n第二行\n\u{FFFD}");
}

#[test]
fn mixed_line_endings_are_kept_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.txt");
    let text = "第一行\r\n第二行\n第三行\r第四行\r\n\r\n\n第七行";
    fs::write(&f, gbk(text)).unwrap();
    zhfix().arg("-i").arg(&f).assert().success().stderr("");
    assert_eq!(fs::read_to_string(&f).unwrap(), text);
    zhfix()
        .args(["--to", "t"])
        .arg(&f)
        .assert()
        .success()
        .stdout("第一行\r\n第二行\n第三行\r第四行\r\n\r\n\n第七行");
}

#[test]
fn a_bom_in_the_middle_is_text_and_a_leading_one_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let middle = dir.path().join("middle.txt");
    let leading = dir.path().join("leading.txt");
    fs::write(&middle, "第一段\r\n\u{FEFF}第二段\n").unwrap();
    fs::write(&leading, "\u{FEFF}中文内容\n").unwrap();
    zhfix()
        .arg("--check")
        .arg(&middle)
        .assert()
        .code(0)
        .stdout("");
    // A leading UTF-8 BOM is an encoding mark, not text: output is UTF-8 without one
    // unless --bom (what the corpus's utf-8-sig files expect).
    zhfix()
        .arg("--check")
        .arg(&leading)
        .assert()
        .code(1)
        .stdout(format!("{}\n", leading.display()));
    zhfix()
        .args(["--to", "t"])
        .arg(&leading)
        .assert()
        .success()
        .stdout("中文內容\n");
    zhfix()
        .args(["--bom"])
        .arg(&leading)
        .assert()
        .success()
        .stdout("\u{FEFF}中文内容\n");
    zhfix()
        .arg("-i")
        .arg(&middle)
        .arg(&leading)
        .assert()
        .success()
        .stderr("");
    assert_eq!(
        fs::read_to_string(&middle).unwrap(),
        "第一段\r\n\u{FEFF}第二段\n"
    );
    assert_eq!(fs::read_to_string(&leading).unwrap(), "中文内容\n");
}

/// Run `cmd` to completion; its exit code and peak resident memory in MiB (wait4).
// The child is reaped by wait4, which std's `wait` cannot do and report memory.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut std::process::Command) -> (i32, u64) {
    let child = cmd.spawn().unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    assert!(
        libc::WIFEXITED(status),
        "zhfix did not exit normally: {status}"
    );
    // Linux reports ru_maxrss in KiB.
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64 / 1024)
}

#[test]
fn a_200_mb_single_line_in_bounded_memory() {
    const SIZE: usize = 200 << 20;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("one-line.txt");
    let output = dir.path().join("out.txt");
    // Mostly ASCII (a debug build is slow on Chinese), a Chinese phrase every 4 KiB, and
    // not one line break: streaming has to cut inside the line.
    let mut block = "0123456789 abcdefghij ".repeat(186).into_bytes();
    block.extend_from_slice(SENTENCE.trim_end().as_bytes());
    let mut w = BufWriter::new(fs::File::create(&input).unwrap());
    let mut written = 0;
    while written < SIZE {
        w.write_all(&block).unwrap();
        written += block.len();
    }
    w.into_inner().unwrap().sync_all().unwrap();

    // Memory is bounded per worker thread (a batch of two chunks each, a chunk of a
    // single line growing to 16 MiB before it is cut), not by the input: one thread here
    // so the bound does not depend on the machine's cores.
    let (code, peak_mib) = run_measured(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("zhfix"))
            .args(["-j", "1", "-o"])
            .arg(&output)
            .arg(&input),
    );
    assert_eq!(code, 0);
    assert!(
        peak_mib < 150,
        "peak memory {peak_mib} MiB on a {} MiB line",
        SIZE >> 20
    );
    assert_same_content(&input, &output);
    assert_eq!(names(dir.path()), ["one-line.txt", "out.txt"]);
}

/// Compare two files in blocks, so neither is ever held whole.
fn assert_same_content(a: &Path, b: &Path) {
    let (mut fa, mut fb) = (fs::File::open(a).unwrap(), fs::File::open(b).unwrap());
    assert_eq!(fa.metadata().unwrap().len(), fb.metadata().unwrap().len());
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    let mut at = 0;
    loop {
        let n = fa.read(&mut ba).unwrap();
        if n == 0 {
            break;
        }
        fb.read_exact(&mut bb[..n]).unwrap();
        assert!(ba[..n] == bb[..n], "files differ in the MiB at byte {at}");
        at += n;
    }
}

#[test]
fn a_hundred_thousand_tiny_files_are_all_processed() {
    let dir = tempfile::tempdir().unwrap();
    let mut want = Vec::with_capacity(100_000);
    for d in 0..100 {
        let sub = dir.path().join(format!("{d:02}"));
        fs::create_dir(&sub).unwrap();
        for i in 0..1000 {
            let p = sub.join(format!("{i:03}.txt"));
            fs::write(&p, gbk(&format!("第{i}号\n"))).unwrap();
            want.push(p.display().to_string());
        }
    }
    // --check reads and fixes every file and lists each one that would change (all).
    let a = zhfix()
        .args(["--check", "-r", "-j", "2"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr("");
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let mut listed: Vec<&str> = out.lines().collect();
    listed.sort_unstable();
    assert_eq!(listed.len(), 100_000);
    assert!(listed == want, "the listed files are not the tree's files");
}

#[test]
fn two_hundred_nested_folders() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    let mut files = Vec::new();
    for level in 1..=200 {
        deep.push("d");
        if level % 50 == 0 {
            fs::create_dir_all(&deep).unwrap();
            let f = deep.join(format!("level{level}.txt"));
            fs::write(&f, gbk(SENTENCE)).unwrap();
            files.push(f);
        }
    }
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
    for f in &files {
        assert_eq!(fs::read_to_string(f).unwrap(), SENTENCE, "{}", f.display());
    }
}

#[test]
fn file_names_that_are_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // 中文 in GBK, as an old Windows archive extracts it.
    let name = |ext: &str| {
        let mut n = b"\xD6\xD0\xCE\xC4".to_vec();
        n.extend_from_slice(ext.as_bytes());
        dir.path().join(OsStr::from_bytes(&n))
    };
    let text = name(".txt");
    let binary = name(".bin");
    fs::write(&text, gbk(SENTENCE)).unwrap();
    fs::write(&binary, [0u8; 64]).unwrap();
    let a = zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(
        stderr_of(&a),
        format!("{}: not text (NUL bytes); skipped\n", binary.display())
    );
    assert_eq!(fs::read_to_string(&text).unwrap(), SENTENCE);
    let mut present: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    present.sort();
    assert_eq!(present, [binary.clone(), text.clone()]);
    // A failure names the file the same way, on one line, with exit 2.
    fs::write(&text, b"abc\xFF\n").unwrap();
    let a = zhfix()
        .args(["--from", "utf-8", "--strict"])
        .arg(&text)
        .assert()
        .code(2);
    assert_eq!(stderr_of(&a), strict_refusal(&text, 1, 3));
}
