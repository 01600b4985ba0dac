"""The yearly report of a centre, for print: an A4, right-to-left HTML page, and the PDF that
WeasyPrint makes from it (the build's last step, `tawasul/build.py`).

It holds what a coordinator hands to the ministry and to donors: the centre, its coalition, the
year's figures and charts, the achievements and obstacles in the centre's words, the
campaigns and the events held. Everything comes from the content (figures files included).
"""
from __future__ import annotations

import hashlib
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..schema import Centre
from . import presentation
from .charts import bar_lengths

SHOWN_CLASS = Markup('<span class="hidden">{}</span>')


@dataclass(frozen=True)
class Report:
    centre: Centre
    year: int
    path: str  # in the site: achievements/<year>/<governorate>/<centre>-<year>.pdf

    @property
    def url(self) -> str:
        return self.path


def report_path(centre: Centre, year: int) -> str:
    return f"achievements/{year}/{centre.governorate}/{centre.slug}-{year}.pdf"


def reports(catalogue) -> list[Report]:
    """One report per centre and year with figures for its governorate."""
    return [Report(c, year, report_path(c, year)) for year, figures in catalogue.figures.items()
            for c in catalogue.centres.values() if c.governorate in figures.governorates]


def report_html(ctx, report: Report, events: list) -> str:
    cat = ctx.catalogue
    figures = cat.figures[report.year]
    governorate = cat.governorates[report.centre.governorate]
    area = figures.governorates[governorate.slug]

    def cell(value):
        return SHOWN_CLASS.format(presentation.SHOWN[value]) if value in presentation.SHOWN else value

    return ctx.env.get_template("report.html.j2").render(
        page_url=report.path, centre=report.centre, year=report.year, figures=figures, area=area,
        governorate=governorate, p=presentation, bar_lengths=bar_lengths, cell=cell, events=events,
        report=next((r for r in report.centre.reports if r.year == report.year), None),
        campaigns=[cat.campaigns[c] for c in area.campaigns],
        page_address=ctx.absolute(f"achievements/{report.year}/{governorate.slug}/"))


def _render(html: str, target: Path) -> None:
    from weasyprint import HTML  # imported here: only this step needs it (and it takes seconds)
    HTML(string=html).write_pdf(target)


def write_pdfs(site: Path, items: list[tuple[Report, str]], cache: Path) -> tuple[int, int]:
    """Each report's PDF into the built site. A PDF is made again only when its HTML changed
    (a cache by content hash), so a publish after one edit remakes one or two reports, not all.
    Misses are made on two processes (the machines have two cores). Returns (made, reused)."""
    cache.mkdir(parents=True, exist_ok=True)
    keyed = [(report, html, cache / f"{hashlib.sha256(html.encode()).hexdigest()}.pdf") for report, html in items]
    missing = {path: html for _, html, path in keyed if not path.exists()}
    if len(missing) > 2:
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(_render, missing.values(), [p.with_suffix(".part") for p in missing]))
        for path in missing:
            path.with_suffix(".part").rename(path)
    else:
        for path, html in missing.items():
            _render(html, path.with_suffix(".part"))
            path.with_suffix(".part").rename(path)
    for report, _, path in keyed:
        target = site / report.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    wanted = {path for _, _, path in keyed}
    for old in cache.glob("*.pdf"):
        if old not in wanted and old.stat().st_mtime < time.time() - 7 * 86400:
            old.unlink()  # a week unused: other checkouts and tests share the cache
    return len(missing), len(keyed) - len(missing)
