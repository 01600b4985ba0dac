"""Single-use form pages: the time token of a page that led to a stored submission is recorded
(as a hash), so the same page load cannot be replayed for more records (issue 11 §4). A table,
not process memory: every gunicorn worker must see it."""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..database import write_transaction
from ..models import UsedFormToken, utcnow


def claim(token: str, expires_at: datetime) -> bool:
    """True the first time; False when this token was already used."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with write_transaction() as session:
            session.add(UsedFormToken(token_hash=digest, expires_at=expires_at))
    except IntegrityError:
        return False
    return True


def forget_expired(session) -> int:
    """Tokens past their age limit are refused as too old anyway; their record can go."""
    return session.execute(delete(UsedFormToken).where(UsedFormToken.expires_at < utcnow())).rowcount
