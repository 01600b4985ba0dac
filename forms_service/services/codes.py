"""Short reference codes people can read over the phone, and the signed manage-link token."""
from __future__ import annotations

import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

# Crockford-like: no 0/O, 1/I/L, U — nothing to misread.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def pretty(reference: str) -> str:
    return f"{reference[:4]}-{reference[4:]}"


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"tawasul-{purpose}")


def sign(reference: str, purpose: str = "manage") -> str:
    """The token holds only the random reference code: no name, contact or event."""
    return _serializer(purpose).dumps(reference)


def unsign(token: str, purpose: str = "manage") -> str | None:
    try:
        value = _serializer(purpose).loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None
