"""Attendance on the day: who is on the sign-in sheet, marking each person, and the totals.

A person is a participant of an organisation's registration, or the registrant herself when her
registration has no participants (an individual, or a group registered before names existed).
Only confirmed people are on the sheet. Totals are counts only: what public figures will use.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..database import write_transaction
from ..extensions import db
from ..models import Participant, Registration, RegistrationState
from .errors import Refused


@dataclass(frozen=True)
class SheetLine:
    name: str | None  # None: a participant whose name comes on the day
    role: str | None
    organisation: str | None
    attended: bool


def sheet(slug: str) -> list[SheetLine]:
    rows = db.session.scalars(select(Registration).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.confirmed).order_by(Registration.id))
    named = participants_by_registration(slug)
    lines = []
    for row in rows:
        people = named.get(row.id)
        if people:
            lines += [SheetLine(p.name, p.role, row.organisation, p.attended) for p in people]
        else:
            lines.append(SheetLine(row.name, None, row.organisation, row.attended))
    # Alphabetical by organisation then name, as people look for themselves on a printed list.
    return sorted(lines, key=lambda line: (line.organisation or "", line.name is None, line.name or ""))


def participants_by_registration(slug: str) -> dict[int, list[Participant]]:
    found: dict[int, list[Participant]] = {}
    for person in db.session.scalars(select(Participant).join(Registration, Participant.registration_id == Registration.id)
                                     .where(Registration.event_slug == slug).order_by(Participant.id)):
        found.setdefault(person.registration_id, []).append(person)
    return found


def set_participant_attended(participant_id: int, attended: bool) -> Participant:
    with write_transaction() as session:
        person = session.get(Participant, participant_id)
        row = session.get(Registration, person.registration_id)
        if attended and row.state != RegistrationState.confirmed:
            raise Refused("لا يُسجَّل الحضور إلا لتسجيل مؤكَّد.")
        person.attended = attended
    return person


def people_attended(slug: str) -> int:
    """Counts only: attended participants, plus attended registrations that have none."""
    with_people = select(Participant.registration_id)
    participants = db.session.scalar(select(func.count()).select_from(Participant).join(
        Registration, Participant.registration_id == Registration.id).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.confirmed, Participant.attended))
    registrants = db.session.scalar(select(func.count()).where(
        Registration.event_slug == slug, Registration.state == RegistrationState.confirmed, Registration.attended,
        Registration.id.not_in(with_people)))
    return participants + registrants
