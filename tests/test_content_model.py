"""The content model: accepts the sample and the fixture, and names every problem exactly."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from site_build import ROOT
from content_cases import INVALID, content_tree, invalid_cases

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue


def test_sample_content_is_valid_and_complete():
    cat = load_catalogue(ROOT)
    west_bank = [g for g in cat.governorates.values() if g.region.value == "west_bank"]
    assert len(west_bank) == 11
    assert {c.governorate for c in cat.centres.values()} == {g.slug for g in west_bank}
    assert len(cat.occasions) >= 8
    assert len(cat.campaigns) >= 4
    assert len(cat.events) >= 30
    assert len(cat.articles) >= 10 and len({a.category for a in cat.articles.values()}) >= 4
    assert sum(1 for e in cat.events.values() if e.registration) >= 3
    assert any(e.status.value == "cancelled" for e in cat.events.values())
    today = date(2026, 11, 29)
    assert cat.upcoming(today) and cat.past(today)


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
    monkeypatch.setenv("TAWASUL_TODAY", "2026-11-29")


@pytest.mark.parametrize("case", invalid_cases())
def test_invalid_content_is_reported_exactly(case, tmp_path):
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ContentInvalid) as caught:
        load_catalogue(content_tree(tmp_path / "c", case))
    assert [str(e) for e in caught.value.errors] == expected


def test_there_are_at_least_fifteen_invalid_cases():
    assert len(invalid_cases()) >= 15


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
