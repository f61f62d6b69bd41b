//! Interruption: zhfix killed with SIGKILL in the middle of a large in-place batch leaves
//! every file either exactly as it was or exactly as converted, never partial; its temp
//! files are recognisable by name and never taken as input by the next run; a run that
//! finishes leaves no temp file behind.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;
use common::{gbk, zhfix, SENTENCE};

/// Every file under `dir`, recursively, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Is a temp file being written anywhere in the two-level tree [`batch`] makes?
fn temp_exists(dir: &Path) -> bool {
    fs::read_dir(dir).unwrap().any(|sub| {
        fs::read_dir(sub.unwrap().path())
            .map(|mut files| files.any(|f| is_temp(&f.unwrap().path())))
            .unwrap_or(false)
    })
}

fn is_temp(p: &Path) -> bool {
    let name = p.file_name().unwrap().to_string_lossy();
    name.starts_with(".zhfix-") && name.ends_with(".tmp")
}

/// Files `dir/NN/fNNN.txt`, each a different GBK text of 10–15 KiB (so the debug build
/// spends a while on each): (old bytes, new bytes) by path.
fn batch(dir: &Path, files: usize) -> BTreeMap<PathBuf, (Vec<u8>, Vec<u8>)> {
    let mut want = BTreeMap::new();
    for i in 0..files {
        let rel = PathBuf::from(format!("{:02}/f{i:03}.txt", i % 10));
        let text = format!("第{i}号文件\n").repeat(3) + &SENTENCE.repeat(100 + i % 50);
        let p = dir.join(&rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, gbk(&text)).unwrap();
        want.insert(rel, (gbk(&text), text.into_bytes()));
    }
    want
}

#[test]
fn sigkill_mid_batch_leaves_every_file_old_or_new_and_temp_files_are_never_input() {
    let dir = tempfile::tempdir().unwrap();
    let want = batch(dir.path(), 120);
    let inodes: Vec<(PathBuf, u64)> = want
        .keys()
        .map(|rel| {
            (
                rel.clone(),
                fs::metadata(dir.path().join(rel)).unwrap().ino(),
            )
        })
        .collect();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhfix"))
        .args(["-i", "-r", "-q", "-j", "2"])
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill mid-batch: once a file has been replaced (it has a new inode) and while
    // another is being written (its temp file exists from the start of its processing).
    let start = Instant::now();
    loop {
        let replaced = inodes
            .iter()
            .any(|(rel, ino)| fs::metadata(dir.path().join(rel)).is_ok_and(|m| m.ino() != *ino));
        if replaced && temp_exists(dir.path()) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no file replaced in 60 s"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "zhfix ended before the kill"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGKILL) }, 0);
    child.wait().unwrap();

    let after = tree(dir.path());
    let (mut old, mut new, mut temps) = (0, 0, Vec::new());
    for (rel, bytes) in &after {
        if is_temp(rel) {
            temps.push((rel.clone(), bytes.clone()));
            continue;
        }
        let (o, n) = want
            .get(rel)
            .unwrap_or_else(|| panic!("unexpected file {rel:?}"));
        if bytes == o {
            old += 1;
        } else if bytes == n {
            new += 1;
        } else {
            panic!("{rel:?} is neither the original nor the converted file");
        }
    }
    assert_eq!(old + new, want.len(), "a file went missing");
    assert!(
        new >= 1 && old >= 1,
        "not killed mid-batch: {old} old, {new} new"
    );
    eprintln!(
        "killed after {new} of {} files; {} temp files left",
        want.len(),
        temps.len()
    );

    // The next run finishes the job and leaves the killed run's temp files alone: not
    // walked as hidden files, and with --hidden named as temp files and skipped.
    let out = zhfix()
        .args(["-i", "-r", "--hidden"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), temps.len(), "{stderr}");
    for (rel, _) in &temps {
        let line = format!(
            "{}: a zhfix temp file (left by an interrupted run?); skipped",
            dir.path().join(rel).display()
        );
        assert!(stderr.contains(&line), "{stderr}");
    }
    let done = tree(dir.path());
    let mut expected: BTreeMap<PathBuf, Vec<u8>> = want
        .iter()
        .map(|(rel, (_, n))| (rel.clone(), n.clone()))
        .collect();
    expected.extend(temps);
    assert!(
        done == expected,
        "after the second run: not every file converted, or a temp file touched or added"
    );
}

#[test]
fn a_temp_file_is_never_input_even_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let temp = dir.path().join(".zhfix-a1b2c3.tmp");
    let real = dir.path().join("real.txt");
    fs::write(&temp, gbk(SENTENCE)).unwrap();
    fs::write(&real, gbk(SENTENCE)).unwrap();
    for args in [&["-i", "-r"][..], &["-i", "-r", "--hidden"][..]] {
        zhfix().args(args).arg(dir.path()).assert().success();
    }
    // `find | xargs zhfix -i` names it explicitly.
    zhfix()
        .arg("-i")
        .arg(&temp)
        .arg(&real)
        .assert()
        .success()
        .stderr(format!(
            "{}: a zhfix temp file (left by an interrupted run?); skipped\n",
            temp.display()
        ));
    assert_eq!(fs::read(&temp).unwrap(), gbk(SENTENCE));
    assert_eq!(fs::read_to_string(&real).unwrap(), SENTENCE);
}

#[test]
fn a_finished_batch_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let want = batch(dir.path(), 40);
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
    let done = tree(dir.path());
    let expected: BTreeMap<PathBuf, Vec<u8>> =
        want.into_iter().map(|(rel, (_, n))| (rel, n)).collect();
    assert!(
        done == expected,
        "{:?}",
        done.keys().filter(|k| is_temp(k)).collect::<Vec<_>>()
    );
}
