"""`flask export-figures YEAR`: the year's activity records, aggregated per governorate and
suppressed (tawasul/figures) before anything leaves this process, written as
content/data/figures/<year>.yml for the site, as one git commit of the content writer.

One record per activity, from the first source that has it:
1. an approved partner activity report (with the people the partner counted);
2. else the 4W/5W record the coordinator wrote in the event's file once it was held
   (`reached`, `partners`, `locality`: tawasul/schema.py);
3. else, for an event with registration, the attendance marked in the coordinator area: people
   counted in the group they gave on the registration form («للإحصاءات فقط»). People who did not
   say, and organisations' participants, are counted as having attended but in no group, so they
   are missing from «people reached» — the command says how many, and writing the event's record
   (2) gives the full count.
Events held without any of these are not counted: a record is what makes an activity count.

Only counts leave: events by type, people reached by sex and age band, the number of distinct
partner organisations, the campaigns. The file is checked with the whole catalogue (schema,
references, and the suppression audit) on the committed content before it is committed
(tawasul/writer.py `replace_generated`); nothing is committed when the file would not change.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import yaml
from flask import current_app
from sqlalchemy import select

from tawasul import layout
from tawasul.figures.aggregate import ActivityRecord, governorates_with_centres, publishable, reached_by_group
from tawasul.figures.files import figures_text
from tawasul.git_store import Author, RemoteRefused, Saved
from tawasul.writer import ContentWriter, WriteRefused

from ..config import today
from ..extensions import db
from ..models import ActivitySubmission, SubmissionState
from .attendance import UNKNOWN, attended_by_group

# Form field / column -> (sex, age band) of tawasul/figures/tables.py
REACHED = {"reached_female_under_18": ("female", "under_18"), "reached_female_adult": ("female", "adult"),
           "reached_male_under_18": ("male", "under_18"), "reached_male_adult": ("male", "adult")}
REACHED_FIELDS = tuple(REACHED)


def activity_records(year: int) -> list[ActivityRecord]:
    """Approved partner activities that started in `year`, as counts-only records."""
    return [record for _slug, record in _approved(year)]


def _approved(year: int) -> list[tuple[str | None, ActivityRecord]]:
    rows = db.session.scalars(select(ActivitySubmission).where(
        ActivitySubmission.state == SubmissionState.approved,
        ActivitySubmission.starts_at >= datetime(year, 1, 1), ActivitySubmission.starts_at < datetime(year + 1, 1, 1),
    ).order_by(ActivitySubmission.id)).all()
    return [(row.event_slug, ActivityRecord(
        governorate=row.governorate, kind=row.activity_type, day=row.starts_at.date(),
        reached={group: getattr(row, column) for column, group in REACHED.items() if getattr(row, column)},
        organisations=(row.organisation, *(p.strip() for p in (row.partners or "").splitlines() if p.strip())),
        campaign=row.campaign)) for row in rows]


@dataclass
class Records:
    records: list[ActivityRecord]
    reports: int = 0        # approved partner reports
    event_records: int = 0  # events' own 4W/5W records
    attendance: int = 0     # events counted from attendance
    ungrouped: int = 0      # people who attended in no group (not in «people reached»)

    def summary(self) -> str:
        return (f"{len(self.records)} activities ({self.reports} approved reports, {self.event_records} event records, "
                f"{self.attendance} from attendance; {self.ungrouped} attendees without a group)")


def year_records(year: int, catalogue) -> Records:
    """Every activity of `year`, one record each (see the module's docstring for the order)."""
    approved = _approved(year)
    found = Records([record for _slug, record in approved], reports=len(approved))
    counted = {slug for slug, _record in approved if slug}
    attendance = attended_by_group()
    held_by = today()
    for event in catalogue.sorted_events():
        if event.slug in counted or event.start_date.year != year or event.is_cancelled or event.end_date > held_by:
            continue
        where = dict(governorate=catalogue.governorate_of(event).slug, kind=event.type.value, day=event.start_date,
                     campaign=event.campaign)
        if event.reached is not None:
            found.records.append(ActivityRecord(reached=reached_by_group(event.reached),
                                                organisations=(*((event.organiser,) if event.organiser else ()), *event.partners),
                                                **where))
            found.event_records += 1
        elif sum(attendance.get(event.slug, {}).values()):
            groups = attendance[event.slug]
            found.records.append(ActivityRecord(reached=reached_by_group(groups), **where))
            found.attendance += 1
            found.ungrouped += groups.get(UNKNOWN, 0)
    return found


def export_author() -> Author:
    """Whose commits the export's are: the tool's, not a person's."""
    return Author("تصدير الأرقام السنوية", f"export-figures@{current_app.config['CONTENT_AUTHOR_DOMAIN']}")


def before_publishing(writer: ContentWriter) -> list[str]:
    """What «نشر الموقع الآن» and `flask publish-site` do first: this year's figures refreshed.
    Returns the problems (Arabic lines) if they could not be; the rest is published anyway."""
    try:
        refresh(writer, today().year, export_author())
    except WriteRefused as refused:
        return refused.problems
    except RemoteRefused as refused:
        return [refused.message]
    return []


def refresh(writer: ContentWriter, year: int, author: Author) -> bool:
    """The publishing path's first step: `year`'s figures from the records, so what is
    published shows the attendance and approvals since the last time. A file of sample figures
    (`sample: true`, made by `export-figures --sample` from sample records) is left as it is, and
    a year without a file and without records gets no file of zeros. Returns whether a commit
    was made. Raises WriteRefused and RemoteRefused like `export`."""
    rel = layout.figures_file(year)
    current = writer.read(rel).text
    if current is None:
        if not year_records(year, writer.catalogue(ignore_figures=True)).records:
            return False
    elif (yaml.safe_load(current) or {}).get("sample"):
        return False
    return export(year, writer, author)[2].changed


def export(year: int, writer: ContentWriter, author: Author, sample: bool = False) -> tuple[str, Records, Saved]:
    """Commit the year's figures file through the content writer; returns (path, what was
    counted, the save). Raises WriteRefused with the loader's `file: field: message` lines if
    the result would not build."""
    rel = layout.figures_file(year)
    counted: list[Records] = []

    def text(catalogue) -> str:
        found = year_records(year, catalogue)
        counted.append(found)
        governorates = governorates_with_centres(catalogue)
        published, campaigns = publishable(found.records, year, governorates)
        return figures_text(year, published, campaigns, governorates, sample=sample,
                            note=f"Written by `flask export-figures {year}` from {found.summary()}"
                                 + (" (sample records: made up, not real)." if sample else "."))
    saved = writer.replace_generated(rel, text, author=author, summary=f"الأرقام السنوية لعام {year} من سجلات الأنشطة",
                                     ignore_figures=True)
    return rel, counted[-1], saved
