"""Opening hours as data: time ranges per weekday, and dated exceptions (holidays, Ramadan hours).

Written in content as

    hours:
      week:
        sun-thu: 08:00-15:00          # a range of days, Saturday first as the week is read here
        sat: [09:00-12:00, 16:00-18:00]
      exceptions:
        - {name: عيد الميلاد المجيد, from: 2026-12-25, closed: true}
        - name: ساعات شهر رمضان
          from: 2027-02-08
          to: 2027-03-09
          week: {sun-thu: 09:00-13:00}

Times are local wall-clock times in the governorate's zone (Asia/Hebron or Asia/Gaza); the page
script (theme/assets/js/opening-hours.js) works out «مفتوح الآن» from the same data at the time
she looks. Every rule raises a FieldError naming the key to fix.
"""
from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from .fields import Day, FieldError, Model, Text
from .text import western_digits

# Saturday first: the order a week is read in Palestine. Values are Python's weekday() numbers.
DAYS = {"sat": 5, "sun": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
DAY_ORDER = list(DAYS.values())
DAY_NAMES = {5: "السبت", 6: "الأحد", 0: "الاثنين", 1: "الثلاثاء", 2: "الأربعاء", 3: "الخميس", 4: "الجمعة"}
# The script's key for each day: JavaScript's getDay() numbers (Sunday = 0).
JS_DAY = {6: 0, 0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6}

_RANGE_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$", re.ASCII)

Span = tuple[int, int]  # minutes after midnight: [start, end)


def _minutes(hour: str, minute: str, text: str, key: str) -> int:
    h, m = int(hour), int(minute)
    if h > 24 or m > 59 or (h == 24 and m):
        raise FieldError(key, f"وقت غير صالح في «{text}»")
    return h * 60 + m


def spans_of(value, key: str) -> tuple[Span, ...]:
    """One day's value ("08:00-15:00" or a list of them) -> sorted spans; bad or overlapping ones are
    refused with a FieldError naming `key`. Public: the centre editor checks her input with it."""
    items = value if isinstance(value, list) else [value]
    spans = []
    for item in items:
        text = western_digits(str(item)).strip()
        match = _RANGE_RE.match(text)
        if not match:
            raise FieldError(key, f"فترة غير مفهومة «{item}»؛ الصيغة المتوقعة 08:00-15:00 (ضعيها بين علامتَي تنصيص إن لزم)")
        start = _minutes(match.group(1), match.group(2), text, key)
        end = _minutes(match.group(3), match.group(4), text, key)
        if end <= start:
            raise FieldError(key, f"الفترة «{text}» تنتهي قبل أن تبدأ")
        spans.append((start, end))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        if s2 < e1:
            raise FieldError(key, f"الفترتان {clock_text(s1)}–{clock_text(e1)} و{clock_text(s2)}–{clock_text(e2)} متداخلتان")
    return tuple(spans)


def days_of(key: str) -> list[int]:
    """A day key ("sun", "sun-thu") -> its weekdays, Saturday-first; unknown or reversed ranges are refused."""
    names = key.split("-")
    if len(names) > 2 or any(n not in DAYS for n in names):
        raise FieldError(key, f"يوم غير معروف «{key}»؛ الأيام: {'، '.join(DAYS)}، أو مدى مثل sun-thu")
    first, last = DAY_ORDER.index(DAYS[names[0]]), DAY_ORDER.index(DAYS[names[-1]])
    if last < first:
        raise FieldError(key, f"المدى «{key}» معكوس؛ يبدأ الأسبوع بالسبت، مثل sun-thu")
    return DAY_ORDER[first:last + 1]


def _week(value):
    """{"sun-thu": "08:00-15:00", …} -> {weekday: spans}; a day named twice is refused."""
    if not isinstance(value, dict):
        raise ValueError("يُتوقَّع جدول من الأيام وفتراتها، مثل sun-thu: 08:00-15:00")
    week: dict[int, tuple[Span, ...]] = {}
    for key, spans in value.items():
        key = str(key).strip().lower()
        for day in days_of(key):
            if day in week:
                raise FieldError(key, f"يوم {DAY_NAMES[day]} مذكور أكثر من مرة")
            week[day] = spans_of(spans, key)
    return week


Week = Annotated[dict[int, tuple[tuple[int, int], ...]], BeforeValidator(_week)]


class Holiday(Model):
    """A public holiday (content/data/holidays.yml): every place with hours is closed."""
    name: Text
    start: Day = Field(alias="from")
    end: Day | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _order(self):
        if self.end is None:
            object.__setattr__(self, "end", self.start)
        if self.end < self.start:
            raise FieldError("to", "تاريخ النهاية (to) قبل تاريخ البداية (from)")
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


class HoursException(Holiday):
    """Dates on which one place's week does not apply: closed, or other hours (Ramadan)."""
    closed: bool = False
    week: Week | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if self.closed == (self.week is not None):
            raise FieldError("closed", "حدّدي إما closed: true (مغلق) وإما week (ساعات أخرى)، لا كليهما ولا أياً منهما")
        return self


class Hours(Model):
    week: Week
    exceptions: list[HoursException] = []
    note: Text | None = None  # what the table cannot say: field visits, «يُفضَّل موعد مسبق»

    @model_validator(mode="after")
    def _no_overlap(self):
        ordered = sorted(enumerate(self.exceptions), key=lambda pair: pair[1].start)
        for (_, a), (index, b) in zip(ordered, ordered[1:]):
            if b.start <= a.end:
                raise FieldError(f"exceptions[{index + 1}].from",
                                 f"الاستثناء «{b.name}» يتداخل مع «{a.name}»")
        return self

    def spans_on(self, day: date, holidays: tuple[Holiday, ...] = ()) -> tuple[Span, ...]:
        """A place's own exceptions first (it may open on a holiday), then the holidays, then its week."""
        for exception in self.exceptions:
            if exception.covers(day):
                return () if exception.closed else exception.week.get(day.weekday(), ())
        if any(holiday.covers(day) for holiday in holidays):
            return ()
        return self.week.get(day.weekday(), ())

    def next_opening(self, day: date, minute: int, holidays: tuple[Holiday, ...] = (),
                     horizon: int = 60) -> tuple[date, int] | None:
        """The next start of a span after `minute` on `day` (local time), or None within the horizon."""
        for offset in range(horizon):
            current = day + timedelta(days=offset)
            for start, _ in self.spans_on(current, holidays):
                if offset or start > minute:
                    return current, start
        return None

    def upcoming_exceptions(self, today: date, holidays: tuple[Holiday, ...] = ()) -> list[Holiday]:
        """Exceptions and holidays not yet over, soonest first: listed under the table."""
        return sorted((e for e in (*self.exceptions, *holidays) if e.end >= today), key=lambda e: e.start)

    def table(self) -> list[tuple[str, str]]:
        """(day name, «8:00 ص – 3:00 م» or «مغلق») from Saturday to Friday."""
        return [(DAY_NAMES[day], spans_text(self.week.get(day, ()))) for day in DAY_ORDER]

    def summary(self) -> str:
        return week_summary(self.week)

    def script_data(self, today: date | None = None) -> dict:
        """What the page script needs, compact: {"w": {jsDay: [[start, end]…]}, "x": [[from, to, week|0, name]…]};
        exceptions already over by `today` are left out. Holidays go once per page (`holidays_data`)."""
        return {"w": _js_week(self.week),
                "x": [_js_exception(e) for e in self.exceptions if today is None or e.end >= today]}


def week_summary(week: dict) -> str:
    """One line for cards: days with the same hours grouped, «الأحد – الخميس: 8:00 ص – 3:00 م»."""
    groups: list[list] = []
    for position, day in enumerate(DAY_ORDER):
        spans = week.get(day, ())
        if groups and groups[-1][1] == spans and groups[-1][2] == position - 1:
            groups[-1][0].append(day)
            groups[-1][2] = position
        else:
            groups.append([[day], spans, position])
    parts = []
    for days, spans, _ in groups:
        if spans:
            label = DAY_NAMES[days[0]] if len(days) == 1 else f"{DAY_NAMES[days[0]]} – {DAY_NAMES[days[-1]]}"
            parts.append(f"{label}: {spans_text(spans)}")
    return " · ".join(parts) or "مغلق"


def _js_week(days: dict) -> dict:
    return {str(JS_DAY[d]): [list(s) for s in spans] for d, spans in days.items() if spans}


def _js_exception(e: Holiday) -> list:
    week = getattr(e, "week", None)
    return [e.start.isoformat(), e.end.isoformat(), _js_week(week) if week else 0, e.name]


def holidays_data(holidays: tuple[Holiday, ...], today: date) -> list:
    return [_js_exception(h) for h in holidays if h.end >= today]


def clock_text(minutes: int) -> str:
    """8:00 ص, 3:30 م: the 12-hour clock with ص/م, as the site writes times."""
    hour, minute = divmod(minutes, 60)
    suffix = "ص" if hour < 12 or hour == 24 else "م"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"


def spans_text(spans) -> str:
    return "، ".join(f"{clock_text(s)} – {clock_text(e)}" for s, e in spans) if spans else "مغلق"


def as_time(minutes: int) -> time:
    return time(0, 0) if minutes >= 24 * 60 else time(*divmod(minutes, 60))
