"""Every way a call can go wrong says what and where: packs that do not load
raise PackError with the report of `evrule check`, bad documents raise
TypeError or ValueError naming the document."""

from __future__ import annotations

import pyarrow as pa
import pytest

import evrule
from support import run_cli

BROKEN = """\
type Actor
event Attack { attacker: Actor, target: Target }
rule attack
  "X attacked Y"
  X: Actor  Y: Actr
  => Attack { attacker: X, target: Y }
"""

WARNED = """\
type Actor
event Attack { attacker: Actor }
rule attack "X attacked" X: Actor => Attack { attacker: X }
"""

TEXT = "Rebels ambushed an army convoy near Gao."


def write_pack(folder, text):
    folder.mkdir()
    (folder / "main.evr").write_text(text, encoding="utf-8")
    return folder


def test_a_broken_pack_raises_the_report_of_evrule_check(cli, tmp_path):
    path = write_pack(tmp_path / "broken", BROKEN)
    with pytest.raises(evrule.PackError) as raised:
        evrule.Pack(path)
    check = run_cli(cli, "check", path)
    assert check.returncode == 1
    assert str(raised.value) == check.stderr.rstrip("\n")
    assert str(raised.value).endswith(f"{path}: 2 errors, 0 warnings")
    assert "[main.evr:2:41]" in str(raised.value)
    assert raised.value.path == str(path)
    assert raised.value.diagnostics == [
        {
            "severity": "error",
            "file": "main.evr",
            "line": 2,
            "column": 41,
            "code": "unknown-type",
            "message": "unknown type `Target`",
            "help": "declare it: `type Target`",
        },
        {
            "severity": "error",
            "file": "main.evr",
            "line": 5,
            "column": 16,
            "code": "unknown-type",
            "message": "unknown type `Actr`",
            "help": "did you mean `Actor`?",
        },
    ]


def test_a_missing_pack_raises_pack_error(tmp_path):
    with pytest.raises(evrule.PackError) as raised:
        evrule.Pack(tmp_path / "nowhere")
    [diagnostic] = raised.value.diagnostics
    assert diagnostic["code"] == "io"
    assert diagnostic["file"] is None and diagnostic["line"] is None
    assert f"pack {tmp_path / 'nowhere'} does not exist" in str(raised.value)


def test_a_pack_file_that_is_not_utf8_raises_pack_error(tmp_path):
    folder = tmp_path / "latin1"
    folder.mkdir()
    (folder / "main.evr").write_bytes("type Actor\n# café\n".encode("latin-1"))
    with pytest.raises(evrule.PackError, match="valid UTF-8"):
        evrule.Pack(folder)


def test_warnings_do_not_stop_a_pack_and_are_listed(tmp_path):
    pack = evrule.Pack(write_pack(tmp_path / "warned", WARNED))
    [warning] = pack.warnings
    assert warning["severity"] == "warning"
    assert warning["code"] == "unreachable-rule"
    assert (warning["file"], warning["line"]) == ("main.evr", 3)
    assert pack.run("Rebels attacked the town.") == []


@pytest.mark.parametrize(
    "doc, error, message",
    [
        (42, TypeError, r"docs\[1\]: a document is a str or a dict .* not int"),
        ({"id": "x"}, ValueError, r"docs\[1\]: document `x` has no `text` field"),
        ({"text": 3}, TypeError, r'docs\[1\]\["text"\]: text must be str or bytes, not int'),
        ({"text": "a", "id": [1]}, ValueError, r"docs\[1\]: `id` must be a string or a number"),
        ({"text": "a", "date": 2024}, ValueError, r"docs\[1\]: document `1`: `date` must be a string, not a number"),
        ({"text": "a", "seen": object()}, TypeError, r'docs\[1\]\["seen"\]: a value of type object is not JSON'),
        ({"text": "a", "score": float("nan")}, ValueError, r'docs\[1\]\["score"\]: NaN is not a JSON number'),
        ({"text": "a", 7: "x"}, TypeError, r"docs\[1\]: keys must be str, not int"),
        (b"caf\xe9 attacked", ValueError, r"docs\[1\]: not UTF-8 \(invalid byte at offset 3\)"),
        ("lone \ud800 surrogate", ValueError, r"docs\[1\]: the text is not valid Unicode"),
    ],
)
def test_a_bad_document_raises_after_the_records_before_it(pack, doc, error, message):
    results = pack.run_many([TEXT, doc, TEXT])
    assert next(results)[0]["doc"] == "0"
    with pytest.raises(error, match=message):
        next(results)
    with pytest.raises(StopIteration):
        next(results)


def test_an_error_in_the_input_iterator_reaches_the_caller(pack):
    def failing():
        yield TEXT
        raise OSError("disk gone")

    results = pack.run_many(failing())
    assert len(next(results)) == 1
    with pytest.raises(OSError, match="disk gone"):
        next(results)


def test_utf8_bytes_are_texts(pack):
    assert pack.run(TEXT.encode()) == pack.run(TEXT)


def test_wrong_arguments_are_refused(pack):
    with pytest.raises(TypeError, match="run_many takes an iterable of documents, not one str; for one text use run()"):
        pack.run_many(TEXT)
    with pytest.raises(TypeError, match="iterable of documents .* not int"):
        pack.run_many(5)
    with pytest.raises(ValueError, match='offsets must be "byte" or "char", not "words"'):
        pack.run(TEXT, offsets="words")
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        pack.run_many([TEXT], jobs=0)
    with pytest.raises(TypeError, match="an id must be a str or an int, not float"):
        pack.run(TEXT, id=1.5)
    with pytest.raises(TypeError, match="text must be str or bytes, not NoneType"):
        pack.run(None)
    with pytest.raises(ValueError, match="the pack has no rule `ambsh`; did you mean `ambush`?"):
        pack.explain(TEXT, rule="ambsh")


def test_run_table_names_missing_columns_and_null_texts(pack):
    with pytest.raises(KeyError, match=r'the table has no column "body" \(its columns: id, text\)'):
        evrule.run_table(pack, pa.table({"id": ["a"], "text": [TEXT]}), text_column="body")
    table = pa.table({"id": ["a", "b"], "text": [TEXT, None]})
    with pytest.raises(ValueError, match=r'row 1 \(id "b"\): the text is null'):
        evrule.run_table(pack, table)
