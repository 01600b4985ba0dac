"""Accounts from the web (issue 13, ministry only): the ministry creates a coordinator, who then
signs in with the password and TOTP code the page showed once; disabling blocks her login with the
same message as a wrong password; resets show a new password or secret once and store only a
hash; the audit log records each change; nobody changes her own account from the web."""
from __future__ import annotations

import logging

import pyotp
from bs4 import BeautifulSoup
from support.admin import PASSWORD, Staff, csrf_of
from support.html import text_of
from sqlalchemy import select

from forms_service.admin_models import AdminSession, AuditEntry, Coordinator
from forms_service.extensions import db

NEW = {"username": "salma.jenin", "display_name": "سلمى", "role": "governorate", "governorate": "jenin", "totp": "y"}


def _account(app, username: str) -> Coordinator | None:
    with app.app_context():
        return db.session.scalar(select(Coordinator).where(Coordinator.username == username))


def _audit(app) -> list[tuple]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.object_id).order_by(AuditEntry.id))]


def _everything_stored(app) -> str:
    """Every row of every table, as text: where a secret kept in clear would show."""
    with app.app_context():
        return repr([[tuple(row) for row in db.session.execute(select(t))] for t in db.metadata.sorted_tables])


def _shown(page, element_id: str) -> str | None:
    tag = BeautifulSoup(page.get_data(as_text=True), "html.parser").find(id=element_id)
    return tag.get_text(strip=True) if tag else None


def _create(wizara: Staff, **fields):
    form = wizara.client.get("/admin/accounts/new")
    assert form.status_code == 200
    return wizara.client.post("/admin/accounts/new",
                              data={"csrf_token": csrf_of(form.get_data(as_text=True)), **NEW, **fields})


def _account_id(app, username: str) -> int:
    return _account(app, username).id


def test_the_ministry_creates_a_coordinator_who_signs_in_with_password_and_totp(app, staff, caplog):
    caplog.set_level(logging.DEBUG)
    wizara = staff("wizara")
    made = _create(wizara)
    assert made.status_code == 200 and "أُنشئ الحساب" in text_of(made)
    password, secret = _shown(made, "new-password"), _shown(made, "new-totp-secret")
    assert password and len(password) >= 12 and secret
    assert made.headers["Cache-Control"] == "no-store"

    salma = Staff(app, app.test_client(), "salma.jenin")
    without_code = salma.login(password=password, code="")
    assert without_code.status_code == 401
    signed_in = salma.login(password=password, code=pyotp.TOTP(secret).now())
    assert signed_in.status_code == 303
    dashboard = salma.client.get("/admin/")
    assert dashboard.status_code == 200 and "لوحة المتابعة: محافظة جنين" in text_of(dashboard)
    assert salma.client.get("/admin/accounts").status_code == 403  # a coordinator, not the ministry

    stored = _account(app, "salma.jenin")
    assert stored.password_hash.startswith("$argon2id$") and stored.governorate == "jenin"
    assert ("wizara", "account_create", "salma.jenin") in _audit(app)
    # Shown once: not on the accounts page, not in any table, not in the log.
    listing = wizara.client.get("/admin/accounts").get_data(as_text=True)
    assert "salma.jenin" in listing and password not in listing and secret not in listing
    assert password not in _everything_stored(app)
    assert password not in caplog.text and secret not in caplog.text


def test_a_bad_new_account_is_refused_in_arabic_keeping_what_she_typed(app, staff):
    wizara = staff("wizara")
    taken = _create(wizara, username="huda", display_name="هدى الثانية")
    assert taken.status_code == 422
    page = taken.get_data(as_text=True)
    assert "يوجد حساب بهذا الاسم" in text_of(taken) and 'value="هدى الثانية"' in page
    no_governorate = _create(wizara, username="nour", governorate="")
    assert no_governorate.status_code == 422 and "اختاري محافظة المنسّقة" in text_of(no_governorate)
    odd_name = _create(wizara, username="نور")
    assert odd_name.status_code == 422 and "اسم المستخدم: من 3 إلى 40 حرفاً لاتينياً" in text_of(odd_name)
    assert _account(app, "nour") is None and _account(app, "نور") is None
    assert _account(app, "huda").display_name == "هدى"


def test_disabling_blocks_her_login_with_the_wrong_password_message(app, staff):
    wrong = staff("rasha", login=False).login(password="not-rashas-password")
    assert wrong.status_code == 401
    rasha = staff("rasha")
    wizara = staff("wizara")
    rasha_id = _account_id(app, "rasha")

    assert wizara.post(f"/admin/accounts/{rasha_id}/disable").status_code == 303
    assert rasha.client.get("/admin/").status_code == 303  # her open session ended at once
    blocked = staff("rasha", login=False).login()  # the right password
    assert blocked.status_code == 401
    assert text_of(blocked) == text_of(wrong)  # nothing tells a disabled account from a wrong password

    assert wizara.post(f"/admin/accounts/{rasha_id}/enable").status_code == 303
    assert staff("rasha", login=False).login().status_code == 303
    assert [a for a in _audit(app) if a[1] in ("account_disable", "account_enable")] == [
        ("wizara", "account_disable", "rasha"), ("wizara", "account_enable", "rasha")]


def test_a_password_reset_shows_the_new_password_once(app, staff, caplog):
    caplog.set_level(logging.DEBUG)
    huda = staff("huda")
    wizara = staff("wizara")
    url = f"/admin/accounts/{_account_id(app, 'huda')}/reset/password"
    confirm = wizara.client.get(url)
    assert confirm.status_code == 200 and "تتوقف كلمة المرور القديمة فوراً" in text_of(confirm)
    assert _account(app, "huda").password_hash == _account(app, "huda").password_hash  # the GET changed nothing

    done = wizara.post(url)
    password = _shown(done, "new-password")
    assert done.status_code == 200 and password and password != PASSWORD["huda"]
    assert _shown(done, "new-totp-secret") is None
    assert huda.client.get("/admin/").status_code == 303  # her sessions ended
    assert staff("huda", login=False).login().status_code == 401  # the old password
    assert staff("huda", login=False).login(password=password).status_code == 303

    for again in (wizara.client.get(url), wizara.client.get("/admin/accounts"), wizara.client.get("/admin/audit")):
        assert password not in again.get_data(as_text=True)
    assert password not in _everything_stored(app) and password not in caplog.text
    assert ("wizara", "account_reset", "huda") in _audit(app)


def test_a_totp_reset_gives_her_a_new_secret_and_keeps_her_password(app, staff):
    wizara = staff("wizara")
    done = wizara.post(f"/admin/accounts/{_account_id(app, 'rasha')}/reset/totp")
    secret = _shown(done, "new-totp-secret")
    assert done.status_code == 200 and secret and _shown(done, "new-password") is None
    assert staff("rasha", login=False).login().status_code == 401  # a code is needed now
    assert staff("rasha", login=False).login(code=pyotp.TOTP(secret).now()).status_code == 303
    assert ("wizara", "account_totp_reset", "rasha") in _audit(app)


def test_the_ministry_cannot_change_her_own_account_from_the_web(app, staff):
    wizara = staff("wizara")
    own = _account_id(app, "wizara")
    for url in (f"/admin/accounts/{own}/disable", f"/admin/accounts/{own}/reset/password",
                f"/admin/accounts/{own}/reset/totp"):
        refused = wizara.post(url)
        assert refused.status_code == 303 and refused.headers["Location"].endswith("/admin/accounts")
        assert "حسابك أنتِ" in text_of(wizara.client.get("/admin/accounts"))
    account = _account(app, "wizara")
    assert not account.disabled and wizara.client.get("/admin/").status_code == 200
    with app.app_context():
        assert db.session.query(AdminSession).filter_by(coordinator_id=own).count() == 1
    assert not [a for a in _audit(app) if a[0] == "wizara" and a[1].startswith("account_")]
