"""Small text rules shared by the model and the page generators."""
from __future__ import annotations

import re

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
