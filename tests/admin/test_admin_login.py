"""Signing in: Argon2id with rehash, one generic failure message, progressive lockout, a
per-address rate limit, server-side sessions (rotation, logout, idle and absolute expiry,
disabling), TOTP without replay, and logs that never hold a password."""
from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from support.admin import LIGHT_ARGON2, PASSWORD, Staff, admin_app, create_accounts, totp_now
from support.html import text_of
from sqlalchemy import select, update

from forms_service.admin_models import AdminSession, AuditEntry, Coordinator
from forms_service.extensions import db
from forms_service.models import utcnow
from forms_service.services.accounts import aware, lock_seconds

GENERIC = "تعذّر تسجيل الدخول"


def _account(app, username):
    with app.app_context():
        return db.session.scalar(select(Coordinator).where(Coordinator.username == username))


def test_a_coordinator_signs_in_and_sees_her_dashboard(app, staff):
    huda = staff("huda", login=False)
    assert huda.client.get("/admin/").status_code == 303  # not signed in: to the login page
    answer = huda.login()
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/admin/")
    cookie = answer.headers.getlist("Set-Cookie")
    admin_cookie = next(c for c in cookie if c.startswith("tawasul_admin="))
    assert "HttpOnly" in admin_cookie and "SameSite=Strict" in admin_cookie and "Path=/admin/" in admin_cookie
    page = huda.client.get("/admin/")
    assert page.status_code == 200 and "لوحة المتابعة: محافظة جنين" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"
    assert '<html lang="ar" dir="rtl">' in page.get_data(as_text=True)


@pytest.mark.parametrize("password,username", [("wrong-password-123", "huda"), (PASSWORD["huda"], "nobody")])
def test_one_generic_message_whatever_was_wrong(app, password, username):
    person = Staff(app, app.test_client(), username)
    answer = person.login(password=password)
    assert answer.status_code == 401 and GENERIC in text_of(answer)
    assert person.cookie() is None


def test_progressive_lockout_per_account(app, staff):
    huda = staff("huda", login=False)
    after = app.config["ADMIN_LOCKOUT_AFTER"]
    for _ in range(after - 1):
        assert huda.login(password="not-her-password").status_code == 401
    assert _account(app, "huda").locked_until is None
    huda.login(password="not-her-password")  # the failure that locks
    first_lock = _account(app, "huda").locked_until
    assert first_lock is not None
    # Locked: even the right password fails, with the same message, and counts nothing.
    answer = huda.login()
    assert answer.status_code == 401 and GENERIC in text_of(answer) and huda.cookie() is None
    # Another account is not affected by her lock.
    assert staff("rasha").cookie()
    # The lock expires; one more failure locks for twice as long.
    with app.app_context():
        db.session.execute(update(Coordinator).where(Coordinator.username == "huda")
                           .values(locked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    huda.login(password="still-wrong-password")
    account = _account(app, "huda")
    with app.app_context():
        first, second = lock_seconds(after), lock_seconds(after + 1)
    assert (first, second) == (app.config["ADMIN_LOCKOUT_BASE_SECONDS"], 2 * app.config["ADMIN_LOCKOUT_BASE_SECONDS"])
    remaining = aware(account.locked_until) - utcnow()
    assert timedelta(seconds=first) < remaining <= timedelta(seconds=second)
    # After the lock, the right password works and clears the counter.
    with app.app_context():
        db.session.execute(update(Coordinator).where(Coordinator.username == "huda").values(locked_until=None))
        db.session.commit()
    assert huda.login().status_code == 303
    assert _account(app, "huda").failed_logins == 0


def test_per_address_rate_limit_on_login(database_url, content, tmp_path):
    app = admin_app(database_url, content, tmp_path, ADMIN_LOGIN_LIMIT="3/minute")
    with app.app_context():
        create_accounts()
    codes = [Staff(app, app.test_client(), name).login(password="wrong-password-xx").status_code
             for name in ("huda", "rasha", "huda", "rasha")]
    assert codes == [401, 401, 401, 429]
    # limited by address, across accounts; the page is Arabic
    answer = Staff(app, app.test_client(), "huda").login()
    assert answer.status_code == 429 and "طلبات كثيرة" in text_of(answer)


def test_session_rotates_at_login_and_a_planted_cookie_never_becomes_valid(app, staff):
    huda = staff("huda", login=False)
    huda.client.set_cookie("tawasul_admin", "planted-by-someone-else", path="/admin/")
    assert huda.login().status_code == 303
    fresh = huda.cookie()
    assert fresh and fresh != "planted-by-someone-else"
    attacker = Staff(app, app.test_client(), "huda")
    attacker.client.set_cookie("tawasul_admin", "planted-by-someone-else", path="/admin/")
    assert attacker.client.get("/admin/").status_code == 303
    # A second login gives yet another session id; the first one is not reused.
    second = staff("huda")
    assert second.cookie() not in (fresh, None)
    with app.app_context():
        assert db.session.query(AdminSession).count() == 2


def test_logout_ends_the_session_on_the_server(app, staff):
    huda = staff("huda")
    old = huda.cookie()
    assert huda.logout().status_code == 303
    assert huda.cookie() is None
    replay = Staff(app, app.test_client(), "huda")
    replay.client.set_cookie("tawasul_admin", old, path="/admin/")
    assert replay.client.get("/admin/").status_code == 303  # back to the login page
    with app.app_context():
        assert db.session.query(AdminSession).count() == 0


def test_logout_is_post_only(app, staff):
    huda = staff("huda")
    assert huda.client.get("/admin/logout").status_code == 405
    assert huda.client.get("/admin/").status_code == 200


@pytest.mark.parametrize("column,age", [("last_seen_at", timedelta(minutes=31)), ("created_at", timedelta(hours=8, minutes=1))])
def test_idle_and_absolute_timeouts(app, staff, column, age):
    huda = staff("huda")
    assert huda.client.get("/admin/").status_code == 200
    with app.app_context():
        db.session.execute(update(AdminSession).values({column: utcnow() - age}))
        db.session.commit()
    assert huda.client.get("/admin/").status_code == 303
    with app.app_context():
        assert db.session.query(AdminSession).count() == 0


def test_recent_activity_keeps_the_session(app, staff):
    huda = staff("huda")
    with app.app_context():
        db.session.execute(update(AdminSession).values(last_seen_at=utcnow() - timedelta(minutes=29)))
        db.session.commit()
    assert huda.client.get("/admin/").status_code == 200


def test_disabling_an_account_ends_its_sessions_at_once(app, staff):
    from forms_service.services import accounts

    huda = staff("huda")
    with app.app_context():
        accounts.set_disabled("huda", True, actor="cli")
    assert huda.client.get("/admin/").status_code == 303
    assert staff("huda", login=False).login().status_code == 401


def test_ministry_needs_a_fresh_totp_code_and_a_code_is_never_accepted_twice(app):
    wizara = Staff(app, app.test_client(), "wizara")
    assert wizara.login(code="").status_code == 401           # the password alone is not enough
    assert wizara.login(code="000000" if totp_now(app, "wizara") != "000000" else "111111").status_code == 401
    code = totp_now(app, "wizara")
    assert wizara.login(code=code).status_code == 303
    wizara.logout()
    replay = Staff(app, app.test_client(), "wizara")
    answer = replay.login(code=code)
    assert answer.status_code == 401 and GENERIC in text_of(answer)
    # The next time step's code (a phone clock slightly ahead) is still accepted once.
    assert replay.login(code=totp_now(app, "wizara", offset_steps=1)).status_code == 303


def test_ministry_without_a_totp_secret_cannot_sign_in(app):
    with app.app_context():
        db.session.execute(update(Coordinator).where(Coordinator.username == "wizara").values(totp_secret=None))
        db.session.commit()
    assert Staff(app, app.test_client(), "wizara").login(code="123456").status_code == 401


def test_password_hash_is_argon2id_and_is_rehashed_when_parameters_change(database_url, content, tmp_path):
    app = admin_app(database_url, content, tmp_path)
    with app.app_context():
        create_accounts()
    before = _account(app, "huda").password_hash
    assert before.startswith("$argon2id$") and "m=8192,t=1,p=1" in before
    stronger = admin_app(database_url, content, tmp_path, ARGON2_TIME_COST=2, ARGON2_MEMORY_KIB=16384)
    assert Staff(stronger, stronger.test_client(), "huda").login().status_code == 303
    after = _account(stronger, "huda").password_hash
    assert after != before and "m=16384,t=2,p=1" in after
    # and the new hash still verifies
    assert Staff(stronger, stronger.test_client(), "huda").login().status_code == 303
    assert LIGHT_ARGON2["ARGON2_TIME_COST"] == 1


def test_every_attempt_is_logged_without_the_password(app, staff, caplog):
    caplog.set_level(logging.INFO, logger="forms_service.admin.login")
    staff("huda", login=False).login(password="Secret-Wrong-Pass-42")
    staff("huda")
    Staff(app, app.test_client(), "Secret-Typed-In-Name").login(password="Secret-Other-Pass-43")
    messages = [r.getMessage() for r in caplog.records if r.name == "forms_service.admin.login"]
    assert any("failed" in m and "huda" in m and "bad_password" in m for m in messages)
    assert any(m.startswith("admin login: account=huda") for m in messages)
    assert any("(no such account)" in m for m in messages)
    everything = "\n".join(caplog.text.splitlines() + messages)
    for secret in ("Secret-Wrong-Pass-42", PASSWORD["huda"], "Secret-Other-Pass-43", "Secret-Typed-In-Name"):
        assert secret not in everything
    with app.app_context():
        actions = [a for (a,) in db.session.execute(select(AuditEntry.action))]
        dump = repr([tuple(row) for row in db.session.execute(select(AuditEntry.__table__))])
    assert "login_failed" in actions and "login" in actions
    assert "Secret" not in dump


def test_get_login_page_changes_nothing(app):
    client = app.test_client()
    with app.app_context():
        before = db.session.query(AuditEntry).count(), db.session.query(AdminSession).count()
    assert client.get("/admin/login").status_code == 200
    with app.app_context():
        assert (db.session.query(AuditEntry).count(), db.session.query(AdminSession).count()) == before
