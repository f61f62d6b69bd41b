#!/usr/bin/env python3
"""Clean one text column of a JSONL or Parquet dataset with zhfix, on Spark.

Local mode (this machine) and a cluster run the same script:

    python3 scripts/spark_clean.py --input crawl.jsonl --output clean/ --to s
    spark-submit --master yarn scripts/spark_clean.py \\
        --input hdfs:///crawl/ --format parquet --output hdfs:///clean/ --to s

Each partition builds one ``zhfix.Pipeline`` (so OpenCC dictionaries load once per
partition, not per row) and sends its rows through ``Pipeline.fix_batch_reports`` in
batches, with the GIL released, on as many threads as the task has cores
(``spark.task.cpus``): Spark itself already runs one task per core. The output
is the input's rows and columns with the text column fixed, plus a report column (a struct:
``status`` unchanged/changed/error, ``config``, ``repairs`` by kind, ``converted``,
``guessed``, ``lost``, ``error``). A null text stays null with a null report. A record the
library refuses keeps its text and gets ``status = "error"`` with the message; the job goes
on.

Each record's fixed text equals what ``zhfix --jsonl COLUMN`` writes for that record. The
``zhfix`` Python module must be importable on every executor (``pip install ./python`` on
the nodes, or ship a virtualenv with ``--archives``). For a route without Python on the
executors, see ``rdd.pipe("zhfix --jsonl text --to s")`` in python/README.md.

Spark's JSON reader infers one schema for the whole file and orders columns by name; use
the pipe route when each line's key order must be kept byte for byte.
"""

import argparse
import os
import sys
from itertools import islice

# Records per call into the module: large enough to keep every core busy, small enough
# that a partition's memory stays flat.
BATCH = 512

PIPELINE_OPTIONS = ("to", "config", "engine", "strict", "repair", "annotations",
                    "mark_guesses", "fullwidth_punct")


def report_type():
    from pyspark.sql.types import LongType, MapType, StringType, StructField, StructType

    return StructType([
        StructField("status", StringType(), False),
        StructField("config", StringType(), True),
        StructField("repairs", MapType(StringType(), LongType()), True),
        StructField("converted", LongType(), True),
        StructField("guessed", LongType(), True),
        StructField("lost", LongType(), True),
        StructField("error", StringType(), True),
    ])


def _report_row(report):
    return (report["status"], report.get("config"), dict(report["repairs_by_kind"]),
            report["converted"], report["guessed"], report["lost"], None)


def clean_partition(rows, index, options):
    """Fix the text at position ``index`` of every row; yield rows with a report appended.

    Runs on the executor: one pipeline for the whole partition.
    """
    # Spark already runs one task per core; each task's batches get the cores the task
    # was given (spark.task.cpus, default 1), not a rayon pool as wide as the machine in
    # every Python worker. Rayon reads this once, when the worker first uses the module.
    from pyspark import TaskContext

    ctx = TaskContext.get()
    if ctx is not None:
        os.environ.setdefault("RAYON_NUM_THREADS", str(max(1, ctx.cpus())))
    import zhfix

    pipeline = zhfix.Pipeline(**options)
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, BATCH))
        if not chunk:
            return
        texts = [r[index] for r in chunk if r[index] is not None]
        try:
            results = iter(pipeline.fix_batch_reports(texts))
        except zhfix.ZhfixError:
            # Some record is refused: redo this batch one by one so only it is marked.
            results = iter([_fix_one(pipeline, t) for t in texts])
        for row in chunk:
            values = list(row)
            if values[index] is None:
                yield tuple(values) + (None,)
                continue
            text, report = next(results)
            if isinstance(report, str):  # the error message from _fix_one
                yield tuple(values) + (("error", None, None, None, None, None, report),)
                continue
            values[index] = text
            yield tuple(values) + (_report_row(report),)


def _fix_one(pipeline, text):
    import zhfix

    try:
        return pipeline.fix_report(text)
    except zhfix.ZhfixError as e:
        return text, str(e)


def clean(df, column="text", report_column="zhfix_report", **options):
    """Return ``df`` with ``column`` fixed by zhfix and a ``report_column`` struct added.

    ``options`` are those of ``zhfix.Pipeline`` (``to="s"``, ``config``, ...).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    unknown = set(options) - set(PIPELINE_OPTIONS)
    if unknown:
        raise ValueError(f"unknown zhfix options: {sorted(unknown)}")
    if column not in df.columns:
        raise ValueError(f"no column '{column}' (columns: {', '.join(df.columns)})")
    if not isinstance(df.schema[column].dataType, StringType):
        raise ValueError(f"column '{column}' is {df.schema[column].dataType.simpleString()}, not string")
    if report_column in df.columns:
        raise ValueError(f"column '{report_column}' already exists; choose another --report-column")
    # Fail on the driver, with zhfix's own message, rather than in every task.
    import zhfix

    zhfix.Pipeline(**options)
    index = df.columns.index(column)
    schema = StructType(df.schema.fields + [StructField(report_column, report_type(), True)])
    rdd = df.rdd.mapPartitions(lambda rows: clean_partition(rows, index, options))
    return df.sparkSession.createDataFrame(rdd, schema)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="JSONL file or folder, or Parquet")
    p.add_argument("--output", required=True, help="output folder (Spark writes part files)")
    p.add_argument("--format", choices=["auto", "jsonl", "parquet"], default="auto",
                   help="input format (auto: by extension, .parquet is Parquet, else JSONL)")
    p.add_argument("--output-format", choices=["same", "jsonl", "parquet"], default="same")
    p.add_argument("--column", default="text", help="the string column to fix (default: text)")
    p.add_argument("--report-column", default="zhfix_report")
    p.add_argument("--to", default="keep", help="keep, s, t, tw, twp, hk, jp (as the CLI)")
    p.add_argument("--config", help="OpenCC configuration whatever the script (s2twp, ...)")
    p.add_argument("--engine", default="native")
    p.add_argument("--no-repair", action="store_true")
    p.add_argument("--annotations", choices=["auto", "strip", "keep"], default="auto")
    p.add_argument("--mark-guesses", action="store_true")
    p.add_argument("--fullwidth-punct", action="store_true")
    p.add_argument("--partitions", type=int, help="repartition the input first")
    p.add_argument("--mode", choices=["error", "overwrite"], default="error",
                   help="when the output exists (default: fail)")
    p.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    return p.parse_args(argv)


def options_from(args):
    return dict(to=args.to, config=args.config, engine=args.engine, repair=not args.no_repair,
                annotations=args.annotations, mark_guesses=args.mark_guesses,
                fullwidth_punct=args.fullwidth_punct)


def input_format(args):
    if args.format != "auto":
        return args.format
    return "parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl"


def run(spark, args):
    """Read, clean, write."""
    fmt = input_format(args)
    reader = spark.read
    df = reader.parquet(args.input) if fmt == "parquet" else reader.json(args.input)
    if args.partitions:
        df = df.repartition(args.partitions)
    out = clean(df, args.column, args.report_column, **options_from(args))
    out_fmt = fmt if args.output_format == "same" else args.output_format
    writer = out.write.mode(args.mode)
    if out_fmt == "parquet":
        writer.parquet(args.output)
    else:
        writer.json(args.output)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("zhfix-clean")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
