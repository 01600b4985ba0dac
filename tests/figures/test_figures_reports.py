"""The centres' yearly report PDFs, published with the sample site and read back with pdftotext."""
from __future__ import annotations

import subprocess
from datetime import date

from bs4 import BeautifulSoup

from tawasul.figures.presentation import shown
from tawasul.figures.report import Report, report_html, report_path, reports, write_pdfs
from tawasul.loader import load_catalogue
from tawasul.site.render import SiteContext

from support import ROOT

CAT = load_catalogue(ROOT)
MAX_BYTES = 500 * 1024


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_centre_has_a_linked_report_pdf_per_year_with_its_name_and_figures(sample_site):
    expected = reports(CAT)
    assert len(expected) == sum(len(f.governorates) for f in CAT.figures.values()) >= 22
    for report in expected:
        pdf = sample_site / report.path
        assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size <= MAX_BYTES, report.path
    centre = CAT.centres["hebron"]
    page = BeautifulSoup((sample_site / "centres/hebron/index.html").read_text(encoding="utf-8"), "html.parser")
    pdf_links = [a["href"] for a in page.select("a[type='application/pdf']")]
    assert pdf_links == [f"../../{report_path(centre, y)}" for y in sorted(CAT.figures, reverse=True)]
    text = pdf_text(sample_site / report_path(centre, 2026))
    # pdftotext gives Arabic in visual order with presentation forms; the words stay findable
    # once the bidi marks it adds are dropped.
    flat = "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e")
    figures = CAT.figures[2026].governorates["hebron"]
    assert "تواصل" in flat and "الخليل" in flat
    assert shown(figures.reached.total.total) in flat and shown(figures.events.total) in flat
    assert "تجريبي" in flat  # marked as sample


def test_report_pdfs_are_made_again_only_when_their_page_changes(tmp_path):
    ctx = SiteContext(CAT, date(2026, 11, 29))
    report = Report(CAT.centres["jericho"], 2025, report_path(CAT.centres["jericho"], 2025))
    html = report_html(ctx, report, [])
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert write_pdfs(site, [(report, html)], cache) == (1, 0)
    assert write_pdfs(site, [(report, html)], cache) == (0, 1)
    changed = html.replace("أعضاء الائتلاف", "أعضاء ائتلاف المركز")
    assert changed != html and write_pdfs(site, [(report, changed)], cache) == (1, 0)
    assert "ائتلاف المركز" in "".join(pdf_text(site / report.path).split("\u202b"))
