"""The directory's model: opening hours (weeks, exceptions, holidays), the services vocabulary,
who carries each service, the front-gate rule for confidential members, and the entries due
for checking. Bad content is refused with one line per problem: tests/data/invalid/hours-*,
unknown-service, confidential-*, bad-access-mode and holiday-reversed (run by test_content_model)."""
from __future__ import annotations

from datetime import date

import pytest
from support import ROOT

from tawasul.directory import Directory
from tawasul.hours import Hours
from tawasul.loader import load_catalogue

CAT = load_catalogue(ROOT)
DIRECTORY = Directory(CAT)
HOURS = Hours.model_validate({
    "week": {"sun-thu": "08:00-15:00", "sat": ["09:00-12:00", "16:00-18:00"]},
    "exceptions": [{"name": "ساعات شهر رمضان", "from": "2027-02-08", "to": "2027-03-09", "week": {"sun-thu": "09:00-13:00"}},
                   {"name": "يوم مفتوح", "from": "2026-12-25", "week": {"fri": "10:00-12:00"}}],
})
HOLIDAYS = CAT.holidays


def test_the_vocabulary_has_the_eight_services_each_named_and_explained():
    assert set(CAT.services) == {"legal-counselling", "psychosocial-support", "health", "protection-referral",
                                 "family-protection-police", "economic-empowerment", "vocational-training", "awareness"}
    for service in CAT.services.values():
        assert service.name and len(service.description) > 40
    # Every service has at least one place offering it, and every centre offers something.
    assert all(DIRECTORY.offering(slug) for slug in CAT.services)


def test_a_week_reads_saturday_first_with_split_days_and_closed_days():
    assert HOURS.table() == [("السبت", "9:00 ص – 12:00 م، 4:00 م – 6:00 م"), ("الأحد", "8:00 ص – 3:00 م"),
                             ("الاثنين", "8:00 ص – 3:00 م"), ("الثلاثاء", "8:00 ص – 3:00 م"),
                             ("الأربعاء", "8:00 ص – 3:00 م"), ("الخميس", "8:00 ص – 3:00 م"), ("الجمعة", "مغلق")]
    assert HOURS.summary() == "السبت: 9:00 ص – 12:00 م، 4:00 م – 6:00 م · الأحد – الخميس: 8:00 ص – 3:00 م"


@pytest.mark.parametrize("day, minute, expected", [
    (date(2026, 11, 30), 7 * 60, (date(2026, 11, 30), 8 * 60)),     # Monday before opening: today
    (date(2026, 11, 30), 15 * 60, (date(2026, 12, 1), 8 * 60)),     # at closing time: tomorrow
    (date(2026, 12, 3), 16 * 60, (date(2026, 12, 5), 9 * 60)),      # Thursday evening: Saturday
    (date(2026, 12, 5), 13 * 60, (date(2026, 12, 5), 16 * 60)),     # between Saturday's two spans
    (date(2026, 12, 24), 16 * 60, (date(2026, 12, 25), 10 * 60)),   # its own exception opens on a holiday
    (date(2027, 1, 6), 16 * 60, (date(2027, 1, 9), 9 * 60)),        # the 7th is a holiday, then Friday
    (date(2027, 2, 10), 13 * 60, (date(2027, 2, 11), 9 * 60)),      # Ramadan hours
    (date(2027, 3, 9), 14 * 60, (date(2027, 3, 14), 8 * 60)),       # Eid al-Fitr (10-13 March) follows Ramadan
])
def test_next_opening_follows_exceptions_then_holidays_then_the_week(day, minute, expected):
    assert HOURS.next_opening(day, minute, HOLIDAYS) == expected


def test_centres_and_members_carry_services_with_access_accessibility_and_verification():
    hebron = DIRECTORY.in_governorate("hebron")
    assert hebron[0].is_centre and hebron[0].name == CAT.centres["hebron"].name
    police = next(p for p in hebron if p.offers_service("family-protection-police"))
    assert police.access_for("family-protection-police").value == "walk_in"
    nablus = DIRECTORY.in_governorate("nablus")[0]
    # A service may be reached differently from the place's usual way in.
    assert nablus.access.value == "phone_first" and nablus.access_for("legal-counselling").value == "appointment"
    assert any(p.accessibility for p in DIRECTORY.places) and any(p.verified for p in DIRECTORY.places)


def test_a_confidential_member_is_published_with_its_front_gate_only():
    confidential = [p for p in DIRECTORY.places if p.confidential]
    assert len(confidential) >= 2
    for place in confidential:
        assert place.member.address and "سري" in place.member.address  # kept in the file, for the coalition
        assert place.address == place.centre.address and place.address != place.member.address
        assert (place.lat, place.lon) == (place.centre.lat, place.centre.lon)
        assert place.phone


def test_entries_not_verified_for_twelve_months_are_listed_oldest_first():
    today = date(2026, 11, 29)
    stale = DIRECTORY.stale(today)
    assert stale and all(p.verified is None or (today - p.verified).days > 365 for p in stale)
    fresh = [p for p in DIRECTORY.places if p not in stale]
    assert fresh and all((today - p.verified).days <= 365 for p in fresh)
    assert [p.verified or date.min for p in stale] == sorted(p.verified or date.min for p in stale)
    assert {p.governorate for p in DIRECTORY.stale(today, "hebron")} == {"hebron"}
    # A year on, everything verified today would still be fresh; a day later it is due.
    assert not any(p.key == "tubas" for p in DIRECTORY.stale(date(2026, 9, 30)))
    assert any(p.key == "tubas" for p in DIRECTORY.stale(date(2026, 10, 1)))
