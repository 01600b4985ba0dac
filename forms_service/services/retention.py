"""Retention: registrations are deleted a number of days after their event; counts remain."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select

from ..database import write_transaction
from ..extensions import db
from ..models import Registration, RegistrationTally
from . import form_tokens


def purge(today: date, days: int) -> int:
    """Delete registrations of events that ended more than `days` days before `today`, first
    adding them to the per-event tallies. Returns how many were deleted."""
    cutoff = today - timedelta(days=days)
    with write_transaction() as session:
        rows = session.execute(
            select(Registration.event_slug, Registration.state, func.count(), func.sum(Registration.seats))
            .where(Registration.event_ends_on < cutoff)
            .group_by(Registration.event_slug, Registration.state)).all()
        for slug, state, count, people in rows:
            tally = session.get(RegistrationTally, (slug, state))
            if tally is None:
                tally = RegistrationTally(event_slug=slug, state=state, registrations=0, people=0)
                session.add(tally)
            tally.registrations += count
            tally.people += people
        deleted = session.execute(delete(Registration).where(Registration.event_ends_on < cutoff)).rowcount
        form_tokens.forget_expired(session)
    _compact()
    return deleted


def _compact() -> None:
    """On SQLite, make the deletion physical: secure_delete zeroed the pages; fold the WAL back
    into the file and truncate it, so no copy of a deleted row lingers in the -wal file."""
    engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
