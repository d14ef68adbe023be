"""`to_arrow` and `run_table`: one row per event, the pack's schema whatever
the events, and the same values as the records."""

from __future__ import annotations

import json

import pyarrow as pa

import evrule
from support import REPO

TEXT = "Malian soldiers were ambushed by JNIM fighters near Boni on Wednesday."


def articles():
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2024-05-0%d" % n, "desk": "africa"}
        for n, p in enumerate(sorted((REPO / "examples").glob("*.txt")), start=1)
    ]


def test_rows_are_the_records(pack):
    docs = articles()
    records = [r for rs in pack.run_many(docs) for r in rs]
    table = pack.to_arrow(docs)
    assert table.num_rows == len(records) > 50
    for row, record in zip(table.to_pylist(), records):
        for column in ("doc", "sentence", "event", "label", "isa", "code", "rule", "start", "end", "text", "date"):
            assert row[column] == record.get(column), column
        assert row["negated"] == record.get("negated", False)
        assert row["modality"] == record.get("modality")
        assert json.loads(row["meta"]) == record["meta"] == {"desk": "africa"}
        for column in pack.argument_columns:
            argument = record["args"].get(column)
            if argument is None:
                assert row[column] is None
            else:
                flat = {k: v for k, v in argument.items() if k not in ("phrase", "parties")}
                for key, value in argument.get("phrase", {}).items():
                    flat[f"phrase_{key}"] = value
                assert {k: row[column][k] for k in flat} == flat
                # A compound's parts, each with its text, type, code and offsets.
                parties = [
                    {k: part.get(k) for k in ("text", "type", "code", "start", "end")}
                    for part in argument.get("parties", [])
                ]
                assert (row[column]["parties"] or []) == parties


def test_the_schema_comes_from_the_pack(pack):
    schema = pack.arrow_schema()
    assert schema.names[:14] == [
        "doc", "sentence", "event", "label", "isa", "code", "rule",
        "start", "end", "text", "negated", "modality", "date", "meta",
    ]
    assert schema.names[14:] == pack.argument_columns
    assert schema.field("code").type == pa.string()  # CAMEO "010" stays a string
    assert schema.field("start").type == pa.int64()
    assert schema.field("negated").type == pa.bool_()
    assert schema.field("isa").type == pa.list_(pa.string())
    attacker = schema.field("attacker").type
    assert [attacker.field(i).name for i in range(attacker.num_fields)] == [
        "text", "type", "code", "start", "end", "value", "phrase_text", "phrase_start", "phrase_end",
        "from_sentence", "parties",
    ]
    # The same schema with no events at all, or a few.
    assert pack.to_arrow([]).schema == schema
    assert pack.to_arrow(["Nothing happened."]).num_rows == 0
    assert pack.to_arrow(["Nothing happened."]).schema == schema
    assert pack.to_arrow([TEXT]).schema == schema


def test_codes_stay_strings_in_pandas(pack):
    frame = pack.to_arrow([TEXT] * 3).to_pandas()
    assert list(frame["code"]) == ["193"] * 3
    assert frame["start"].dtype == "int64"
    assert frame["negated"].dtype == bool
    assert frame["attacker"][0]["code"] == "IMGMUSALQMLI"


def test_negated_and_modality_are_columns(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "main.evr").write_text(
        """\
type Actor
lexicon "actors.tsv"
event Attack { attacker: Actor } code "190" negation mark modality mark
rule attack "X attack" X: Actor => Attack { attacker: X }
""",
        encoding="utf-8",
    )
    (folder / "actors.tsv").write_text("rebels\tActor\tREB\n", encoding="utf-8")
    pack = evrule.Pack(folder)
    texts = ["The rebels have not attacked.", "The rebels attacked.", "The rebels plan to attack."]
    records = [r for rs in pack.run_many(texts) for r in rs]
    table = pack.to_arrow(texts)
    assert table.column("negated").to_pylist() == [True, False, False]
    assert table.column("modality").to_pylist() == [None, None, "intended"]
    assert [r.get("negated", False) for r in records] == [True, False, False]
    assert [r.get("modality") for r in records] == [None, None, "intended"]


def test_run_table_reads_texts_ids_and_dates_from_columns(pack):
    docs = articles()
    table = pa.table(
        {
            "id": [d["id"] for d in docs],
            "body": [d["text"] for d in docs],
            "date": [d["date"] for d in docs],
        }
    )
    got = evrule.run_table(pack, table, text_column="body")
    expected = pack.to_arrow([{k: v for k, v in d.items() if k != "desk"} for d in docs])
    assert got.equals(expected)
    # A RecordBatch (what Spark's mapInArrow hands over) works the same.
    [batch] = table.to_batches()
    assert evrule.run_table(pack, batch, text_column="body").equals(expected)


def test_run_table_without_an_id_column_numbers_rows(pack):
    table = pa.table({"text": ["Nothing.", TEXT]})
    assert evrule.run_table(pack, table).column("doc").to_pylist() == ["1"]
    ints = pa.table({"id": [10, 11], "text": ["Nothing.", TEXT]})
    assert evrule.run_table(pack, ints).column("doc").to_pylist() == ["11"]
