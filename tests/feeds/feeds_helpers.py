"""Small readers shared by the tests in tests/feeds."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def links_of(path: Path) -> list[str]:
    return [a.get("href") for a in soup_of(path).select("a[href]")]
