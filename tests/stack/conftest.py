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


# The form-service suite's database fixtures (a fresh SQLite file or PostgreSQL database per
# test) and content tree, registered here too: that conftest loaded once as a plain module.
if "forms_conftest" not in sys.modules:
    import importlib.util

    _spec = importlib.util.spec_from_file_location("forms_conftest", Path(__file__).resolve().parents[1] / "forms" / "conftest.py")
    sys.modules["forms_conftest"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["forms_conftest"])
from forms_conftest import database_url, forms_content, postgres_server  # noqa: E402,F401
