"""CSV for spreadsheets, shared by the site's downloads and the form service's exports.

Spreadsheet programs run a cell that starts with = + - @ (or a tab, CR, LF, or the full-width
forms) as a formula, even after leading spaces or invisible direction marks. Every text cell
that would be read that way gets a leading apostrophe (guide §5).
"""
from __future__ import annotations

import unicodedata

_FORMULA_START = set("=+-@\t\r\n") | set("＝＋－＠﹦﹢﹣﹫")


def neutralise(value):
    if not isinstance(value, str):
        return value
    for ch in value:
        if ch in _FORMULA_START:
            return "'" + value
        if ch.isspace() or unicodedata.category(ch) == "Cf":  # spaces, RLM/LRM, isolates, BOM…
            continue
        return value
    return value
