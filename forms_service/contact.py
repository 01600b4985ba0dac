"""One contact channel, as she writes it: a phone number in any common Palestinian form, or an
e-mail address. Returned in one canonical form, so "0599 123 456" and "+970599123456" are the
same person for the duplicate check."""
from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from tawasul.text import has_foreign_digits, western_digits


BAD_PHONE = "رقم الهاتف غير صحيح؛ اكتبيه كاملاً مثل 0599123456"


class ContactInvalid(ValueError):
    pass


def normalise_phone(text: str) -> str:
    if has_foreign_digits(text):  # phonenumbers would read ² or ① as digits
        raise ContactInvalid(BAD_PHONE)
    text = western_digits(text).strip()
    # Palestinian numbers first (059…, 056…, 02…, +970, 00970); Jerusalem residents often have
    # Israeli (+972) mobiles, written 05… locally.
    for region in ("PS", "IL"):
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ContactInvalid(BAD_PHONE)


def normalise_email(text: str) -> str:
    try:
        result = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise ContactInvalid("عنوان البريد الإلكتروني غير صحيح؛ اكتبيه مثل name@example.org") from None
    return result.normalized.lower()


def normalise(text: str) -> str:
    return normalise_email(text) if "@" in text else normalise_phone(text)
