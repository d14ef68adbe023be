#!/usr/bin/env python3
"""Writes a CAMEO pack N times as large as rules/cameo, for the scaling
benchmark (bench/cameo_scale.sh): every verb rule gets N-1 copies whose
literal pattern words are replaced by other words of the pack's own
patterns (a fixed permutation per copy), so that the copies are new rules
anchored on real English words, as a larger dictionary would be, not
duplicates the engine could share. Verbs (`word:v`), word classes, slots
and punctuation are kept; rules of the verbs alone (no literal word) are
not copied, since a copy would only repeat them.

    python3 bench/gen_cameo_copies.py rules/cameo OUT_DIR [N]   (N = 5: the
    original and four copies of every rule with a literal word)
"""
import re
import shutil
import sys
from pathlib import Path

# A lowercase word standing alone between pattern delimiters, or after the
# `=` of an exact form (`=effort`, as the importer writes pattern words).
WORD = re.compile(r"(?<=[\s(\[|=])([a-z][a-z'-]*)(?=[\s)\]|])")
KEEP = {"except"}


def main():
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    verb_files = sorted((out / "verbs").glob("*.evr"))
    texts = {path: path.read_text() for path in verb_files}
    vocabulary = sorted(
        {w for text in texts.values() for line in text.splitlines()
         if line.startswith('  "') for w in WORD.findall(line)} - KEEP
    )
    position = {w: i for i, w in enumerate(vocabulary)}
    rule_block = re.compile(r"^rule (\S+)\n((?:  .*\n)+)", re.M)
    for path, text in texts.items():
        extra = []
        for match in rule_block.finditer(text):
            name, body = match.group(1), match.group(2)
            patterns = [l for l in body.splitlines() if l.startswith('  "')]
            if not any(set(WORD.findall(l)) - KEEP for l in patterns):
                # The verbs alone: a copy would repeat the rule.
                continue
            for copy in range(1, copies):
                shift = copy * 7919

                def swap(word):
                    w = word.group(1)
                    if w in KEEP:
                        return w
                    return vocabulary[(position[w] + shift) % len(vocabulary)]

                lines = [
                    WORD.sub(swap, line) if line.startswith('  "') else line
                    for line in body.splitlines()
                ]
                extra.append(f"rule {name}_copy{copy}\n" + "\n".join(lines) + "\n")
        path.write_text(text + "\n" + "\n".join(extra))
    rules = sum(t.count("\nrule ") for t in (p.read_text() for p in verb_files))
    print(f"{out}: {len(verb_files)} verb files, {rules} verb rules, "
          f"{len(vocabulary)} pattern words permuted", file=sys.stderr)


if __name__ == "__main__":
    main()
