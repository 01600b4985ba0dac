"""Retention: registrations are deleted a number of days after their event; counts remain.
Their messages (bodies carry her name and private link) go with them; the outbox keeps counts."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select

from ..database import write_transaction
from ..extensions import db
from ..models import Registration, RegistrationState, RegistrationTally
from ..outbox.models import OutboxMessage, OutboxTally
from . import form_tokens
from .attendance import keep_tallies, people_attended


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
                tally = RegistrationTally(event_slug=slug, state=state, registrations=0, people=0, attended=0)
                session.add(tally)
            tally.registrations += count
            tally.people += people
            if state == RegistrationState.confirmed:
                tally.attended += people_attended(slug)
        keep_tallies(session, Registration.event_ends_on < cutoff)
        _count_messages(session, select(Registration.id).where(Registration.event_ends_on < cutoff))
        deleted = session.execute(delete(Registration).where(Registration.event_ends_on < cutoff)).rowcount
        form_tokens.forget_expired(session)
    _compact()
    return deleted


def _count_messages(session, registrations) -> None:
    """Fold the messages of the registrations about to go into per-event counts, then delete them
    (the foreign key would cascade too; doing it here keeps the counts)."""
    mine = OutboxMessage.registration_id.in_(registrations)
    rows = session.execute(select(OutboxMessage.event_slug, OutboxMessage.kind, OutboxMessage.state, func.count())
                           .where(mine).group_by(OutboxMessage.event_slug, OutboxMessage.kind, OutboxMessage.state)).all()
    for slug, kind, state, count in rows:
        tally = session.get(OutboxTally, (slug, kind, state))
        if tally is None:
            tally = OutboxTally(event_slug=slug, kind=kind, state=state, messages=0)
            session.add(tally)
        tally.messages += count
    session.execute(delete(OutboxMessage).where(mine))


def _compact() -> None:
    """On SQLite, make the deletion physical: secure_delete zeroed the pages; fold the WAL back
    into the file and truncate it, so no copy of a deleted row lingers in the -wal file."""
    engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
