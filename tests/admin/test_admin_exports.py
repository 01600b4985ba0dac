"""Exports for Excel: CSV in UTF-8 with a BOM, XLSX, formula injection neutralised, Arabic
intact, one column count whatever the values hold, and an Arabic file name with a Latin fallback."""
from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest
from support.admin import register
from openpyxl import load_workbook

from forms_service.services.exports import REGISTRATION_HEADER, neutralise

RLM, LRM = "\u200f", "\u200e"
DANGEROUS = ["=1+1", "+972", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "\n=1", " =1", "   +1", f"{RLM}=1",
             f"{RLM} -1", f"{LRM}@x", "\u2067=1", "＝1+1", "＋1", "－1", "＠x", f" {RLM}＝HYPERLINK(\"x\")"]
HARMLESS = ["سلمى", "a=b", "O'Neil", "1-2", "منى + رنا", ""]
TRICKY = ['جمعية "النور", فرع جنين', "سطر أول\nسطر ثانٍ", 'a,b,"c"', "نص\r\nبفاصل ويندوز"]


@pytest.mark.parametrize("payload", DANGEROUS)
def test_cells_read_as_formulas_get_an_apostrophe(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", HARMLESS + TRICKY)
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def test_numbers_stay_numbers():
    assert neutralise(3) == 3 and neutralise(-3) == -3


@pytest.fixture
def payload_registrations(app):
    names = DANGEROUS + ["سلمى"] + TRICKY
    for n, name in enumerate(names):
        register(app, "open-both", name, f"05991{n:05d}", organisation=TRICKY[n % len(TRICKY)])
    return names


def _export(staff, kind):
    huda = staff("huda")
    answer = huda.post(f"/admin/events/open-both/export.{kind}")
    assert answer.status_code == 200, answer.status_code
    return answer


def test_csv_export(staff, payload_registrations):
    answer = _export(staff, "csv")
    body = answer.get_data()
    assert answer.mimetype == "text/csv"
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == REGISTRATION_HEADER
    assert {len(row) for row in rows} == {len(REGISTRATION_HEADER)}  # commas, quotes, newlines included
    assert len(rows) == 1 + len(payload_registrations)
    names = [row[1] for row in rows[1:]]
    organisations = {row[2] for row in rows[1:]}
    for payload in DANGEROUS:
        assert "'" + payload in names
    assert "سلمى" in names and set(TRICKY) <= set(names)  # Arabic and tricky values round-trip
    assert organisations == set(TRICKY)
    for row in rows[1:]:
        for cell in row:
            assert neutralise(cell) == cell or cell.startswith("'"), cell


def test_csv_file_name_is_arabic_with_a_latin_fallback(staff, payload_registrations):
    disposition = _export(staff, "csv").headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="registrations-open-both.csv"' in disposition
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert encoded.isascii() and unquote(encoded) == "التسجيلات - فعالية open-both.csv"


def test_xlsx_export(staff, payload_registrations):
    answer = _export(staff, "xlsx")
    assert "filename*=UTF-8''" in answer.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(answer.get_data()))
    sheet = book.active
    assert sheet.sheet_view.rightToLeft
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == REGISTRATION_HEADER
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    names = [row[1] for row in rows[1:]]
    for payload in DANGEROUS:
        # XML reads a lone CR back as LF; the apostrophe is there either way
        assert ("'" + payload).replace("\r", "\n") in names
    assert "سلمى" in names


def test_exports_are_post_only_and_recorded_without_personal_data(app, staff, payload_registrations):
    from forms_service.admin_models import AuditEntry
    from forms_service.extensions import db

    huda = staff("huda")
    assert huda.client.get("/admin/events/open-both/export.csv").status_code == 405
    huda.post("/admin/events/open-both/export.csv")
    with app.app_context():
        [entry] = db.session.query(AuditEntry).filter_by(action="export_csv").all()
        assert (entry.actor, entry.object_type, entry.object_id) == ("huda", "event", "open-both")
