"""Helpers of the tests: where things are, running the CLI, comparing
records."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpus"
CONFLICT = REPO / "rules" / "conflict"


def run_cli(cli: Path, *args: str | os.PathLike, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Runs the CLI without colors and returns the finished process."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [str(cli), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


def cli_records(cli: Path, *args: str | os.PathLike) -> list[dict]:
    """The records of `evrule run ARGS -q` (JSONL on stdout)."""
    done = run_cli(cli, "run", *args, "-q")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def normalized(records: list[dict]) -> list[str]:
    """Records as canonical JSON text, for byte-for-byte comparison."""
    return [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records]
