"""Sample registrations and partner submissions for a development database, so the README's
walk-through of the coordinator area has something to show. Every name says «عيّنة» (sample)
and every contact is an example.org address; `seed-samples` refuses to run in production."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

from tawasul.catalogue import Catalogue
from tawasul.figures import samples as figure_samples
from tawasul.schema import EVENT_TYPE_NAMES, Audience, EventType

from ..config import today
from ..database import write_transaction
from ..extensions import db
from ..models import ActivitySubmission, Registration, SubmissionState
from . import activities, registrations
from .codes import new_reference
from .errors import ServiceError
from .figures_export import REACHED

NAMES = ["سلمى", "رنا", "هبة", "منى", "آمنة", "نور"]
SAMPLE_ORGANISATION = "جمعية النهضة النسوية (عيّنة)"
HISTORY_MARK = "(سجلّ عيّنة)"


def _open_events(cat: Catalogue):
    day = today()
    return [e for e in cat.upcoming(day) if cat.open_for_registration(e, day)][:4]


def _registrations(cat: Catalogue) -> int:
    # Seeded once: the service itself no longer refuses a contact registered before (issue 11).
    if db.session.scalar(select(Registration.id).where(Registration.contact.like("sample-%@example.org")).limit(1)):
        return 0
    added = 0
    events = _open_events(cat)
    for number, event in enumerate(events):
        for index, name in enumerate(NAMES):
            organisation = SAMPLE_ORGANISATION if event.registration.audience == Audience.organisations else None
            applicant = registrations.Applicant(
                name=f"{name} (عيّنة)", contact=f"sample-{number}-{index}@example.org",
                governorate=cat.governorate_of(event).slug, seats=2 if organisation else 1, organisation=organisation,
                access_needs="مكان لطفل مرافق" if index == 2 else None)
            try:
                registrations.register(event, applicant)
                added += 1
            except ServiceError:  # full without a waiting list
                pass
    return added


def _submissions(cat: Catalogue) -> int:
    if db.session.scalar(select(ActivitySubmission.id).where(ActivitySubmission.organisation == SAMPLE_ORGANISATION)):
        return 0
    # Where the sample registrations are, so one coordinator sees both kinds of sample.
    governorates = list(dict.fromkeys(cat.governorate_of(e).slug for e in _open_events(cat)))[:2] \
        or list(cat.governorates)[:1]
    start = datetime.combine(today() + timedelta(days=14), time(10, 0))
    for index, governorate in enumerate(governorates):
        activities.submit(activities.Activity(
            organisation=SAMPLE_ORGANISATION, organisation_type="association", contact_name="منسّقة العيّنة",
            contact="partner-sample@example.org", partners="اتحاد لجان المرأة (عيّنة)",
            activity_type="awareness_meeting", title=f"لقاء توعوي: حقوق النساء العاملات (نشاط تجريبي {index + 1})",
            description="لقاء تجريبي للتعريف بحقوق النساء العاملات في قانون العمل.\nيليه نقاش مفتوح.",
            target_group="النساء العاملات في القطاع الزراعي", expected_participants=30, campaign=None,
            governorate=governorate, venue_name="قاعة الجمعية (مكان تجريبي)", venue_address="الشارع الرئيسي (عنوان تجريبي)",
            starts_at=start + timedelta(days=index), ends_at=start + timedelta(days=index, hours=2)))
    return len(governorates)


def _sample(organisation: str) -> str:
    """Every sample name says so; the same name always gets the same mark, so counts of distinct
    organisations stay those of the sample records."""
    return f"{organisation} (عيّنة)"


def _activity_history(cat: Catalogue) -> int:
    """The made-up approved activities behind the sample figures (tawasul/figures/samples.py), so
    `flask export-figures 2025 --sample` rebuilds content/data/figures/2025.yml from the database."""
    if db.session.scalar(select(ActivitySubmission.id).where(ActivitySubmission.title.like(f"%{HISTORY_MARK}"))):
        return 0
    added = 0
    with write_transaction() as session:
        for year in figure_samples.YEARS:
            for record in figure_samples.sample_records(cat, year):
                start = datetime.combine(record.day, time(10, 0))
                session.add(ActivitySubmission(
                    reference=new_reference(), state=SubmissionState.approved, reviewed_by="sample",
                    reviewed_at=(start + timedelta(days=1)).replace(tzinfo=timezone.utc),  # counted, never published as events
                    organisation=_sample(record.organisations[0]), organisation_type="association",
                    contact_name="منسّقة العيّنة", contact="partner-sample@example.org",
                    partners="\n".join(map(_sample, record.organisations[1:])) or None, activity_type=record.kind,
                    title=f"{EVENT_TYPE_NAMES[EventType(record.kind)]} {HISTORY_MARK}",
                    description="نشاط تجريبي من سجلّ العيّنة.", target_group="النساء في المحافظة",
                    expected_participants=max(1, sum(record.reached.values())), campaign=record.campaign,
                    governorate=record.governorate, venue_name="مكان تجريبي", venue_address="عنوان تجريبي",
                    starts_at=start, ends_at=start + timedelta(hours=2),
                    **{column: record.reached.get(group) for column, group in REACHED.items()}))
                added += 1
    return added


def seed(cat: Catalogue) -> tuple[int, int]:
    return _registrations(cat), _submissions(cat) + _activity_history(cat)
