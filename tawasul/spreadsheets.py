"""CSV for spreadsheets: UTF-8 with a BOM (Excel shows Arabic only with it), and cells that a
spreadsheet would run as a formula neutralised. Used by the coordinators' exports and the
site's open data alike."""
from __future__ import annotations

import csv
import io
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


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
