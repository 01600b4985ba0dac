"""Shared fixtures: the repository root, and real MkDocs builds of real content trees."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

SAMPLE_TODAY = "2026-11-29"


def mkdocs_build(dest: Path, today: str = SAMPLE_TODAY, content_root: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`, as `make build` does, into `dest`."""
    env = {**os.environ, "TAWASUL_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    if content_root is not None:
        env["TAWASUL_CONTENT_ROOT"] = str(content_root)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's sample site, built once for the session with a fixed "today"."""
    dest = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest
