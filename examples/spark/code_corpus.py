"""Code a corpus with an evrule pack on Apache Spark.

Reads a JSONL or Parquet corpus (one document per row: `text`, and `id`,
`date` when present), codes it with `mapInArrow` (the pack is loaded once per
Python worker, then reused by every task that worker runs), and writes the
events as Parquet partitioned by event type (`OUTPUT/event=ArmedClash/…`).

Local mode (what the tests run):

    python examples/spark/code_corpus.py rules/conflict corpus.jsonl events/ --master 'local[2]'

On a cluster (see docs/SCALE.md), ship the pack as an archive and the
evrule wheel with the job:

    spark-submit --archives conflict.zip#pack --py-files evrule-….whl \\
        examples/spark/code_corpus.py rules/conflict s3://corpus/ s3://events/ \\
        --executor-pack pack

The driver loads PACK itself (a broken pack fails before any task starts,
and the output schema comes from it); executors load `--executor-pack`
(default: PACK), relative to their working directory, where `--archives`
unpacks the pack.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Iterator

import pyarrow as pa

import evrule

# One pack per Python worker process and pack path. Spark reuses a worker
# for many tasks (spark.python.worker.reuse, on by default); this module is
# imported once per worker, so the cache outlives the tasks.
_PACKS: dict[str, evrule.Pack] = {}


def pack_at(path: str, loads=None) -> evrule.Pack:
    """The pack at `path`, loaded on first use in this process."""
    pack = _PACKS.get(path)
    if pack is None:
        pack = _PACKS[path] = evrule.Pack(path)
        if loads is not None:
            loads.add(1)
    return pack


def code_batches(
    batches: Iterator[pa.RecordBatch],
    *,
    pack_path: str,
    text_column: str,
    id_column: str,
    date_column: str,
    loads=None,
) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: each batch of documents to batches of events.
    One thread per task: Spark runs tasks in parallel already."""
    pack = pack_at(pack_path, loads)
    for batch in batches:
        events = evrule.run_table(
            pack, batch, text_column, id_column, date_column=date_column, jobs=1
        )
        yield from events.to_batches()


def read_corpus(spark, path: str, fmt: str, text_column: str, id_column: str, date_column: str):
    """The corpus as a DataFrame with non-null texts."""
    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") or os.path.isdir(path) else "jsonl"
    if fmt == "parquet":
        frame = spark.read.parquet(path)
    else:
        # An explicit schema: no inference pass over the corpus, other fields
        # dropped, and JSON numbers in `id` read as their text (as the CLI does).
        schema = f"`{id_column}` string, `{text_column}` string, `{date_column}` string"
        frame = spark.read.schema(schema).json(path)
    return frame.where(frame[text_column].isNotNull())


def spark_schema(pack: evrule.Pack):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(pack.arrow_schema())


def code_corpus(
    spark,
    pack: evrule.Pack,
    corpus: str,
    output: str,
    *,
    executor_pack: str | None = None,
    fmt: str = "auto",
    partitions: int | None = None,
    text_column: str = "text",
    id_column: str = "id",
    date_column: str = "date",
) -> dict:
    """Runs the job with a pack loaded on the driver; returns a summary
    (events in all and per type, pack loads on the workers, partitions,
    seconds)."""
    started = time.perf_counter()
    # Spark pickles the functions of a script by value, which would give each
    # task a fresh `_PACKS`; shipping this file as a module makes workers
    # import it (once) and the task function a reference to it.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    import code_corpus as job

    loads = spark.sparkContext.accumulator(0)
    documents = read_corpus(spark, corpus, fmt, text_column, id_column, date_column)
    if partitions:
        documents = documents.repartition(partitions)
    coder = functools.partial(
        job.code_batches,
        pack_path=executor_pack or os.path.abspath(pack.path),
        text_column=text_column,
        id_column=id_column if id_column in documents.columns else "",
        date_column=date_column,
        loads=loads,
    )
    events = documents.mapInArrow(coder, spark_schema(pack))
    events.write.partitionBy("event").mode("overwrite").parquet(output)
    seconds = time.perf_counter() - started
    counts = {
        row["event"]: row["count"]
        for row in spark.read.parquet(output).groupBy("event").count().collect()
    }
    return {
        "events": sum(counts.values()),
        "by_event": dict(sorted(counts.items())),
        "pack_loads": loads.value,
        "partitions": documents.rdd.getNumPartitions(),
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", help="the pack folder (or .evr file) on the driver")
    parser.add_argument("corpus", help="a JSONL file or folder, or a Parquet file or folder")
    parser.add_argument("output", help="where the events go (Parquet, partitioned by event)")
    parser.add_argument("--executor-pack", help="the pack's path on the executors (default: PACK)")
    parser.add_argument("--format", choices=["auto", "jsonl", "parquet"], default="auto")
    parser.add_argument("--partitions", type=int, help="repartition the corpus into N partitions")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--date-column", default="date")
    parser.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    args = parser.parse_args(argv)
    try:
        # On the driver, before Spark starts: a broken pack costs no cluster time.
        pack = evrule.Pack(args.pack)
    except evrule.PackError as error:
        print(error, file=sys.stderr)
        return 1

    if args.master and args.master.startswith("local"):
        # Local workers must run the Python that has evrule installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("evrule code_corpus")
    if args.master:
        builder = (
            builder.master(args.master)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        summary = code_corpus(
            spark,
            pack,
            args.corpus,
            args.output,
            executor_pack=args.executor_pack,
            fmt=args.format,
            partitions=args.partitions,
            text_column=args.text_column,
            id_column=args.id_column,
            date_column=args.date_column,
        )
    finally:
        spark.stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
