"""Dates as people in Palestine write them, and the day it is in Palestine. Which day counts as
"today" (TAWASUL_TODAY) is a setting: `tawasul.settings.today`.

Babel's `ar_PS` locale gives Levantine month names (آذار، تشرين الثاني); plain `ar` would give
مارس/نوفمبر. Babel prints Western digits for Arabic locales, which is the digit style of the site.
"""
from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time

# Parsed once: Babel parses a locale given by name on every call (thousands in a large build).
LOCALE = Locale.parse("ar_PS")
DEFAULT_TZ = ZoneInfo("Asia/Hebron")


def palestine_today() -> date:
    """The date in Palestine now, whatever the machine's own time zone."""
    return datetime.now(DEFAULT_TZ).date()


# Nothing is planned more than about two years ahead: a later date is a typing slip (the year
# 9999 once reached events/9999/), refused by the content model and by the forms alike.
HORIZON_YEARS = 2


def latest_event_day(day: date) -> date:
    try:
        return day.replace(year=day.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + HORIZON_YEARS, day=28)


def too_far_message(limit: date) -> str:
    return f"هذا التاريخ بعيد جداً؛ لا تُقبل فعالية بعد {long_date(limit)} (سنتان من اليوم)"


def long_date(value: date) -> str:
    """29 تشرين الثاني 2026"""
    return _babel_date(value, "d MMMM y", locale=LOCALE)


def weekday_date(value: date) -> str:
    """الأحد 29 تشرين الثاني 2026"""
    return _babel_date(value, "EEEE d MMMM y", locale=LOCALE)


def day_month(value: date) -> str:
    """8 آذار"""
    return _babel_date(value, "d MMMM", locale=LOCALE)


def weekday_day_month(value: date) -> str:
    """الثلاثاء 8 كانون الأول: the neutral words of a message's subject (forms_service/outbox)."""
    return _babel_date(value, "EEEE d MMMM", locale=LOCALE)


def month_year(value: date) -> str:
    """آذار 2026"""
    return _babel_date(value, "MMMM y", locale=LOCALE)


def clock(value: time) -> str:
    """10:00 ص"""
    return _babel_time(value, "h:mm a", locale=LOCALE)


def date_range(start: date, end: date) -> str:
    """One day, or «25 تشرين الثاني – 10 كانون الأول 2026» without repeating the year."""
    if start == end:
        return long_date(start)
    if start.year == end.year:
        return f"{day_month(start)} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


# Each event's line appears on its page and in several lists; Babel formatting is the costly
# part of generating a large site, and the answer depends only on the arguments.
@lru_cache(maxsize=8192)
def when(start: date | datetime, end: date | datetime) -> str:
    """The human line for an event: the day(s) and, for timed events, the hours."""
    if not isinstance(start, datetime):
        return date_range(start, end)
    if start.date() == end.date():
        return f"{weekday_date(start.date())}، {clock(start.time())} – {clock(end.time())}"
    return f"{weekday_date(start.date())} {clock(start.time())} – {weekday_date(end.date())} {clock(end.time())}"


def moment(value: date | datetime) -> str:
    """A single point in time: a day, or a day and hour."""
    if isinstance(value, datetime):
        return f"{weekday_date(value.date())}، {clock(value.time())}"
    return weekday_date(value)
