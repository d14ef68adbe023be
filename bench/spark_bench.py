#!/usr/bin/env python3
"""Spark local mode vs the CLI: examples/spark/code_corpus.py with
`local[2]` against `evrule run --jobs 2` on the same JSONL corpus (the shared
news corpus, one document per line), and the cost of one more partition.

    python/.venv/bin/python bench/spark_bench.py

Run it with the Python that has evrule, pyspark and pandas installed (`.ci/run`
sets up python/.venv); Spark needs Java 17+. Measures:

- the CLI, `--jobs 2`, end to end: words/s;
- the Spark job on 2 partitions: words/s end to end (JVM start included)
  and over the job alone (reading, coding, writing Parquet: the job's own
  `seconds`), and the event counts, which must equal the CLI's;
- the per-partition start-up cost: the job's seconds on a small corpus
  (200 documents) split into 2 and into 66 partitions, difference / 64;
- the time to load the pack in a Python worker (paid once per worker).

Prints a Markdown table and the other load on the machine (the share of CPU
other processes used meanwhile; above ~10% the timings are disturbed). Exits
0 with a message when ../shared/corpus/news is absent.
"""

from __future__ import annotations

import json
import os
import resource
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
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def measure(command: list[str]) -> dict:
    """Wall time, output, and the share of the machine other processes used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, total0 = cpu_ticks()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    busy1, total1 = cpu_ticks()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, command[:3]))}… failed:\n{done.stderr[-3000:]}")
    own = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    hz = os.sysconf("SC_CLK_TCK")
    total = (total1 - total0) / hz
    other = max(0.0, (busy1 - busy0) / hz - own) / total if total else 0.0
    return {"wall": wall, "other": other, "stdout": done.stdout, "stderr": done.stderr}


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


def spark_job(corpus: Path, output: Path, partitions: int) -> dict:
    run = measure([sys.executable, str(JOB), str(PACK), str(corpus), str(output),
                   "--master", "local[2]", "--partitions", str(partitions)])
    summary = json.loads(run["stdout"].splitlines()[-1])
    return {**run, **summary}


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
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "news.jsonl"
        words = write_corpus(corpus)
        run = measure([cli, "run", str(PACK), str(corpus), "--jobs", "2", "-o", "/dev/null"])
        cli_events = int(run["stderr"].split(" events")[0].rsplit(" ", 1)[1])
        cli_wall, cli_other = run["wall"], run["other"]

        spark = spark_job(corpus, tmp / "events", 2)
        if spark["events"] != cli_events:
            sys.exit(f"bench: the CLI found {cli_events} events, Spark {spark['events']}")

        small = tmp / "small.jsonl"
        write_corpus(small, limit=200)
        few = spark_job(small, tmp / "few", 2)
        many = spark_job(small, tmp / "many", 66)
        per_partition = (many["seconds"] - few["seconds"]) / 64

        started = time.perf_counter()
        evrule.Pack(PACK)
        pack_load = time.perf_counter() - started

    print(f"news corpus as JSONL: {words:,} words, {cli_events} events, pack {PACK.name}\n")
    print("| run | wall s | words/s | other load |")
    print("|---|---|---|---|")
    print(f"| CLI `--jobs 2` | {cli_wall:.2f} | {words / cli_wall:,.0f} | {cli_other:.0%} |")
    print(f"| Spark `local[2]`, 2 partitions, end to end | {spark['wall']:.2f} | "
          f"{words / spark['wall']:,.0f} | {spark['other']:.0%} |")
    print(f"| Spark `local[2]`, the job alone (read, code, write) | {spark['seconds']:.2f} | "
          f"{words / spark['seconds']:,.0f} | |")
    print()
    print(f"pack loads in the Spark workers: {spark['pack_loads']}")
    print(f"per-partition start-up cost: {per_partition * 1000:.0f} ms "
          f"(200 documents: {few['seconds']:.2f} s on 2 partitions, {many['seconds']:.2f} s on 66; "
          f"other load {max(few['other'], many['other']):.0%})")
    print(f"loading the pack in Python: {pack_load * 1000:.0f} ms (once per worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
