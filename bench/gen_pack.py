#!/usr/bin/env python3
"""Generates a large synthetic pack to measure `evrule check` and compile
times: an entity cascade of N rules over G layered types, and a lexicon of
M rows. Words are made up; nothing is copied from any corpus.

    python3 bench/gen_pack.py --entity-rules 40000 --lexicon-rows 1000000 /tmp/bigpack
    /usr/bin/time -v target/release/evrule check /tmp/bigpack
"""

import argparse
import os
import random

SYLLABLES = [
    "ka", "ri", "mo", "tu", "le", "sa", "no", "vi", "da", "pe", "zo", "gu",
    "ba", "fi", "ho", "ne", "lu", "ta", "me", "si", "ro", "ke", "wa", "di",
]


def word(rng, index):
    # Unique by construction: the index in base 24, in syllables.
    parts = []
    n = index
    while True:
        parts.append(SYLLABLES[n % 24])
        n //= 24
        if n == 0:
            break
    parts.append(rng.choice(SYLLABLES))
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--entity-rules", type=int, default=40000)
    parser.add_argument("--layers", type=int, default=100)
    parser.add_argument("--lexicon-rows", type=int, default=1000000)
    args = parser.parse_args()
    rng = random.Random(11)
    os.makedirs(args.out, exist_ok=True)
    layers = args.layers
    with open(os.path.join(args.out, "types.evr"), "w") as f:
        f.write('type Actor\ntype State : Actor\ntype Place\nlexicon "names.tsv"\n')
        for g in range(layers):
            f.write(f"type Unit{g} : Actor\n")
        f.write("event Attack { attacker: Actor, target: Actor }\n")
        f.write(
            'rule attack\n  "X attack Y"\n  X: Actor  Y: Actor\n'
            "  => Attack { attacker: X, target: Y }\n"
        )
    per_file = 5000
    for start in range(0, args.entity_rules, per_file):
        with open(os.path.join(args.out, f"units{start // per_file:03}.evr"), "w") as f:
            f.write('import "types.evr"\n')
            for i in range(start, min(start + per_file, args.entity_rules)):
                g = i % layers
                source = "State" if g == 0 else f"Unit{g - 1}"
                f.write(
                    f'entity unit{i}\n  "X {word(rng, i)}"\n  X: {source}\n'
                    f'  => Unit{g} code X.code + "U{i}"\n'
                )
    with open(os.path.join(args.out, "names.tsv"), "w") as f:
        for j in range(args.lexicon_rows):
            length = 1 + j % 3
            phrase = " ".join(
                word(rng, j * 3 + k).capitalize() for k in range(length)
            )
            kind = "State" if j % 2 == 0 else "Place"
            f.write(f"{phrase}\t{kind}\tC{j}\n")


if __name__ == "__main__":
    main()
