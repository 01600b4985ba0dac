"""Fixtures of the form-service suite: a private PostgreSQL cluster, a fresh database of each
kind per test (every test taking `database_url` runs on SQLite and on PostgreSQL), the app, a
`visitor` that fills the forms as a browser would, and live gunicorn servers.

Helpers live in forms_support.py: a second module named `conftest` would shadow the root one.
"""
from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forms_support import SAMPLE_TODAY, LiveServer, Visitor, _pg_admin, forms_content_tree, make_app  # noqa: E402
from local_services import private_postgres  # noqa: E402


@pytest.fixture(scope="session")
def forms_content(tmp_path_factory) -> Path:
    return forms_content_tree(tmp_path_factory.mktemp("forms") / "content")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)


@pytest.fixture(scope="session")
def postgres_server():
    """A private throwaway cluster on 127.0.0.1 (tests/local_services.py)."""
    with private_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'forms.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = "t_" + uuid.uuid4().hex[:12]
    _pg_admin(server, f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    _pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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
    from smtp_inbox import Inbox

    return Inbox()


@pytest.fixture
def smtp(inbox):
    from smtp_inbox import SmtpServer

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


def _lend_the_root_helpers() -> None:
    """pytest imports this file as the module `conftest` and so displaces tests/conftest.py, whose
    helpers the root tests import by that name (`from conftest import mkdocs_build`). Offer those
    helpers here too: every public name of the root conftest that is not a fixture (its fixtures
    stay registered once, from the root file). A shared tests/support module would end this."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_tawasul_root_conftest", Path(__file__).resolve().parent.parent / "conftest.py")
    root = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(root)
    for name, value in vars(root).items():
        if not name.startswith("_") and name not in globals() and "fixture" not in type(value).__name__.lower():
            globals()[name] = value


_lend_the_root_helpers()
