"""The outbox worker: notices event changes and tomorrow's events, then sends what is due.

Each message is claimed (state `sending`, with a lease), sent, and marked `sent` in its own short
transaction. A worker killed between sending and marking leaves the message `sending`; once the
lease runs out another run sends it again with the same Message-ID: at most one duplicate, which
the receiving side can recognise, and nothing lost.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import formataddr

from flask import current_app
from sqlalchemy import and_, or_, select

from tawasul.catalogue import Catalogue
from tawasul.schema import EventStatus

from ..database import write_transaction
from ..extensions import db
from ..models import EventSeats, Registration, RegistrationState
from . import queue
from .models import EventSnapshot, MessageState, OutboxMessage
from .transport import PermanentFailure, TemporaryFailure, from_config

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)


@dataclass
class Round:
    queued: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def backoff(attempts: int) -> timedelta:
    """BASE, 4×BASE, 16×BASE … (15 s, 1 min, 4 min, 16 min, 1 h, 4 h by default), at most 6 h."""
    base = current_app.config["OUTBOX_RETRY_BASE_SECONDS"]
    return min(timedelta(seconds=base * 4 ** (attempts - 1)), MAX_BACKOFF)


# --- Noticing what happened in the content ---------------------------------------------------

def _watched_slugs() -> set[str]:
    """Events with a snapshot, and events with live registrations made before snapshots existed."""
    slugs = set(db.session.scalars(select(EventSnapshot.event_slug)))
    live = (RegistrationState.confirmed, RegistrationState.waitlisted)
    slugs |= set(db.session.scalars(select(Registration.event_slug).where(Registration.state.in_(live)).distinct()))
    db.session.rollback()  # end the read transaction before writing
    return slugs


def scan_events(catalogue: Catalogue, today: date) -> int:
    """Queue change messages for events that differ from their snapshot, and tomorrow's reminders."""
    queued = 0
    for slug in sorted(_watched_slugs()):
        event = catalogue.events.get(slug)
        if event is None:
            continue
        current = queue.fingerprint(event)
        snapshot = db.session.get(EventSnapshot, slug)
        reminder_due = event.start_date == today + timedelta(days=1) and event.status != EventStatus.cancelled
        db.session.rollback()
        if snapshot is not None and snapshot.fingerprint == current and not reminder_due:
            continue
        with write_transaction() as session:
            # The same lock as registrations take, so nobody registers halfway through a change.
            session.scalar(select(EventSeats).where(EventSeats.event_slug == slug).with_for_update())
            if session.get(EventSnapshot, slug) is None:
                queue.ensure_snapshot(session, event)  # registrations older than snapshots: now watched
            queued += queue.apply_change(session, event)
            if reminder_due:
                queued += queue.remind(session, event)
    return queued


# --- Sending -----------------------------------------------------------------------------------

def _claim(limit: int) -> list[tuple[int, EmailMessage]]:
    now = _now()
    lease = timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    due = or_(and_(OutboxMessage.state.in_((MessageState.queued, MessageState.retry)),
                   OutboxMessage.next_attempt_at <= now),
              and_(OutboxMessage.state == MessageState.sending, OutboxMessage.claimed_at < now - lease))
    with write_transaction() as session:
        rows = session.scalars(select(OutboxMessage).where(due).order_by(OutboxMessage.id).limit(limit)
                               .with_for_update(skip_locked=True)).all()
        for row in rows:
            row.state, row.claimed_at = MessageState.sending, now
        return [(row.id, email_of(row)) for row in rows]


def email_of(row: OutboxMessage) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = formataddr((config["OUTBOX_FROM_NAME"], config["OUTBOX_FROM_ADDRESS"]))
    message["To"] = row.recipient
    message["Subject"] = row.subject
    message["Message-ID"] = row.message_id
    message["Date"] = row.created_at  # when it happened, the same on a resend
    message["Auto-Submitted"] = "auto-generated"  # no vacation replies, no loops
    message.set_content(row.body)
    return message


def _mark(message_id: int, outcome: Exception | None) -> MessageState:
    with write_transaction() as session:
        row = session.get(OutboxMessage, message_id)
        row.attempts += 1
        if outcome is None:
            row.state, row.sent_at, row.last_error = MessageState.sent, _now(), None
        elif isinstance(outcome, PermanentFailure) or row.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
            row.state, row.last_error = MessageState.failed, str(outcome)[:200]
        else:
            row.state, row.last_error = MessageState.retry, str(outcome)[:200]
            row.next_attempt_at = _now() + backoff(row.attempts)
        return row.state


def send_due(result: Round) -> int:
    """Send one batch of due messages; returns how many were claimed."""
    claimed = _claim(current_app.config["OUTBOX_BATCH"])
    if not claimed:
        return 0
    transport = from_config(current_app.config)
    try:
        for message_id, email in claimed:
            try:
                transport.send(email)
                outcome = None
            except (TemporaryFailure, PermanentFailure) as exc:
                outcome = exc
                result.errors.append(str(exc))
            state = _mark(message_id, outcome)
            result.sent += state == MessageState.sent
            result.retried += state == MessageState.retry
            result.failed += state == MessageState.failed
    finally:
        transport.close()
    return len(claimed)


def run_once(catalogue: Catalogue, today: date) -> Round:
    """Everything due now: scan the events, then send batches until none is left that is due."""
    result = Round(queued=scan_events(catalogue, today))
    while send_due(result):
        pass
    return result


def run_forever(catalogue_source, today_of) -> None:
    poll = current_app.config["OUTBOX_POLL_SECONDS"]
    while True:
        try:
            result = run_once(catalogue_source.get(), today_of())
            if result.sent or result.retried or result.failed:
                log.info("outbox: %d sent, %d to retry, %d failed", result.sent, result.retried, result.failed)
        except Exception:  # a database restart must not end the worker; systemd would restart it anyway
            log.exception("outbox round failed; trying again")
            db.session.rollback()
        time.sleep(poll)
