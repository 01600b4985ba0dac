"""Backup and restore as the README says, on SQLite (`flask db-backup` / `db-restore`, SQLite's
backup API) and on PostgreSQL (`pg_dump -Fc` / `pg_restore --clean`): a registration made after
the backup is gone after the restore — her confirmation link answers 404 and her place is free
again — while one made before it is kept. On SQLite the restore first refuses, naming how many
registrations it would lose, until it is forced."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_TODAY
from support.forms import SECRET, Visitor, make_app
from support.live import seats_by_state
from support.local_services import pg_bin

FLASK = [str(Path(sys.executable).parent / "flask"), "--app", "forms_service"]
SLUG = "open-individuals"  # capacity 2


def flask(database_url: str, content: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET, "TAWASUL_CONTENT_ROOT": str(content)}
    return subprocess.run(FLASK + list(args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)


def take_backup(database_url: str, content: Path, dest: Path) -> None:
    if database_url.startswith("sqlite"):
        done = flask(database_url, content, "db-backup", str(dest))
    else:  # the README's command
        done = subprocess.run([str(pg_bin() / "pg_dump"), "--format=custom", f"--file={dest}", database_url],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert dest.stat().st_mode & 0o077 == 0 or not database_url.startswith("sqlite")


def restore(database_url: str, content: Path, source: Path, *force: str) -> subprocess.CompletedProcess:
    if database_url.startswith("sqlite"):
        return flask(database_url, content, "db-restore", str(source), *force)
    return subprocess.run([str(pg_bin() / "pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           f"--dbname={database_url}", str(source)], capture_output=True, text=True, timeout=60)


def registered(visitor: Visitor, contact: str) -> str:
    answer = visitor.register(SLUG, contact=contact)
    assert answer.status_code == 303
    return answer.headers["Location"]


def test_registrations_after_a_backup_are_gone_after_a_restore(database_url, forms_content, tmp_path, monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)
    from forms_service.extensions import db

    app = make_app(database_url, forms_content)
    visitor = Visitor(app.test_client())
    before = registered(visitor, "0599 111 111")
    backup_file = tmp_path / "forms.backup"
    take_backup(database_url, forms_content, backup_file)
    after = registered(visitor, "0599 222 222")
    assert seats_by_state(database_url, SLUG) == {"confirmed": 2}

    with app.app_context():
        db.engine.dispose()  # the service is stopped for a restore (README)
    if database_url.startswith("sqlite"):
        refused = restore(database_url, forms_content, backup_file)
        assert refused.returncode != 0
        assert "registrations made after this backup, which restoring loses: 1." in refused.stderr
        assert seats_by_state(database_url, SLUG) == {"confirmed": 2}  # untouched
        done = restore(database_url, forms_content, backup_file, "--force")
        assert "registrations lost: 1" in done.stdout
    else:
        done = restore(database_url, forms_content, backup_file)
    assert done.returncode == 0, done.stderr

    assert seats_by_state(database_url, SLUG) == {"confirmed": 1}
    assert visitor.open(before).status_code == 200
    assert visitor.open(after).status_code == 404
    # Her place is free again: someone else can take it.
    registered(visitor, "0599 333 333")
    assert seats_by_state(database_url, SLUG) == {"confirmed": 2}


def test_restore_refuses_a_file_that_is_not_a_backup(forms_content, tmp_path):
    url = f"sqlite:///{tmp_path / 'forms.sqlite3'}"
    make_app(url, forms_content)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    done = flask(url, forms_content, "db-restore", str(junk), "--force")
    assert done.returncode != 0 and "junk.sqlite3" in done.stderr


@pytest.mark.parametrize("command", ["db-backup", "db-restore"])
def test_the_sqlite_commands_point_postgresql_users_to_pg_dump(forms_content, tmp_path, command):
    backup = tmp_path / "x"
    backup.write_bytes(b"")
    done = flask("postgresql://nobody@127.0.0.1:1/none", forms_content, command, str(backup))
    assert done.returncode != 0 and "pg_dump" in done.stderr
