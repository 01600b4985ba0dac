"""The content model: accepts the sample and the fixture, and names every problem exactly."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from support import ROOT, SAMPLE_TODAY
from support.content_cases import INVALID, content_tree, invalid_cases

from tawasul import layout
from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.schema import Audience, EventType
from tawasul.states import CampaignStatus, EventState, RegistrationWindow


def test_sample_content_is_valid_and_complete():
    """The sample shows every kind of thing a visitor can meet as of SAMPLE_TODAY: a centre in
    each West Bank governorate, every event type, state and registration window a page can show,
    campaigns in every status, articles in every category and every registration audience."""
    cat = load_catalogue(ROOT)
    today = date.fromisoformat(SAMPLE_TODAY)
    west_bank = [g for g in cat.governorates.values() if g.region.value == "west_bank"]
    assert len(west_bank) == 11
    assert {c.governorate for c in cat.centres.values()} == {g.slug for g in west_bank}
    events = cat.events.values()
    assert {e.type for e in events} == set(EventType)
    assert {e.state(today) for e in events} == set(EventState)
    # «full» is the form service's to say (it counts seats); a cancelled event's window shows as such.
    assert {e.registration_window(today) for e in events} >= {RegistrationWindow.open, RegistrationWindow.not_open,
                                                              RegistrationWindow.past, RegistrationWindow.no_registration}
    assert {c.status(today) for c in cat.campaigns.values()} == set(CampaignStatus)
    assert {a.category for a in cat.articles.values()} == set(cat.categories)
    assert {e.registration.audience for e in events if e.registration} == set(Audience)
    assert all(any(c.occasion == o for c in cat.campaigns.values()) or any(e.occasion == o for e in events)
               for o in cat.occasions), "every occasion has a campaign or an event"


def test_sample_numbers_are_real_short_codes_or_clearly_fake():
    cat = load_catalogue(ROOT)
    for centre in cat.centres.values():
        assert centre.contact.phone.replace(" ", "").startswith("000"), centre.slug
    assert {"100", "121"} <= {h.number for h in cat.helplines.values()}


def test_quoted_dates_and_local_times_are_coerced(tmp_path):
    cat = load_catalogue(content_tree(tmp_path / "c"))
    campaign = cat.campaigns["orange-days"]
    assert campaign.start == date(2026, 11, 25)  # written quoted in the fixture
    event = cat.events["future-workshop"]
    assert event.start == datetime(2026, 12, 8, 10, 0)
    assert event.registration.opens == date(2026, 11, 1)  # quoted too
    assert str(cat.aware(event, event.start).tzinfo) == "Asia/Hebron"
    assert cat.events["past-meeting"].all_day


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """"Today" is fixed: the model refuses events more than two years after it."""
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)


@pytest.mark.parametrize("case", invalid_cases())
def test_invalid_content_is_reported_exactly(case, tmp_path):
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ContentInvalid) as caught:
        load_catalogue(content_tree(tmp_path / "c", case))
    assert [str(e) for e in caught.value.errors] == expected


def test_every_invalid_case_names_files_it_lays_over_the_valid_tree():
    """Each case in tests/data/invalid changes files the loader reads (layout.py) and expects
    errors only about files that are in the tree it builds, so it tests what its name says."""
    cases = invalid_cases()
    assert len(cases) >= 15
    readable = [layout.GOVERNORATES, layout.HELPLINES, layout.OCCASIONS, layout.CATEGORIES, layout.SERVICES,
                layout.HOLIDAYS, layout.LOCALITIES]
    folders = [layout.CENTRES, layout.ARTICLES, layout.CAMPAIGNS, layout.EVENTS, layout.FIGURES]
    for case in cases:
        changed = [p.relative_to(INVALID / case) for p in (INVALID / case).rglob("*")
                   if p.is_file() and p.name != "expected.txt"]
        assert changed, case
        for rel in changed:
            assert rel.as_posix() in readable or any(rel.match(f"{folder}/{pattern}") for folder, pattern in folders), \
                (case, rel)
        expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        named = {line.split(": ", 1)[0] for line in expected}
        assert expected and named <= {rel.as_posix() for rel in changed} | _valid_files(), (case, named)


def _valid_files() -> set[str]:
    valid = INVALID.parent / "valid"
    return {p.relative_to(valid).as_posix() for p in valid.rglob("*") if p.is_file()}


def test_check_command_prints_one_line_per_problem_and_no_traceback(tmp_path):
    root = content_tree(tmp_path / "c", "many-problems-at-once")
    result = subprocess.run([sys.executable, "-m", "tawasul", "check", str(root)], capture_output=True, text=True)
    assert result.returncode == 1
    expected = (INVALID / "many-problems-at-once" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines()[: len(expected)] == expected
    assert "Traceback" not in result.stderr


def test_check_command_accepts_the_sample():
    result = subprocess.run([sys.executable, "-m", "tawasul", "check", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
