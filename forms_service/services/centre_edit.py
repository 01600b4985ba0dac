"""The rules of the centre editor: from what she typed to the fields of her centre's file.

Every value is checked by the content model's own types (a phone as `Phone`, a day's hours as
`hours.py` reads them), so the message beside a field is the message `make check` would print.
The new file text is made with the round-trip editor (`tawasul/yaml_edit.py`) from the text she
opened: fields the editor does not show (coordinates, a member's address or hours, Ramadan
hours) stay exactly as they were written, and the commit's diff shows only what she changed.
No Flask here; the views (forms_service/admin/centre.py) call these functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from pydantic import TypeAdapter, ValidationError

# hours.days_of is imported under another name: this module's own days_of reads a whole week.
from tawasul.hours import DAY_ORDER, DAYS, spans_of
from tawasul.hours import days_of as days_of_key
from tawasul.schema import Centre, Report
from tawasul.text import western_digits
from tawasul.yaml_edit import data_of, edit_yaml, quoted

# Saturday first, as the week is read in Palestine; each day's key in a content file.
DAY_KEYS = sorted(DAYS, key=lambda key: DAY_ORDER.index(DAYS[key]))
# The order of a centre file's fields, for a field the file did not have yet.
CENTRE_ORDER = list(Centre.model_fields)
# Several spans in one day: «09:00-12:00، 16:00-18:00» (Arabic or Latin comma).
_SPAN_SEPARATOR = re.compile(r"\s*[،,]\s*")
# A report of a year this far ahead is a typo.
YEARS_AHEAD = 1
MIN_YEAR = Report.model_fields["year"].metadata[0].ge


def problem_of(kind, value) -> str | None:
    """The content model's Arabic message for `value` as a `kind` (Phone, Email, Day), or None."""
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        found = (error.get("ctx") or {}).get("error")
        return str(found) if found is not None else "قيمة غير صالحة"
    return None


def checked(kind, value):
    return TypeAdapter(kind).validate_python(value)


# --- Opening hours ---------------------------------------------------------------------------

def day_spans(text: str, key: str) -> tuple[tuple[int, int], ...]:
    """A day's hours as she types them: empty is closed; raises FieldError with hours.py's message."""
    parts = [p for p in _SPAN_SEPARATOR.split(text.strip()) if p]
    return spans_of(parts, key) if parts else ()


def clock(minutes: int) -> str:
    return "%02d:%02d" % divmod(minutes, 60)


def spans_field(spans) -> str:
    """What the form shows for a day: «08:00-15:00» or «09:00-12:00، 16:00-18:00»."""
    return "، ".join(f"{clock(s)}-{clock(e)}" for s, e in spans)


def week_of_form(days: dict[str, tuple]) -> dict[int, tuple]:
    """{"sat": spans, …} → the model's shape {weekday: spans}, closed days left out."""
    return {DAYS[key]: spans for key, spans in days.items() if spans}


def week_yaml(week: dict[int, tuple]) -> dict[str, Any]:
    """A week as people write it: consecutive days with the same hours as one range (sun-thu)."""
    out: dict[str, Any] = {}
    run: list[str] = []
    for key in DAY_KEYS + [None]:
        spans = week.get(DAYS[key]) if key else None
        if run and spans == week[DAYS[run[0]]]:
            run.append(key)
            continue
        if run:
            texts = [quoted(f"{clock(s)}-{clock(e)}") for s, e in week[DAYS[run[0]]]]
            out[run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}"] = texts[0] if len(texts) == 1 else texts
        run = [key] if spans else []
    return out


# --- The centre's page ------------------------------------------------------------------------

@dataclass
class MemberRow:
    """One coalition member as the form holds it; `row` is its place in the file (None: new)."""
    row: int | None
    name: str
    type: str
    services: list[str]
    access: str
    phone: str
    verified: date | None
    confidential: bool
    entry: str = ""  # the form's group of fields it came from (members-3), for messages


@dataclass
class ExceptionRow:
    """Dated other hours or a closure (Ramadan hours, a training day); `spans` apply on the days
    the exception already names, or else on the centre's usual working days."""
    row: int | None
    name: str
    start: date
    end: date | None
    closed: bool
    spans: tuple
    entry: str = ""


@dataclass
class CentreChanges:
    address: str
    phone: str
    email: str
    week: dict[int, tuple]
    hours_note: str
    services: list[str]
    verified: date | None
    access: str = ""
    accessibility: list[str] = field(default_factory=list)
    members: list[MemberRow] = field(default_factory=list)
    exceptions: list[ExceptionRow] = field(default_factory=list)


SECTIONS = {"address": "العنوان", "contact": "الهاتف والبريد", "hours": "ساعات العمل", "services": "الخدمات",
            "access": "طريقة الوصول", "accessibility": "إمكانية الوصول", "verified": "تاريخ آخر تحقّق",
            "members": "أعضاء الائتلاف"}
USUAL_ACCESS = Centre.model_fields["access"].default.value


def _offers(chosen: Iterable[str], before: list | None) -> list:
    """The services she ticked, in the file's order and then the new ones (the form lists the
    vocabulary's order), each keeping a per-service way in (`{service: x, access: …}`) it had."""
    kept = {(o["service"] if isinstance(o, dict) else o): o for o in before or []}
    chosen = list(chosen)
    return [kept[slug] for slug in kept if slug in chosen] + [slug for slug in chosen if slug not in kept]


def _compact(values: dict) -> dict:
    return {k: v for k, v in values.items() if v is not None and v != [] and v != ""}


def _member(row: MemberRow, before: dict) -> dict:
    new = dict(before)
    new.update(name=row.name, type=row.type, services=_offers(row.services, before.get("services")),
               access=row.access or None, phone=quoted(row.phone) if row.phone else None, verified=row.verified)
    new["confidential"] = True if row.confidential else (False if "confidential" in before else None)
    return _compact(new)


def days_of(week_yaml_value: dict | None) -> list[int]:
    """The weekdays a written week names (`sun-thu` → Sunday to Thursday)."""
    return [day for key in (week_yaml_value or {}) for day in days_of_key(str(key).strip().lower())]


def _exception(row: ExceptionRow, before: dict, usual: list[int]) -> dict:
    new = dict(before)
    same_day = before.get("to") if before.get("to") == row.start else None
    new.update({"name": row.name, "from": row.start,
                "to": row.end if row.end and row.end != row.start else same_day})
    if row.closed:
        new.update(closed=True, week=None)
    elif row.spans:
        days = days_of(before.get("week")) or usual
        week = {day: row.spans for day in days}
        unchanged = before.get("week") and _week_of(before["week"]) == week
        new.update(closed=False if before.get("closed") is False else None,
                   week=before["week"] if unchanged else week_yaml(week))
    return _compact(new)


def _week_of(written: dict) -> dict:
    return {day: spans_of(spans, str(key)) for key, spans in written.items() for day in days_of_key(str(key).strip().lower())}


def centre_values(text: str, current: Centre, changes: CentreChanges) -> dict:
    """The top-level fields to set in the centre's file."""
    raw = data_of(text) or {}
    hours = dict(raw.get("hours") or {})
    # Unchanged hours keep their exact wording (a day list or a range, quotes or not).
    hours["week"] = hours.get("week") if changes.week == current.hours.week else week_yaml(changes.week)
    hours["note"] = changes.hours_note or None
    before_exceptions = hours.get("exceptions") or []
    usual = [day for day in DAY_ORDER if changes.week.get(day)]
    exceptions = [_exception(row, before_exceptions[row.row] if row.row is not None and row.row < len(before_exceptions)
                             else {}, usual) for row in changes.exceptions]
    hours["exceptions"] = exceptions or None
    contact = dict(raw.get("contact") or {})
    contact.update(phone=quoted(changes.phone), email=changes.email or None)  # phones quoted, as written by hand
    before_members = raw.get("members") or []
    members = [_member(row, before_members[row.row] if row.row is not None and row.row < len(before_members) else {})
               for row in changes.members]
    values = {"address": changes.address, "contact": _compact(contact), "hours": _compact(hours),
              "services": _offers(changes.services, raw.get("services")), "verified": changes.verified,
              # The model's default way in is not written into a file that did not say it.
              "access": changes.access if changes.access != USUAL_ACCESS or "access" in raw else None,
              "accessibility": changes.accessibility if changes.accessibility or "accessibility" in raw else None,
              "members": members if members or "members" in raw else None}
    return values


def entries(changes: CentreChanges) -> dict[str, list[str]]:
    """For each list the file will hold, the form group of each of its items: a problem the
    loader finds in `members[3]` goes beside the third member written."""
    return {"members": [row.entry for row in changes.members], "hours.exceptions": [row.entry for row in changes.exceptions]}


def changed_sections(text: str, values: dict) -> list[str]:
    """The parts of the page she changed, for the commit's one-line summary."""
    raw = data_of(text) or {}
    return [SECTIONS[key] for key, value in values.items() if key in SECTIONS and raw.get(key) != value]


def edit_centre(text: str, values: dict) -> str:
    return edit_yaml(text, values, CENTRE_ORDER)


def centre_summary(centre: Centre, sections: list[str]) -> str:
    what = "، ".join(sections) if sections else "بيانات المركز"
    return f"{centre.name}: تعديل {what}"


# --- The yearly report «الإنجازات والمعوقات» ---------------------------------------------------

def lines_of(text: str) -> list[str]:
    """One achievement (or obstacle) a line; empty lines and list marks (-, •, 1.) dropped."""
    items = []
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:[-•*]|\d+[.)-])\s*", "", line).strip()
        if line:
            items.append(line)
    return items


def report_years(text: str) -> list[int]:
    return [r.get("year") for r in (data_of(text) or {}).get("reports") or [] if isinstance(r, dict)]


def report_values(text: str, year: int, achievements: list[str], obstacles: list[str]) -> dict:
    """`reports` with the year's entry set (appended when new, after the years already there)."""
    reports = list((data_of(text) or {}).get("reports") or [])
    found = [i for i, r in enumerate(reports) if isinstance(r, dict) and r.get("year") == year]
    before = reports[found[0]] if found else {}
    entry = _compact({**before, "year": year, "achievements": achievements,
                      "obstacles": obstacles if obstacles or "obstacles" in before else None})
    if found:
        reports[found[0]] = entry
    else:
        reports.append(entry)
    return {"reports": reports}


def report_index(text: str, year: int) -> int:
    """The 1-based place of the year's entry in `reports`, as the loader names it (reports[2])."""
    years = report_years(text)
    return years.index(year) + 1 if year in years else len(years) + 1


def report_summary(centre: Centre, year: int, new: bool) -> str:
    return f"{centre.name}: {'إضافة' if new else 'تعديل'} تقرير الإنجازات والمعوقات لعام {year}"


def report_year(year_text: str, today: date) -> tuple[int | None, str | None]:
    """The year of a new report, or the message to show beside the field."""
    text = western_digits(year_text or "").strip()
    if not re.fullmatch(r"\d{4}", text, re.ASCII):
        return None, "اكتبي السنة بأربعة أرقام، مثل 2026"
    year = int(text)
    if not MIN_YEAR <= year <= today.year + YEARS_AHEAD:
        return None, f"اكتبي سنة بين {MIN_YEAR} و{today.year + YEARS_AHEAD}"
    return year, None
