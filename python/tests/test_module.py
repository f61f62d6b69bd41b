"""The zhfix Python module against the zhfix CLI, on the pipeline fixture.

Expected outputs come from running the CLI at test time (see conftest.py): the module must
give exactly what the CLI gives, record by record and file by file.
"""

import json
import re

import pytest

import zhfix
from conftest import BYTES_DIR, EDGE, RECORDS, cli_jsonl, loads, records, run_cli

TARGETS = ["keep", "s", "t", "tw"]
# Every SUBSET-th record also goes through the single-call functions.
SUBSET = 10


def diff_summary(mismatches):
    lines = [f"{len(mismatches)} mismatches; first ones:"]
    for key, got, want in mismatches[:5]:
        lines.append(f"  {key}:\n    module: {got!r}\n    cli:    {want!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("to", TARGETS)
def test_fix_equals_cli_jsonl_on_every_record(to):
    expected = cli_jsonl(str(RECORDS), "--to", to)
    pipeline = zhfix.Pipeline(to=to)
    recs = [loads(line) for line in records()]
    results = pipeline.fix_batch_reports([r["text"] for r in recs])
    mismatches = []
    changed = 0
    for i, (line, want_line, rec, (got, report)) in enumerate(zip(records(), expected, recs, results)):
        want = loads(want_line)
        if got != want["text"]:
            mismatches.append((rec["id"], got, want["text"]))
        # The CLI re-serialises exactly the records whose text changed.
        assert (report["status"] == "changed") == (want_line != line), rec["id"]
        changed += report["status"] == "changed"
        if i % SUBSET == 0:
            # The single-call forms agree with the batch (the full equality of fix and
            # fix_batch is test_fix_batch_equals_fix).
            assert zhfix.fix(rec["text"], to=to) == got
            assert pipeline.fix_report(rec["text"]) == (got, report)
    assert not mismatches, diff_summary(mismatches)
    if to in ("s", "t"):
        # Conversion to the other script must change a good share of the records; if it
        # does not, the comparison above proved nothing.
        assert changed > len(expected) // 10


def test_cli_keeps_other_fields_and_their_order():
    """What the Spark pipe route relies on: only `text` changes, keys keep their order."""
    for line, out in zip(records(), cli_jsonl(str(RECORDS), "--to", "s")):
        a, b = loads(line), loads(out)
        assert list(a) == list(b)
        assert {k: v for k, v in a.items() if k != "text"} == {k: v for k, v in b.items() if k != "text"}


def test_edge_records_match_cli():
    raw_lines = EDGE.read_bytes().splitlines(keepends=True)
    out_lines = cli_jsonl(str(EDGE), "--to", "s")
    seen = 0
    for line, out in zip(raw_lines, out_lines):
        try:
            rec = json.loads(line)
        except ValueError:
            assert out == line  # invalid JSON passes through byte-identical
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            assert out == line
            continue
        assert zhfix.fix(rec["text"], to="s") == loads(out)["text"]
        seen += 1
    assert seen >= 6


def test_clean_text_is_returned_as_the_same_object():
    text = "plain ASCII text, nothing to do"
    assert zhfix.fix(text) is text
    assert zhfix.fix(text, to="s") is text
    assert zhfix.fix_batch([text])[0] is text
    assert zhfix.fix("") == ""


def test_fix_batch_equals_fix():
    texts = [loads(line)["text"] for line in records()]
    want = [zhfix.fix(t) for t in texts]
    assert zhfix.fix_batch(texts) == want
    p = zhfix.Pipeline(to="s")
    sample = texts[::SUBSET]
    want = [p.fix(t) for t in sample]
    assert zhfix.fix_batch(sample, to="s") == want
    assert p.fix_batch(sample) == want
    assert p.fix_batch(iter(sample)) == want  # any iterable
    assert p.fix_batch(tuple(sample)) == want
    assert p.fix_batch_reports(sample) == [p.fix_report(t) for t in sample]
    assert zhfix.fix_batch([]) == []


def byte_inputs():
    paths = sorted(BYTES_DIR.glob("*.bin"))
    assert len(paths) >= 20
    return paths


@pytest.mark.parametrize("to", ["keep", "s"])
def test_fix_bytes_equals_cli_text_and_report(to):
    for path in byte_inputs():
        data = path.read_bytes()
        text, report = zhfix.fix_bytes(data, to=to)
        proc = run_cli(["--to", to, str(path)])
        assert proc.returncode == 0, proc.stderr
        assert text == proc.stdout.decode("utf-8"), path.name
        proc = run_cli(["--report", "json", "--to", to, str(path)])
        cli_report = json.loads(proc.stdout)
        assert cli_report.pop("path") == str(path)
        changes = report.pop("changes")
        assert report == cli_report, path.name
        assert len(changes) == sum(report["repairs_by_kind"].values())
        assert sum(c["guessed"] for c in changes) == report["guessed"]
        assert sum(c["lost"] for c in changes) == report["lost"]


def test_fix_bytes_declares_the_encoding_of_its_text():
    # A Big5 page's text is UTF-8 once written, and says so, as the CLI's output does.
    text, report = zhfix.fix_bytes((BYTES_DIR / "declared-big5.bin").read_bytes())
    assert text == (
        "<!DOCTYPE html>\n"
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        "<title>說明</title></head>\n"
        "<body><p>這是一個以大五碼儲存的網頁。</p></body></html>\n"
    )
    assert report["repairs_by_kind"] == {"declaration": 1}
    change = report["changes"][0]
    assert (change["kind"], change["before"], change["after"]) == ("declaration", "big5", "utf-8")


def test_changes_are_what_explain_prints():
    checked = 0
    for path in byte_inputs():
        _, report = zhfix.fix_bytes(path.read_bytes())
        proc = run_cli(["--explain", str(path)])
        lines = [l for l in proc.stderr.decode("utf-8").splitlines() if l.startswith(f"{path}: [")]
        assert len(lines) == len(report["changes"]), path.name
        for line, c in zip(lines, report["changes"]):
            assert line.startswith(f"{path}: [{c['fixer']}] {c['kind']} at byte {c['offset']}: ")
            checked += 1
    assert checked > 0, "no fixture input needed a repair"


def test_report_keys():
    required = {"encoding", "confidence", "method", "malformed", "repairs_by_kind", "converted",
                "guessed", "lost", "bytes_in", "bytes_out", "status", "changes"}
    _, report = zhfix.Pipeline().fix_report("中文")
    assert set(report) == required
    assert report["method"] == "text" and report["status"] == "unchanged"
    assert report["bytes_in"] == report["bytes_out"] == len("中文".encode())
    _, report = zhfix.Pipeline(to="t").fix_report("简体中文")
    assert set(report) == required | {"config"}
    assert report["config"] == "s2t" and report["status"] == "changed"
    _, report = zhfix.fix_bytes(b"\xd6\xd0\xce\xc4\xff", from_encoding="gbk")
    assert set(report) == required | {"malformed_offsets"}
    assert report["malformed"] == 1 and report["malformed_offsets"] == [4]


def cli_error(args, stdin=b"x"):
    proc = run_cli(args, stdin=stdin)
    assert proc.returncode == 2
    return proc.stderr.decode("utf-8").strip()


def test_option_errors_have_the_cli_message():
    cases = [
        (dict(to="klingon"), ["--to", "klingon"]),
        (dict(config="s2x"), ["--config", "s2x"]),
        (dict(engine="nope"), ["--engine", "nope"]),
    ]
    for kwargs, flags in cases:
        msg = cli_error(flags)
        assert msg.startswith("zhfix: ")
        with pytest.raises(zhfix.ZhfixError) as e:
            zhfix.fix("中文", **kwargs)
        assert str(e.value) == msg.removeprefix("zhfix: ")
        with pytest.raises(zhfix.ZhfixError, match=re.escape(str(e.value))):
            zhfix.Pipeline(**kwargs)
    with pytest.raises(zhfix.ZhfixError) as e:
        zhfix.fix_bytes(b"x", from_encoding="klingon")
    assert str(e.value) == cli_error(["--from", "klingon"]).removeprefix("zhfix: ")
    assert issubclass(zhfix.ZhfixError, ValueError)
    with pytest.raises(zhfix.ZhfixError, match="unknown annotations mode 'sometimes'"):
        zhfix.Pipeline(annotations="sometimes")


def test_input_errors_have_the_cli_message(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("中文".encode("gbk") + b"\xff\n")
    proc = run_cli(["--strict", "--from", "gbk", str(bad)])
    assert proc.returncode == 2
    msg = proc.stderr.decode().strip()
    with pytest.raises(zhfix.ZhfixError) as e:
        zhfix.fix_bytes(bad.read_bytes(), strict=True, from_encoding="gbk")
    assert msg == f"{bad}: {e.value}"
    # Binary input: the CLI skips the file with this cause; the module raises it.
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02binary\x00\xff" * 8)
    report = json.loads(run_cli(["--report", "json", str(binary)]).stdout)
    assert report["status"] == "skipped"
    with pytest.raises(zhfix.ZhfixError) as e:
        zhfix.fix_bytes(binary.read_bytes())
    assert str(e.value).startswith(report["error"])


def test_type_errors():
    with pytest.raises(TypeError):
        zhfix.fix(b"bytes are not text")
    with pytest.raises(TypeError):
        zhfix.fix_bytes("text is not bytes")
    with pytest.raises(TypeError, match="item 1 is int"):
        zhfix.fix_batch(["a", 1])
    with pytest.raises(TypeError, match="not a single str"):
        zhfix.fix_batch("a str is not a batch")


def test_pipeline_repr_and_version():
    assert repr(zhfix.Pipeline()) == "zhfix.Pipeline(to='keep')"
    assert repr(zhfix.Pipeline(to="s", config="t2s", strict=True, repair=False)) == (
        "zhfix.Pipeline(to='s', config='t2s', strict=True, repair=False)"
    )
    version = run_cli(["--version"]).stdout.decode().split()
    assert version == ["zhfix", zhfix.__version__]
