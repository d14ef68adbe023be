#!/usr/bin/env python3
"""Draws a random sample of the events a pack codes on BBC News (or, with
`--corpus news/reuters21578.txt`, on Reuters), for judging by hand
(tests/data/bbc_sample2_verdicts.md).

Run from the repository root, after

    evrule run rules/conflict ../shared/corpus/news/bbc.txt --lines -o /tmp/bbc_events.jsonl

with

    python3 tests/data/tools/sample_bbc_events.py /tmp/bbc_events.jsonl \
        --seed 20261207 [--non-statement] [--view /tmp/view.tsv]

Events are kept in the order `evrule run` writes them. An event is left out
when its sentence (line and sentence index of bbc.txt) is in one of the
labelled sets (news_dev.jsonl and news_dev2.jsonl were tuned on,
news_test.jsonl is held out) or, for BBC, was judged in tests/data/bbc_sample_verdicts.md
(both of its tables: the first random sample and every non-statement event
of that pack, on which the pack was then tuned). `--non-statement` keeps
only events whose type is not `Statement`. Then
`random.Random(seed).sample(fresh, 50)` draws the sample (all of them when
there are fewer), printed in file order as the pointer columns of the
verdict tables: line, sentence, byte offsets, event type, rule.

`--view` also writes each sampled event with its sentence, for reading while
judging; it holds corpus text, so keep it out of the project.
"""

import argparse
import json
import random
import re
import subprocess

CORPUS_ROOT = "../shared/corpus/"
LABELLED = ["tests/data/news_dev.jsonl", "tests/data/news_dev2.jsonl", "tests/data/news_test.jsonl"]
FIRST_SAMPLE = "tests/data/bbc_sample_verdicts.md"


def line_of(doc):
    return int(doc.rsplit(":", 1)[1])


def labelled_sentences(corpus):
    seen = set()
    for path in LABELLED:
        with open(path) as f:
            for row in f:
                d = json.loads(row)
                if d.get("file") == corpus and "sentence" in d:
                    seen.add((d["line"], d["sentence"]))
    return seen


def first_sample_sentences():
    seen = set()
    row = re.compile(r"^\| \d+ \| (\d+) \| (\d+) \| \d+\.\.\d+ \|")
    with open(FIRST_SAMPLE) as f:
        for text in f:
            m = row.match(text)
            if m:
                seen.add((int(m.group(1)), int(m.group(2))))
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--size", type=int, default=50)
    ap.add_argument("--non-statement", action="store_true")
    ap.add_argument("--view")
    ap.add_argument("--corpus", default="news/bbc.txt")
    args = ap.parse_args()

    with open(args.events) as f:
        events = [json.loads(row) for row in f]
    labelled = labelled_sentences(args.corpus)
    first = first_sample_sentences() if args.corpus == "news/bbc.txt" else set()
    fresh = [
        e
        for e in events
        if (line_of(e["doc"]), e["sentence"]) not in labelled
        and (line_of(e["doc"]), e["sentence"]) not in first
        and not (args.non_statement and e["event"] == "Statement")
    ]
    n_statement = sum(e["event"] == "Statement" for e in fresh)
    print(
        f"# {len(events)} events; {len(fresh)} fresh "
        f"({n_statement} statements, {len(fresh) - n_statement} others); "
        f"{len(labelled)} labelled and {len(first)} first-sample sentences left out"
    )
    if len(fresh) <= args.size:
        sample = list(fresh)
    else:
        sample = random.Random(args.seed).sample(fresh, args.size)
    sample.sort(key=lambda e: (line_of(e["doc"]), e["start"]))
    for i, e in enumerate(sample):
        print(
            f"| {i} | {line_of(e['doc'])} | {e['sentence']} | {e['start']}..{e['end']} "
            f"| {e['event']} | {e['rule']} |"
        )

    if args.view:
        out = subprocess.run(
            ["./target/release/evrule", "sentences", CORPUS_ROOT + args.corpus, "--lines"],
            capture_output=True, text=True, check=True,
        ).stdout
        sentences = {}
        for row in out.splitlines():
            d = json.loads(row)
            sentences[(line_of(d["doc"]), d["sentence"])] = d["text"]
        with open(args.view, "w") as f:
            for i, e in enumerate(sample):
                args_text = {k: v["text"] for k, v in e.get("args", {}).items()}
                f.write(
                    f"{i}\t{line_of(e['doc'])}\t{e['sentence']}\t{e['event']}\t{e['rule']}\t"
                    f"{e['text']}\t{json.dumps(args_text)}\t{e.get('modality', '')}\t"
                    f"{e.get('negated')}\t{sentences[(line_of(e['doc']), e['sentence'])]}\n"
                )


if __name__ == "__main__":
    main()
