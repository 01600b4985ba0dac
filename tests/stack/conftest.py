"""Fixtures of the production-stack suite: the whole stack once per session (it takes a build
and four servers), a browser that trusts nothing but records every CSP violation."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Appended, not inserted: a folder put first would shadow the other suites' modules.
sys.path.append(str(Path(__file__).resolve().parent))

from loopback_stack import start_stack  # noqa: E402


@pytest.fixture(scope="session")
def stack():
    with start_stack() as running:
        yield running
