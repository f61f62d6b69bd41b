"""Shared helpers: where the fixtures are and how to run the zhfix CLI as the oracle.

Every expected output is computed at test time by the CLI built from the same tree, so these
tests check that the module and the Spark job give what the CLI gives, whatever the repair
quality of the day. The CLI is ``$ZHFIX`` if set, else ``target/release/zhfix`` (build it
with ``cargo build --release``), else ``target/debug/zhfix``.
"""

import functools
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "pipeline"
RECORDS = FIXTURES / "records.jsonl"
EDGE = FIXTURES / "edge.jsonl"
BYTES_DIR = FIXTURES / "bytes"


def zhfix_bin() -> str:
    env = os.environ.get("ZHFIX")
    if env:
        return env
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "zhfix"
        if p.exists():
            return str(p)
    pytest.fail("no zhfix binary: run `cargo build --release` or set ZHFIX=/path/to/zhfix")


def run_cli(args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([zhfix_bin(), *args], input=stdin, capture_output=True, timeout=600)


@functools.lru_cache(maxsize=None)
def cli_jsonl(path: str, *flags: str) -> tuple[bytes, ...]:
    """The CLI's ``--jsonl text`` output for the file at ``path``, one entry per line (with
    its line break), checked to be line-for-line."""
    raw = Path(path).read_bytes()
    proc = run_cli(["--jsonl", "text", *flags], stdin=raw)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    out = proc.stdout.splitlines(keepends=True)
    assert len(out) == len(raw.splitlines(keepends=True))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def records() -> tuple[bytes, ...]:
    return tuple(RECORDS.read_bytes().splitlines(keepends=True))


def loads(line: bytes):
    return json.loads(line.decode("utf-8"))
