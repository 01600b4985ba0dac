"""Single-use form pages: the time token of a page that led to a stored submission is recorded
(as a hash), so the same page load cannot be replayed for more records (issue 11 §4). A table,
not process memory: every gunicorn worker must see it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..database import Prepared, insert_if_new_statement
from ..models import UsedFormToken, utcnow


@dataclass(frozen=True)
class Page:
    """A form page load: its time token and when that token is refused as too old anyway."""
    token: str
    expires_at: datetime


_CLAIM = Prepared(lambda dialect: insert_if_new_statement(UsedFormToken.__table__, dialect))


def claim_in(session: Session, page: Page) -> bool:
    """True the first time; False when this page was already used. Inside the caller's write
    transaction, so the page is used up exactly when what it submitted is stored (one commit)."""
    return claim_on(session.connection(), page)


def claim_on(connection, page: Page) -> bool:
    """`claim_in` on the session's connection (`session.connection()`), for a caller that has it."""
    digest = hashlib.sha256(page.token.encode()).hexdigest()
    return bool(_CLAIM.rows(connection, token_hash=digest, expires_at=page.expires_at))


def forget_expired(session) -> int:
    """Tokens past their age limit are refused as too old anyway; their record can go."""
    return session.execute(delete(UsedFormToken).where(UsedFormToken.expires_at < utcnow())).rowcount
