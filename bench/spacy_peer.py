#!/usr/bin/env python3
"""spaCy peer for the evrule benchmark.

Does the job the way a spaCy user would without a trained model:

* ``spacy.blank("en")`` + the rule-based ``sentencizer``;
* a ``PhraseMatcher(attr="LOWER")`` over every phrase of the pack's lexicons
  (``rules/conflict/lexicons/*.tsv``), plus a ``PhraseMatcher(attr="ORTH")``
  for the rows marked ``exact``; the mentions become ``doc.ents`` labelled
  with the lexicon type (State, Military, Place, ...);
* a ``Matcher`` with token patterns equivalent to a representative subset of
  the pack's event rules, written with explicit inflected forms (a blank
  pipeline has no lemmatizer) and ``ENT_TYPE`` slots for the rule arguments.

It does not produce the same events as evrule; it does comparable work
(tokenize, sentence-split, lexicon lookup, pattern match) so that its
throughput and memory are a fair yardstick.

Prints one JSON object on stdout: documents, sentences, tokens, mentions,
matches (event candidates, after longest-match filtering, within one
sentence), per-rule counts, seconds (processing only, model build excluded),
setup_seconds and the peak RSS of the whole process tree (sampled).
"""

import argparse
import glob
import json
import os
import sys
import threading
import time
from itertools import product


# --------------------------------------------------------------------------
# Memory: peak RSS of this process and all its descendants (n_process > 1
# forks workers; GNU time's max RSS is the largest single process only).


def _tree_pids(root):
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return pids


def _rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeRss(threading.Thread):
    def __init__(self, interval=0.05):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self):
        me = os.getpid()
        while not self._halt.is_set():
            total = sum(_rss_kb(p) for p in _tree_pids(me))
            self.peak_kb = max(self.peak_kb, total)
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------
# Lexicons


def read_lexicons(pack):
    rows = []
    for path in sorted(glob.glob(os.path.join(pack, "lexicons", "*.tsv"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) < 3:
                    continue
                exact = len(cols) > 3 and cols[3].strip() == "exact"
                rows.append((cols[0].strip(), cols[1].strip(), cols[2].strip(), exact))
    return rows


# --------------------------------------------------------------------------
# Rule patterns.
#
# A pattern is written as a list of slots. A slot is either a token-pattern
# dict (used as is) or a list of phrases; a list of phrases becomes one token
# with {"LOWER": {"IN": [...]}} for its one-word phrases plus one token
# sequence per multi-word phrase (all alternatives are expanded).

ACTOR_TYPES = ["State", "Military", "Police", "Government", "ArmedGroup",
               "Organization", "MilitaryAgent", "PoliceAgent", "GovernmentAgent",
               "RebelAgent", "CivilianAgent", "ProtesterAgent", "RioterAgent"]
FORCES = ["Military", "Police", "MilitaryAgent", "PoliceAgent"]
AUTHORITIES = ["Military", "Police", "Government", "State", "MilitaryAgent",
               "PoliceAgent", "GovernmentAgent"]
CIVILIANS = ["CivilianAgent"]
PROTESTERS = ["ProtesterAgent"]

ACTOR = {"ENT_TYPE": {"IN": ACTOR_TYPES}, "OP": "+"}
FORCE = {"ENT_TYPE": {"IN": FORCES}, "OP": "+"}
AUTHORITY = {"ENT_TYPE": {"IN": AUTHORITIES}, "OP": "+"}
CIVILIAN = {"ENT_TYPE": {"IN": CIVILIANS}, "OP": "+"}
PROTESTER = {"ENT_TYPE": {"IN": PROTESTERS}, "OP": "+"}
PROPER = {"IS_TITLE": True, "OP": "+"}
PLACE = {"ENT_TYPE": "Place", "OP": "+"}
NUMBER = {"LIKE_NUM": True}
OPT_DET = {"LOWER": {"IN": ["the", "a", "an"]}, "OP": "?"}


def gap(n):
    return {"OP": "{0,%d}" % n}


DIRECTION = ["in", "near", "at", "around", "outside", "inside", "across", "along",
             "west of", "east of", "north of", "south of", "close to"]

# Verbs with their inflections spelled out (no lemmatizer in a blank pipeline).
CLASH = ["clash", "clashes", "clashed", "clashing", "fight", "fights", "fought",
         "fighting", "battle", "battles", "battled", "battling", "skirmish",
         "skirmished", "skirmishing", "engage", "engaged", "engages", "engaging",
         "exchanged fire", "exchange fire", "exchanging fire", "exchanged gunfire"]
CLASH_NOUN = ["clash", "clashes", "fighting", "fight", "battle", "gunfight",
              "gunbattle", "skirmish", "skirmishes", "exchange of fire"]
ERUPT = ["broke out", "erupted", "took place", "continued", "raged", "break out",
         "erupt", "rage"]
CARRY_OUT = ["carry out", "carried out", "carries out", "carrying out", "conduct",
             "conducted", "conducts", "conducting", "launch", "launched",
             "launches", "launching", "stage", "staged", "mount", "mounted"]
AIRSTRIKE = ["airstrike", "airstrikes", "air strike", "air strikes", "air raid",
             "air raids", "drone strike", "drone strikes", "bombing raid",
             "bombing raids", "air attack", "air attacks", "raid", "raids",
             "bombing", "bombings", "sortie", "sorties"]
HIT = ["on", "against", "targeting", "hit", "hits", "killed", "struck"]
SHELL_V = ["shell", "shells", "shelled", "shelling", "bombard", "bombards",
           "bombarded", "bombarding"]
SHELLING = ["shelling", "artillery fire", "artillery", "mortar fire", "mortar",
            "mortars", "rocket", "rockets", "missile", "missiles", "rocket fire",
            "missile strike", "missile attack", "shells", "barrage"]
SHELL_HIT = ["hit", "hits", "struck", "landed", "killed", "targeted", "fell", "on"]
EXPLOSIVE = ["ied", "ieds", "improvised explosive device", "roadside bomb",
             "landmine", "land mine", "mine", "car bomb", "explosive device",
             "bomb", "bombs", "explosives", "booby trap", "vbied"]
EXPLODE = ["explode", "exploded", "explodes", "exploding", "detonate",
           "detonated", "went off", "go off", "goes off", "blast", "killed",
           "planted"]
SUICIDE = ["suicide bomber", "suicide bombers", "suicide bombing",
           "suicide bombings", "suicide attack", "suicide attacks",
           "suicide car bomb", "suicide vest"]
KILL = ["kill", "kills", "killed", "killing", "murder", "murdered", "murders",
        "massacre", "massacred", "execute", "executed", "behead", "beheaded",
        "slaughter", "slaughtered", "shot dead", "shoot dead", "gunned down",
        "gun down", "lynch", "lynched", "stab", "stabbed", "shot", "shoot"]
ABDUCT = ["abduct", "abducts", "abducted", "abducting", "kidnap", "kidnaps",
          "kidnapped", "kidnapping", "took hostage", "take hostage", "seized",
          "snatched", "held hostage"]
PROTEST_V = ["protest", "protests", "protested", "protesting", "demonstrate",
             "demonstrated", "demonstrating", "rally", "rallied", "rallying",
             "march", "marched", "marching", "gather", "gathered", "gathering",
             "picket", "picketed", "took to the streets", "take to the streets",
             "went on strike", "go on strike", "staged a protest", "held a protest",
             "held a rally", "staged a sit-in"]
PROTEST_N = ["protest", "protests", "demonstration", "demonstrations", "rally",
             "rallies", "march", "marches", "sit-in", "vigil"]
DISPERSE = ["disperse", "dispersed", "disperses", "dispersing", "broke up",
            "break up", "tear-gassed", "teargassed", "arrest", "arrested",
            "detain", "detained", "beat", "beaten", "clashed with",
            "fired tear gas at", "fire tear gas at", "fired rubber bullets at",
            "fired water cannon at", "used tear gas against"]
ARREST = ["arrest", "arrests", "arrested", "arresting", "detain", "detains",
          "detained", "detaining", "apprehend", "apprehended", "rounded up",
          "round up", "took into custody", "taken into custody"]
SIGN = ["sign", "signs", "signed", "signing", "agree", "agrees", "agreed",
        "agreeing", "conclude", "concluded", "reach", "reached", "reaches",
        "negotiate", "negotiated", "announce", "announced", "broker", "brokered"]
AGREEMENT = ["agreement", "peace agreement", "peace deal", "deal", "ceasefire",
             "cease-fire", "truce", "accord", "peace accord",
             "memorandum of understanding", "prisoner exchange", "prisoner swap"]
SAY = ["say", "says", "said", "saying", "state", "states", "stated", "announce",
       "announces", "announced", "declare", "declared", "declares", "warn",
       "warned", "warns", "claim", "claimed", "claims", "confirm", "confirmed",
       "confirms", "remind", "reminded", "stress", "stressed", "add", "added",
       "adds", "tell", "told", "tells", "deny", "denied", "denies", "insist",
       "insisted", "vow", "vowed", "threaten", "threatened", "accuse", "accused",
       "condemn", "condemned", "pledge", "pledged"]

# (evrule rule name, ACLED family, list of slot lists)
RULES = [
    ("clash_with", "Battles", [
        [ACTOR, CLASH, {"LOWER": {"IN": ["with", "against"]}, "OP": "?"}, OPT_DET, ACTOR],
    ]),
    ("clashes_between", "Battles", [
        [CLASH_NOUN, {"LOWER": "between"}, OPT_DET, ACTOR, {"LOWER": "and"}, OPT_DET, ACTOR],
    ]),
    ("clashes_in", "Battles", [
        [CLASH_NOUN, ERUPT, gap(4), {"LOWER": {"IN": ["in", "near", "at"]}}, PROPER],
    ]),
    ("carry_out_airstrikes", "Explosions/Remote violence", [
        [CARRY_OUT, gap(4), AIRSTRIKE],
    ]),
    ("airstrike_on", "Explosions/Remote violence", [
        [AIRSTRIKE, HIT],
    ]),
    ("shell", "Explosions/Remote violence", [
        [ACTOR, SHELL_V, OPT_DET, {"ENT_TYPE": {"IN": ACTOR_TYPES + ["Place"]}, "OP": "+"}],
    ]),
    ("shelling_noun", "Explosions/Remote violence", [
        [SHELLING, SHELL_HIT],
    ]),
    ("explosive", "Explosions/Remote violence", [
        [EXPLOSIVE, EXPLODE],
        [["detonate", "detonated", "plant", "planted"], gap(3), EXPLOSIVE],
    ]),
    ("suicide_bomb", "Explosions/Remote violence", [
        [SUICIDE],
        [["blow", "blew"], ["himself", "herself", "themselves"], {"LOWER": "up"}],
    ]),
    ("kill_civilians", "Violence against civilians", [
        [ACTOR, KILL, dict(NUMBER, OP="?"), CIVILIAN],
    ]),
    ("kill_number", "Violence against civilians", [
        [ACTOR, KILL, NUMBER],
    ]),
    ("abduct", "Violence against civilians", [
        [ACTOR, ABDUCT, dict(NUMBER, OP="?"), ACTOR],
    ]),
    ("protest", "Protests", [
        [PROTESTER, PROTEST_V],
    ]),
    ("protest_noun", "Protests", [
        [PROTEST_N, gap(6), DIRECTION + ["outside"], PROPER],
    ]),
    ("protest_intervention", "Protests", [
        [FORCE, DISPERSE, OPT_DET, PROTESTER],
    ]),
    ("arrest", "Strategic developments", [
        [AUTHORITY, ARREST, OPT_DET, {"ENT_TYPE": {"IN": ACTOR_TYPES}, "OP": "*"}, PROPER],
        [AUTHORITY, ARREST, dict(NUMBER, OP="?"), ACTOR],
    ]),
    ("agreement", "Strategic developments", [
        [ACTOR, {"LOWER": "and"}, OPT_DET, ACTOR, SIGN, gap(3), AGREEMENT],
        [ACTOR, SIGN, gap(3), AGREEMENT],
    ]),
    ("agreement_noun", "Strategic developments", [
        [AGREEMENT, {"LOWER": {"IN": ["was", "were"]}}, ["signed", "reached", "agreed"]],
    ]),
    ("statement", "Statements", [
        [{"ENT_TYPE": {"IN": ACTOR_TYPES}, "OP": "+"}, SAY],
        [PROPER, SAY],
    ]),
    ("according_to", "Statements", [
        [{"LOWER": "according"}, {"LOWER": "to"}, OPT_DET, PROPER],
    ]),
]


def expand(slots):
    """Expand phrase-list slots into token patterns (cartesian product).

    The phrases of a slot are grouped by length and each group becomes one
    token sequence with a {"LOWER": {"IN": [...]}} set per position, as a
    spaCy user would write them to keep the Matcher's pattern count down
    (it may over-generate a little: "air raid" + "drone strike" also accept
    "air strike", "drone raid").
    """
    choices = []
    for slot in slots:
        if isinstance(slot, dict):
            choices.append([[slot]])
            continue
        by_len = {}
        for phrase in slot:
            words = phrase.lower().split()
            by_len.setdefault(len(words), []).append(words)
        alts = []
        for _n, group in sorted(by_len.items()):
            alts.append([{"LOWER": {"IN": sorted({w[i] for w in group})}}
                         if len({w[i] for w in group}) > 1 else {"LOWER": group[0][i]}
                         for i in range(len(group[0]))])
        choices.append(alts)
    return [[tok for part in combo for tok in part] for combo in product(*choices)]


# --------------------------------------------------------------------------


class LexiconTagger:
    """Pipeline component: lexicon mentions -> doc.ents labelled by type."""

    def __init__(self, nlp, pack):
        from spacy.matcher import PhraseMatcher

        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_type = {}
        for phrase, typ, _code, exact in read_lexicons(pack):
            by_type.setdefault((typ, exact), []).append(phrase)
        self.n_phrases = 0
        for (typ, exact), phrases in by_type.items():
            docs = list(nlp.tokenizer.pipe(phrases))
            self.n_phrases += len(docs)
            (self.orth if exact else self.lower).add(typ, docs)

    def __call__(self, doc):
        from spacy.util import filter_spans

        spans = self.lower(doc, as_spans=True) + self.orth(doc, as_spans=True)
        doc.set_ents(filter_spans(spans))
        return doc


class EventRules:
    """Pipeline component: token patterns -> doc.user_data["events"]."""

    def __init__(self, nlp):
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        self.n_patterns = 0
        for name, _family, alts in RULES:
            patterns = [p for slots in alts for p in expand(slots)]
            self.n_patterns += len(patterns)
            self.matcher.add(name, patterns, greedy="LONGEST")
        self.names = {nlp.vocab.strings[name]: name for name, _f, _a in RULES}

    def __call__(self, doc):
        events = []
        for match_id, start, end in self.matcher(doc):
            # evrule matches within one sentence: drop matches that cross one.
            if any(doc[i].is_sent_start for i in range(start + 1, end)):
                continue
            events.append((self.names[match_id], start, end))
        doc.user_data["events"] = events
        return doc


def build(pack):
    import spacy
    from spacy.language import Language

    if not Language.has_factory("evbench_lexicon"):
        Language.factory("evbench_lexicon", default_config={"pack": ""},
                         func=lambda nlp, name, pack: LexiconTagger(nlp, pack))
        Language.factory("evbench_rules",
                         func=lambda nlp, name: EventRules(nlp))

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    lex = nlp.add_pipe("evbench_lexicon", config={"pack": pack})
    rules = nlp.add_pipe("evbench_rules")
    return nlp, lex.n_phrases, rules.n_patterns


def read_docs(paths, limit):
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh):
                if limit and i >= limit:
                    break
                line = line.strip()
                if line:
                    yield line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pack", help="evrule pack folder (reads lexicons/*.tsv)")
    ap.add_argument("inputs", nargs="+", help="text files, one document per line")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--limit", type=int, default=0, help="first N lines of each file")
    args = ap.parse_args()

    rss = TreeRss()
    rss.start()
    t0 = time.perf_counter()
    nlp, n_phrases, n_patterns = build(args.pack)
    import spacy

    t1 = time.perf_counter()
    per_rule = {name: 0 for name, _f, _a in RULES}
    documents = sentences = tokens = mentions = matches = 0
    for doc in nlp.pipe(read_docs(args.inputs, args.limit),
                        batch_size=args.batch_size, n_process=args.n_process):
        documents += 1
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
        mentions += len(doc.ents)
        for name, _start, _end in doc.user_data["events"]:
            matches += 1
            per_rule[name] += 1
    t2 = time.perf_counter()
    rss.stop()

    json.dump({
        "system": "spacy",
        "spacy_version": spacy.__version__,
        "n_process": args.n_process,
        "batch_size": args.batch_size,
        "lexicon_phrases": n_phrases,
        "rules": len(RULES),
        "token_patterns": n_patterns,
        "documents": documents,
        "sentences": sentences,
        "tokens": tokens,
        "mentions": mentions,
        "matches": matches,
        "per_rule": per_rule,
        "setup_seconds": round(t1 - t0, 3),
        "seconds": round(t2 - t1, 3),
        "tree_peak_rss_mb": round(rss.peak_kb / 1024, 1),
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
