"""What a coordinator does to registrations: mark attendance, cancel on someone's behalf, move
someone up from the waiting list, each with its audit record. Cancelling and moving up are the
registrations service's own `cancel` and `move_up` (capacity lock, FIFO promotion); this module
adds who did it, and her lists and numbers."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, or_, select

from tawasul.catalogue import Catalogue

from ..database import write_transaction
from ..extensions import db
from ..models import Registration, RegistrationState
from . import attendance, audit, registrations
from .errors import CancelTooLate, Refused, UnknownRegistration


# Confirmed first, then the waiting list, then the cancelled; each in the order they came.
_ORDER = case({RegistrationState.confirmed: 0, RegistrationState.waitlisted: 1}, value=Registration.state, else_=2)


def listing(slug: str, text: str = "") -> list[Registration]:
    """An event's registrations; `text` finds a name (any part) or a reference code."""
    query = select(Registration).where(Registration.event_slug == slug).order_by(_ORDER, Registration.id)
    text = text.strip()[:80]
    if text:
        code = text.replace("-", "").replace(" ", "").upper()
        query = query.where(or_(func.lower(Registration.name).contains(text.lower(), autoescape=True),
                                Registration.reference == code))
    return list(db.session.scalars(query))


class EventNumbers:
    """Registrations and people per state, and who attended, for one event."""

    def __init__(self):
        self.registrations = defaultdict(int)
        self.people = defaultdict(int)

    def add(self, key: str, count: int, people: int) -> None:
        self.registrations[key] += count
        self.people[key] += people


def numbers_by_event(slugs: list[str]) -> dict[str, EventNumbers]:
    found: dict[str, EventNumbers] = defaultdict(EventNumbers)
    if not slugs:
        return found
    rows = db.session.execute(
        select(Registration.event_slug, Registration.state, Registration.attended, func.count(),
               func.sum(Registration.seats))
        .where(Registration.event_slug.in_(slugs))
        .group_by(Registration.event_slug, Registration.state, Registration.attended))
    for slug, state, attended, count, people in rows:
        found[slug].add(state.value, count, people)
        if attended and state == RegistrationState.confirmed:
            found[slug].registrations["attended"] += count
    for slug in slugs:  # people, not places: an organisation's participants are marked one by one
        found[slug].people["attended"] = attendance.people_attended(slug)
    return found


def _locked(session, reference: str) -> Registration:
    registration = session.scalar(select(Registration).where(Registration.reference == reference).with_for_update())
    if registration is None:
        raise UnknownRegistration()
    return registration


def set_attended(reference: str, attended: bool, actor: str) -> Registration:
    with write_transaction() as session:
        registration = _locked(session, reference)
        if attended and registration.state != RegistrationState.confirmed:
            raise Refused("لا يُسجَّل الحضور إلا لتسجيل مؤكَّد.")
        registration.attended = attended
    audit.record(actor, "attended" if attended else "absent", "registration", reference)
    return registration


def cancel_on_behalf(catalogue: Catalogue, reference: str, today: date, actor: str) -> Registration:
    try:
        registration = registrations.cancel(catalogue, reference, today)
    except CancelTooLate:
        raise Refused("انتهت الفعالية أو بدأت؛ لا يمكن إلغاء التسجيل الآن.") from None
    audit.record(actor, "cancel", "registration", reference)
    return registration


def move_up(catalogue: Catalogue, reference: str, actor: str) -> Registration:
    """Confirm a waiting person out of turn (refused when her places do not fit)."""
    registration = registrations.move_up(catalogue, reference)
    audit.record(actor, "move_up", "registration", reference)
    return registration
