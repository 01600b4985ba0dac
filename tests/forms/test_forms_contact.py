"""A Palestinian phone number however she writes it, or an e-mail address."""
from __future__ import annotations

import pytest

from forms_service.contact import ContactInvalid, normalise


@pytest.mark.parametrize("written, canonical", [
    ("0599123456", "+970599123456"),
    ("0599 123 456", "+970599123456"),
    ("059-912-3456", "+970599123456"),
    ("+970 59 912 3456", "+970599123456"),
    ("00970599123456", "+970599123456"),
    ("٠٥٩٩١٢٣٤٥٦", "+970599123456"),
    ("+٩٧٠ ٥٦ ١٢٣ ٤٥٦٧", "+970561234567"),
    ("(02) 234 5678", "+97022345678"),
    ("Salma.Ahmad@Example.ORG", "salma.ahmad@example.org"),
])
def test_common_writings_become_one_form(written, canonical):
    assert normalise(written) == canonical


@pytest.mark.parametrize("written", ["12345", "0599", "05991234567890", "abc", "salma@", "@example.org",
                                     "salma@@example.org", "0000000000"])
def test_invalid_contacts_are_refused_in_arabic(written):
    with pytest.raises(ContactInvalid) as info:
        normalise(written)
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(info.value))
