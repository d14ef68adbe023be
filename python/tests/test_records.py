"""The package gives exactly the records of `evrule run`: on the project's
example articles, the seed article and the shared news corpus, through
`run`, `run_many` and JSONL-like dicts with dates and metadata."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from support import CONFLICT, REPO, cli_records, normalized, run_cli

NEWS_SAMPLE = 600  # lines of each news file


def test_run_equals_the_cli_on_the_example_articles(cli, pack):
    files = sorted((REPO / "examples").glob("*.txt"))
    expected = cli_records(cli, CONFLICT, *(f.relative_to(REPO) for f in files))
    got = []
    for file in files:
        got += pack.run(file.read_text(encoding="utf-8"), id=str(file.relative_to(REPO)))
    assert len(expected) > 50
    assert normalized(got) == normalized(expected)


def test_run_equals_the_cli_on_the_seed_article(cli, pack, shared):
    [seed] = sorted((shared / "seed").glob("*.txt"))
    expected = cli_records(cli, CONFLICT, seed)
    got = pack.run(seed.read_text(encoding="utf-8"), id=str(seed))
    assert len(expected) >= 5
    assert normalized(got) == normalized(expected)


def news_lines(shared: Path, tmp_path: Path) -> tuple[Path, list[dict]]:
    """The first NEWS_SAMPLE lines of each news file, as one text file (for
    `--lines`) and as the documents the CLI makes of it."""
    sample = tmp_path / "news.txt"
    lines = []
    for name in ("reuters21578.txt", "bbc.txt"):
        with open(shared / "news" / name, encoding="utf-8") as f:
            lines += list(itertools.islice(f, NEWS_SAMPLE))
    sample.write_text("".join(lines), encoding="utf-8")
    docs = [
        {"id": f"{sample}:{number}", "text": line.rstrip("\r\n")}
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]
    return sample, docs


def test_run_many_equals_the_cli_on_the_news_corpus(cli, pack, shared, tmp_path):
    sample, docs = news_lines(shared, tmp_path)
    expected = cli_records(cli, CONFLICT, sample, "--lines", "--jobs", "2")
    per_document = list(pack.run_many(docs, jobs=2))
    assert len(per_document) == len(docs)
    got = [record for records in per_document for record in records]
    assert len(expected) > 300
    assert normalized(got) == normalized(expected)


def test_dicts_with_dates_and_metadata_equal_jsonl_input(cli, pack, shared, tmp_path):
    _, docs = news_lines(shared, tmp_path)
    docs = [
        {**doc, "id": index, "date": "1987-03-0%d" % (index % 9 + 1), "source": "wire", "rank": index}
        for index, doc in enumerate(docs[:300])
    ]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
    expected = cli_records(cli, CONFLICT, jsonl)
    got = [record for records in pack.run_many(docs) for record in records]
    assert len(expected) > 50
    assert expected[0]["meta"] == {"source": "wire", "rank": expected[0]["meta"]["rank"]}
    assert normalized(got) == normalized(expected)


def test_documents_without_ids_are_numbered_in_input_order(pack):
    texts = [
        "Rebels ambushed an army convoy near Gao on Monday.",
        "Nothing happened here.",
        "Police arrested 15 people in Funtua on Friday.",
    ]
    results = list(pack.run_many(texts, jobs=2))
    assert [len(r) > 0 for r in results] == [True, False, True]
    assert {r["doc"] for r in results[0]} == {"0"}
    assert {r["doc"] for r in results[2]} == {"2"}
    assert pack.run(texts[0])[0]["doc"] == "0"
    assert pack.run(texts[0], id=7)[0]["doc"] == "7"


def test_run_many_streams_a_generator_past_one_batch(pack):
    """Results come out while the input is still being read: an endless
    generator is fine as long as one stops asking."""
    def endless():
        n = 0
        while True:
            yield {"id": f"d{n}", "text": "Rebels ambushed an army convoy near Gao."}
            n += 1

    first = list(itertools.islice(pack.run_many(endless(), jobs=2), 1500))
    assert [records[0]["doc"] for records in first[:3]] == ["d0", "d1", "d2"]
    assert first[-1][0]["doc"] == "d1499"


def test_run_keeps_date_and_meta(pack):
    [record] = pack.run(
        "Rebels ambushed an army convoy near Gao.",
        id="n1",
        date="2024-05-01",
        meta={"url": "https://example.org/n1", "tags": ["sahel", 3, None, 1.5, True]},
    )
    assert record["date"] == "2024-05-01"
    assert record["meta"] == {"url": "https://example.org/n1", "tags": ["sahel", 3, None, 1.5, True]}


def test_schema_and_explain_equal_the_cli(cli, pack):
    from support import run_cli

    schema = run_cli(cli, "schema", CONFLICT)
    assert schema.returncode == 0
    assert pack.schema() == json.loads(schema.stdout)
    text = "Malian soldiers were ambushed by JNIM fighters near Boni on Wednesday."
    explained = run_cli(cli, "explain", CONFLICT, text)
    assert pack.explain(text) == explained.stdout
    explained = run_cli(cli, "explain", CONFLICT, text, "--rule", "ambush")
    assert pack.explain(text, rule="ambush") == explained.stdout


def test_pack_describes_itself(pack, cli):
    # The same counts as `evrule check` prints for the pack.
    checked = run_cli(cli, "check", CONFLICT).stdout
    counts = checked.split(": ok: ", 1)[1].strip()
    assert repr(pack) == f'<evrule.Pack "{CONFLICT}": {counts}>'
    assert pack.path == str(CONFLICT)
    assert pack.warnings == []
    assert "ArmedClash" in pack.event_types
    assert pack.argument_columns[:3] == ["attacker", "target", "location"]


def test_a_pack_pickles_as_its_path(pack):
    import pickle

    again = pickle.loads(pickle.dumps(pack))
    text = "Rebels ambushed an army convoy near Gao."
    assert again.run(text) == pack.run(text)
    assert again.path == pack.path


@pytest.mark.parametrize("jobs", [1, 3])
def test_jobs_do_not_change_the_records(pack, jobs):
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    assert list(pack.run_many(texts, jobs=jobs)) == list(pack.run_many(texts, jobs=2))
