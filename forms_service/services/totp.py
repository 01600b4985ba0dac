"""Time-based one-time codes (RFC 6238, pyotp): optional for coordinators, required for the
ministry. A code is accepted once only: the account stores the last time step it accepted."""
from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

from tawasul.text import decimal_number

ISSUER = "Tawasul"
DRIFT_STEPS = 1  # a phone clock 30 s off still works


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str | None, now: float | None = None) -> int | None:
    """The time step whose code this is (within the allowed drift), or None."""
    code = decimal_number((code or "").replace(" ", ""))
    if code is None or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(datetime.fromtimestamp(now) if now is not None else datetime.now())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
