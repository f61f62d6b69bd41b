"""scripts/spark_clean.py in Spark local mode, against `zhfix --jsonl text`.

Every record of the pipeline fixture (a few thousand dev-corpus records) goes through the
Spark job, and every output text must equal what the CLI writes for the same record. The
no-Python route, `rdd.pipe("zhfix --jsonl text ...")`, is checked the same way.
"""

import importlib.util
import json
import subprocess
import sys

import pytest

pytest.importorskip(
    "pyspark", reason="pyspark is not installed (pip install 'pyspark==3.5.9'; CI installs it)"
)

import zhfix  # noqa: E402
from conftest import EDGE, RECORDS, REPO, cli_jsonl, loads, records, zhfix_bin  # noqa: E402

SCRIPT = REPO / "scripts" / "spark_clean.py"


def load_job():
    spec = importlib.util.spec_from_file_location("spark_clean", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("zhfix-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


def expected_by_id(*flags):
    """id -> (input record, CLI output record, whether the CLI changed the line)."""
    out = {}
    for line, cli_line in zip(records(), cli_jsonl(str(RECORDS), *flags)):
        rec = loads(line)
        out[rec["id"]] = (rec, loads(cli_line), cli_line != line)
    return out


def check_rows(rows, expected, report_column="zhfix_report"):
    """Every expected record appears once, with the CLI's text and a consistent report."""
    assert len(rows) == len(expected)
    mismatches = []
    changed = 0
    for row in rows:
        rec, want, cli_changed = expected[row["id"]]
        if row["text"] != want["text"]:
            mismatches.append((row["id"], row["text"], want["text"]))
        assert row["source"] == rec["source"] and row["category"] == rec["category"]
        assert row["meta"]["len"] == rec["meta"]["len"]
        report = row[report_column]
        assert report["status"] == ("changed" if cli_changed else "unchanged"), row["id"]
        assert report.get("error") is None  # the JSON writer drops nulls
        changed += cli_changed
    assert not mismatches, f"{len(mismatches)} records differ from the CLI, e.g. {mismatches[:3]}"
    assert {r["id"] for r in rows} == set(expected)
    return changed


def test_job_on_jsonl_equals_cli_jsonl(tmp_path):
    """The script as a user runs it: its own Spark session, JSONL in, JSONL out."""
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--master", "local[2]", "--input", str(RECORDS),
         "--output", str(out), "--to", "s", "--partitions", "3"],
        capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    parts = sorted(out.glob("part-*.json"))
    assert len(parts) == 3
    rows = [json.loads(line) for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    expected = expected_by_id("--to", "s")
    changed = check_rows(rows, expected)
    assert changed > len(expected) // 10  # t2s really converted: the check had teeth
    for row in rows:
        if row["zhfix_report"]["status"] == "changed" and row["zhfix_report"].get("config"):
            assert row["zhfix_report"]["config"] == "t2s"


def test_job_on_parquet_equals_cli_jsonl(spark, tmp_path):
    """Parquet in and out, through the job's run() on a shared session, --to t, on every
    fourth record (the JSONL test above covers them all)."""
    job = load_job()
    src = tmp_path / "in.parquet"
    spark.read.json(str(RECORDS)).where("id % 4 = 0").repartition(2).write.parquet(str(src))
    out = tmp_path / "out.parquet"
    job.run(spark, job.parse_args(["--input", str(src), "--output", str(out), "--to", "t"]))
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(out)).collect()]
    expected = {k: v for k, v in expected_by_id("--to", "t").items() if k % 4 == 0}
    changed = check_rows(rows, expected)
    assert changed > 0


def test_nulls_empties_and_errors(spark):
    job = load_job()
    df = spark.createDataFrame(
        [(1, None), (2, ""), (3, "這是繁體中文"), (4, "plain ASCII")], "id long, text string"
    )
    rows = {r["id"]: r for r in job.clean(df, to="s").collect()}
    assert rows[1]["text"] is None and rows[1]["zhfix_report"] is None
    assert rows[2]["text"] == "" and rows[2]["zhfix_report"]["status"] == "unchanged"
    assert rows[3]["text"] == zhfix.fix("這是繁體中文", to="s")
    assert rows[3]["zhfix_report"]["status"] == "changed"
    assert rows[4]["text"] == "plain ASCII"
    with pytest.raises(zhfix.ZhfixError, match="unknown target 'klingon'"):
        job.clean(df, to="klingon")
    with pytest.raises(ValueError, match="no column 'body'"):
        job.clean(df, column="body")
    with pytest.raises(ValueError, match="column 'id' is bigint, not string"):
        job.clean(df, column="id")


def test_pipe_route_equals_cli(spark):
    """The no-Python route from the README: each partition piped through the CLI."""
    cmd = f"{zhfix_bin()} --jsonl text --to s"
    for path in (RECORDS, EDGE):
        got = spark.sparkContext.textFile(str(path), minPartitions=3).pipe(cmd).collect()
        # textFile drops line breaks (CRLF included), so compare line bodies.
        want = [line.decode("utf-8").rstrip("\r\n") for line in cli_jsonl(str(path), "--to", "s")]
        assert got == want, path.name
