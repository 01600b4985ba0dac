"""Fixtures of the coordinator-area suite (helpers live in admin_support.py, a module name of
its own: every conftest is called `conftest`, so tests never import from one).

The database fixtures are the form-service suite's own, so every test taking `database_url`
runs on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Appended, not inserted: a folder put first would shadow the other suites' `conftest` imports.
sys.path.append(str(Path(__file__).resolve().parent))

from admin_support import Staff, admin_app, admin_content_tree, create_accounts  # noqa: E402
from admin_support import _today, database_url, postgres_server  # noqa: E402,F401  (fixtures, registered here)


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
