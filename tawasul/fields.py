"""The building blocks of the content schema: the base model, the field error, and the value
types (text, dates, slugs, phones) with their Arabic messages. `schema.py` and `hours.py` build on them."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .text import is_phone, is_slug, western_digits


class FieldError(ValueError):
    """A rule over several fields that still names the field to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _text(value):
    if isinstance(value, str):
        return western_digits(value)
    return value


def _date(value):
    """Dates may come quoted from YAML; coerce here, never in templates."""
    if isinstance(value, datetime):
        raise ValueError("يُتوقَّع تاريخ دون وقت بصيغة YYYY-MM-DD")
    if isinstance(value, str):
        try:
            return date.fromisoformat(western_digits(value.strip()))
        except ValueError:
            raise ValueError(f"تاريخ غير صالح «{value}»؛ الصيغة المتوقعة YYYY-MM-DD") from None
    return value


_LOCAL_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$", re.ASCII)


def _date_or_datetime(value):
    """`2026-12-03` is an all-day event; `2026-12-03 10:00` a timed one, in local time."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError("اكتبي الوقت المحلي دون منطقة زمنية، مثل 2026-12-03 10:00")
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _LOCAL_RE.match(western_digits(value.strip()))
        try:
            if match and match.group(2):
                day = date.fromisoformat(match.group(1))
                return datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3)))
            if match:
                return date.fromisoformat(match.group(1))
        except ValueError:
            pass
        raise ValueError(f"تاريخ أو وقت غير صالح «{value}»؛ الصيغة المتوقعة YYYY-MM-DD أو YYYY-MM-DD HH:MM")
    return value


def _month_day(value):
    """Occasions recur every year: MM-DD."""
    text = western_digits(str(value)).strip()
    match = re.match(r"^(\d{2})-(\d{2})$", text, re.ASCII)
    if match:
        try:
            date(2024, int(match.group(1)), int(match.group(2)))  # a leap year admits 02-29
            return text
        except ValueError:
            pass
    raise ValueError(f"يوم غير صالح «{value}»؛ الصيغة المتوقعة MM-DD، مثل 03-08")


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Day = Annotated[date, BeforeValidator(_date)]
When = Annotated[date | datetime, BeforeValidator(_date_or_datetime)]
MonthDay = Annotated[str, BeforeValidator(_month_day)]


def _slug(value):
    if isinstance(value, str) and not is_slug(value):
        raise ValueError(f"المعرّف «{value}» يجب أن يكون بحروف لاتينية صغيرة وأرقام وشرطات، مثل jenin-workshop")
    return value


Slug = Annotated[str, BeforeValidator(_slug)]


def _phone(value):
    if isinstance(value, str) and not is_phone(value):
        raise ValueError(f"رقم هاتف غير صالح «{value}»")
    return _text(value)


Phone = Annotated[str, BeforeValidator(_phone)]


def _email(value):
    if isinstance(value, str) and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value.strip()):
        raise ValueError(f"بريد إلكتروني غير صالح «{value}»")
    return value


Email = Annotated[str, BeforeValidator(_email)]
