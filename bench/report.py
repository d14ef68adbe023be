#!/usr/bin/env python3
"""Turn the raw measurements of bench/run.sh into the report table.

Reads a manifest (one run a line, tab-separated: key, system, mode, time
file, stdout file, stderr file) written by run.sh, parses GNU time's -v
output, evrule's summary line and the peer's JSON, picks the median of
repeated runs, prints a Markdown report, writes it to --out, and checks the
design's targets. Exit status: 0, or 1 with --strict when a target fails.
Uses only the standard library (runs on the system python3).
"""

import argparse
import json
import re
import statistics
import sys

SUMMARY = re.compile(
    r"(\d+) documents, (\d+) sentences, (\d+) events, (\d+) failures in ([\d.]+)s")

# Targets from the design.
PER_CORE_TARGET = 100_000      # sentences/s for evrule --jobs 1
PEER_FACTOR_TARGET = 10        # x faster than the blank spaCy pipeline
MEMORY_GROWTH_LIMIT = 1.25     # RSS at 4x the corpus over RSS at 1x ...
MEMORY_GROWTH_SLACK_MB = 4     # ... plus this much slack


def parse_time(path):
    """GNU time -v: wall seconds, max RSS (MB), exit status."""
    text = open(path, encoding="utf-8", errors="replace").read()
    wall = rss = None
    status = 0
    cpu = 0.0
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(": ", 1)[1]
            secs = 0.0
            for part in clock.split(":"):
                secs = secs * 60 + float(part)
            wall = secs
        elif line.startswith("Maximum resident set size (kbytes)"):
            rss = int(line.rsplit(":", 1)[1]) / 1024
        elif line.startswith(("User time (seconds)", "System time (seconds)")):
            cpu += float(line.rsplit(":", 1)[1])
        elif line.startswith("Exit status:"):
            status = int(line.rsplit(":", 1)[1])
        elif line.startswith("Command exited with non-zero status"):
            status = int(line.rsplit(" ", 1)[1])
    return wall, rss, status, cpu


def other_cpu_share(stat_file, own_cpu, wall, cores, clk_tck):
    """Share of the machine's CPU used by other processes during a run.

    The stat file holds the "cpu" line of /proc/stat before and after the
    run; busy time minus the run's own user+system time is what the rest
    of the machine (another build, another benchmark) used meanwhile.
    """
    try:
        lines = open(stat_file).read().split("\n")
        before, after = ([int(x) for x in l.split()[1:]] for l in lines[:2])
    except (OSError, ValueError):
        return None
    def busy(v):
        return sum(v) - v[3] - (v[4] if len(v) > 4 else 0)  # minus idle, iowait
    other = (busy(after) - busy(before)) / clk_tck - own_cpu
    if not wall:
        return None
    return max(0.0, other) / (wall * cores)


def parse_run(key, system, mode, time_file, out_file, err_file, cores=1, clk_tck=100):
    wall, rss, status, cpu = parse_time(time_file)
    stat_file = time_file[: -len(".time")] + ".stat"
    run = {"key": key, "system": system, "mode": mode, "wall": wall,
           "rss_mb": rss, "status": status, "error": None, "cpu": cpu,
           "other": other_cpu_share(stat_file, cpu, wall, cores, clk_tck)}
    err = open(err_file, encoding="utf-8", errors="replace").read()
    if status != 0:
        run["error"] = f"exit status {status}: " + " | ".join(err.strip().splitlines()[-3:])
        return run
    if system == "evrule":
        found = SUMMARY.findall(err)
        if not found:
            run["error"] = "no summary line on stderr: " + err.strip()[-200:]
            return run
        docs, sents, events, failures, secs = found[-1]
        run.update(documents=int(docs), sentences=int(sents), events=int(events),
                   failures=int(failures), proc_seconds=float(secs))
    else:
        try:
            data = json.loads(open(out_file, encoding="utf-8").read().strip().splitlines()[-1])
        except (ValueError, IndexError) as exc:
            run["error"] = f"no JSON from the peer ({exc}): " + err.strip()[-200:]
            return run
        run.update(documents=data["documents"], sentences=data["sentences"],
                   events=data["matches"], proc_seconds=data["seconds"],
                   setup_seconds=data["setup_seconds"], mentions=data["mentions"],
                   tree_rss_mb=data["tree_peak_rss_mb"], per_rule=data["per_rule"],
                   spacy_version=data["spacy_version"], tokens=data["tokens"],
                   token_patterns=data["token_patterns"], rules=data["rules"],
                   lexicon_phrases=data["lexicon_phrases"])
    run["rate"] = run["sentences"] / run["wall"] if run["wall"] else 0.0
    return run


def median_run(runs):
    ok = [r for r in runs if not r["error"]]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r["wall"])
    best = dict(ok[len(ok) // 2])
    best["repeats"] = len(ok)
    best["walls"] = [r["wall"] for r in ok]
    best["rss_max_of_repeats"] = max(r["rss_mb"] for r in ok)
    return best


def fmt_share(x):
    return "?" if x is None else f"{100 * x:.0f}%"


def fmt_int(n):
    return f"{n:,}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("--out", required=True)
    ap.add_argument("--title", default="evrule benchmark")
    ap.add_argument("--context", action="append", default=[],
                    help="a line of context for the report header")
    ap.add_argument("--peer-note", default="")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--cores", type=int, default=1)
    ap.add_argument("--clk-tck", type=int, default=100)
    args = ap.parse_args()

    groups = {}
    order = []
    for line in open(args.manifest, encoding="utf-8"):
        if not line.strip():
            continue
        key, system, mode, tf, of, ef = line.rstrip("\n").split("\t")
        if key not in groups:
            order.append(key)
            groups[key] = []
        groups[key].append(parse_run(key, system, mode, tf, of, ef,
                                     args.cores, args.clk_tck))
    runs = {key: median_run(groups[key]) for key in order}

    out = [f"# {args.title}", ""]
    out += [f"- {c}" for c in args.context]
    out += [""]

    table_keys = [k for k in order if not k.startswith("scale")]
    out += ["| system | mode | documents | sentences | events/matches | wall s | sentences/s | max RSS MB | CPU s | other load |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    notes = []
    for key in table_keys:
        r = runs[key]
        if r["error"]:
            out.append(f"| {r['system']} | {r['mode']} | failed (see below) | | | | | | | |")
            continue
        rss = f"{r['rss_mb']:.1f}"
        if r["system"] != "evrule" and "n_process=1" not in r["mode"]:
            rss += f" ({r['tree_rss_mb']:.0f} all processes)"
        out.append(f"| {r['system']} | {r['mode']} | {fmt_int(r['documents'])} | "
                   f"{fmt_int(r['sentences'])} | {fmt_int(r['events'])} | {r['wall']:.2f} | "
                   f"{fmt_int(round(r['rate']))} | {rss} | {r['cpu']:.2f} | {fmt_share(r['other'])} |")
    out.append("")
    for key in table_keys:
        r = runs[key]
        if r["error"]:
            continue
        if r["system"] == "evrule":
            notes.append(f"- evrule {r['mode']}: median of {r['repeats']} run{'s' if r['repeats'] > 1 else ''} "
                         f"(walls {', '.join(f'{w:.2f}' for w in r['walls'])} s); "
                         f"own summary: {r['proc_seconds']:.2f} s of processing, "
                         f"{fmt_int(round(r['sentences'] / r['proc_seconds']))} sentences/s"
                         if r["proc_seconds"] else "")
        else:
            proc_rate = r["sentences"] / r["proc_seconds"] if r["proc_seconds"] else 0.0
            notes.append(f"- spaCy {r['mode']}: {r['setup_seconds']:.2f} s to build the "
                         f"pipeline ({r['lexicon_phrases']:,} lexicon phrases, {r['rules']} rules "
                         f"as {r['token_patterns']:,} Matcher patterns) + {r['proc_seconds']:.2f} s "
                         f"processing ({fmt_int(round(proc_rate))} sentences/s); "
                         f"{fmt_int(r['tokens'])} tokens, {fmt_int(r['mentions'])} "
                         f"entity mentions, {fmt_int(r['events'])} matches; peak RSS of the process tree (sampled) "
                         f"{r['tree_rss_mb']:.0f} MB")
    out += ["Wall seconds are end to end (process start to exit, from `/usr/bin/time -v`), "
            "and sentences/s is sentences over that wall time. Max RSS is GNU time's; for "
            "`n_process=2` that is the largest single process, so the sum over the "
            "process tree is given beside it and used in the ratios. CPU s is the run's "
            "user + system time. Other load is the share of the machine's CPU "
            "(all cores) that other processes used during the run, from /proc/stat: "
            "anything above a few percent means the timings are disturbed.", ""]
    out += notes + [""]

    # Ratios.
    def get(key):
        r = runs.get(key)
        return r if r and not r["error"] else None

    ev1, evn = get("evrule_j1"), get("evrule_jall")
    sp1, sp2 = get("spacy_np1"), get("spacy_np2")
    ratios = []
    if ev1 and sp1:
        ratios.append(("throughput, one core: evrule --jobs 1 / spaCy n_process=1",
                       ev1["rate"] / sp1["rate"]))
        ratios.append(("memory: evrule --jobs 1 / spaCy n_process=1 (max RSS)",
                       ev1["rss_mb"] / sp1["rss_mb"]))
    if ev1 and sp1 and ev1["proc_seconds"] and sp1["proc_seconds"]:
        ratios.append(("throughput, one core, processing only (pack load and pipeline build "
                       "excluded): evrule --jobs 1 / spaCy n_process=1",
                       (ev1["sentences"] / ev1["proc_seconds"])
                       / (sp1["sentences"] / sp1["proc_seconds"])))
        if sp1["events"] and ev1["events"]:
            ratios.append(("work done: evrule events per sentence / spaCy matches per sentence",
                           (ev1["events"] / ev1["sentences"]) / (sp1["events"] / sp1["sentences"])))
    if evn and sp2:
        ratios.append(("throughput, all cores: evrule / spaCy n_process=2",
                       evn["rate"] / sp2["rate"]))
        ratios.append(("memory, all cores: evrule / spaCy n_process=2 (all processes)",
                       evn["rss_mb"] / sp2["tree_rss_mb"]))
    if evn and sp1 and not sp2:
        ratios.append(("throughput: evrule all cores / spaCy n_process=1",
                       evn["rate"] / sp1["rate"]))
    if ratios:
        out += ["## Ratios (evrule / spaCy)", "", "| ratio | value |", "| --- | ---: |"]
        for name, value in ratios:
            shown = f"{value:.1f}x" if value >= 1 else f"{value:.3f}x (spaCy uses {1 / value:.0f}x more)"
            out.append(f"| {name} | {shown} |")
        out.append("")
    elif args.peer_note:
        out += ["## Ratios (evrule / spaCy)", "", f"No ratios: {args.peer_note}", ""]

    # Targets.
    checks = []
    if ev1:
        checks.append((f"evrule >= {PER_CORE_TARGET:,} sentences/s per core (--jobs 1, end to end)",
                       ev1["rate"] >= PER_CORE_TARGET, f"{ev1['rate']:,.0f} sentences/s"))
    if ev1 and sp1:
        f = ev1["rate"] / sp1["rate"]
        checks.append((f"evrule >= {PEER_FACTOR_TARGET}x the blank spaCy pipeline on one core "
                       "(a lower bound for parser-based coders)",
                       f >= PEER_FACTOR_TARGET, f"{f:.1f}x"))
    scale1, scale4 = get("scale_1x"), get("scale_4x")
    if scale1 and scale4:
        limit = scale1["rss_mb"] * MEMORY_GROWTH_LIMIT + MEMORY_GROWTH_SLACK_MB
        checks.append((f"evrule memory bounded: max RSS at 4x the corpus <= "
                       f"{MEMORY_GROWTH_LIMIT}x that at 1x + {MEMORY_GROWTH_SLACK_MB} MB",
                       scale4["rss_mb"] <= limit,
                       f"{scale1['rss_mb']:.1f} MB ({fmt_int(scale1['documents'])} docs) -> "
                       f"{scale4['rss_mb']:.1f} MB ({fmt_int(scale4['documents'])} docs), "
                       f"limit {limit:.1f} MB"))
    noisy = [r for r in runs.values() if not r["error"] and (r["other"] or 0) > 0.10]
    if noisy:
        out += [f"**Warning**: other processes used more than 10% of the machine during "
                f"{', '.join(r['system'] + ' ' + r['mode'] for r in noisy)}; "
                "rerun on a quiet machine before trusting those timings.", ""]
    failed = [c for c in checks if not c[1]]
    out += ["## Targets", "", "| target | result | measured |", "| --- | --- | --- |"]
    for name, ok, measured in checks:
        out.append(f"| {name} | {'PASS' if ok else 'FAIL'} | {measured} |")
    out.append("")

    errors = [r for r in runs.values() if r["error"]]
    for r in errors:
        out.append(f"**{r['system']} {r['mode']} failed**: {r['error']}")
    text = "\n".join(out).rstrip() + "\n"
    sys.stdout.write(text)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    if any(r["system"] == "evrule" for r in errors):
        return 1
    if args.strict and failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
