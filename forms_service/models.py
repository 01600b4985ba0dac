"""What people submitted: registrations, their per-event capacity lock, aggregate counts kept
after purging, and partner activity submissions. Public content itself stays in the files."""
from __future__ import annotations

import enum
from datetime import date, datetime, timezone

from sqlalchemy import Boolean, Date, DateTime, Enum, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from tawasul.states import RegistrationState

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _enum(cls) -> Enum:
    # Stored as short strings (portable between SQLite and PostgreSQL, simple migrations).
    return Enum(cls, native_enum=False, length=16, validate_strings=True,
                values_callable=lambda members: [m.value for m in members])


class ContactPreference(str, enum.Enum):
    """Her answer to «هل من الآمن أن نتواصل معكِ؟». Every message and every call list obeys it."""
    any = "any"
    messages_only = "messages_only"
    calls_only = "calls_only"
    none = "none"


class Registration(db.Model):
    __tablename__ = "registration"
    __table_args__ = (
        # No unique index on (event, contact): refusing a contact already registered would tell a
        # stranger that she is (issue 11 §3).
        Index("ix_registration_event_state", "event_slug", "state", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # also the FIFO order of the waiting list
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    event_slug: Mapped[str] = mapped_column(String(100))
    event_ends_on: Mapped[date] = mapped_column(Date, index=True)  # purge works even if the file is gone
    state: Mapped[RegistrationState] = mapped_column(_enum(RegistrationState))
    seats: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    contact: Mapped[str] = mapped_column(String(254))  # E.164 phone or lower-cased e-mail
    governorate: Mapped[str] = mapped_column(String(40))
    organisation: Mapped[str | None] = mapped_column(String(120))
    access_needs: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # Messages (forms_service/outbox): an e-mail given only for them, her separate opt-in, and
    # her safe-contact answer (None: she did not answer; no call, messages only if she opted in).
    email: Mapped[str | None] = mapped_column(String(254))
    notify: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    contact_preference: Mapped[ContactPreference | None] = mapped_column(_enum(ContactPreference))
    call_times: Mapped[str | None] = mapped_column(String(120))
    # Marked by the coordinator on the day (admin area).
    attended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Her optional answer «للإحصاءات فقط»: one of the four groups of the yearly figures
    # (tawasul.figures.aggregate.PEOPLE_GROUPS), never a birth date. Counted only if she attended.
    people_group: Mapped[str | None] = mapped_column(String(20))
    # People an organisation added from its private link when no place was free wait in a row of
    # their own, in the queue like everyone else; it points to the organisation's registration.
    group_of: Mapped[int | None] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"), index=True)

    # The event as she registered for it, so her page can say what changed since: the start in
    # ISO form (a day, or a day and time with its offset) and the venue's line. Empty for
    # registrations made before these were kept.
    registered_start: Mapped[str | None] = mapped_column(String(40))
    registered_venue: Mapped[str | None] = mapped_column(String(400))


class Participant(db.Model):
    """One person of an organisation's registration: her place follows the state of the row she
    is in (services/groups.py). A name may come later; the role is optional."""
    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(80))
    attended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class EventSeats(db.Model):
    """One row per event, locked before availability is read (FOR UPDATE on PostgreSQL; on
    SQLite, BEGIN IMMEDIATE already serialises writers and this row just records the capacity)."""
    __tablename__ = "event_seats"

    event_slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    capacity: Mapped[int] = mapped_column(Integer)


class RegistrationTally(db.Model):
    """Aggregate counts that survive the purge of the registrations they summarise."""
    __tablename__ = "registration_tally"

    event_slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[RegistrationState] = mapped_column(_enum(RegistrationState), primary_key=True)
    registrations: Mapped[int] = mapped_column(Integer, default=0)
    people: Mapped[int] = mapped_column(Integer, default=0)
    # People who attended (on the confirmed row): the count public figures will use.
    attended: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class AttendanceTally(db.Model):
    """Who attended an event, per group of the yearly figures ("unknown" when she did not say, and
    for an organisation's participants): what `flask export-figures` still counts after the purge."""
    __tablename__ = "attendance_tally"

    event_slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    people_group: Mapped[str] = mapped_column(String(20), primary_key=True)
    people: Mapped[int] = mapped_column(Integer, default=0)


class SubmissionState(str, enum.Enum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class ActivitySubmission(db.Model):
    """A partner's report of a joint activity ("4W": who, what, where, when). Coordinators review
    it in the admin area; an approved one becomes an events/<year>/<slug>.yml file through
    `services.activities.event_data`, validated by the same schema as hand-written events."""
    __tablename__ = "activity_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    state: Mapped[SubmissionState] = mapped_column(_enum(SubmissionState), default=SubmissionState.pending)
    # who
    organisation: Mapped[str] = mapped_column(String(120))
    organisation_type: Mapped[str] = mapped_column(String(20))  # tawasul.schema.MemberType
    contact_name: Mapped[str] = mapped_column(String(80))
    contact: Mapped[str] = mapped_column(String(254))
    partners: Mapped[str | None] = mapped_column(String(500))  # one organisation per line
    # what
    activity_type: Mapped[str] = mapped_column(String(30))  # tawasul.schema.EventType
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text)
    target_group: Mapped[str] = mapped_column(String(200))
    expected_participants: Mapped[int] = mapped_column(Integer)
    campaign: Mapped[str | None] = mapped_column(String(100))
    # for whom (5W): the people who took part, by sex and age band, once it has happened. Counts
    # only; `flask export-figures` adds them up per governorate and year (tawasul/figures).
    reached_female_under_18: Mapped[int | None] = mapped_column(Integer)
    reached_female_adult: Mapped[int | None] = mapped_column(Integer)
    reached_male_under_18: Mapped[int | None] = mapped_column(Integer)
    reached_male_adult: Mapped[int | None] = mapped_column(Integer)
    # where
    governorate: Mapped[str] = mapped_column(String(40))
    locality: Mapped[str | None] = mapped_column(String(80))  # a name of content/data/localities.yml in `governorate`
    venue_name: Mapped[str] = mapped_column(String(150))
    venue_address: Mapped[str] = mapped_column(String(200))
    # when (local wall-clock time in the governorate, as in content files)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The coordinator's review (admin area): who decided, when, why not, and the event it became.
    reviewed_by: Mapped[str | None] = mapped_column(String(60))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    event_slug: Mapped[str | None] = mapped_column(String(100))


class UsedFormToken(db.Model):
    """The time token of each form page that led to a stored submission: one page load, one
    submission. A hash only, kept until the token would be refused as too old anyway."""
    __tablename__ = "used_form_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
