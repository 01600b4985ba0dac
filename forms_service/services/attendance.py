"""Attendance on the day: who is on the sign-in sheet, marking each person, and the totals.

A person is a participant of an organisation's registration, or the registrant herself when her
registration has no participants (an individual, or a group registered before names existed).
Only confirmed people are on the sheet. Totals are counts only: what public figures will use,
per group of the yearly figures when the registrant gave hers («للإحصاءات فقط»), "unknown" when
she did not and for an organisation's participants (nobody is asked about them).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..database import write_transaction
from ..extensions import db
from ..models import AttendanceTally, Participant, Registration, RegistrationState
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


UNKNOWN = "unknown"


def attended_by_group(which=None) -> dict[str, dict[str, int]]:
    """event slug -> group -> people who attended (counts only), from the registrations still kept
    (those matching the SQL condition `which`, default all) and, unless `which` is given, the
    tallies of purged ones."""
    with_people = select(Participant.registration_id)
    attended = (Registration.state == RegistrationState.confirmed,) + ((which,) if which is not None else ())
    found: dict[str, dict[str, int]] = {}

    def add(slug: str, group: str | None, people: int) -> None:
        groups = found.setdefault(slug, {})
        groups[group or UNKNOWN] = groups.get(group or UNKNOWN, 0) + people

    for slug, group, people in db.session.execute(
            select(Registration.event_slug, Registration.people_group, func.count())
            .where(*attended, Registration.attended, Registration.id.not_in(with_people))
            .group_by(Registration.event_slug, Registration.people_group)):
        add(slug, group, people)
    for slug, people in db.session.execute(
            select(Registration.event_slug, func.count()).select_from(Participant)
            .join(Registration, Participant.registration_id == Registration.id)
            .where(*attended, Participant.attended).group_by(Registration.event_slug)):
        add(slug, UNKNOWN, people)
    if which is None:
        for tally in db.session.scalars(select(AttendanceTally)):
            add(tally.event_slug, tally.people_group, tally.people)
    return found


def keep_tallies(session, which) -> None:
    """Before registrations (those matching `which`) are purged: add who attended to the tallies."""
    for slug, groups in attended_by_group(which).items():
        for group, people in groups.items():
            tally = session.get(AttendanceTally, (slug, group))
            if tally is None:
                tally = AttendanceTally(event_slug=slug, people_group=group, people=0)
                session.add(tally)
            tally.people += people
