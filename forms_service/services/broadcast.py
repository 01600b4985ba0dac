"""A coordinator's message to everyone registered for, or waiting for, one event: plain text
only (no attachments), at most one per event per hour, recorded in the audit log, and sent only
to those whose opt-in and safe-contact answer allow it. Before sending she sees how many it
will reach, and how many it will not and why."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from tawasul.schema import Event

from ..admin_models import AuditEntry
from ..database import write_transaction
from ..extensions import db
from ..models import ContactPreference, Registration, RegistrationState
from ..outbox.models import MessageKind
from ..outbox.queue import queue, recipient

INTERVAL = timedelta(hours=1)
# Why a message will not reach someone, in the order the coordinator reads them.
WHY_NOT = {"none": "طلبت ألا نتواصل معها", "calls_only": "اختارت الاتصال فقط، دون رسائل",
           "no_opt_in": "لم تطلب رسائل بالبريد"}


class TooSoon(Exception):
    def __init__(self, minutes: int):
        super().__init__(minutes)
        self.minutes = minutes


@dataclass(frozen=True)
class Reach:
    reached: int
    not_reached: list[tuple[str, int]]  # (why, how many)


def _live(session, slug: str) -> list[Registration]:
    return list(session.scalars(select(Registration).where(
        Registration.event_slug == slug,
        Registration.state.in_((RegistrationState.confirmed, RegistrationState.waitlisted))).order_by(Registration.id)))


def _why_not(registration: Registration) -> str:
    if registration.contact_preference == ContactPreference.none:
        return "none"
    if registration.contact_preference == ContactPreference.calls_only:
        return "calls_only"
    return "no_opt_in"


def reach(slug: str) -> Reach:
    people = _live(db.session, slug)
    missed = Counter(_why_not(r) for r in people if recipient(r) is None)
    return Reach(reached=sum(1 for r in people if recipient(r)),
                 not_reached=[(WHY_NOT[key], missed[key]) for key in WHY_NOT if missed[key]])


def send(event: Event, text: str, actor: str, governorate: str) -> int:
    """Queue the message for everyone it may reach; returns how many. Raises TooSoon."""
    now = datetime.now(timezone.utc)
    with write_transaction() as session:
        last = session.scalar(select(func.max(AuditEntry.at)).where(
            AuditEntry.action == "broadcast", AuditEntry.object_id == event.slug))
        if last is not None:
            last = last if last.tzinfo else last.replace(tzinfo=timezone.utc)  # SQLite keeps no zone
            if now - last < INTERVAL:
                raise TooSoon(int((INTERVAL - (now - last)).total_seconds() // 60) + 1)
        entry = AuditEntry(actor=actor, action="broadcast", object_type="event", object_id=event.slug,
                           governorate=governorate)
        session.add(entry)
        session.flush()
        queued = [queue(session, r, event, MessageKind.broadcast, f":{entry.id}", note=text)
                  for r in _live(session, event.slug)]
    return sum(1 for message in queued if message is not None)
