"""Registration lists for Excel: CSV (UTF-8 with BOM) and XLSX (openpyxl).

Every text cell a spreadsheet would run as a formula gets a leading apostrophe
(`tawasul.spreadsheets.neutralise`, shared with the site's CSV downloads; guide §5).
"""
from __future__ import annotations

import io
import re
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from tawasul.spreadsheets import csv_bytes, neutralise  # noqa: F401  (one home, shared with the site's open data)
from tawasul.states import label

from ..database import aware
from .codes import pretty

# Characters openpyxl refuses (XML 1.0); our forms refuse them too, this only keeps exports safe.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_bytes(header: list[str], rows: list[list], sheet_title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", sheet_title)[:31] or "Sheet")
    sheet.sheet_view.rightToLeft = True
    for row in [header, *rows]:
        cells = []
        for value in row:
            value = neutralise(_XML_ILLEGAL.sub("", value) if isinstance(value, str) else value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it looks like
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def content_disposition(name: str, ascii_fallback: str) -> str:
    """RFC 6266/5987: browsers that know `filename*` get the Arabic name, others the Latin one."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "-", ascii_fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


REGISTRATION_HEADER = ["رقم التسجيل", "الاسم", "المؤسسة", "عدد المقاعد", "الحالة", "وسيلة التواصل", "المحافظة",
                       "ما يسهّل المشاركة", "الحضور", "تاريخ التسجيل"]


def registration_rows(registrations, governorate_names: dict[str, str], tz) -> list[list]:
    return [[pretty(r.reference), r.name, r.organisation or "", r.seats, label(r.state), r.contact,
             governorate_names.get(r.governorate, r.governorate), r.access_needs or "",
             "حضرت" if r.attended else "", aware(r.created_at).astimezone(tz).strftime("%Y-%m-%d %H:%M")]
            for r in registrations]
