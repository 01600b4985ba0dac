"""Short reference codes people can read over the phone, and the signed manage-link token."""
from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

# Crockford-like: no 0/O, 1/I/L, U — nothing to misread.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


_LENGTH = 8


def new_reference() -> str:
    # One draw below 30⁸ written in base 30: as uniform as eight draws of a letter, at a fifth of the cost.
    number, letters = secrets.randbelow(len(_ALPHABET) ** _LENGTH), []
    for _ in range(_LENGTH):
        number, digit = divmod(number, len(_ALPHABET))
        letters.append(_ALPHABET[digit])
    return "".join(letters)


def pretty(reference: str) -> str:
    return f"{reference[:4]}-{reference[4:]}"


def _serializer(purpose: str) -> URLSafeSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"], purpose)


@lru_cache(maxsize=32)
def _serializer_for(secret_key, purpose: str) -> URLSafeSerializer:
    # Made once per key and purpose: every registration signs her link, every page of hers checks it.
    return URLSafeSerializer(secret_key, salt=f"tawasul-{purpose}")


def sign(reference: str, purpose: str = "manage") -> str:
    """The token holds only the random reference code: no name, contact or event."""
    return _serializer(purpose).dumps(reference)


def unsign(token: str, purpose: str = "manage") -> str | None:
    try:
        value = _serializer(purpose).loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None
