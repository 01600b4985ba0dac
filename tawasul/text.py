"""Small text rules shared by the model and the page generators."""
from __future__ import annotations

import re

from babel import Locale

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The whole site uses Western digits (Babel prints them for every Arabic locale); content
# written with Arabic-Indic or Persian digits is folded to them so the site reads one way.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)


_NUMBER_RE = re.compile(r"[0-9]+", re.ASCII)


def decimal_number(text: str) -> str | None:
    """The number written with Western, Arabic-Indic or Persian digits, folded to Western, or None.
    `str.isdigit()` also says yes to ², ① and other scripts' digits, which `int()` or a constant-time
    compare then choke on; those are not digits anyone types here."""
    text = western_digits(text)
    return text if _NUMBER_RE.fullmatch(text) else None


def has_foreign_digits(text: str) -> bool:
    """Digit-like characters other than the three digit sets we accept."""
    return any(ch.isdigit() and not ch.isascii() for ch in western_digits(text))


def is_slug(value: str) -> bool:
    return bool(SLUG_RE.match(value))


def phone_digits(number: str) -> str:
    """The dialable form of a phone number as written in content: digits, with a leading +."""
    number = western_digits(number).strip()
    plus = number.startswith("+")
    digits = re.sub(r"[\s\-().]", "", number.lstrip("+"))
    return ("+" if plus else "") + digits


_PHONE_RE = re.compile(r"^(?:\d{3,4}|0\d{8,9}|\+970\d{8,9}|\+972\d{8,9}|1800\d{6})$")


def is_phone(number: str) -> bool:
    """A short service number (100, 121), a local number (02…, 059…) or +970/+972."""
    return bool(_PHONE_RE.match(phone_digits(number)))


def is_sample_phone(number: str) -> bool:
    """Sample content's numbers start with 000 (helplines.yml): not real, so never dialable."""
    return phone_digits(number).lstrip("+").startswith("000")


# Beside every list of helplines (guide: one home): from an Israeli mobile network, common in
# Jerusalem, the short numbers reach Israeli services or do not connect.
NETWORKS_NOTE = ("من شبكات الهاتف المحمول الإسرائيلية (الشائعة في القدس) تصل الأرقام 100 و101 و102 إلى "
                 "خدمات إسرائيلية، وقد لا يتصل الرقم 121؛ اتصلي عندها برقم مركز تواصل الكامل في صفحة المراكز.")


# Arabic counted nouns, by CLDR plural category (Babel's rules for `ar`): 1 and 2 have their own
# words, 3–10 take a plural, 11–99 a singular in the accusative, 100 and up a plain singular.
_ARABIC = Locale("ar")
COUNTED = {
    "seat": {"one": "مقعد واحد", "two": "مقعدان", "few": "{n} مقاعد", "many": "{n} مقعداً", "other": "{n} مقعد"},
    "day": {"one": "يوم واحد", "two": "يومان", "few": "{n} أيام", "many": "{n} يوماً", "other": "{n} يوم"},
}


def counted(n: int, noun: str) -> str:
    """«مقعد واحد»، «مقعدان»، «3 مقاعد»، «11 مقعداً»، «100 مقعد»."""
    forms = COUNTED[noun]
    category = _ARABIC.plural_form(n)
    return forms.get(category, forms["other"]).format(n=n)
