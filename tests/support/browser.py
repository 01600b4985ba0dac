"""Debian's Chromium, for Playwright in the tests and for the benchmarks."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on this closed network (see the machine notes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
