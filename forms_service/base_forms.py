"""The base of every public form: CSRF (Flask-WTF), a honeypot, a signed time token, and strict
input rules (no unknown or repeated fields, no control characters).

A filled honeypot is answered with a fake success by the view; a form sent too fast or too late
is shown again with her input and a friendly message; anything tampered gets a 400.
"""
from __future__ import annotations

import secrets
import time
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from flask import current_app, request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto as _FROM_REQUEST  # FlaskForm's default: the request's form data
from itsdangerous import BadSignature, TimestampSigner
from wtforms import HiddenField, StringField
from wtforms.csrf.core import CSRFTokenField

# Line breaks and tabs are fine in a text area; every other control character (Unicode's Cc, a
# fixed set: U+0000–U+001F and U+007F–U+009F) is refused, and so are the bidi overrides and
# isolates that can make text display differently from what it is. One compiled class: a
# character-by-character check cost more than all the other validation of a form.
_BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

CONTROL_MESSAGE = "يحتوي هذا الحقل على رموز غير مسموح بها؛ احذفيها واكتبي النص مرة أخرى"
TOO_FAST = "أُرسل النموذج أسرع مما يستطيع شخص ملأه. راجعي البيانات ثم اضغطي «إرسال» مرة أخرى."
TOO_OLD = "مضى وقت طويل منذ فتح هذه الصفحة. راجعي البيانات ثم اضغطي «إرسال» مرة أخرى."
REPLAYED = ("أُرسل هذا النموذج من قبل، وحُفظ ما أُرسل أول مرة. إن أردتِ إرسال طلب آخر فراجعي البيانات "
            "ثم اضغطي «إرسال» مرة أخرى.")
TAMPERED = "تعذّر التحقق من النموذج. راجعي البيانات ثم اضغطي «إرسال» مرة أخرى."


def _signer() -> TimestampSigner:
    return _signer_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=8)
def _signer_for(secret_key) -> TimestampSigner:
    # Made once per key: each page and each POST signs or checks a token with it.
    return TimestampSigner(secret_key, salt="tawasul-form-started")


def new_time_token() -> str:
    # A random value under the signature: two pages opened in the same second need tokens of their own.
    return _signer().sign(secrets.token_urlsafe(12)).decode()


def has_bad_characters(text: str) -> bool:
    return _BAD_CHARACTERS.search(text) is not None


class _TokenWhenShown(CSRFTokenField):
    """The CSRF token field, signing the token to show only when the form is rendered. WTForms
    signs one for every form it makes; a POST that succeeds never shows it, and that signing
    was a few per cent of a registration's CPU. What is checked is unchanged."""

    def process(self, *args, **kwargs):
        HiddenField.process(self, *args, **kwargs)

    def _value(self):
        if self.current_token is None:
            self.current_token = self.csrf_impl.generate_csrf_token(self)
        return self.current_token


class _CSRF(FlaskForm.Meta.csrf_class):
    field_class = _TokenWhenShown


def posted_copy(prototype: "StrictForm") -> "StrictForm":
    """A form of the prototype's class holding this request's input, as making it anew in this
    request would give it. Binding a form's fields (a new object for each field, its label, flags
    and validator checks) cost more than validating them; a copy of fields bound once per content
    version costs a fifth. The prototype must never hold input: it was made with `formdata=None`
    and is neither processed again nor validated, so every value a request sets is set on the
    copy (`process` makes new data and error lists, `validate` new error lists)."""
    form = object.__new__(type(prototype))
    form.__dict__.update(prototype.__dict__)
    form._fields = {}
    for name, field in prototype._fields.items():
        copy = object.__new__(type(field))  # Field.__new__ would give an UnboundField
        copy.__dict__.update(field.__dict__)
        copy._form = form
        form._fields[name] = form.__dict__[name] = copy
    form.form_errors = []
    form.process(_FROM_REQUEST)
    return form


class StrictForm(FlaskForm):
    """CSRF, known fields only, no control characters."""

    class Meta:
        csrf_class = _CSRF

    def unexpected_input(self) -> bool:
        """Unknown field names or a field sent twice: not something our page sends."""
        known = set(self._fields)
        return any(key not in known or len(request.form.getlist(key)) > 1 for key in request.form.keys())

    def csrf_failed(self) -> bool:
        return bool(self.meta.csrf and self.csrf_token.errors)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if any(isinstance(raw, str) and has_bad_characters(raw) for raw in (field.raw_data or [])):
                field.errors = [CONTROL_MESSAGE]  # the one message that helps; others follow from it
                valid = False
        return valid


class GuardedForm(StrictForm):
    """Adds what keeps bots from creating records: a honeypot and a signed time token."""
    # Hidden from people by CSS and from screen readers by aria-hidden; bots fill it.
    website = StringField("اتركي هذا الحقل فارغاً")
    started = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timing_error: str | None = None
        self.signed_at: datetime | None = None

    def fresh_token(self) -> str:
        """Every render carries a new time token; her other input is kept as it was."""
        return new_time_token()

    def is_submitted_by_bot(self) -> bool:
        return bool((self.website.data or "").strip())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.timing_error = self._check_time()
        return valid and self.timing_error is None

    def page(self):
        """This page load (services/form_tokens.Page), once the form is valid."""
        from .services.form_tokens import Page

        return Page(self.started.data, self.signed_at + timedelta(seconds=current_app.config["FORMS_MAX_SECONDS"]))

    def page_used(self) -> None:
        """Her form is shown again saying this page was sent before (a replayed page load)."""
        self.timing_error = REPLAYED

    def _check_time(self) -> str | None:
        try:
            _value, signed_at = _signer().unsign(self.started.data or "", return_timestamp=True)
        except (BadSignature, ValueError, TypeError):
            return TAMPERED
        self.signed_at = signed_at.astimezone(timezone.utc)
        age = time.time() - signed_at.timestamp()
        if age < current_app.config["FORMS_MIN_SECONDS"]:
            return TOO_FAST
        if age > current_app.config["FORMS_MAX_SECONDS"]:
            return TOO_OLD
        return None
