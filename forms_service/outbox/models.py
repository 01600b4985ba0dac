"""The outbox's tables: one row per message, the counts left after a purge, and the last-seen
state of each event people registered for (to notice a change in the content files)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import _enum, utcnow


class MessageState(str, enum.Enum):
    queued = "queued"
    sending = "sending"  # claimed by a worker; reclaimed when its lease runs out (a killed worker)
    sent = "sent"
    retry = "retry"  # a temporary failure; tried again at next_attempt_at
    failed = "failed"  # given up: shown to the coordinator


class MessageKind(str, enum.Enum):
    confirmation = "confirmation"
    waitlisted = "waitlisted"
    promoted = "promoted"
    reminder = "reminder"
    cancelled = "cancelled"
    postponed = "postponed"
    changed = "changed"
    broadcast = "broadcast"  # a coordinator's message to everyone registered for an event


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What caused it, e.g. "confirmation:42" or "changed:42:3": unique, so a cause queues once.
    key: Mapped[str] = mapped_column(String(80), unique=True)
    # Fixed when queued: a resend after a crash carries the same Message-ID (recognisable duplicate).
    message_id: Mapped[str] = mapped_column(String(120), unique=True)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    event_slug: Mapped[str] = mapped_column(String(100))
    kind: Mapped[MessageKind] = mapped_column(_enum(MessageKind))
    state: Mapped[MessageState] = mapped_column(_enum(MessageState), default=MessageState.queued)
    # Personal data: deleted with the registration (services/retention.py).
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(200))  # the server's reply, never the body
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxTally(db.Model):
    """What the outbox keeps after a purge: counts per event, kind and final state."""
    __tablename__ = "outbox_tally"

    event_slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[MessageKind] = mapped_column(_enum(MessageKind), primary_key=True)
    state: Mapped[MessageState] = mapped_column(_enum(MessageState), primary_key=True)
    messages: Mapped[int] = mapped_column(Integer, default=0)


class EventSnapshot(db.Model):
    """The event as people registered for it, last time we looked. A content change (cancelled,
    postponed, new time or place) bumps `sequence` and queues one message per person, once."""
    __tablename__ = "event_snapshot"

    event_slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(Text)  # JSON: status, start, end, venue
    sequence: Mapped[int] = mapped_column(Integer, default=0)
