"""Fixtures for the yearly figures: the helpers here (figures_audit.py, an independent
attacker of the suppression) on the import path."""
from __future__ import annotations

import sys
from pathlib import Path

# Appended, so `conftest` still names the root one.
sys.path.append(str(Path(__file__).resolve().parent))
