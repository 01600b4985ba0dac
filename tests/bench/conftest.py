"""Fixtures for the benchmark tools: a small synthetic content tree and its real build."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import ROOT
from support.site_build import mkdocs_build

# The benchmark scripts are plain scripts in bench/, not a package; appended, so that no name
# there shadows a test helper.
sys.path.append(str(ROOT / "bench"))

from synthetic_content import Sizes, generate  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_sizes() -> Sizes:
    return Sizes(events=50, articles=8, campaigns=4, centres=11)


@pytest.fixture(scope="session")
def synthetic_root(tmp_path_factory, synthetic_sizes) -> Path:
    return generate(tmp_path_factory.mktemp("synthetic") / "content", synthetic_sizes, seed=7)


@pytest.fixture(scope="session")
def synthetic_site(synthetic_root) -> Path:
    dest = synthetic_root.parent / "site"
    result = mkdocs_build(dest, content_root=synthetic_root)
    assert result.returncode == 0, result.stderr
    return dest
