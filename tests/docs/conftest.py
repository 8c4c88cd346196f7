"""Fixtures shared by the checks of the built site."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Final

import pytest

REPO: Final = Path(__file__).resolve().parents[2]
#: Fallback of the Makefile's SOURCE_DATE_EPOCH when git cannot tell (2026-01-01).
DEFAULT_EPOCH: Final = "1767225600"


@pytest.fixture(scope="session")
def source_date_epoch() -> str:
    """Return SOURCE_DATE_EPOCH as the Makefile sets it: the last commit's time."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    git = subprocess.run(
        ["git", "log", "-1", "--format=%ct"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return git.stdout.strip() or DEFAULT_EPOCH
