"""Shared fixtures: the repository, the CLI binary to compare with, the
conflict pack, and the shared news corpus (skipped with a message when
../shared is absent)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import evrule
from support import CONFLICT, REPO, SHARED


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `evrule` binary: $EVRULE_BIN, or target/release/evrule (cargo
    brings it up to date first)."""
    if "EVRULE_BIN" in os.environ:
        return Path(os.environ["EVRULE_BIN"])
    binary = REPO / "target" / "release" / "evrule"
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "evrule"],
        cwd=REPO,
        check=True,
    )
    return binary


@pytest.fixture(scope="session")
def pack() -> evrule.Pack:
    return evrule.Pack(CONFLICT)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the tests on real news text need ../shared/corpus")
    return SHARED
