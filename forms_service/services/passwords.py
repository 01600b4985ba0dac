"""Coordinator passwords: Argon2id (argon2-cffi), with the cost parameters taken from the
configuration, so raising them rehashes each password at its owner's next login."""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 12


class WeakPassword(ValueError):
    pass


def hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["ARGON2_TIME_COST"], memory_cost=cfg["ARGON2_MEMORY_KIB"],
                          parallelism=cfg["ARGON2_PARALLELISM"], type=Type.ID)


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"password shorter than {MIN_LENGTH} characters")
    return hasher().hash(password)


def check(stored: str, password: str) -> tuple[bool, str | None]:
    """(matches, a new hash when the stored one was made with other parameters)."""
    ph = hasher()
    try:
        ph.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, (ph.hash(password) if ph.check_needs_rehash(stored) else None)


# One dummy hash per set of cost parameters, made at the first failed login of each process: hashing it anew on every failed login
# cost a hash *and* a verify, twice a real account's wrong password (median 332 ms vs 170 ms).
_DUMMY_HASHES: dict[tuple[int, int, int], str] = {}


def _dummy_hash(ph: PasswordHasher) -> str:
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = ph.hash(secrets.token_urlsafe(15))
    return _DUMMY_HASHES[key]


def burn(password: str) -> None:
    """Exactly the work of a wrong password, one verify against a fixed dummy hash, for unknown,
    disabled or locked accounts: the answer's timing does not tell which usernames exist."""
    ph = hasher()
    try:
        ph.verify(_dummy_hash(ph), password)
    except VerificationError:
        pass


def generate() -> str:
    """A random password shown once by the CLI (about 120 bits)."""
    return secrets.token_urlsafe(15)
