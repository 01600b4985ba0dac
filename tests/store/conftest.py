"""Fixtures of the content-store suite (helpers in store_support.py, a module name of its own)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parent))

from store_support import EVENT, make_repo  # noqa: E402


@pytest.fixture
def repo(tmp_path) -> Path:
    """A content repository with one hand-written event and one centre file, on branch main."""
    return make_repo(tmp_path / "content", {
        "events/2027/jenin-rights-workshop.yml": EVENT,
        "content/data/centres/jenin.yml": "name: مركز تواصل جنين\nhours: الأحد – الخميس\n",
    })
