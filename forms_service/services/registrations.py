"""Registration rules: who may register when, capacity counted in people, a FIFO waiting list.

Capacity is protected by a lock taken *before* availability is read: BEGIN IMMEDIATE on SQLite
(see database.py) and the event's `event_seats` row locked FOR UPDATE on PostgreSQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from tawasul.catalogue import Catalogue
from tawasul.schema import Audience, Event, EventStatus

from ..database import group_commit, write_transaction
from ..extensions import db
from ..models import EventSeats, Participant, Registration, RegistrationState
from ..outbox import queue as outbox
from .codes import new_reference
from .errors import CancelTooLate, EventFull, RegistrationClosed, UnknownEvent, UnknownRegistration



@dataclass(frozen=True)
class Person:
    """A participant of an organisation's registration (services/groups.py)."""
    name: str | None = None  # None: the name comes later
    role: str | None = None


@dataclass(frozen=True)
class Applicant:
    name: str
    contact: str  # already normalised: E.164 phone or lower-case e-mail
    governorate: str
    seats: int = 1
    organisation: str | None = None
    access_needs: str | None = None
    # Messages (forms_service/outbox): her e-mail for them, her opt-in, her safe-contact answer.
    email: str | None = None
    notify: bool = False
    contact_preference: str | None = None
    call_times: str | None = None
    # An organisation's participants, named now or later (one Participant per place).
    people: tuple[Person, ...] = ()


def closed_reason(catalogue: Catalogue, event: Event, today: date) -> str | None:
    """Why this event takes no registration today, or None when it does."""
    reg = event.registration
    if reg is None:
        return "no_registration"
    if event.status == EventStatus.cancelled:
        return "cancelled"
    if event.start_date < today:
        return "past"
    if today < reg.opens:
        return "not_open"
    if today > reg.closes:
        return "closed"
    assert catalogue.open_for_registration(event, today)
    return None


def open_event(catalogue: Catalogue, slug: str, today: date) -> Event:
    """The guard clauses of the registration page: unknown, then closed for any reason."""
    event = catalogue.events.get(slug)
    if event is None:
        raise UnknownEvent()
    reason = closed_reason(catalogue, event, today)
    if reason:
        raise RegistrationClosed(event, reason)
    return event


def takes_organisations(event: Event) -> bool:
    return event.registration.audience in (Audience.organisations, Audience.both)


def register(event: Event, applicant: Applicant) -> Registration:
    """A registration of its own for every valid form, even for a contact already registered: a
    refusal would tell anyone who types her number that she is coming (issue 11 §3). The
    centre's list shows both rows, with the same contact, and can cancel the extra one."""
    capacity = event.registration.capacity

    def book(session: Session) -> Registration:  # run by database.group_commit, maybe in a batch
        _lock_seats(session, event.slug, capacity)
        outbox.apply_change(session, event)  # a content change not yet seen reaches the others first
        confirmed, waiting = _tally(session, event.slug)
        if waiting and confirmed < capacity:  # capacity grew in the content: move the queue first
            outbox.promoted(session, _promote(session, event.slug, capacity), event)
            confirmed, waiting = _tally(session, event.slug)
        # Nobody jumps the queue: while anyone waits, newcomers wait too.
        if not waiting and confirmed + applicant.seats <= capacity:
            state = RegistrationState.confirmed
        elif event.registration.waitlist and applicant.seats <= capacity:
            state = RegistrationState.waitlisted
        else:
            raise EventFull(event)
        registration = Registration(reference=new_reference(), event_slug=event.slug,
                                    event_ends_on=event.end_date, state=state, seats=applicant.seats,
                                    name=applicant.name, contact=applicant.contact,
                                    governorate=applicant.governorate, organisation=applicant.organisation,
                                    access_needs=applicant.access_needs, email=applicant.email,
                                    notify=applicant.notify, contact_preference=applicant.contact_preference,
                                    call_times=applicant.call_times, **as_registered(event))
        session.add(registration)
        session.flush()
        if applicant.organisation:
            seat_people(session, registration, list(applicant.people))
        outbox.registered(session, registration, event)
        return registration

    return group_commit(book)


def seat_people(session: Session, registration: Registration, people: list[Person]) -> None:
    """One participant row per place of the registration: the named first, then names to come."""
    for n in range(registration.seats):
        person = people[n] if n < len(people) else Person()
        session.add(Participant(registration_id=registration.id, name=person.name, role=person.role))


def as_registered(event: Event) -> dict:
    """What a registration keeps of the event as it was, to tell her later what changed."""
    return {"registered_start": event.start.isoformat(), "registered_venue": event.venue.line}


@dataclass(frozen=True)
class Changes:
    """What changed in the event since she registered, each as (then, now); None if unchanged."""
    start: tuple[date | datetime, date | datetime] | None = None
    venue: tuple[str, str] | None = None


def changes_since_registration(registration: Registration, event: Event) -> Changes:
    """A cancelled event or registration has no changes to tell. A postponement from the start
    she registered for is told by her page already (new and previous dates), so not twice."""
    if event.is_cancelled or registration.state == RegistrationState.cancelled:
        return Changes()
    start = venue = None
    if registration.registered_start:
        then = registration.registered_start
        then = datetime.fromisoformat(then) if "T" in then else date.fromisoformat(then)
        if then != event.start and not (event.is_postponed and then == event.previous_start):
            start = (then, event.start)
    if registration.registered_venue and registration.registered_venue != event.venue.line:
        venue = (registration.registered_venue, event.venue.line)
    return Changes(start, venue)


def find(reference: str) -> Registration:
    registration = db.session.scalar(select(Registration).where(Registration.reference == reference))
    if registration is None:
        raise UnknownRegistration()
    return registration


def waitlist_position(registration: Registration) -> int:
    return db.session.scalar(select(func.count()).where(
        Registration.event_slug == registration.event_slug, Registration.state == RegistrationState.waitlisted,
        Registration.id <= registration.id))


def cancel(catalogue: Catalogue, reference: str, today: date) -> Registration:
    """Cancel, and in the same transaction give the freed places to the waiting list, in order."""
    with write_transaction() as session:
        registration = session.scalar(select(Registration).where(Registration.reference == reference))
        if registration is None:
            raise UnknownRegistration()
        event = catalogue.events.get(registration.event_slug)
        if registration.event_ends_on < today or (event and event.start_date < today):
            raise CancelTooLate(event)
        seats = _lock_seats(session, registration.event_slug,
                            event.registration.capacity if event and event.registration else None)
        session.refresh(registration)  # re-read under the lock
        if registration.state != RegistrationState.cancelled:
            registration.state = RegistrationState.cancelled
            session.flush()
            outbox.promoted(session, _promote(session, registration.event_slug, seats.capacity), event)
    return registration


def _tally(session: Session, slug: str) -> tuple[int, int]:
    """In one statement: places confirmed and people waiting."""
    state = Registration.state
    return tuple(session.execute(select(
        func.coalesce(func.sum(case((state == RegistrationState.confirmed, Registration.seats), else_=0)), 0),
        func.count(case((state == RegistrationState.waitlisted, 1))),
    ).where(Registration.event_slug == slug)).one())


def _lock_seats(session: Session, slug: str, capacity: int | None) -> EventSeats:
    locked = select(EventSeats).where(EventSeats.event_slug == slug).with_for_update()
    seats = session.scalar(locked)
    if seats is None and capacity is not None:  # the event's first registration
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(insert(EventSeats).values(event_slug=slug, capacity=capacity).on_conflict_do_nothing())
        seats = session.scalar(locked)
    if capacity is not None and seats.capacity != capacity:
        seats.capacity = capacity
    return seats


def confirmed_people(slug: str) -> int:
    """Places taken by confirmed registrations: the floor of an event's capacity (the editor)."""
    return _confirmed_people(db.session, slug)


def _confirmed_people(session: Session, slug: str) -> int:
    return session.scalar(select(func.coalesce(func.sum(Registration.seats), 0)).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.confirmed))


def _promote(session: Session, slug: str, capacity: int) -> list[Registration]:
    """Strict FIFO: confirm waiting people in order while they fit; stop at the first who does not."""
    taken = _confirmed_people(session, slug)
    promoted = []
    if taken >= capacity:
        return promoted
    # Each person takes at least one place: no more than `free` can move up.
    waiting = session.scalars(select(Registration).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.waitlisted)
        .order_by(Registration.id).limit(capacity - taken))
    for candidate in waiting:
        if taken + candidate.seats > capacity:
            break
        candidate.state = RegistrationState.confirmed
        taken += candidate.seats
        promoted.append(candidate)
    if promoted:
        session.flush()
    return promoted
