#!/usr/bin/env python3
"""Draws the sentences of tests/data/business_dev.jsonl from the business
articles of the shared BBC corpus (documents 1-510 of news/bbc.txt).

Run from the repository root (the corpus is read from
../shared/corpus/news/bbc.txt, the sentences come from
`evrule sentences --lines`):

    python3 tests/data/tools/sample_business_dev.py --out /tmp/business_dev.jsonl \
        [--view /tmp/view.tsv]

It writes the unlabelled skeleton (`"events": []`): the labels in the
committed file were added by hand afterwards, so never write its output
over it. `--view` also writes the sampled text with each sentence (for
reading while labelling; it holds corpus text, keep it out of the
project). Protocol: tests/data/business_dev.md.
"""

import argparse
import json
import random
import re
import subprocess
import sys

CORPUS_ROOT = "../shared/corpus"
FILE = "news/bbc.txt"
# Documents 1-510 of bbc.txt are the business section.
FIRST_LINE, LAST_LINE = 1, 510

SEED = 20240716
BUSINESS, REST = 250, 100
MIN_WORDS, MAX_WORDS = 4, 80

# The business event word list of business_dev.md, word for word.
WORD_LIST = """
buy  buys  buying  bought  buyer-  buyout-  acquir-  acquisition-
takeover-  take-over-  merg-  bid  bids  bidder-  bidding  purchas-
sell  selling  sold  sale  sales  divest-  deal  deals  offer  offers
offered  stake-  shareholding-  share  shares
job  jobs  cut  cuts  cutting  redundan-  layoff-  lay-off-  laid  axe
axed  axing  shed  shedding  closure-  workforce-  staff-
appoint-  resign-  chief  executive-  chairman  chairwoman  boss-
director-  quit-  sacked  oust-  successor-  retire-  ceo
profit-  loss  losses  revenue-  earning-  turnover  income  results
dividend-  pre-tax  pretax
""".split()


def entry_pattern(entry):
    """A regex for one word-list entry over a lowercased sentence."""
    prefix = entry.endswith("-")
    stem = entry[:-1] if prefix else entry
    body = "[- ]".join(re.escape(part) for part in stem.split("-"))
    tail = "[a-z]*" if prefix else ""
    return "(?<![a-z])" + body + tail + "(?![a-z])"


def business_matcher():
    pattern = re.compile("|".join(entry_pattern(e) for e in WORD_LIST))
    return lambda text: bool(pattern.search(text.lower()))


def word_count(text):
    return sum(1 for chunk in text.split() if re.search(r"[^\W_]", chunk))


def read_sentences():
    """Every sentence of the business documents, in line order."""
    path = f"{CORPUS_ROOT}/{FILE}"
    command = ["cargo", "run", "--release", "--quiet", "--", "sentences", "--lines", path]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    sentences = []
    for line in output.splitlines():
        record = json.loads(line)
        _, _, number = record["doc"].rpartition(":")
        record["file"] = FILE
        record["line"] = int(number)
        if FIRST_LINE <= record["line"] <= LAST_LINE:
            sentences.append(record)
    return sentences


def sample(sentences):
    is_business = business_matcher()
    business, rest = [], []
    for s in sentences:
        if MIN_WORDS <= word_count(s["text"]) <= MAX_WORDS:
            (business if is_business(s["text"]) else rest).append(s)
    rng = random.Random(SEED)
    drawn = [("business", s) for s in rng.sample(business, BUSINESS)]
    drawn += [("rest", s) for s in rng.sample(rest, REST)]
    print(
        f"business_dev: {len(sentences)} sentences in lines {FIRST_LINE}-{LAST_LINE}; "
        f"{len(business)} business and {len(rest)} rest after the length filter; "
        f"drew {BUSINESS} and {REST}",
        file=sys.stderr,
    )
    return drawn


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="business_dev skeleton (JSONL)")
    parser.add_argument("--view", help="also write sampled text here, for labelling")
    args = parser.parse_args()
    drawn = sample(read_sentences())
    with open(args.out, "w", encoding="utf-8") as out:
        for stratum, s in drawn:
            keys = {k: s[k] for k in ("file", "line", "sentence", "start", "end")}
            out.write(json.dumps({**keys, "stratum": stratum, "events": []}) + "\n")
    if args.view:
        with open(args.view, "w", encoding="utf-8") as view:
            for i, (stratum, s) in enumerate(drawn):
                view.write(f"S{i}\t{stratum}\t{s['file']}:{s['line']}#{s['sentence']}\t{s['text']}\n")


if __name__ == "__main__":
    main()
