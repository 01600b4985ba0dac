"""Registration rules: who may register when, capacity counted in people, a FIFO waiting list.

Capacity is protected by a lock taken *before* availability is read: BEGIN IMMEDIATE on SQLite
(see database.py) and the event's `event_seats` row locked FOR UPDATE on PostgreSQL.

The public API: `open_event`, `register`, `find`, `waitlist_position`, `cancel` (hers, or a
coordinator's on her behalf), `move_up` (a coordinator's, out of turn), and for the services that
change an event's places inside their own write transaction (services/groups.py) the three steps
every change takes in this order: `lock_seats`, then `tally`, then `promote`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, configure_mappers, make_transient_to_detached

from tawasul.catalogue import Catalogue
from tawasul.schema import Event
from tawasul.states import RegistrationWindow

from ..database import Prepared, group_commit, insert_if_new, write_transaction
from ..extensions import db
from ..models import EventSeats, Participant, Registration, RegistrationState, utcnow
from ..outbox import queue as outbox
from . import form_tokens
from .codes import new_reference
from .errors import (CancelTooLate, EventFull, PageUsed, Refused, RegistrationClosed, UnknownEvent,
                     UnknownRegistration)


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
    people_group: str | None = None  # «للإحصاءات فقط» (forms.PEOPLE_GROUP_CHOICES)
    # Messages (forms_service/outbox): her e-mail for them, her opt-in, her safe-contact answer.
    email: str | None = None
    notify: bool = False
    contact_preference: str | None = None
    call_times: str | None = None
    # An organisation's participants, named now or later (one Participant per place).
    people: tuple[Person, ...] = ()


def open_event(catalogue: Catalogue, slug: str, today: date) -> Event:
    """The guard clauses of the registration page: unknown, then closed for any reason."""
    event = catalogue.events.get(slug)
    if event is None:
        raise UnknownEvent()
    window = event.registration_window(today)
    if window != RegistrationWindow.open:
        raise RegistrationClosed(event, window)
    return event


def register(event: Event, applicant: Applicant, page: form_tokens.Page | None = None) -> Registration:
    """A registration of its own for every valid form, even for a contact already registered: a
    refusal would tell anyone who types her number that she is coming (issue 11 §3). The
    centre's list shows both rows, with the same contact, and can cancel the extra one.

    `page`, the form page it came from, is used up in the same transaction (one commit, not
    two): PageUsed when it was already, and then nothing is stored. A full event uses it up too,
    as a separate claim did before."""
    capacity = event.registration.capacity

    def book(session: Session) -> Registration | EventFull:  # run by database.group_commit, maybe in a batch
        connection = session.connection()
        seats_row = _claim_and_lock(connection, page, event.slug)  # raises PageUsed
        confirmed, waiting = _seats_and_tally(session, connection, event, capacity, seats_row)
        if waiting and confirmed < capacity:  # capacity grew in the content: move the queue first
            outbox.promoted(session, promote(session, event.slug, capacity), event)
            confirmed, waiting = tally(session, event.slug)
        # Nobody jumps the queue: while anyone waits, newcomers wait too.
        if not waiting and confirmed + applicant.seats <= capacity:
            state = RegistrationState.confirmed
        elif event.registration.waitlist and applicant.seats <= capacity:
            state = RegistrationState.waitlisted
        else:
            return EventFull(event)  # returned, not raised: the page's claim is committed
        now = utcnow()
        registration = _insert(connection, dict(
            reference=new_reference(), event_slug=event.slug, event_ends_on=event.end_date, state=state,
            seats=applicant.seats, name=applicant.name, contact=applicant.contact, governorate=applicant.governorate,
            organisation=applicant.organisation, access_needs=applicant.access_needs,
            people_group=applicant.people_group, email=applicant.email, notify=applicant.notify,
            contact_preference=applicant.contact_preference, call_times=applicant.call_times,
            created_at=now, updated_at=now, attended=False, group_of=None, **as_registered(event)))
        if applicant.organisation:
            seat_people(session, registration, list(applicant.people))
        outbox.registered(session, registration, event)
        return registration

    booked = group_commit(book)
    if isinstance(booked, EventFull):
        raise booked
    return booked


_registrations = Registration.__table__
_INSERT_KEYS = [column.name for column in _registrations.columns if column.name != "id"]
_INSERT = Prepared(_registrations.insert().returning(_registrations.c.id), column_keys=_INSERT_KEYS)


def _new_registration() -> Registration:
    configure_mappers()  # as the mapped constructor does first; a no-op once they are
    return Registration.__mapper__.class_manager.new_instance()


def _insert(connection, row: dict) -> Registration:
    """The new row through one prepared INSERT (the ORM's unit of work cost more than the rest of
    the booking), handed back as the ORM object a flush would have left: every column loaded.
    Its values go straight into the instance's dict: the mapped constructor records each one as a
    change, which `make_transient_to_detached` then commits, at 4 times the cost."""
    [(new_id,)] = _INSERT.rows(connection, **row)
    registration = _new_registration()
    registration.__dict__.update(row, id=new_id)
    make_transient_to_detached(registration)
    return registration


def _claim_and_lock(connection, page: form_tokens.Page | None, slug: str) -> bool:
    """The page's claim (PageUsed when it was used before), then on PostgreSQL the event's seats
    row locked FOR UPDATE, both in one statement. False when the event has no seats row yet."""
    if connection.dialect.name == "sqlite":  # BEGIN IMMEDIATE holds the lock already
        if page is not None and not form_tokens.claim_on(connection, page):
            raise PageUsed()
        return True
    if page is None:
        return bool(_LOCK.rows(connection, slug=slug))
    [(unused, stored_capacity)] = _CLAIM_AND_LOCK.rows(connection, slug=slug, **form_tokens.claim_values(page))
    if not unused:
        raise PageUsed()
    return stored_capacity is not None


def _seats_and_tally(session: Session, connection, event: Event, capacity: int, seats_row: bool) -> tuple[int, int]:
    """After `_claim_and_lock`: the content-change check and the tally of a booking. Usually the
    event's stored capacity and snapshot match the content: then this is one statement (on
    PostgreSQL after the lock's, so the tally's snapshot is taken after the lock). Otherwise the
    general steps."""
    if not seats_row:
        stored_capacity = fingerprint = None  # no seats row yet: lock_seats makes it
    else:
        [(stored_capacity, fingerprint, confirmed, waiting)] = _BOOKING_STATE.rows(connection, slug=event.slug)
    if stored_capacity == capacity and fingerprint == outbox.fingerprint(event):
        return confirmed, waiting
    lock_seats(session, event.slug, capacity)
    # A content change not yet seen reaches the others first; a new event gets its snapshot.
    outbox.apply_change(session, event)
    return tally(session, event.slug)


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


def _too_late_to_cancel(registration: Registration, event: Event | None, today: date) -> bool:
    """Once the event has begun (or, gone from the content, has ended), nothing changes."""
    return registration.event_ends_on < today or (event is not None and event.start_date < today)


def can_cancel(registration: Registration, event: Event | None, today: date) -> bool:
    """Whether her page offers «إلغاء التسجيل»: `cancel`'s own rule, and something left to cancel
    (her registration stands, and so does the event)."""
    return (registration.state != RegistrationState.cancelled and event is not None and not event.is_cancelled
            and not _too_late_to_cancel(registration, event, today))


def cancel(catalogue: Catalogue, reference: str, today: date) -> Registration:
    """Cancel, and in the same transaction give the freed places to the waiting list, in order.
    Cancelling twice changes nothing the second time."""
    with write_transaction() as session:
        registration = session.scalar(select(Registration).where(Registration.reference == reference))
        if registration is None:
            raise UnknownRegistration()
        event = catalogue.events.get(registration.event_slug)
        if _too_late_to_cancel(registration, event, today):
            raise CancelTooLate(event)
        capacity = lock_seats(session, registration.event_slug,
                              event.registration.capacity if event and event.registration else None)
        session.refresh(registration)  # re-read under the lock
        if registration.state != RegistrationState.cancelled:
            registration.state = RegistrationState.cancelled
            session.flush()
            outbox.promoted(session, promote(session, registration.event_slug, capacity), event)
    return registration


def move_up(catalogue: Catalogue, reference: str) -> Registration:
    """Confirm a waiting person out of turn, when her places fit in the free capacity; those
    ahead of her who fit move up first."""
    with write_transaction() as session:
        registration = session.scalar(select(Registration).where(Registration.reference == reference))
        if registration is None:
            raise UnknownRegistration()
        event = catalogue.events.get(registration.event_slug)
        capacity = lock_seats(session, registration.event_slug,
                              event.registration.capacity if event and event.registration else None)
        session.refresh(registration)  # re-read under the lock
        if registration.state != RegistrationState.waitlisted:
            raise Refused("هذا التسجيل ليس على قائمة الانتظار.")
        outbox.promoted(session, promote(session, registration.event_slug, capacity), event)
        session.refresh(registration)
        if registration.state == RegistrationState.waitlisted:
            if _confirmed_people(session, registration.event_slug) + registration.seats > capacity:
                raise Refused("لا توجد مقاعد شاغرة تكفي هذا التسجيل. ألغي تسجيلاً مؤكَّداً أو زيدي "
                              "السعة في ملف الفعالية أولاً.")
            registration.state = RegistrationState.confirmed
            outbox.promoted(session, [registration], event)
    return registration


# The statements of every booking, built once (their construction and cache keys were a third of
# a registration's CPU through the ORM). Run on the session's connection: pending ORM changes are
# not flushed first, so a caller flushes what `tally` must see (`promote` and `cancel` do).
_seats = EventSeats.__table__
_CAPACITY_OF = select(_seats.c.capacity).where(_seats.c.event_slug == bindparam("slug"))
_CAPACITY = _CAPACITY_OF.with_for_update()
_SET_CAPACITY = (update(_seats).where(_seats.c.event_slug == bindparam("slug"))
                 .values(capacity=bindparam("new_capacity")))
_state = _registrations.c.state
_of_event = _registrations.c.event_slug == bindparam("slug")
# Two subqueries, not one pass with CASE: the waiting are counted from the (event, state) index
# alone and only the confirmed rows are read for their seats, where one pass read every row of
# the event (2,000 registrations: 0.26 ms against 0.14 on SQLite, under the writer's lock).
_TALLY = select(
    select(func.coalesce(func.sum(_registrations.c.seats), 0))
    .where(_of_event, _state == RegistrationState.confirmed).scalar_subquery(),
    select(func.count()).select_from(_registrations)
    .where(_of_event, _state == RegistrationState.waitlisted).scalar_subquery())
_LOCK = Prepared(_CAPACITY)
_CLAIM_AND_LOCK = Prepared(form_tokens.claim_then(_CAPACITY))
# The stored capacity and event snapshot beside the tally: a booking's reads in one statement.
_BOOKING_STATE = Prepared(select(_CAPACITY_OF.scalar_subquery(), outbox.FINGERPRINT.scalar_subquery(),
                                 *_TALLY.selected_columns))


def tally(session: Session, slug: str) -> tuple[int, int]:
    """In one statement: places confirmed and people waiting (read after `lock_seats`)."""
    return tuple(session.connection().execute(_TALLY, {"slug": slug}).one())


def lock_seats(session: Session, slug: str, capacity: int | None) -> int | None:
    """Take the event's capacity lock for the rest of the transaction, before anything is counted;
    the content's capacity (None: the event is gone from the content) is stored on the way.
    Returns the capacity stored."""
    connection = session.connection()
    stored = connection.execute(_CAPACITY, {"slug": slug}).scalar()
    if stored is None and capacity is not None:  # the event's first registration
        insert_if_new(session, _seats, event_slug=slug, capacity=capacity)
        stored = connection.execute(_CAPACITY, {"slug": slug}).scalar()
    if capacity is not None and stored != capacity:
        connection.execute(_SET_CAPACITY, {"slug": slug, "new_capacity": capacity})
        stored = capacity
    return stored


def confirmed_people(slug: str) -> int:
    """Places taken by confirmed registrations: the floor of an event's capacity (the editor)."""
    return _confirmed_people(db.session, slug)


def _confirmed_people(session: Session, slug: str) -> int:
    return session.scalar(select(func.coalesce(func.sum(Registration.seats), 0)).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.confirmed))


def promote(session: Session, slug: str, capacity: int) -> list[Registration]:
    """Under `lock_seats`. Strict FIFO: confirm waiting people in order while they fit; stop at the first who does not."""
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
