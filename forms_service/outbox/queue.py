"""Putting messages in the outbox, inside the caller's transaction: a message exists exactly when
the change that caused it was committed. Every rule about *whether* she gets a message is here."""
from __future__ import annotations

import json
from datetime import date, datetime
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tawasul.schema import Event, EventStatus

from ..database import insert_if_new
from ..models import ContactPreference, Registration, RegistrationState
from ..services.codes import sign
from .compose import Before, compose, venue_line
from .models import EventSnapshot, MessageKind, OutboxMessage

# Preferences under which she gets no written message at all.
_NO_MESSAGES = (ContactPreference.calls_only, ContactPreference.none)


def recipient(registration: Registration) -> str | None:
    """Her e-mail address when she opted in and her safe-contact answer allows messages; else None."""
    if not registration.notify or registration.contact_preference in _NO_MESSAGES:
        return None
    if registration.email:
        return registration.email
    return registration.contact if "@" in registration.contact else None


def private_link(reference: str) -> str:
    return f"{current_app.config['FORMS_PUBLIC_URL']}/r/{sign(reference)}"


def queue(session: Session, registration: Registration, event: Event | None, kind: MessageKind,
          cause: str = "", before: Before | None = None, note: str | None = None) -> OutboxMessage | None:
    """Queue one message of `kind` for her, once per cause (a repeat of the same key is ignored)."""
    address = recipient(registration)
    if address is None or event is None:
        return None
    key = f"{kind.value}:{registration.id}{cause}"
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
        return None
    words = compose(kind, event, registration.reference, private_link(registration.reference), before, note)
    domain = current_app.config["OUTBOX_FROM_ADDRESS"].rpartition("@")[2] or "localhost"
    message = OutboxMessage(key=key, message_id=make_msgid(domain=domain), registration_id=registration.id,
                            event_slug=registration.event_slug, kind=kind, recipient=address,
                            subject=words.subject, body=words.body)
    session.add(message)
    return message


def registered(session: Session, registration: Registration, event: Event) -> None:
    """After her registration is stored: its confirmation (or waiting-list) message. The event's
    snapshot, so that a later change reaches her, was made by `apply_change`, which a registration
    runs first in the same transaction."""
    kind = MessageKind.confirmation if registration.state == RegistrationState.confirmed else MessageKind.waitlisted
    queue(session, registration, event, kind)


def promoted(session: Session, people: list[Registration], event: Event | None) -> None:
    for registration in people:
        queue(session, registration, event, MessageKind.promoted)


# --- Changes to an event in the content files ------------------------------------------------

def fingerprint(event: Event) -> str:
    """What a change of which she must hear: state, time and place."""
    return json.dumps({"status": event.status.value, "start": event.start.isoformat(),
                       "end": event.end.isoformat(), "venue": venue_line(event)}, ensure_ascii=False, sort_keys=True)


def _moment(text: str) -> date | datetime:
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


_snapshots = EventSnapshot.__table__
# Read on every registration, built once; the ORM object is loaded only when the event changed.
FINGERPRINT = select(_snapshots.c.fingerprint).where(_snapshots.c.event_slug == bindparam("slug"))


def ensure_snapshot(session: Session, event: Event) -> None:
    insert_if_new(session, _snapshots, event_slug=event.slug, fingerprint=fingerprint(event), sequence=0)


def change_kind(old: dict, event: Event) -> MessageKind | None:
    if event.status == EventStatus.cancelled:
        return MessageKind.cancelled if old["status"] != "cancelled" else None
    if old["start"] != event.start.isoformat() and event.status == EventStatus.postponed:
        return MessageKind.postponed
    if (old["status"] == "cancelled" or old["start"] != event.start.isoformat()
            or old["end"] != event.end.isoformat() or old["venue"] != venue_line(event)):
        return MessageKind.changed
    return None


def apply_change(session: Session, event: Event) -> int:
    """Under the event's lock: when the event differs from its snapshot, bump the snapshot and
    queue one message per live registration. Returns how many messages were queued. An event
    without a snapshot gets one: it is watched from now on."""
    current = fingerprint(event)
    stored = session.connection().execute(FINGERPRINT, {"slug": event.slug}).scalar()
    if stored is None:
        ensure_snapshot(session, event)
    if stored is None or stored == current:
        return 0
    snapshot = session.get(EventSnapshot, event.slug)
    old = json.loads(snapshot.fingerprint)
    kind = change_kind(old, event)
    snapshot.fingerprint = current
    snapshot.sequence += 1
    if kind is None:
        return 0
    before = Before(start=_moment(old["start"]), venue=old["venue"])
    people = session.scalars(select(Registration).where(
        Registration.event_slug == event.slug,
        Registration.state.in_((RegistrationState.confirmed, RegistrationState.waitlisted))).order_by(Registration.id))
    queued = [queue(session, person, event, kind, f":{snapshot.sequence}", before) for person in people]
    return sum(1 for message in queued if message is not None)


def remind(session: Session, event: Event) -> int:
    """The day-before reminder to everyone confirmed, once per person and start date."""
    people = session.scalars(select(Registration).where(
        Registration.event_slug == event.slug, Registration.state == RegistrationState.confirmed))
    queued = [queue(session, person, event, MessageKind.reminder, f":{event.start_date.isoformat()}")
              for person in people]
    return sum(1 for message in queued if message is not None)
