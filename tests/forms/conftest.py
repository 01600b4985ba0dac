"""Fixtures of the form-service suite: the app (over `database_url`, so every test runs on
SQLite and on PostgreSQL: support/fixtures.py), a `visitor` that fills the forms as a browser
would, and live gunicorn servers. Helpers: support/forms.py."""
from __future__ import annotations

from pathlib import Path

import pytest
from support.forms import LiveServer, Visitor, make_app


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
