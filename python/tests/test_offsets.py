"""Byte offsets (the CLI's) slice the UTF-8 bytes; `offsets="char"` gives
offsets that slice the Python string, also after non-ASCII characters."""

from __future__ import annotations

from support import REPO

# Written for this test: accents, a dash, curly quotes and an emoji before
# and inside the events.
TEXT = (
    "Über-reporter’s note 🙂 — Rebels ambushed an army convoy near Gao on Monday. "
    "In Léré, JNIM fighters attacked Malian soldiers on Tuesday, “officials” said."
)


def spans(record):
    """Every (start, end, text) of a record: its own, its arguments' and
    their noun phrases'."""
    yield record["start"], record["end"], record["text"]
    for argument in record["args"].values():
        yield argument["start"], argument["end"], argument["text"]
        if "phrase" in argument:
            phrase = argument["phrase"]
            yield phrase["start"], phrase["end"], phrase["text"]


def test_char_offsets_slice_the_python_string(pack):
    records = pack.run(TEXT, offsets="char")
    assert len(records) >= 2
    for record in records:
        for start, end, text in spans(record):
            assert TEXT[start:end] == text


def test_byte_offsets_slice_the_utf8_bytes(pack):
    data = TEXT.encode()
    records = pack.run(TEXT)
    assert records[0]["start"] > TEXT.index("Rebels")  # bytes, not characters
    for record in records:
        for start, end, text in spans(record):
            assert data[start:end].decode() == text


def test_only_offsets_differ_between_the_two(pack):
    def without_offsets(value):
        if isinstance(value, dict):
            return {k: without_offsets(v) for k, v in value.items() if k not in ("start", "end")}
        return value

    by_byte = pack.run(TEXT)
    by_char = pack.run(TEXT, offsets="char")
    assert any("phrase" in a for r in by_byte for a in r["args"].values())
    assert by_byte != by_char
    assert [without_offsets(r) for r in by_byte] == [without_offsets(r) for r in by_char]


def test_char_offsets_on_articles_through_every_entry_point(pack):
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    assert any(not t.isascii() for t in texts)
    for text, records in zip(texts, pack.run_many(texts, offsets="char")):
        for record in records:
            for start, end, span in spans(record):
                assert text[start:end] == span
    table = pack.to_arrow(texts, offsets="char").to_pylist()
    assert len(table) > 50
    for row in table:
        text = texts[int(row["doc"])]
        assert text[row["start"] : row["end"]] == row["text"]
        for column in pack.argument_columns:
            if row[column] is not None:
                assert text[row[column]["start"] : row[column]["end"]] == row[column]["text"]
