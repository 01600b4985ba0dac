"""`flask export-figures YEAR`: the year's approved partner activities, aggregated per
governorate and suppressed (tawasul/figures) before anything leaves this process, written as
content/data/figures/<year>.yml for the site, as one git commit of the content writer.

Only counts leave: events by type, people reached by sex and age band, the number of distinct
partner organisations, the campaigns. The file is checked with the whole catalogue (schema,
references, and the suppression audit) on the committed content before it is committed
(tawasul/writer.py `replace_generated`).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tawasul.git_store import Author, Saved
from tawasul.figures.aggregate import ActivityRecord, governorates_with_centres, publishable
from tawasul import layout
from tawasul.figures.files import figures_text
from tawasul.writer import ContentWriter

from ..extensions import db
from ..models import ActivitySubmission, SubmissionState

# Form field / column -> (sex, age band) of tawasul/figures/tables.py
REACHED = {"reached_female_under_18": ("female", "under_18"), "reached_female_adult": ("female", "adult"),
           "reached_male_under_18": ("male", "under_18"), "reached_male_adult": ("male", "adult")}
REACHED_FIELDS = tuple(REACHED)


def activity_records(year: int) -> list[ActivityRecord]:
    """Approved activities that started in `year`, as counts-only records."""
    rows = db.session.scalars(select(ActivitySubmission).where(
        ActivitySubmission.state == SubmissionState.approved,
        ActivitySubmission.starts_at >= datetime(year, 1, 1), ActivitySubmission.starts_at < datetime(year + 1, 1, 1),
    ).order_by(ActivitySubmission.id)).all()
    return [ActivityRecord(
        governorate=row.governorate, kind=row.activity_type, day=row.starts_at.date(),
        reached={group: getattr(row, column) for column, group in REACHED.items() if getattr(row, column)},
        organisations=(row.organisation, *(p.strip() for p in (row.partners or "").splitlines() if p.strip())),
        campaign=row.campaign) for row in rows]


def export(year: int, writer: ContentWriter, author: Author, sample: bool = False) -> tuple[str, int, Saved]:
    """Commit the year's figures file through the content writer; returns (path, number of
    activities counted, the save). Raises WriteRefused with the loader's `file: field: message` lines if
    the result would not build."""
    records = activity_records(year)
    rel = layout.figures_file(year)

    def text(catalogue) -> str:
        governorates = governorates_with_centres(catalogue)
        published, campaigns = publishable(records, year, governorates)
        return figures_text(year, published, campaigns, governorates, sample=sample,
                            note=f"Written by `flask export-figures {year}` from {len(records)} approved activities"
                                 + (" (sample records: made up, not real)." if sample else "."))
    saved = writer.replace_generated(rel, text, author=author, summary=f"الأرقام السنوية لعام {year} من أنشطة الشركاء المعتمدة",
                                     ignore_figures=True)
    return rel, len(records), saved
