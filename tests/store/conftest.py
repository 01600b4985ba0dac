"""Fixtures of the content-store suite (helpers in support/store.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.store import EVENT, make_repo


@pytest.fixture
def repo(tmp_path) -> Path:
    """A content repository with one hand-written event and one centre file, on branch main."""
    return make_repo(tmp_path / "content", {
        "events/2027/jenin-rights-workshop.yml": EVENT,
        "content/data/centres/jenin.yml": "name: مركز تواصل جنين\nhours: الأحد – الخميس\n",
    })
