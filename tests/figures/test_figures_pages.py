"""The achievements pages of the built sample site, read as a visitor (or a spreadsheet) reads them."""
from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup

from tawasul.figures.aggregate import publishable
from tawasul.figures.presentation import SHOWN, TABLES, shown
from tawasul.figures.aggregate import governorates_with_centres
from tawasul.figures.samples import YEARS, sample_records
from tawasul.figures.tables import NATIONAL
from tawasul.loader import load_catalogue

from support import ROOT

CAT = load_catalogue(ROOT)
GOVERNORATES = governorates_with_centres(CAT)


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def table_by_caption(page: BeautifulSoup, caption: str):
    return next(t for t in page.select("table.tw-figures") if t.caption.get_text(strip=True).startswith(caption))


@pytest.mark.parametrize("year", YEARS)
def test_every_figure_on_the_national_page_is_the_suppressed_aggregate_of_the_sample_records(sample_site, year):
    published, _ = publishable(sample_records(CAT, year), year, GOVERNORATES)
    page = soup(sample_site, f"achievements/{year}")
    names = {CAT.governorates[g].name: g for g in GOVERNORATES}
    checked = 0
    for table in TABLES:
        html = table_by_caption(page, table.caption)
        body = html.tbody.find_all("tr")
        assert len(body) == len(GOVERNORATES) + 1
        for row in body:
            area = names.get(row.th.get_text(strip=True), NATIONAL)
            shown_values = [td.get_text(strip=True) for td in row.find_all("td")]
            expected = [shown(published[(table.slug, area, *c.key)]) for c in table.columns]
            assert shown_values == expected, (table.slug, area)
            checked += len(expected)
    assert checked == (len(GOVERNORATES) + 1) * sum(len(t.columns) for t in TABLES)


def _achievement_pages(site):
    return sorted((site / "achievements").rglob("index.html"))


def test_no_published_cell_or_chart_label_holds_a_count_from_one_to_four(sample_site):
    pages = _achievement_pages(sample_site)
    assert len(pages) == 1 + len(YEARS) * (1 + len(GOVERNORATES))
    small_seen = 0
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cells = [td.get_text(strip=True) for td in page.select("table.tw-figures td")]
        labels = [t.get_text(strip=True) for svg in page.select("svg.tw-chart") for t in svg.find_all("text")]
        figures = [li.strong.get_text(strip=True) for li in page.select(".tw-keyfigures li")]
        for value in cells + figures + [l for l in labels if re.fullmatch(r"\d+", l)]:
            assert value in SHOWN.values() or int(value) == 0 or int(value) >= 5, (path, value)
        small_seen += cells.count(SHOWN["<5"])
    assert small_seen > 20  # the sample shows the suppression


def test_charts_are_small_labelled_svg_with_real_text_drawn_right_to_left(sample_site):
    page = soup(sample_site, "achievements/2026/hebron")
    charts = page.select("svg.tw-chart")
    assert len(charts) == 2
    for svg in charts:
        assert len(str(svg).encode()) < 4000
        assert svg["role"] == "img" and svg.title.get_text(strip=True) and svg.desc.get_text(strip=True)
        assert set(svg["aria-labelledby"].split()) == {svg.title["id"], svg.desc["id"]}
        assert not svg.find_all(["script", "path", "image"]) and not svg.find_all(style=True)
        labels = svg.find_all("text")
        assert any(re.search(r"[\u0600-\u06ff]", t.get_text()) for t in labels)
        # Right to left: every label sits right of the baseline; every bar grows left of it.
        baseline = float(svg.line["x1"])
        for rect in svg.find_all("rect"):
            assert float(rect["x"]) + float(rect["width"]) <= baseline
        kinds = [t for t in labels if re.search(r"[\u0600-\u06ff]", t.get_text()) and t.get_text() not in SHOWN.values()]
        assert all(float(t["x"]) > baseline for t in kinds)
        # The figure is followed by a table of the same figures.
        table = svg.find_parent("figure").find_next_sibling()
        assert table.select_one("table.tw-figures")


def _csv(site, path):
    raw = (site / path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_every_table_downloads_as_csv_with_an_hxl_row(sample_site):
    published, _ = publishable(sample_records(CAT, 2026), 2026, GOVERNORATES)
    page = soup(sample_site, "achievements/2026")
    links = {a["href"] for a in page.select("a[download]")}
    assert links == {f"{t.slug}.csv" for t in TABLES}
    for table in TABLES:
        rows = _csv(sample_site, f"achievements/2026/{table.slug}.csv")
        header, tags, data = rows[0], rows[1], rows[2:]
        assert len(header) == len(tags) == 3 + len(table.columns)
        assert all(re.fullmatch(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*", t) for t in tags), tags
        assert "#adm1+code" in tags and len(data) == len(GOVERNORATES) + 1
        jenin = next(r for r in data if r[2] == "PS-JEN")
        assert jenin[3:] == [shown(published[(table.slug, "jenin", *c.key)]) for c in table.columns]
    one = _csv(sample_site, "achievements/2026/jenin/reached.csv")
    assert len(one) == 3 and one[2][1] == "جنين"


def test_a_governorate_page_has_the_centres_own_words_campaigns_and_events_held(sample_site):
    page = soup(sample_site, "achievements/2025/jenin")
    text = page.get_text(" ", strip=True)
    report = next(r for r in CAT.centres["jenin"].reports if r.year == 2025)
    for sentence in report.achievements + report.obstacles:
        assert sentence in text
    page = soup(sample_site, "achievements/2026/nablus")
    titles = {a.get_text(strip=True) for a in page.select("main a, article a")}
    for slug in CAT.figures[2026].governorates["nablus"].campaigns:
        assert CAT.campaigns[slug].title in titles
    held = [e for e in CAT.events.values() if e.start_date.year == 2026 and e.end_date.isoformat() < "2026-11-29"
            and CAT.governorate_of(e).slug == "nablus" and e.status.value != "cancelled"]
    assert held and all(e.title in titles for e in held)


def test_the_year_picker_and_the_centre_page_link_the_pages(sample_site):
    page = soup(sample_site, "achievements")
    picker = page.select(".tw-years a")
    assert [a.get_text(strip=True) for a in picker] == [str(y) for y in YEARS]
    assert page.select_one(".tw-years a[aria-current=page]").get_text(strip=True) == "2026"
    centre = soup(sample_site, "centres/jenin")
    hrefs = {a["href"] for a in centre.select("a")}
    assert {"../../achievements/2026/jenin/", "../../achievements/2025/jenin/"} <= hrefs
    assert any(a["href"].endswith("achievements/") for a in soup(sample_site, "").select("nav a"))
