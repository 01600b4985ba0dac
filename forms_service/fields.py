"""Form fields and validators with Arabic messages (WTForms' own messages are English)."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from tawasul.text import decimal_number, western_digits

from .contact import ContactInvalid, normalise, normalise_email

REQUIRED = "هذا الحقل مطلوب"


class Required:
    """Present and not only spaces; stops the chain so one clear message shows."""
    field_flags = {"required": True}

    def __init__(self, message: str = REQUIRED):
        self.message = message

    def __call__(self, form, field):
        if field.data is None or field.data is False or (isinstance(field.data, str) and not field.data.strip()):
            raise StopValidation(self.message)


class MaxLength:
    def __init__(self, limit: int):
        self.limit = limit
        self.field_flags = {"maxlength": limit}

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise ValidationError(f"النص أطول من المسموح: الحد الأقصى {self.limit} من الأحرف.")


_NAME_PUNCTUATION = set(" '-.’ـ")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.I)


def looks_like_code(text: str, one_line: bool = True) -> bool:
    """Markup, or (in one-line fields) the symbols only code uses."""
    return bool(_MARKUP.search(text)) or (one_line and any(ch in ";<>{}=`\\|" for ch in text))


def is_name(text: str) -> bool:
    """Letters of any script, spaces, and the few marks names use; no digits or symbols."""
    return all(unicodedata.category(ch)[0] in "LM" or ch in _NAME_PUNCTUATION for ch in text)


class PersonName:
    def __call__(self, form, field):
        if field.data and not is_name(field.data):
            raise ValidationError("اكتبي الاسم بالحروف فقط، دون أرقام أو رموز")


class PeopleList:
    """One person a line: «الاسم» or «الاسم، الدور». `field.people` holds (name, role) pairs after
    validation."""
    MAX_LINES = 50

    def __call__(self, form, field):
        field.people = []
        lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > self.MAX_LINES:
            raise ValidationError(f"الحد الأقصى {self.MAX_LINES} سطراً")
        for number, line in enumerate(lines, 1):
            name, _comma, role = line.partition("،") if "،" in line else line.partition(",")
            name, role = name.strip(), role.strip()
            if not name or len(name) > 80 or not is_name(name):
                raise ValidationError(f"السطر {number}: اكتبي الاسم بالحروف فقط، ثم الدور بعد فاصلة إن شئتِ")
            if len(role) > 80 or looks_like_code(role):
                raise ValidationError(f"السطر {number}: الدور أطول من المسموح أو فيه رموز غير مقبولة")
            field.people.append((name, role or None))


class PlainText:
    """Free text: no markup, and, for one-line fields, none of the symbols only code uses."""

    def __init__(self, one_line: bool = True):
        self.one_line = one_line

    def __call__(self, form, field):
        if looks_like_code(field.data or "", self.one_line):
            raise ValidationError("يحتوي النص على رموز غير مقبولة في هذا الحقل؛ اكتبيه بكلمات عادية")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class ChoiceField(SelectField):
    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError("اختاري واحدة من القيم في القائمة")


class ContactField(StringField):
    """Phone or e-mail; `normalised` holds the canonical form after validation."""
    normalised: str | None = None

    def pre_validate(self, form):
        self.normalised = None
        if self.data and self.data.strip():
            try:
                self.normalised = normalise(self.data)
            except ContactInvalid as exc:
                raise ValidationError(str(exc)) from None


class EmailField(StringField):
    """An optional e-mail address; `normalised` holds it lower-cased after validation."""
    normalised: str | None = None

    def pre_validate(self, form):
        self.normalised = None
        if self.data and self.data.strip():
            try:
                self.normalised = normalise_email(self.data)
            except ContactInvalid as exc:
                raise ValidationError(str(exc)) from None


class CountField(StringField):
    """A whole number in [minimum, maximum]; Arabic-Indic digits are accepted."""

    def __init__(self, label, minimum: int, maximum: int | None = None, **kwargs):
        super().__init__(label, filters=[strip], **kwargs)
        self.minimum, self.maximum, self.number = minimum, maximum, None

    def pre_validate(self, form):
        self.number = None
        if not self.data:
            return
        text = decimal_number(self.data)
        if text is None or len(text) > 6:
            raise ValidationError("اكتبي عدداً صحيحاً بالأرقام، مثل 3")
        value, top = int(text), self.maximum
        if value < self.minimum or (top is not None and value > top):
            raise ValidationError(f"اكتبي عدداً بين {self.minimum} و{top}" if top else f"اكتبي عدداً لا يقل عن {self.minimum}")
        self.number = value


BAD_MOMENT = "اكتبي التاريخ والوقت مثل 2026-12-10 10:00"
_LOCAL_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}", re.ASCII)  # strptime's \d takes any script's digits


class LocalDateTimeField(StringField):
    """What <input type="datetime-local"> sends (2026-12-10T10:00), or the same typed by hand."""

    def __init__(self, label, **kwargs):
        super().__init__(label, filters=[strip], **kwargs)
        self.moment = None

    def pre_validate(self, form):
        self.moment = None
        text = western_digits(self.data or "").replace(" ", "T", 1)
        if not text:
            return
        if not _LOCAL_MOMENT.fullmatch(text):
            raise ValidationError(BAD_MOMENT)
        try:
            self.moment = datetime.strptime(text, "%Y-%m-%dT%H:%M")
        except ValueError:
            raise ValidationError(BAD_MOMENT) from None


class _ParsedField(StringField):
    """Text that must read as one value (`parsed`), Arabic-Indic digits accepted; empty is None."""
    pattern: re.Pattern
    layout: str
    message: str

    def __init__(self, label, **kwargs):
        super().__init__(label, filters=[strip], **kwargs)
        self.parsed = None

    def pre_validate(self, form):
        self.parsed = None
        text = western_digits(self.data or "")
        if not text:
            return
        try:
            if not self.pattern.fullmatch(text):
                raise ValueError
            self.parsed = self.convert(datetime.strptime(text, self.layout))
        except ValueError:
            raise ValidationError(self.message) from None

    def convert(self, moment: datetime):
        return moment


class DayField(_ParsedField):
    """What <input type="date"> sends (2026-12-10), or the same typed by hand: a date."""
    pattern, layout, message = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII), "%Y-%m-%d", "اكتبي التاريخ مثل 2026-12-10"

    def convert(self, moment: datetime):
        return moment.date()


class ClockField(_ParsedField):
    """What <input type="time"> sends (10:00): «HH:MM» as written in the content files."""
    pattern, layout, message = re.compile(r"\d{1,2}:\d{2}", re.ASCII), "%H:%M", "اكتبي الوقت مثل 10:00"

    def convert(self, moment: datetime):
        return moment.strftime("%H:%M")
