"""Fixtures of the form-service suite: a private PostgreSQL cluster, a fresh database of each
kind per test (every test taking `database_url` runs on SQLite and on PostgreSQL), the app, a
`visitor` that fills the forms as a browser would, and live gunicorn servers.

Helpers live in forms_support.py: a second module named `conftest` would shadow the root one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forms_support import (SAMPLE_TODAY, LiveServer, Visitor, _pg_admin, _pg_bin,  # noqa: E402
                           forms_content_tree, free_port, make_app)


@pytest.fixture(scope="session")
def forms_content(tmp_path_factory) -> Path:
    return forms_content_tree(tmp_path_factory.mktemp("forms") / "content")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)


@pytest.fixture(scope="session")
def postgres_server():
    """initdb into a temp dir and start on 127.0.0.1:<free port>. Tests run as root, and
    PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` OS user."""
    pg = _pg_bin()
    home = Path(tempfile.mkdtemp(prefix="tawasul-pg-"))
    as_pg = []
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    data, port = home / "data", free_port()
    subprocess.run(as_pg + [str(pg / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                            "--no-locale"], check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c max_connections=300"
    subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-o", options,
                            "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


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
