"""Fixtures of the coordinator-area suite (helpers: support/admin.py). Every test taking
`database_url` (support/fixtures.py) runs on SQLite and on PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import pytest
from support.admin import Staff, admin_app, admin_content_tree, create_accounts


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy per test: approvals write into it."""
    return admin_content_tree(tmp_path / "content")


@pytest.fixture
def app(database_url, content, tmp_path):
    from forms_service.extensions import db

    app = admin_app(database_url, content, tmp_path)
    with app.app_context():
        create_accounts()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def staff(app):
    """staff("huda") is a signed-in Jenin coordinator with her own browser."""
    def sign_in(username: str, login: bool = True) -> Staff:
        person = Staff(app, app.test_client(), username)
        if login:
            answer = person.login()
            assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
        return person
    return sign_in


@pytest.fixture
def phone_page(browser):
    """Her phone's browser, for the editors' Chromium journeys. CSP is bypassed only so that
    the tests can inject axe-core."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar", bypass_csp=True)
    yield context.new_page()
    context.close()
