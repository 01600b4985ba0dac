"""Single-use form pages: the time token of a page that led to a stored submission is recorded
(as a hash), so the same page load cannot be replayed for more records (issue 11 §4). A table,
not process memory: every gunicorn worker must see it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..database import Prepared, insert_if_new_statement
from ..models import UsedFormToken, utcnow


@dataclass(frozen=True)
class Page:
    """A form page load: its time token and when that token is refused as too old anyway."""
    token: str
    expires_at: datetime


_tokens = UsedFormToken.__table__
_CLAIM = Prepared(lambda dialect: insert_if_new_statement(_tokens, dialect))


def claim_in(session: Session, page: Page) -> bool:
    """True the first time; False when this page was already used. Inside the caller's write
    transaction, so the page is used up exactly when what it submitted is stored (one commit)."""
    return claim_on(session.connection(), page)


def claim_on(connection, page: Page) -> bool:
    """`claim_in` on the session's connection (`session.connection()`), for a caller that has it."""
    return bool(_CLAIM.rows(connection, **claim_values(page)))


def claim_values(page: Page) -> dict:
    """The values of the claim's statements: the token as its hash, and its expiry."""
    return {"token_hash": hashlib.sha256(page.token.encode()).hexdigest(), "expires_at": page.expires_at}


def claim_then(then):
    """PostgreSQL only: one statement that claims the page as `claim_on` does, then runs `then`
    (a select of one value), saving a round trip to the server. Its row: (1 if the page was
    unused, else 0; `then`'s value). SQLite has no INSERT inside a WITH."""
    claim = (pg_insert(_tokens).values(token_hash=bindparam("token_hash"), expires_at=bindparam("expires_at"))
             .on_conflict_do_nothing().returning(_tokens.c.token_hash).cte("claim"))
    return select(select(func.count()).select_from(claim).scalar_subquery(), then.scalar_subquery())


def forget_expired(session) -> int:
    """Tokens past their age limit are refused as too old anyway; their record can go."""
    return session.execute(delete(UsedFormToken).where(UsedFormToken.expires_at < utcnow())).rowcount
