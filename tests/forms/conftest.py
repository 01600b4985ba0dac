"""Fixtures of the form-service suite: the app (over `database_url`, so every test runs on
SQLite and on PostgreSQL: support/fixtures.py), a `visitor` that fills the forms as a browser
would, and live gunicorn servers. Helpers: support/forms.py."""
from __future__ import annotations

from pathlib import Path

import pytest
from support.forms import LiveServer, Visitor, forms_content_tree, make_app


@pytest.fixture
def app(database_url, forms_content):
    from forms_service.extensions import db

    app = make_app(database_url, forms_content)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def visitor(client):
    return Visitor(client)


@pytest.fixture
def live_server_factory(tmp_path):
    servers = []

    def start(database_url: str, content: Path, **kwargs) -> LiveServer:
        server = LiveServer(database_url, content, tmp_path / f"server-{len(servers)}.log", **kwargs).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# --- The outbox: a real SMTP server on loopback, and an app whose worker sends to it ----------

@pytest.fixture
def inbox():
    from support.smtp_inbox import Inbox

    return Inbox()


@pytest.fixture
def smtp(inbox):
    from support.smtp_inbox import SmtpServer

    with SmtpServer(inbox) as server:
        yield server


@pytest.fixture
def own_content(tmp_path) -> Path:
    """A content tree of this test's own, for tests that change an event's file."""
    return forms_content_tree(tmp_path / "content")


@pytest.fixture
def outbox_app(database_url, own_content, smtp):
    from forms_service.extensions import db

    app = make_app(database_url, own_content, **smtp.settings(), OUTBOX_RETRY_BASE_SECONDS=0.05,
                   FORMS_PUBLIC_URL="http://localhost")
    yield app
    with app.app_context():
        db.engine.dispose()
