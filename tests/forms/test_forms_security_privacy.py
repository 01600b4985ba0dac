"""Headers, cookies, production configuration, and what is (not) kept about her."""
from __future__ import annotations

import pytest
from forms_support import SECRET, Visitor, make_app
from sqlalchemy import inspect, text

from forms_service import create_app
from forms_service.config import DEV_SECRET_KEY, ConfigError
from forms_service.extensions import db
from forms_service.models import Registration, RegistrationState, RegistrationTally


def test_security_headers_on_every_kind_of_page(client, visitor):
    manage = visitor.register("open-individuals").headers["Location"]
    for url in ("/events/open-individuals/register", manage, "/events/nope/register", "/activities/new", "/"):
        headers = client.get(url).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url
        # One script, from this origin only: the site's quick-exit.js; nothing inline.
        assert "script-src 'self';" in headers["Content-Security-Policy"] and "default-src 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_lax_and_secure_when_configured(database_url, forms_content, monkeypatch):
    for secure in (False, True):
        app = make_app(database_url, forms_content, SESSION_COOKIE_SECURE=secure)
        cookie = app.test_client().get("/events/open-individuals/register").headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure
        with app.app_context():
            db.engine.dispose()


def test_production_secure_cookies_by_default(monkeypatch, forms_content, tmp_path):
    monkeypatch.setenv("FORMS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.delenv("FORMS_SECURE_COOKIES", raising=False)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/p.sqlite3", "CONTENT_ROOT": str(forms_content)})
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("secret", [None, DEV_SECRET_KEY, "short"])
def test_production_refuses_a_missing_default_or_short_secret(monkeypatch, forms_content, secret):
    monkeypatch.setenv("FORMS_ENV", "production")
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ConfigError):
        create_app({"CONTENT_ROOT": str(forms_content)})


def test_proxyfix_is_configurable(database_url, forms_content):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "tawasul.example", "X-Forwarded-Prefix": "/forms"}
    plain = make_app(database_url, forms_content)
    proxied = make_app(database_url, forms_content, PROXY_FIX=1)
    for app in (plain, proxied):
        answer = Visitor(app.test_client()).register("open-individuals", contact=f"0599{id(app) % 1000000:06d}")
        app.answer = answer.headers["Location"]
    page = proxied.test_client().get("/events/open-individuals/register", headers=headers).get_data(as_text=True)
    assert 'href="/forms/static/forms.css"' in page
    page = plain.test_client().get("/events/open-individuals/register", headers=headers).get_data(as_text=True)
    assert 'href="/static/forms.css"' in page
    for app in (plain, proxied):
        with app.app_context():
            db.engine.dispose()


def all_stored_text(app) -> str:
    """Every value in every table, as text."""
    with app.app_context():
        names = inspect(db.engine).get_table_names()
        return "\n".join(str(row) for name in names for row in db.session.execute(text(f'SELECT * FROM "{name}"')))


def test_no_ip_address_is_stored(app):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.77"
    Visitor(client).register("open-individuals")
    stored = all_stored_text(app)
    assert "+970599123456" in stored
    assert "203.0.113" not in stored


def test_purge_deletes_registrations_after_the_retention_period_and_keeps_counts(app, monkeypatch):
    Visitor(app.test_client()).register("open-individuals")
    Visitor(app.test_client()).register("open-individuals", contact="0599111222")
    Visitor(app.test_client()).register("open-individuals", contact="0599111333")  # waitlisted
    Visitor(app.test_client()).register("open-both", contact="0599111444", attendees="3", organisation="جمعية")
    runner = app.test_cli_runner()
    monkeypatch.setenv("TAWASUL_TODAY", "2027-03-08")  # the events ended 2026-12-08: 90 days ago
    assert "purged 0 " in runner.invoke(args=["purge-registrations"]).output
    monkeypatch.setenv("TAWASUL_TODAY", "2027-03-09")
    result = runner.invoke(args=["purge-registrations"])
    assert result.exit_code == 0 and "purged 4 " in result.output
    with app.app_context():
        assert db.session.query(Registration).count() == 0
        tallies = {(t.event_slug, t.state, t.registrations, t.people) for t in db.session.query(RegistrationTally)}
    assert tallies == {("open-individuals", RegistrationState.confirmed, 2, 2),
                       ("open-individuals", RegistrationState.waitlisted, 1, 1),
                       ("open-both", RegistrationState.confirmed, 1, 3)}
    assert "0599111222" not in all_stored_text(app) and "+970599111222" not in all_stored_text(app)


def test_purge_days_are_configurable(app, monkeypatch):
    Visitor(app.test_client()).register("open-individuals")
    monkeypatch.setenv("TAWASUL_TODAY", "2026-12-20")
    result = app.test_cli_runner().invoke(args=["purge-registrations", "--days", "7"])
    assert "purged 1 " in result.output
