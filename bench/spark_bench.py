#!/usr/bin/env python3
"""Spark local mode vs the CLI: examples/spark/code_corpus.py's job with
`local[2]` against `evrule run --jobs 2` on the same JSONL corpus (the shared
news corpus, one document per line), and the cost of one more partition.

    python/.venv/bin/python bench/spark_bench.py

Run it with the Python that has evrule, pyspark and pandas installed (`.ci/run`
sets up python/.venv); Spark needs Java 17+. One Spark session runs every
job (`code_corpus.code_corpus`: read, code with mapInArrow, write Parquet by
event type). Measures:

- the CLI, `--jobs 2`, end to end: words/s;
- Spark: the session's start-up, then the job on the whole corpus in 2
  partitions twice, cold (JVM and Python workers starting, JIT warming up)
  and warm (the steady state a long job runs in): words/s, and the event
  count, which must equal the CLI's;
- the per-partition start-up cost: the warm job on 200 documents in 2 and
  in 66 partitions, difference / 64;
- the time to load the pack in Python (paid once per worker).

Prints Markdown and, for each step, the other load on the machine (the share
of the CPU used by processes other than this benchmark and its JVM and
workers; above ~10% the timings are disturbed). Exits 0 with a message when
../shared/corpus/news is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpus" / "news"
FILES = ["reuters21578.txt", "bbc.txt"]
PACK = REPO / "rules" / "conflict"
JOB = REPO / "examples" / "spark" / "code_corpus.py"


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def own_ticks() -> int:
    """CPU jiffies of this process and all its descendants (the JVM, the
    Python workers, the CLI), finished children included."""
    parents, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid > 1:
            if pid == me:
                return True
            pid = parents.get(pid, 0)
        return False

    return sum(t for pid, t in ticks.items() if mine(pid))


class Measured:
    """Wall time and other load of a block."""

    def __enter__(self):
        self.busy, self.total = cpu_ticks()
        self.own = own_ticks()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.started
        busy, total = cpu_ticks()
        own = own_ticks() - self.own
        busy, total = busy - self.busy, total - self.total
        self.other = max(0, busy - own) / total if total else 0.0


def write_corpus(path: Path, limit: int | None = None) -> int:
    """The news lines as JSONL with the CLI's `--lines` ids; returns words."""
    words = 0
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for name in FILES:
            with open(NEWS / name, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    line = line.rstrip("\r\n")
                    if not line.strip():
                        continue
                    if limit is not None and written >= limit:
                        return words
                    out.write(json.dumps({"id": f"{name}:{n}", "text": line}) + "\n")
                    words += len(line.split())
                    written += 1
    return words


def main() -> int:
    if not NEWS.is_dir():
        print(f"bench: {NEWS} is absent; nothing to measure")
        return 0
    import evrule

    if "EVRULE_BIN" in os.environ:
        cli = os.environ["EVRULE_BIN"]
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        cli = str(REPO / "target" / "release" / "evrule")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, small = tmp / "news.jsonl", tmp / "small.jsonl"
        words = write_corpus(corpus)
        write_corpus(small, limit=200)

        with Measured() as m:
            done = subprocess.run(
                [cli, "run", str(PACK), str(corpus), "--jobs", "2", "-o", "/dev/null"],
                capture_output=True, text=True, check=True,
            )
        cli_events = int(done.stderr.split(" events")[0].rsplit(" ", 1)[1])
        rows.append(("CLI `--jobs 2`, end to end", m.wall, words / m.wall, m.other))

        with Measured() as m:
            started = time.perf_counter()
            pack = evrule.Pack(PACK)
            pack_load = time.perf_counter() - started
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        sys.path.insert(0, str(JOB.parent))
        from pyspark.sql import SparkSession

        import code_corpus

        with Measured() as m:
            spark = (
                SparkSession.builder.master("local[2]").appName("evrule bench")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
        rows.append(("Spark session start-up", m.wall, None, m.other))

        def job(path: Path, partitions: int, name: str) -> tuple[dict, Measured]:
            with Measured() as m:
                summary = code_corpus.code_corpus(
                    spark, pack, str(path), str(tmp / name), partitions=partitions
                )
            return summary, m

        loads = []
        try:
            for label in ("cold", "warm"):
                summary, m = job(corpus, 2, label)
                if summary["events"] != cli_events:
                    sys.exit(f"bench: the CLI found {cli_events} events, Spark {summary['events']}")
                rows.append((f"Spark `local[2]` job, 2 partitions, {label}", summary["seconds"],
                             words / summary["seconds"], m.other))
                loads.append(summary["pack_loads"])
            few, m_few = job(small, 2, "few")
            many, m_many = job(small, 66, "many")
            loads += [few["pack_loads"], many["pack_loads"]]
        finally:
            spark.stop()

    per_partition = (many["seconds"] - few["seconds"]) / 64
    print(f"news corpus as JSONL: {words:,} words, {cli_events} events (the same in Spark), "
          f"pack {PACK.name}\n")
    print("| run | s | words/s | other load |")
    print("|---|---|---|---|")
    for label, seconds, rate, other in rows:
        rate = f"{rate:,.0f}" if rate else ""
        print(f"| {label} | {seconds:.2f} | {rate} | {other:.0%} |")
    print()
    print(f"per-partition start-up cost: {per_partition * 1000:.0f} ms "
          f"(200 documents: {few['seconds']:.2f} s in 2 partitions, {many['seconds']:.2f} s in 66; "
          f"other load {max(m_few.other, m_many.other):.0%})")
    print(f"pack loads by the Spark workers, per job (cold, warm, 2 and 66 partitions): {loads}")
    print(f"loading the pack in Python: {pack_load * 1000:.0f} ms (once per worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
