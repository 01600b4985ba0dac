"""A web edit of a hand-written file changes only the edited lines: the commit's diff shows it."""
from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
import yaml

from support.store import git
from tawasul.git_store import Author, GitStore
from tawasul.schema import Centre, Event
from tawasul.yaml_edit import edit_front_matter, edit_listing, edit_yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT_FILES = sorted(p.relative_to(ROOT).as_posix() for folder in ("content", "campaigns", "events")
                       for p in (ROOT / folder).rglob("*") if p.suffix in (".yml", ".md")
                       and (p.suffix == ".yml" or p.read_text(encoding="utf-8").startswith("---\n")))
HUDA = Author("هدى", "account-7@coordinators.tawasul.invalid")

HAND_WRITTEN = """\
# Written by hand. Keep the venue's name as the hall asked for it.
title: "ورشة «كيف أكتب سيرتي الذاتية»"
type: workshop            # workshop | training | …
start: 2027-02-10 10:00   # local time (Asia/Hebron)
end: 2027-02-10 12:30
centre: jenin

venue:
  name: قاعة الغرفة التجارية (مكان تجريبي)
  address: 'شارع أبو بكر، جنين'
audience: الخريجات الباحثات عن عمل
summary: ورشة عملية لكتابة سيرة ذاتية ورسالة تقديم.
registration:             # takes registrations through the form service
  capacity: 20
  opens: 2027-01-20
  closes: 2027-02-08
  audience: individuals
"""
FILE = "events/2027/jenin-cv-writing-workshop.yml"
ORDER = list(Event.model_fields)


def changed_lines(repo: Path) -> list[str]:
    diff = git(repo, "diff", "--unified=0", "HEAD^", "HEAD")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("rel", CONTENT_FILES)
def test_every_committed_content_file_survives_a_round_trip_unchanged(rel):
    text = (ROOT / rel).read_text(encoding="utf-8")
    if rel.endswith(".md"):
        assert edit_front_matter(text, {}) == text
    elif text.lstrip().startswith(("-", "#")) and isinstance(yaml.safe_load(text), list):
        assert edit_listing(text, "no-such-item-slug", None) == text
    else:
        assert edit_yaml(text, {}) == text


def test_a_web_edit_of_a_hand_written_event_touches_only_the_edited_lines(tmp_path):
    from support.store import make_repo

    repo = make_repo(tmp_path / "content", {FILE: HAND_WRITTEN})
    store = GitStore(repo)
    edited = edit_yaml(store.read(FILE), {
        "summary": "ورشة عملية لكتابة سيرة ذاتية.",
        "registration": {"capacity": 25, "opens": yaml.safe_load("2027-01-20"), "closes": yaml.safe_load("2027-02-08"),
                         "audience": "individuals"},
        "status": "postponed", "previous_start": "2027-02-03 10:00",
    }, order=ORDER)
    store.save({FILE: edited}, author=HUDA, message="تأجيل الورشة وزيادة المقاعد", expected={FILE: store.blob_id(FILE)})
    assert changed_lines(repo) == [
        "-summary: ورشة عملية لكتابة سيرة ذاتية ورسالة تقديم.",
        "+summary: ورشة عملية لكتابة سيرة ذاتية.",
        "+status: postponed",
        "+previous_start: 2027-02-03 10:00",
        "-  capacity: 20",
        "+  capacity: 25",
    ]
    # What the loader reads back is what she set, and the rest is as before.
    data = yaml.safe_load(store.read(FILE))
    assert data == {**yaml.safe_load(HAND_WRITTEN), "summary": "ورشة عملية لكتابة سيرة ذاتية.",
                    "status": "postponed", "previous_start": "2027-02-03 10:00",
                    "registration": {**yaml.safe_load(HAND_WRITTEN)["registration"], "capacity": 25}}


def test_a_removed_field_and_multi_line_text_read_back_the_same():
    edited = edit_yaml(HAND_WRITTEN, {"registration": None, "description": "سطر أول.\nسطر ثانٍ: مع نقطتين."},
                       order=ORDER)
    data = yaml.safe_load(edited)
    assert "registration" not in data and data["description"] == "سطر أول.\nسطر ثانٍ: مع نقطتين."
    assert "description: |-\n  سطر أول.\n  سطر ثانٍ: مع نقطتين.\n" in edited
    assert edited.startswith("# Written by hand.") and "start: 2027-02-10 10:00   # local time" in edited


def test_a_value_that_would_read_as_another_type_is_quoted():
    edited = edit_yaml(HAND_WRITTEN, {"audience": "yes", "summary": "العنوان: الفرعي"}, order=ORDER)
    data = yaml.safe_load(edited)
    assert (data["audience"], data["summary"]) == ("yes", "العنوان: الفرعي")


def test_a_centre_file_keeps_its_flow_lists_and_member_lines():
    rel = "content/data/centres/bethlehem.yml"
    text = (ROOT / rel).read_text(encoding="utf-8")
    edited = edit_yaml(text, {"verified": date(2026, 11, 20)}, order=list(Centre.model_fields))
    old, new = text.splitlines(), edited.splitlines()
    assert [(a, b) for a, b in zip(old, new) if a != b] == [("verified: 2025-10-05", "verified: 2026-11-20")]
    assert len(old) == len(new)


def test_a_list_is_edited_entry_by_entry():
    """One member or one line of a report changes its own line; a new member takes its
    neighbours' flow style; the list shrinks from its end."""
    rel = "content/data/centres/jenin.yml"
    text = (ROOT / rel).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    members = [dict(m) for m in data["members"]]
    members[1]["phone"] = "000 000 0999"
    members.append({"name": "جمعية جديدة (اسم تجريبي)", "type": "association", "phone": "000 000 0998"})
    reports = [dict(r) for r in data["reports"]]
    reports[0]["achievements"] = [reports[0]["achievements"][0], "سطر جديد."]
    edited = edit_yaml(text, {"members": members, "reports": reports})
    old = text.splitlines()
    diff = [line for line in difflib.unified_diff(old, edited.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    member = next(line for line in old if "000 000 0102" in line)
    assert diff == [f"-{member}", f"+{member.replace('000 000 0102', '000 000 0999')}",
                    "+  - {name: جمعية جديدة (اسم تجريبي), type: association, phone: 000 000 0998}",
                    f"-      - {data['reports'][0]['achievements'][1]}", "+      - سطر جديد."]
    assert yaml.safe_load(edited)["members"] == members and yaml.safe_load(edited)["reports"] == reports
    shorter = edit_yaml(text, {"members": data["members"][:2]})
    assert shorter.splitlines() == [line for line in old if not any(m["name"] in line for m in data["members"][2:])]


def test_one_helpline_changes_one_line_of_the_listing():
    text = (ROOT / "content/data/helplines.yml").read_text(encoding="utf-8")
    first = yaml.safe_load(text)[0]
    edited = edit_listing(text, first["slug"], {"description": "خط مجاني للاستشارة."})
    assert sum(a != b for a, b in zip(text.splitlines(), edited.splitlines())) == 1
    assert yaml.safe_load(edited)[0] == {**first, "description": "خط مجاني للاستشارة."}


def test_an_article_body_changes_and_its_front_matter_stays():
    rel = next(r for r in CONTENT_FILES if r.startswith("content/awareness/"))
    text = (ROOT / rel).read_text(encoding="utf-8")
    edited = edit_front_matter(text, {}, body="نص جديد.")
    head = text[:text.index("\n---\n", 4) + 5]
    assert edited == head + "نص جديد.\n"
