"""The Spark job of examples/spark/ in local mode (`local[2]`) on 2,000 news
documents: the same number of events as `evrule run` on the same input,
written as Parquet partitioned by event type, the pack loaded once per
Python worker, not once per partition.

Needs Java 17+ and pyspark (with pandas); without them this test fails and
says so: it never skips silently."""

from __future__ import annotations

import collections
import itertools
import json
import os
import shutil
import subprocess
import sys

import pytest

from support import CONFLICT, REPO, cli_records

JOB = REPO / "examples" / "spark" / "code_corpus.py"
DOCUMENTS = 2000
PARTITIONS = 4


def require_spark():
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        pytest.fail(
            "Java is absent: the Spark test needs Java 17+ on PATH or in JAVA_HOME "
            "(Debian: apt-get install openjdk-17-jre-headless)",
            pytrace=False,
        )
    try:
        import pandas  # noqa: F401  (mapInArrow requires it)
        import pyspark  # noqa: F401
    except ImportError as error:
        pytest.fail(
            f"{error.name} is not installed: the Spark test needs "
            "pip install 'pyspark>=3.5' 'pandas>=2.2,<3' (see .ci/run)",
            pytrace=False,
        )


def sample(shared, path):
    """2,000 non-blank lines of the two news files, as JSONL documents."""
    docs = []
    for name in ("reuters21578.txt", "bbc.txt"):
        with open(shared / "news" / name, encoding="utf-8") as f:
            lines = (line.rstrip("\r\n") for line in f)
            docs += [
                {"id": f"{name}:{n}", "text": line}
                for n, line in itertools.islice(
                    ((n, l) for n, l in enumerate(lines, start=1) if l.strip()), DOCUMENTS // 2
                )
            ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return docs


def test_the_spark_job_codes_as_many_events_as_the_cli(cli, shared, tmp_path):
    require_spark()
    corpus = tmp_path / "corpus.jsonl"
    assert len(sample(shared, corpus)) == DOCUMENTS
    expected = cli_records(cli, CONFLICT, corpus)
    output = tmp_path / "events"
    done = subprocess.run(
        [sys.executable, str(JOB), str(CONFLICT), str(corpus), str(output),
         "--master", "local[2]", "--partitions", str(PARTITIONS)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.splitlines()[-1])
    print(f"\nevrule run: {len(expected)} events; Spark local[2]: {summary}")

    assert summary["events"] == len(expected) > 500
    by_event = collections.Counter(r["event"] for r in expected)
    assert summary["by_event"] == dict(sorted(by_event.items()))
    assert summary["partitions"] == PARTITIONS
    # Two Python workers at most in local[2]: loads, not one per partition.
    assert 1 <= summary["pack_loads"] <= 2
    assert {p.name for p in output.iterdir() if p.is_dir()} == {f"event={e}" for e in by_event}

    import pyarrow.dataset as ds

    table = ds.dataset(output, format="parquet", partitioning="hive").to_table()
    rows = {(r["doc"], r["start"], r["end"], r["rule"], r["code"]) for r in table.to_pylist()}
    assert rows == {(r["doc"], r["start"], r["end"], r["rule"], r.get("code")) for r in expected}


def test_a_broken_pack_stops_the_job_before_spark_starts(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "main.evr").write_text("event E { x: Nope }\n", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Rebels attacked."}\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(JOB), str(broken), str(corpus), str(tmp_path / "out"), "--master", "local[1]"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "unknown type `Nope`" in done.stderr
    assert "Spark" not in done.stderr  # no session was started
    assert not (tmp_path / "out").exists()
