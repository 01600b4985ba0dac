"""A small synthetic content tree and its real build, for the benchmark tools' tests.

Kept out of a conftest.py on purpose: a second module named `conftest` replaces the root one in
`sys.modules`, and the suite's `from conftest import mkdocs_build` then breaks. Test modules
import these fixtures by name instead.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

# The benchmark scripts are plain scripts in bench/, not a package.
sys.path.insert(0, str(ROOT / "bench"))

from synthetic_content import Sizes, generate  # noqa: E402

SMALL = Sizes(events=50, articles=8, campaigns=4, centres=11)
SEED = 7


@pytest.fixture(scope="session")
def synthetic_root(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("synthetic") / "content", SMALL, seed=SEED)


@pytest.fixture(scope="session")
def synthetic_site(synthetic_root) -> Path:
    dest = synthetic_root.parent / "site"
    result = mkdocs_build(dest, content_root=synthetic_root)
    assert result.returncode == 0, result.stderr
    return dest
