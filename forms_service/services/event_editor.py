"""The event editor's rules, between her form and the event file (tawasul/schema.py `Event`).

- What she typed becomes the file's fields (`file_values`), in the types a person writes (a date
  is a date, a timed start is «2026-12-10 10:00»), so an edit through `yaml_edit` changes only the
  lines of the fields she changed; defaults she did not touch are not added.
- Cancelling and postponing are actions, not fields: `cancelled` and `postponed` give the new text.
- Capacity never goes below the people already confirmed (`capacity_floor`).
- The content model's messages (`file: field: message`) go back beside her fields (`FIELDS`).
Nothing here writes: the views save through the content writer (one commit per save).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import yaml

from tawasul import layout
from tawasul.catalogue import Catalogue
from tawasul.figures.aggregate import PEOPLE_GROUPS
from tawasul.schema import Audience, Event, EventStatus
from tawasul.writer import event_slugs, render_yaml
from tawasul.yaml_edit import edit_yaml

from . import registrations

# New fields go where the model declares them (yaml_edit places them after their predecessor).
ORDER = tuple(Event.model_fields)
# The model's field (as its messages name it) -> the form's field beside which the message shows
# (the views make their `field_of` from it with the editing kit's `by_field`).
FIELDS = {"title": "title", "type": "type", "start": "start_date", "end": "end_date", "centre": "centre",
           "governorate": "governorate", "venue": "venue_name", "venue.name": "venue_name",
           "venue.address": "venue_address", "organiser": "organiser", "audience": "audience",
           "summary": "summary", "description": "description", "campaign": "campaign", "occasion": "occasion",
           "registration": "capacity", "registration.capacity": "capacity", "registration.opens": "opens",
           "registration.closes": "closes", "registration.audience": "registration_audience",
           "previous_start": "start_date", "cancellation_reason": "reason",
           "reached": "reached_female_adult", "partners": "partners", "locality": "locality",
           **{f"reached.{group}": f"reached_{group}" for group in PEOPLE_GROUPS}}
REGISTRATION_DEFAULTS = {"audience": Audience.individuals.value, "waitlist": True}
TIMED = "%Y-%m-%d %H:%M"


def _moment(day: date, clock: str | None):
    return f"{day.isoformat()} {clock}" if clock else day


def _opt(value):
    return value if value not in ("", None) else None


def file_values(form, raw: dict | None = None) -> dict[str, Any]:
    """The event file's fields from her form (None: the field is left out). `raw` is the file as
    it is now (an edit): default values it does not spell out are not added."""
    raw = raw or {}
    start = form.start_date.parsed
    end_day = form.end_date.parsed or (start if form.end_time.parsed else None)
    values = {
        "title": form.title.data, "type": form.type.data,
        "start": _moment(start, form.start_time.parsed),
        "end": _moment(end_day, form.end_time.parsed) if end_day else None,
        # A file naming only its centre keeps doing so (the centre gives the governorate).
        "centre": _opt(form.centre.data),
        "governorate": form.governorate.data if (not raw or "governorate" in raw or not form.centre.data) else None,
        "venue": {"name": form.venue_name.data, "address": form.venue_address.data},
        "organiser": _opt(form.organiser.data), "audience": form.audience.data, "summary": form.summary.data,
        "description": _opt(form.description.data),
        "campaign": _opt(form.campaign.data), "occasion": _opt(form.occasion.data),
        "registration": None,
        **held_record(form),
    }
    if form.registration.data:
        block = {"capacity": form.capacity.number, "opens": form.opens.parsed, "closes": form.closes.parsed,
                 "audience": form.registration_audience.data or Audience.individuals.value,
                 "waitlist": bool(form.waitlist.data)}
        written = raw.get("registration") or {}
        values["registration"] = {k: v for k, v in block.items()
                                  if k in written or REGISTRATION_DEFAULTS.get(k, object()) != v}
    return _as_written(values, raw)


def held_record(form) -> dict[str, Any]:
    """The 4W/5W record: `reached` only when she gave a count (an empty group is 0), partners one a
    line. None removes a field she emptied."""
    counts = {group: getattr(form, f"reached_{group}").number for group in PEOPLE_GROUPS}
    reached = {g: n or 0 for g, n in counts.items()} if any(n is not None for n in counts.values()) else None
    partners = [line.strip() for line in (form.partners.data or "").splitlines() if line.strip()]
    return {"reached": reached, "partners": partners or None, "locality": _opt(form.locality.data)}


def _as_written(values: dict, raw: dict) -> dict:
    """Where the file already holds the same value in another spelling (a quoted date "2026-11-01"
    for the date she sent), keep the file's, so the line stays as it is."""
    kept = {}
    for key, value in values.items():
        old = raw.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            value = _as_written(value, old)
        elif old is not None and not isinstance(old, (dict, list, bool)) and str(old) == str(value):
            value = old
        kept[key] = value
    return kept


def form_values(event: Event, raw: dict, governorate: str) -> dict[str, Any]:
    """What the edit form shows for an event file: `raw` is the file's own data (an end equal
    to the start that the file does not write is not shown)."""
    def split(moment):
        return (moment.date(), moment.strftime("%H:%M")) if isinstance(moment, datetime) else (moment, "")
    start_day, start_clock = split(event.start)
    end_day, end_clock = split(event.end) if raw.get("end") is not None else (None, "")
    reg = event.registration
    return {
        "title": event.title, "type": event.type.value, "start_date": start_day.isoformat(), "start_time": start_clock,
        "end_date": end_day.isoformat() if end_day and (end_day != start_day or not end_clock) else "",
        "end_time": end_clock, "governorate": governorate, "centre": event.centre or "",
        "venue_name": event.venue.name, "venue_address": event.venue.address, "organiser": event.organiser or "",
        "audience": event.audience, "summary": event.summary, "description": event.description,
        "campaign": event.campaign or "", "occasion": event.occasion or "",
        "registration": reg is not None, "capacity": str(reg.capacity) if reg else "",
        "opens": reg.opens.isoformat() if reg else "", "closes": reg.closes.isoformat() if reg else "",
        "registration_audience": reg.audience.value if reg else Audience.individuals.value,
        "waitlist": reg.waitlist if reg else True,
        **{f"reached_{g}": str(getattr(event.reached, g)) if event.reached else "" for g in PEOPLE_GROUPS},
        "partners": "\n".join(event.partners), "locality": event.locality or "",
    }


def opened_event(text: str, slug: str, fallback: Event) -> Event:
    """The event as the file she opened says (its blob is her form's `base`), so the form never
    shows an older version than the one a save would replace; the catalogue's if it does not read."""
    try:
        return Event.model_validate({**raw_data(text), "slug": slug})
    except ValueError:
        return fallback


def raw_data(text: str | None) -> dict:
    data = yaml.safe_load(text) if text else None
    return data if isinstance(data, dict) else {}


def new_file(catalogue: Catalogue, values: dict) -> tuple[str, str]:
    """Where the writer would file a new event, and its text (for the preview): the first free slug."""
    data = {k: v for k, v in values.items() if v is not None}
    year = str(data["start"])[:4]
    slug = next(s for s in event_slugs(data) if s not in catalogue.events)
    return layout.event_file(slug, year), render_yaml(data)


def edited(text: str, values: dict) -> str:
    return edit_yaml(text, values, ORDER)


MOVE_BY_ACTION = ("لا يُغيَّر موعد البدء من هنا: استخدمي «تأجيل الفعالية» أدناه، فيبقى الموعد السابق ظاهراً لمن "
                  "سجّلت وتتحدّث التقاويم المشتركة. إن كان الموعد خطأً في فعالية لم يسجّل فيها أحد، ألغيها "
                  "وأنشئي فعالية بالموعد الصحيح.")


def start_moved(event: Event, day: date, clock: str | None) -> str | None:
    """Why an edit may not move the start (a postponement is an action, so that her page shows
    both dates and calendars get a new SEQUENCE), or None when the start is as it was."""
    was = (event.start.date(), event.start.strftime("%H:%M")) if isinstance(event.start, datetime) else (event.start, None)
    return None if (day, clock or None) == was else MOVE_BY_ACTION


def capacity_floor(slug: str, values: dict) -> str | None:
    """Why the registration block cannot be what she asks (people already confirmed), or None."""
    confirmed = registrations.confirmed_people(slug)
    if not confirmed:
        return None
    block = values.get("registration")
    if block is None:
        return f"لا يمكن إيقاف التسجيل: {confirmed} من الأشخاص مؤكَّد تسجيلهم في هذه الفعالية."
    if block["capacity"] < confirmed:
        return f"لا يمكن أن يقل عدد المقاعد عن عدد المؤكَّد تسجيلهم الآن: {confirmed}."
    return None


def cancelled(text: str, reason: str) -> str:
    return edit_yaml(text, {"status": EventStatus.cancelled.value, "cancellation_reason": reason}, ORDER)


class Refused(ValueError):
    """An action that cannot be done as asked; the message goes beside `field`."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def postponed(text: str, event: Event, day: date, clock: str | None) -> tuple[str, datetime | date]:
    """The file moved to `day` (at `clock` for a timed event), same length, the old start kept in
    `previous_start`. Returns the text and the new start."""
    if event.all_day:
        new_start, new_end = day, day + (event.end - event.start)
    else:
        new_start = datetime.combine(day, datetime.strptime(clock or event.start.strftime("%H:%M"), "%H:%M").time())
        new_end = new_start + (event.end - event.start)
    if new_start <= event.start:
        raise Refused("start_date", "اختاري موعداً بعد الموعد الحالي؛ التأجيل ينقل الفعالية إلى موعد لاحق.")
    as_written = (lambda m: m.strftime(TIMED)) if not event.all_day else (lambda m: m)
    previous = event.start.strftime(TIMED) if not event.all_day else event.start
    values = {"start": as_written(new_start), "previous_start": previous, "status": EventStatus.postponed.value}
    if event.times_postponed:  # a second move: counted, so that calendars see a new SEQUENCE
        values["postponements"] = event.times_postponed + 1
    if raw_data(text).get("end") is not None or not event.all_day:
        values["end"] = as_written(new_end)
    return edit_yaml(text, values, ORDER), new_start


def summary_line(kind: str, title: str, detail: str = "") -> str:
    """The commit's one-line Arabic summary."""
    words = {"create": "إنشاء فعالية", "edit": "تعديل فعالية", "cancel": "إلغاء فعالية", "postpone": "تأجيل فعالية"}
    return f"{words[kind]} «{title}»" + (f" {detail}" if detail else "")
