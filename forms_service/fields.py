"""Form fields and validators with Arabic messages (WTForms' own messages are English)."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from tawasul.text import decimal_number, western_digits

from .contact import ContactInvalid, normalise

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


class PersonName:
    """Letters of any script, spaces, and the few marks names use; no digits or symbols."""

    def __call__(self, form, field):
        if field.data and any(not (unicodedata.category(ch)[0] in "LM" or ch in _NAME_PUNCTUATION) for ch in field.data):
            raise ValidationError("اكتبي الاسم بالحروف فقط، دون أرقام أو رموز")


class PlainText:
    """Free text: no markup, and, for one-line fields, none of the symbols only code uses."""

    def __init__(self, one_line: bool = True):
        self.one_line = one_line

    def __call__(self, form, field):
        text = field.data or ""
        if _MARKUP.search(text) or (self.one_line and any(ch in ";<>{}=`\\|" for ch in text)):
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
