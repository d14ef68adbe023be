"""Matching releases the GIL: a Python thread keeps running while `run`
and `run_many` work, and packs are shared between threads."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from support import REPO


def articles():
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]


class Ticker:
    """A Python thread that notes the time as often as it can run."""

    def __init__(self):
        self.ticks: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            self.ticks.append(time.perf_counter())

    def __enter__(self):
        self.thread.start()
        while not self.ticks:
            time.sleep(0.001)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def longest_pause(self, start: float, end: float) -> float:
        """The longest time the thread did not run between start and end."""
        ticks = [start] + [t for t in self.ticks if start <= t <= end] + [end]
        return max(b - a for a, b in zip(ticks, ticks[1:]))


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, start, time.perf_counter()


def test_a_python_thread_runs_while_one_long_text_is_matched(pack):
    # One document of ~200 articles: a single call long enough (a tenth of
    # a second or more) for a pause of the ticker to show.
    big = "\n\n".join(articles() * 24)
    with Ticker() as ticker:
        records, start, end = timed(lambda: pack.run(big))
    assert len(records) > 1200
    assert end - start > 0.05
    # Holding the GIL, the call would stop the ticker for its whole length.
    assert ticker.longest_pause(start, end) < (end - start) / 2
    assert len([t for t in ticker.ticks if start <= t <= end]) > 100


def test_a_python_thread_runs_while_run_many_matches(pack):
    docs = ["\n\n".join(articles() * 4)] * 4
    with Ticker() as ticker:
        results, start, end = timed(lambda: list(pack.run_many(docs, jobs=1)))
    assert all(len(r) > 200 for r in results)
    assert ticker.longest_pause(start, end) < (end - start) / 2


def test_threads_share_one_pack(pack):
    texts = articles()
    expected = [pack.run(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(pack.run, texts * 3))
    assert got == expected * 3
