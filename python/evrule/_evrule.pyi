"""Type stubs of the evrule extension module (re-exported by `evrule`)."""

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any, Literal, Mapping, TypedDict, Union

import pyarrow

__version__: str

Offsets = Literal["byte", "char"]

class Diagnostic(TypedDict):
    """One finding of the pack checker, as `evrule check` reports it."""

    severity: Literal["error", "warning"]
    file: str | None
    """The file's path relative to the pack, e.g. `lexicons/states.tsv`."""
    line: int | None
    """1-based."""
    column: int | None
    """1-based, in characters."""
    code: str
    """A stable identifier such as `unknown-type`."""
    message: str
    help: str | None

Document = Union[str, bytes, Mapping[str, Any]]
"""A text, or a dict with "text" and optionally "id", "date" and other
fields (kept in each record's "meta"), as a JSONL line of `evrule run`."""

Record = dict[str, Any]
"""One event: `doc`, `sentence`, `event`, `label`, `isa`, `code`, `rule`,
`start`, `end`, `text`, `negated` (only when true), `modality`, `args`
(field name -> {`text`, `type`, `code`, `start`, `end`, `value`, `phrase`,
`parties` (a compound's parts, for event types with `compound keep`),
`from_sentence` when the event's `fill` option set it}),
`date`, `meta`: exactly a JSON line of `evrule run`."""

class PackError(Exception):
    """A pack that cannot be loaded. `str()` is the report `evrule check`
    prints (without colors)."""

    diagnostics: list[Diagnostic]
    path: str

class Pack:
    """A rule pack, loaded, checked and compiled once.

    `Pack(path)` takes a pack folder or one `.evr` file and raises
    `PackError` when it has errors. Safe to share between threads; pickles
    as its path.
    """

    def __init__(self, path: str | PathLike[str]) -> None: ...
    @property
    def path(self) -> str: ...
    @property
    def warnings(self) -> list[Diagnostic]: ...
    @property
    def event_types(self) -> list[str]: ...
    @property
    def argument_columns(self) -> list[str]:
        """The struct columns of `to_arrow`: every argument field name of
        the pack, once, in declaration order (`arg_` in front of a name that
        is also a record column)."""

    def run(
        self,
        text: str | bytes,
        id: str | int | None = None,
        date: str | None = None,
        meta: Mapping[str, Any] | None = None,
        *,
        offsets: Offsets = "byte",
    ) -> list[Record]:
        """The events of one text. `id` defaults to "0". `offsets="char"`
        gives character offsets (to slice the Python string) instead of the
        CLI's byte offsets."""

    def run_many(
        self,
        docs: Iterable[Document],
        jobs: int | None = None,
        *,
        offsets: Offsets = "byte",
    ) -> Runs:
        """Each document's list of records, in input order, streamed while
        the input is read and matched on `jobs` threads (default: one per
        core) without the GIL. A document without an id gets its position
        ("0", "1", ...)."""

    def to_arrow(
        self,
        docs: Iterable[Document],
        jobs: int | None = None,
        *,
        offsets: Offsets = "byte",
    ) -> pyarrow.Table:
        """The events of `docs` as a table with `arrow_schema()`: one row
        per event."""

    def arrow_schema(self) -> pyarrow.Schema:
        """The record columns (`doc`, `sentence`, `event`, `label`, `isa`,
        `code`, `rule`, `start`, `end`, `text`, `negated`, `modality`,
        `date`, `meta` as JSON), then a struct column per argument field
        (`text`, `type`, `code`, `start`, `end`, `value`, `phrase_text`,
        `phrase_start`, `phrase_end`, `from_sentence`, and `parties`: a list
        of a compound's parts, each `text`, `type`, `code`, `start`,
        `end`, or null)."""

    def explain(self, text: str | bytes, rule: str | None = None) -> str:
        """Sentences, tokens, mentions, every rule that matched and what
        became of it; with `rule`, how far that rule got."""

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the pack's records."""

class Runs(Iterator[list[Record]]):
    """The iterator `Pack.run_many` returns."""

    def __iter__(self) -> Runs: ...
    def __next__(self) -> list[Record]: ...

def run_table(
    pack: Pack,
    table: pyarrow.Table | pyarrow.RecordBatch,
    text_column: str = "text",
    id_column: str = "id",
    *,
    date_column: str = "date",
    jobs: int | None = None,
    offsets: Offsets = "byte",
) -> pyarrow.Table:
    """The events of a table of documents, with `pack.arrow_schema()`. Ids
    come from `id_column` when the table has it (else the row's position),
    dates from `date_column` when it has it. A null text raises."""
