"""Helpers of the coordinator-area suite, over the form-service suite's content tree and app.

Two governorates, so that scope can be tested: the forms suite's events are all in Jenin
(coordinator A, «huda»); NABLUS_EVENTS add Nablus ones (coordinator B, «rasha»).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup

from .forms import forms_content_tree, make_app
from .html import form_fields
from .store import commit_tree

PASSWORD = {"huda": "huda-correct-horse-1", "rasha": "rasha-battery-staple-2", "wizara": "wizara-ministry-pass-3"}
# Light Argon2 settings keep the suite fast; production uses RFC 9106's profile (config.py).
LIGHT_ARGON2 = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 8192, "ARGON2_PARALLELISM": 1}

NABLUS_EVENTS = {
    "nablus-open": "registration: {capacity: 3, opens: '2026-11-01', closes: '2026-12-06'}\n",
    "nablus-meeting": "",
}


# Coordinator B's centre, for the centre editor's scope (add_nablus_centre); not in every tree, so the
# other suites' per-governorate figures stay as they were.
NABLUS_CENTRE = """\
name: مركز تواصل نابلس
governorate: nablus
address: عنوان تجريبي في نابلس
lat: 32.22
lon: 35.26
hours: {week: {sun-thu: "08:00-15:00"}}
contact: {phone: "000 000 0201"}
services: [awareness]
coordinator_role: منسقة المركز
"""


def add_nablus_centre(root: Path) -> Path:
    (root / "content" / "data" / "centres" / "nablus.yml").write_text(NABLUS_CENTRE, encoding="utf-8")
    return commit_tree(root, "مركز نابلس")


def nablus_event(slug: str, extra: str) -> str:
    return (f"title: فعالية نابلس {slug}\ntype: workshop\nstart: 2026-12-09 10:00\nend: 2026-12-09 12:00\n"
            "governorate: nablus\nvenue: {name: قاعة نابلس, address: نابلس}\naudience: النساء\n"
            "summary: ملخص فعالية نابلس.\n" + extra)


def admin_content_tree(dest: Path) -> Path:
    root = forms_content_tree(dest)
    for slug, extra in NABLUS_EVENTS.items():
        (root / "events" / "2026" / f"{slug}.yml").write_text(nablus_event(slug, extra), encoding="utf-8")
    return commit_tree(root, "فعاليات نابلس")


def admin_app(database_url: str, content: Path, tmp_path: Path, **overrides):
    settings = {"SITE_DIR": str(tmp_path / "site"), "ADMIN_LOGIN_LIMIT": "1000/minute", **LIGHT_ARGON2, **overrides}
    return make_app(database_url, content, **settings)


def create_accounts():
    from forms_service.admin_models import Role
    from forms_service.services import accounts

    accounts.create("huda", "هدى", Role.governorate, "jenin", PASSWORD["huda"], with_totp=False, actor="cli")
    accounts.create("rasha", "رشا", Role.governorate, "nablus", PASSWORD["rasha"], with_totp=False, actor="cli")
    accounts.create("wizara", "الوزارة", Role.ministry, None, PASSWORD["wizara"], with_totp=True, actor="cli")


def csrf_of(html: str) -> str:
    tag = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"})
    assert tag is not None, html[:300]
    return tag["value"]


def totp_now(app, username: str, offset_steps: int = 0) -> str:
    import pyotp

    from forms_service.services import accounts

    with app.app_context():
        secret = accounts.find(username).totp_secret
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(datetime.now()) + offset_steps)


class Staff:
    """A coordinator at her browser, in the tests' own words (the Flask tutorial's `auth`)."""

    def __init__(self, app, client, username: str):
        self.app, self.client, self.username = app, client, username

    def login(self, password: str | None = None, code: str | None = None):
        page = self.client.get("/admin/login")
        data = {"csrf_token": csrf_of(page.get_data(as_text=True)), "username": self.username,
                "password": PASSWORD[self.username] if password is None else password, "code": code or ""}
        if code is None and self.username == "wizara":
            data["code"] = totp_now(self.app, "wizara")
        return self.client.post("/admin/login", data=data)

    def csrf(self) -> str:
        return csrf_of(self.client.get("/admin/").get_data(as_text=True))

    def post(self, url: str, **data):
        return self.client.post(url, data={"csrf_token": self.csrf(), **data})

    def logout(self):
        return self.post("/admin/logout")

    def cookie(self) -> str | None:
        found = self.client.get_cookie("tawasul_admin", path="/admin/")
        return found.value if found else None


def register(app, slug: str, name: str, contact: str, seats: int = 1, organisation: str | None = None, **choices):
    """A registration made through the public flow's own service (`choices`: her answers about
    messages and calls, services.registrations.Applicant)."""
    from forms_service.services import registrations

    with app.app_context():
        event = app.extensions["tawasul_content"].get().events[slug]
        return registrations.register(event, registrations.Applicant(
            name=name, contact=contact, governorate="jenin", seats=seats, organisation=organisation, **choices))


def submit_activity(app, governorate: str = "jenin", **changes):
    from forms_service.services import activities

    values = dict(organisation="جمعية الاختبار", organisation_type="association", contact_name="منى",
                  contact="partner@example.org", partners="بلدية جنين", activity_type="awareness_meeting",
                  title="لقاء: حقوق العاملات", description="لقاء توعوي عن حقوق العاملات.\nيليه نقاش.",
                  target_group="العاملات", expected_participants=40, campaign=None, governorate=governorate,
                  venue_name="مقر الجمعية", venue_address="وسط البلد", starts_at=datetime(2026, 12, 15, 10, 0),
                  ends_at=datetime(2026, 12, 15, 12, 30))
    values.update(changes)
    with app.app_context():
        return activities.submit(activities.Activity(**values))


def approve(person, submission_id: int, **changes):
    """A coordinator opens a partner submission and approves it, with `changes` to its fields."""
    page = person.client.get(f"/admin/submissions/{submission_id}")
    assert page.status_code == 200
    fields = form_fields(page.get_data(as_text=True), action="/save")
    return person.client.post(f"/admin/submissions/{submission_id}/approve", data={**fields, **changes})
