"""What the test suites share: helpers (one module per subject) and the fixtures every suite may
use (`fixtures.py`, loaded by tests/conftest.py through `pytest_plugins`).

`tests/` is on the import path (pyproject.toml: `pythonpath`), so tests write
`from support.forms import Visitor`; bench/budgets.py uses the production-stack helpers too.
"""
from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
# The one "today" of every test, server and browser the suites start: nothing depends on the
# machine's date. Builds and servers get it as TAWASUL_TODAY.
SAMPLE_TODAY = "2026-11-29"
