"""What a coordinator does to registrations: mark attendance, cancel on someone's behalf, move
someone up from the waiting list. Cancelling is the public flow's own `registrations.cancel`
(the freed places go to the waiting list in the same transaction); moving up takes the same
capacity lock and runs the same FIFO promotion first."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tawasul.catalogue import Catalogue

from ..database import write_transaction
from ..models import Registration, RegistrationState
from ..outbox import queue as outbox
from . import registrations
from .errors import CancelTooLate, UnknownRegistration
from .registrations import _confirmed_people, _lock_seats, _promote


class ActionRefused(Exception):
    """A coordinator's action that the rules do not allow; the message is shown to her."""


def _locked(session, reference: str) -> Registration:
    registration = session.scalar(select(Registration).where(Registration.reference == reference).with_for_update())
    if registration is None:
        raise UnknownRegistration()
    return registration


def set_attended(reference: str, attended: bool) -> Registration:
    with write_transaction() as session:
        registration = _locked(session, reference)
        if attended and registration.state != RegistrationState.confirmed:
            raise ActionRefused("لا يُسجَّل الحضور إلا لتسجيل مؤكَّد.")
        registration.attended = attended
    return registration


def cancel_on_behalf(catalogue: Catalogue, reference: str, today: date) -> Registration:
    try:
        return registrations.cancel(catalogue, reference, today)
    except CancelTooLate:
        raise ActionRefused("انتهت الفعالية أو بدأت؛ لا يمكن إلغاء التسجيل الآن.") from None


def move_up(catalogue: Catalogue, reference: str) -> Registration:
    """Confirm a waiting person out of turn, when her places fit in the free capacity."""
    with write_transaction() as session:
        registration = _locked(session, reference)
        event = catalogue.events.get(registration.event_slug)
        capacity = event.registration.capacity if event and event.registration else None
        seats = _lock_seats(session, registration.event_slug, capacity)
        session.refresh(registration)
        if registration.state != RegistrationState.waitlisted:
            raise ActionRefused("هذا التسجيل ليس على قائمة الانتظار.")
        outbox.promoted(session, _promote(session, registration.event_slug, seats.capacity), event)  # those ahead first
        session.refresh(registration)
        if registration.state == RegistrationState.waitlisted:
            if _confirmed_people(session, registration.event_slug) + registration.seats > seats.capacity:
                raise ActionRefused("لا توجد مقاعد شاغرة تكفي هذا التسجيل. ألغي تسجيلاً مؤكَّداً أو زيدي "
                                    "السعة في ملف الفعالية أولاً.")
            registration.state = RegistrationState.confirmed
            outbox.promoted(session, [registration], event)
    return registration
