#!/usr/bin/env python3
"""Python package vs CLI: `pack.run_many` against `evrule run --lines` on the
shared news corpus (one document per line), with the same jobs.

    python/.venv/bin/python bench/python_bench.py [--repeat 3] [--jobs 1 2]

Run it with the Python that has evrule installed (`.ci/run` builds it into
python/.venv). Both sides run as child processes, end to end (start-up and
pack loading included), over the same documents with the same ids, and must
find the same number of events. Reports the median wall time of `--repeat`
runs, words/s (words = whitespace-separated tokens of the corpus), the
Python/CLI speed ratios by wall time and by CPU time (target: at least 0.85;
CPU time is the steadier of the two on a busy machine), and the share of the machine's CPU
that other processes used meanwhile (above ~10% the timings are disturbed).
Exits 0 with a message when ../shared/corpus/news is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpus" / "news"
FILES = ["reuters21578.txt", "bbc.txt"]
PACK = REPO / "rules" / "conflict"

# The Python side: every non-blank line a document with the CLI's id.
CHILD = """
import json, sys, evrule
pack = evrule.Pack(sys.argv[1])
jobs = int(sys.argv[2])
def docs():
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\\r\\n")
                if line.strip():
                    yield {"id": f"{path}:{n}", "text": line}
events = sum(len(records) for records in pack.run_many(docs(), jobs=jobs))
print(json.dumps({"events": events}))
"""


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def measure(command: list[str]) -> dict:
    """Runs a command; its wall time, its CPU time and the other load."""
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, total0 = cpu_ticks()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    busy1, total1 = cpu_ticks()
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command[:3])}… failed:\n{done.stderr[-2000:]}")
    own = (after_children.ru_utime - before_children.ru_utime) + (
        after_children.ru_stime - before_children.ru_stime
    )
    hz = os.sysconf("SC_CLK_TCK")
    machine_busy = (busy1 - busy0) / hz
    machine_total = (total1 - total0) / hz
    other = max(0.0, machine_busy - own) / machine_total if machine_total else 0.0
    return {"wall": wall, "cpu": own, "other": other, "stdout": done.stdout, "stderr": done.stderr}


def cli_binary() -> str:
    if "EVRULE_BIN" in os.environ:
        return os.environ["EVRULE_BIN"]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return str(REPO / "target" / "release" / "evrule")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"bench: {NEWS} is absent; nothing to measure")
        return 0
    import evrule

    inputs = [str(NEWS / name) for name in FILES]
    words = sum(len(line.split()) for path in inputs for line in open(path, encoding="utf-8"))
    cli = cli_binary()
    rows = []
    for jobs in args.jobs:
        runs = {"cli": [], "python": []}
        events = {}
        for _ in range(args.repeat):
            run = measure([cli, "run", str(PACK), *inputs, "--lines", "--jobs", str(jobs), "-o", "/dev/null"])
            events["cli"] = int(run["stderr"].split(" events")[0].rsplit(" ", 1)[1])
            runs["cli"].append(run)
            run = measure([sys.executable, "-c", CHILD, str(PACK), str(jobs), *inputs])
            events["python"] = json.loads(run["stdout"])["events"]
            runs["python"].append(run)
        if events["cli"] != events["python"]:
            sys.exit(f"bench: the CLI found {events['cli']} events, run_many {events['python']}")
        walls, cpus = {}, {}
        for side, measured in runs.items():
            walls[side] = statistics.median(r["wall"] for r in measured)
            cpus[side] = statistics.median(r["cpu"] for r in measured)
            rows.append(
                (side, jobs, walls[side], words / walls[side], cpus[side], max(r["other"] for r in measured))
            )
        rows.append(("python/cli", jobs, walls["cli"] / walls["python"], None, cpus["cli"] / cpus["python"], None))
    print(f"news corpus: {words:,} words, {events['cli']:,} events (the same from both), "
          f"pack {PACK.name}, evrule {evrule.__version__}, median of {args.repeat} runs\n")
    print("| side | jobs | wall s | words/s | CPU s | other load (max) |")
    print("|---|---|---|---|---|---|")
    for side, jobs, wall, rate, cpu, other in rows:
        if rate is None:
            print(f"| **{side}** (speed ratio) | {jobs} | **{wall:.2f}** | | **{cpu:.2f}** | |")
        else:
            print(f"| {side} | {jobs} | {wall:.2f} | {rate:,.0f} | {cpu:.2f} | {other:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
