"""An organisation's registration as people, not a number: each participant has a name (or one
to come) and an optional role. From her private link the contact adds and removes people.

People added when no place is free go to the waiting list in a registration row of their own
(`group_of` points to the organisation's), so the one FIFO queue of services/registrations.py
serves them like everyone else. A participant's place is the state of the row she is in.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from tawasul.catalogue import Catalogue
from tawasul.states import RegistrationWindow

from ..database import write_transaction
from ..extensions import db
from ..models import Participant, Registration, RegistrationState
from ..outbox import queue as outbox
from ..outbox.models import MessageKind
from .codes import new_reference
from .errors import EventFull, RegistrationClosed, UnknownRegistration
from .registrations import Person, lock_seats, promote, seat_people, tally


def people_of(registration: Registration) -> list[tuple[Participant, Registration]]:
    """Every participant of the organisation's registration and of its waiting additions, in order."""
    return list(db.session.execute(
        select(Participant, Registration).join(Registration, Participant.registration_id == Registration.id)
        .where(or_(Registration.id == registration.id, Registration.group_of == registration.id))
        .where(Registration.state != RegistrationState.cancelled)
        .order_by(Registration.id, Participant.id)))


def _guard(catalogue: Catalogue, parent: Registration | None, today: date):
    if parent is None or parent.group_of is not None:
        raise UnknownRegistration()
    event = catalogue.events.get(parent.event_slug)
    if event is None or event.registration is None or event.start_date < today:
        raise RegistrationClosed(event, RegistrationWindow.past)
    if event.is_cancelled or parent.state == RegistrationState.cancelled:
        raise RegistrationClosed(event, RegistrationWindow.cancelled)
    return event


def add(catalogue: Catalogue, reference: str, people: list[Person], today: date) -> int:
    """Add people; as many as fit are confirmed when nobody waits, the rest wait in turn.
    Returns how many were confirmed."""
    with write_transaction() as session:
        parent = session.scalar(select(Registration).where(Registration.reference == reference))
        event = _guard(catalogue, parent, today)
        capacity = event.registration.capacity
        lock_seats(session, event.slug, capacity)
        session.refresh(parent)  # re-read under the lock
        confirmed, waiting = tally(session, event.slug)
        free = capacity - confirmed if not waiting and parent.state == RegistrationState.confirmed else 0
        take = max(0, min(len(people), free))
        for person in people[:take]:
            session.add(Participant(registration_id=parent.id, name=person.name, role=person.role))
        parent.seats += take
        rest = people[take:]
        if rest:
            if not event.registration.waitlist or len(rest) > capacity:
                raise EventFull(event)
            extra = Registration(reference=new_reference(), event_slug=parent.event_slug, event_ends_on=parent.event_ends_on,
                                 state=RegistrationState.waitlisted, seats=len(rest), name=parent.name,
                                 contact=parent.contact, governorate=parent.governorate, organisation=parent.organisation,
                                 email=parent.email, notify=parent.notify, contact_preference=parent.contact_preference,
                                 call_times=parent.call_times, group_of=parent.id)
            session.add(extra)
            session.flush()
            seat_people(session, extra, rest)
            outbox.queue(session, extra, event, MessageKind.waitlisted)
    return take


def remove(catalogue: Catalogue, reference: str, participant_id: int, today: date) -> None:
    """Remove one person; her place goes to the first waiting, in the same transaction."""
    with write_transaction() as session:
        parent = session.scalar(select(Registration).where(Registration.reference == reference))
        event = _guard(catalogue, parent, today)
        lock_seats(session, event.slug, event.registration.capacity)
        person = session.get(Participant, participant_id)
        row = session.get(Registration, person.registration_id) if person else None
        if row is None or (row.id != parent.id and row.group_of != parent.id) or row.state == RegistrationState.cancelled:
            raise UnknownRegistration()
        session.delete(person)
        row.seats -= 1
        if row.seats == 0:
            row.state = RegistrationState.cancelled
        session.flush()
        outbox.promoted(session, promote(session, event.slug, event.registration.capacity), event)
