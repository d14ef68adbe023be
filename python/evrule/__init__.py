"""evrule: rule packs that turn news text into typed event records.

    import evrule
    pack = evrule.Pack("rules/conflict")
    for record in pack.run("Rebels ambushed an army convoy near Gao on Monday."):
        print(record["event"], record["text"])

`Pack(path)` loads, checks and compiles a pack (raising `PackError` with
the report of `evrule check`); `pack.run` codes one text, `pack.run_many`
streams many on all cores, `pack.to_arrow` and `run_table` give
`pyarrow` tables. Records are exactly the JSON lines of `evrule run`.
"""

from ._evrule import Pack, PackError, Runs, __version__, run_table

__all__ = ["Pack", "PackError", "Runs", "__version__", "run_table"]
