"""Builds a content tree for a test: the small valid fixture with a case's files laid over it."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import TESTS

DATA = TESTS / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"


def content_tree(dest: Path, case: str | None = None) -> Path:
    shutil.copytree(VALID, dest)
    if case:
        for src in (INVALID / case).rglob("*"):
            if src.is_file() and src.name != "expected.txt":
                target = dest / src.relative_to(INVALID / case)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, target)
    return dest


def invalid_cases() -> list[str]:
    return sorted(p.name for p in INVALID.iterdir() if p.is_dir())
