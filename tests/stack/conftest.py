"""Fixtures of the production-stack suite: the whole stack once per session (it takes a build
and four servers), a browser that trusts nothing but records every CSP violation."""
from __future__ import annotations

import pytest
from support.loopback_stack import start_stack


@pytest.fixture(scope="session")
def stack():
    with start_stack() as running:
        yield running
