#!/usr/bin/env python3
"""Draws the sentences of tests/data/news_dev.jsonl and the tokens of
tests/data/word_category.jsonl (`--set dev`, the default), the sentences
of the held-out tests/data/news_test.jsonl (`--set test`), or those of the
second to seventh tuning sets tests/data/news_dev2.jsonl (`--set dev2`),
tests/data/news_dev3.jsonl (`--set dev3`), tests/data/news_dev4.jsonl
(`--set dev4`), tests/data/news_dev5.jsonl (`--set dev5`),
tests/data/news_dev6.jsonl (`--set dev6`) and tests/data/news_dev7.jsonl
(`--set dev7`), from the shared news corpora.

Run from the repository root (the corpus is read from
../shared/corpus/news/, the sentences come from `evrule sentences --lines`):

    python3 tests/data/tools/sample_news_dev.py --out /tmp/news_dev.jsonl \
        --words-out /tmp/word_category.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set test \
        --out /tmp/news_test.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev2 \
        --out /tmp/news_dev2.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev3 \
        --out /tmp/news_dev3.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev4 \
        --out /tmp/news_dev4.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev5 \
        --out /tmp/news_dev5.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev6 \
        --out /tmp/news_dev6.jsonl [--view /tmp/view.tsv]
    python3 tests/data/tools/sample_news_dev.py --set dev7 \
        --out /tmp/news_dev7.jsonl [--view /tmp/view.tsv]

The sentences come from `cargo run --release --quiet -- sentences --lines`;
if the environment variable EVRULE_BIN is set, the script runs
`$EVRULE_BIN sentences --lines` instead (an already-built evrule binary,
to avoid a build), e.g.

    EVRULE_BIN=target/release/evrule python3 tests/data/tools/sample_news_dev.py \
        --set dev7 --out /tmp/news_dev7.jsonl

The test set uses the same strata, word list and length filter with its own
seed, and first removes from both strata every sentence of the committed
tests/data/news_dev.jsonl and every other sentence with the same text
(Reuters repeats stories word for word). The second dev set does the same
with its own seed, removing every sentence of news_dev.jsonl and of
news_test.jsonl and every other sentence with the text of one of them.
The third dev set removes those of news_dev.jsonl, news_test.jsonl and
news_dev2.jsonl in the same way, with its own seed, and the fourth those of
all four earlier sets (news_dev3.jsonl too), the fifth those of all
five earlier sets (news_dev4.jsonl too), the sixth those of all six
earlier sets (news_dev5.jsonl too), and the seventh those of all seven
earlier sets (news_dev6.jsonl too).

It writes unlabelled skeletons (`"events": []`, `"category": null`): the
labels in the committed files were added by hand afterwards, so never write
its output over them. `--view` also writes the sampled text with each
sentence (for reading while labelling; it holds corpus text, keep it out of
the project). Protocol: tests/data/news_dev.md and
tests/data/word_category.md.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys

CORPUS_ROOT = "../shared/corpus"
FILES = ["news/bbc.txt", "news/reuters21578.txt"]

NEWS_DEV_SEED = 20240607
PER_STRATUM = 300
MIN_WORDS, MAX_WORDS = 4, 80

NEWS_DEV_GOLD = "tests/data/news_dev.jsonl"
# The violence and protest word list of news_dev.md, word for word.
WORD_LIST = """
attack-  assault-  ambush-  raid-  storm-  kill-  murder-  massacr-
assassin-  execution  executions  executed  behead-  bomb  bombs  bombed
bombing  bombings  bomber  bombers  bombard  bombards  bombarded
bombarding  bombardment-  blast-  explod-
explos-  detonat-  grenade-  mortar-  artiller-  rocket-  missile-  shell
shells  shelled  shelling  airstrike-  sniper-  landmine-  clash-
fight-  fought  battl-  combat-  skirmish-  offensive  shoot-  shot  shots
gun  guns  gunned  gunning  gunfire  gunman  gunmen  gunboat-  gunship-
gunshot-  gunner-  gunpoint
fire  fired  firing  troop-  soldier-  army  armies  armed  militar-
rebel-  guerrilla-  guerilla-  insurgen-  militant-  militia-  terror-
war  wars  warfare  warplane-  invade-  invasion  occupied  siege
besieg-  hostage-  kidnap-  abduct-  hijack-  tortur-  rape  raped
violence  violent-  wound-  injur-  casualt-  dead  death-  died  dies
unrest  uprising-  insurrection-  coup  coups  revolt-  protest-  demonstrat-
riot-  march  marches  marched  marching  marcher-  strike  strikes
striking  striker-  struck  walkout-  picket-  rally  rallies  sit-in-
curfew-  police  clampdown-  crackdown-  tear-gas  teargas
""".split()

# Forms of "march" count in lowercase only ("March" is the month).
CASE_SENSITIVE = {"march", "marches", "marched", "marching", "marcher-"}

WORD_CATEGORY_SEED = 20240608
PER_WORD = 15
# Noun/verb-ambiguous event words and every form counted.
AMBIGUOUS = {
    "attack": "attack attacks attacked attacking",
    "raid": "raid raids raided raiding",
    "bomb": "bomb bombs bombed bombing bombings",
    "shell": "shell shells shelled shelling",
    "clash": "clash clashes clashed clashing",
    "fight": "fight fights fought fighting",
    "protest": "protest protests protested protesting",
    "strike": "strike strikes struck striking",
    "march": "march marches marched marching",
    "riot": "riot riots rioted rioting",
    "assault": "assault assaults assaulted assaulting",
    "fire": "fire fires fired firing",
    "rally": "rally rallies rallied rallying",
    "battle": "battle battles battled battling",
    "murder": "murder murders murdered murdering",
    "boycott": "boycott boycotts boycotted boycotting",
    "shoot": "shoot shoots shot shots shooting shootings",
    "force": "force forces forced forcing",
    "arrest": "arrest arrests arrested arresting",
    "charge": "charge charges charged charging",
}


def entry_pattern(entry):
    """A regex for one word-list entry over a sentence."""
    prefix = entry.endswith("-")
    stem = entry[:-1] if prefix else entry
    body = "[- ]".join(re.escape(part) for part in stem.split("-"))
    tail = "[a-z]*" if prefix else ""
    return "(?<![a-z])" + body + tail + "(?![a-z])"


def violence_matcher():
    folded = [entry_pattern(e) for e in WORD_LIST if e not in CASE_SENSITIVE]
    exact = [entry_pattern(e) for e in WORD_LIST if e in CASE_SENSITIVE]
    folded_re = re.compile("|".join(folded))
    # Case-sensitive forms: not next to any letter, upper or lower.
    exact_re = re.compile(
        "|".join(p.replace("(?<![a-z])", "(?<![A-Za-z])").replace("(?![a-z])", "(?![A-Za-z])") for p in exact)
    )
    return lambda text: bool(folded_re.search(text.lower()) or exact_re.search(text))


def word_count(text):
    return sum(1 for chunk in text.split() if re.search(r"[^\W_]", chunk))


def read_sentences():
    """Every sentence of both files, in file and line order."""
    paths = [f"{CORPUS_ROOT}/{f}" for f in FILES]
    binary = os.environ.get("EVRULE_BIN")
    runner = [binary] if binary else ["cargo", "run", "--release", "--quiet", "--"]
    command = [*runner, "sentences", "--lines", *paths]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    sentences = []
    for line in output.splitlines():
        record = json.loads(line)
        path, _, number = record["doc"].rpartition(":")
        record["file"] = path.removeprefix(CORPUS_ROOT + "/")
        record["line"] = int(number)
        sentences.append(record)
    return sentences


def strata(sentences):
    """The length-filtered sentences split into (violence, rest)."""
    is_violent = violence_matcher()
    violence, rest = [], []
    for s in sentences:
        if MIN_WORDS <= word_count(s["text"]) <= MAX_WORDS:
            (violence if is_violent(s["text"]) else rest).append(s)
    return violence, rest


def sample_news_dev(sentences):
    violence, rest = strata(sentences)
    rng = random.Random(NEWS_DEV_SEED)
    drawn = [("violence", s) for s in rng.sample(violence, PER_STRATUM)]
    drawn += [("rest", s) for s in rng.sample(rest, PER_STRATUM)]
    print(
        f"news_dev: {len(violence)} violence and {len(rest)} rest sentences "
        f"after the length filter; drew {PER_STRATUM} of each",
        file=sys.stderr,
    )
    return drawn


def gold_sentence_keys(path):
    """(file, line, sentence) of every sentence in a committed news gold set."""
    with open(path, encoding="utf-8") as gold:
        records = [json.loads(line) for line in gold][1:]
    return {(r["file"], r["line"], r["sentence"]) for r in records}


def gold_texts(sentences, path):
    """The texts of the sentences of a committed news gold set."""
    keys = gold_sentence_keys(path)
    texts = {s["text"] for s in sentences if (s["file"], s["line"], s["sentence"]) in keys}
    if len(texts) != len(keys):
        missing = len(keys) - len(texts)
        print(f"note: {missing} sentences of {path} share their text with another of its sentences or are missing", file=sys.stderr)
    return texts


def sample_held_out(sentences, name, seed, sizes, excluded_golds):
    """Draws `sizes` (violence, rest) with `seed` from the strata less every
    sentence whose text is that of a sentence in one of `excluded_golds`."""
    excluded = set()
    for path in excluded_golds:
        excluded |= gold_texts(sentences, path)

    def held_out(pool):
        return [s for s in pool if s["text"] not in excluded]

    violence, rest = strata(sentences)
    violence_out, rest_out = held_out(violence), held_out(rest)
    rng = random.Random(seed)
    drawn = [("violence", s) for s in rng.sample(violence_out, sizes[0])]
    drawn += [("rest", s) for s in rng.sample(rest_out, sizes[1])]
    sources = " or ".join(path.rpartition("/")[2].removesuffix(".jsonl") for path in excluded_golds)
    print(
        f"{name}: {len(violence)} violence and {len(rest)} rest sentences after the length "
        f"filter; {len(violence) - len(violence_out)} and {len(rest) - len(rest_out)} removed as "
        f"in {sources} (by text); drew {sizes[0]} and {sizes[1]}",
        file=sys.stderr,
    )
    return drawn


# The held-out and later tuning sets, in the order they were drawn: each
# leaves out the sentences of news_dev.jsonl and of every set before it.
# (key, seed, (violence, rest) sentences drawn).
HELD_OUT_SETS = [
    # The violence stratum is where events are: more of it makes recall
    # measurable.
    ("test", 20240615, (500, 200)),
    # Tuning sets: as many events as labelling time allows, so mostly
    # violence, at the size a sitting allows.
    ("dev2", 20240801, (900, 100)),
    ("dev3", 20241207, (600, 60)),
    ("dev4", 20261207, (600, 60)),
    ("dev5", 20261208, (450, 45)),
    ("dev6", 20261209, (450, 45)),
    ("dev7", 20261210, (450, 45)),
    ("dev8", 20261211, (300, 30)),
    ("dev9", 20261212, (300, 30)),
    ("dev10", 20261213, (300, 30)),
    ("dev11", 20261214, (300, 30)),
    ("dev12", 20261215, (300, 30)),
]


def held_out_sampler(index):
    """The sampler of `HELD_OUT_SETS[index]`."""
    key, seed, sizes = HELD_OUT_SETS[index]
    golds = [NEWS_DEV_GOLD] + [f"tests/data/news_{earlier}.jsonl" for earlier, _, _ in HELD_OUT_SETS[:index]]
    return lambda sentences: sample_held_out(sentences, f"news_{key}", seed, sizes, golds)


SAMPLERS = {key: held_out_sampler(i) for i, (key, _, _) in enumerate(HELD_OUT_SETS)}


def write_news(path, news):
    with open(path, "w", encoding="utf-8") as out:
        for stratum, s in news:
            keys = {k: s[k] for k in ("file", "line", "sentence", "start", "end")}
            out.write(json.dumps({**keys, "stratum": stratum, "events": []}) + "\n")


def write_news_view(view, news):
    for i, (stratum, s) in enumerate(news):
        view.write(f"S{i}\t{stratum}\t{s['file']}:{s['line']}#{s['sentence']}\t{s['text']}\n")


def sample_word_category(sentences):
    occurrences = {word: [] for word in AMBIGUOUS}
    form_of = {form: word for word, forms in AMBIGUOUS.items() for form in forms.split()}
    # Lowercase occurrences only, not joined to letters, digits or hyphens.
    token = re.compile(r"(?<![A-Za-z0-9-])[a-z]+(?![A-Za-z0-9-])")
    for s in sentences:
        text = s["text"]
        for m in token.finditer(text):
            word = form_of.get(m.group())
            if word:
                start = s["start"] + len(text[: m.start()].encode())
                end = start + len(m.group().encode())
                occurrences[word].append((s, start, end, m.group()))
    rng = random.Random(WORD_CATEGORY_SEED)
    drawn = []
    for word, found in occurrences.items():
        drawn += rng.sample(found, min(PER_WORD, len(found)))
        print(f"word_category: {word}: {len(found)} occurrences", file=sys.stderr)
    return drawn


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", *SAMPLERS], default="dev", help="which gold set to draw")
    parser.add_argument("--out", required=True, help="the skeleton (JSONL) of news_dev or of the --set drawn")
    parser.add_argument("--words-out", help="word_category skeleton (JSONL); `--set dev` only")
    parser.add_argument("--view", help="also write sampled text here, for labelling")
    args = parser.parse_args()
    if args.set == "dev" and not args.words_out:
        parser.error("--set dev needs --words-out")
    if args.set != "dev" and args.words_out:
        parser.error("--words-out belongs to --set dev")
    sentences = read_sentences()
    if args.set in SAMPLERS:
        news = SAMPLERS[args.set](sentences)
        write_news(args.out, news)
        if args.view:
            with open(args.view, "w", encoding="utf-8") as view:
                write_news_view(view, news)
        return
    news = sample_news_dev(sentences)
    words = sample_word_category(sentences)
    write_news(args.out, news)
    with open(args.words_out, "w", encoding="utf-8") as out:
        for s, start, end, form in words:
            record = {"file": s["file"], "line": s["line"], "start": start, "end": end}
            out.write(json.dumps({**record, "word": form, "category": None}) + "\n")
    if args.view:
        with open(args.view, "w", encoding="utf-8") as view:
            write_news_view(view, news)
            for i, (s, start, end, form) in enumerate(words):
                view.write(f"W{i}\t{form}\t{s['file']}:{s['line']}@{start}\t{s['text']}\n")


if __name__ == "__main__":
    main()
