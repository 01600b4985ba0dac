"""Server-side sessions of the coordinator area.

The cookie holds a random token; the table holds its SHA-256. A session ends when its row is
gone: at logout, when the account is disabled or reset, after ADMIN_IDLE_MINUTES without a
request, or ADMIN_ABSOLUTE_HOURS after login, whichever comes first. Every login creates a new
token and deletes the one the browser came with (rotation: a planted token never becomes valid).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from ..admin_models import AdminSession, Coordinator
from ..database import aware, write_transaction
from ..extensions import db
from ..models import utcnow

# last_seen_at is written at most this often, so browsing is not a write per page.
TOUCH_EVERY = timedelta(seconds=60)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(coordinator: Coordinator, previous_token: str | None) -> str:
    token = secrets.token_urlsafe(32)
    with write_transaction() as session:
        if previous_token:
            session.execute(delete(AdminSession).where(AdminSession.id_hash == _digest(previous_token)))
        session.add(AdminSession(id_hash=_digest(token), coordinator_id=coordinator.id))
    return token


def close_session(token: str | None) -> None:
    if token:
        with write_transaction() as session:
            session.execute(delete(AdminSession).where(AdminSession.id_hash == _digest(token)))


def coordinator_for(token: str | None) -> Coordinator | None:
    """The signed-in coordinator, or None when the token is unknown, expired or disabled."""
    if not token or len(token) > 100:
        return None
    row = db.session.scalar(select(AdminSession).where(AdminSession.id_hash == _digest(token)))
    if row is None:
        return None
    now, cfg = utcnow(), current_app.config
    expired = (now - aware(row.last_seen_at) > timedelta(minutes=cfg["ADMIN_IDLE_MINUTES"])
               or now - aware(row.created_at) > timedelta(hours=cfg["ADMIN_ABSOLUTE_HOURS"]))
    coordinator = db.session.get(Coordinator, row.coordinator_id)
    if expired or coordinator is None or coordinator.disabled:
        close_session(token)
        return None
    if now - aware(row.last_seen_at) > TOUCH_EVERY:
        with write_transaction() as session:
            session.execute(update(AdminSession).where(AdminSession.id_hash == row.id_hash).values(last_seen_at=now))
        coordinator = db.session.get(Coordinator, row.coordinator_id)
    return coordinator
