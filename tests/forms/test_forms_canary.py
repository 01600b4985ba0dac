"""A canary name, phone and e-mail go through a live server: they never reach the logs, and
after the purge and a checkpoint they are gone from the database file and its -wal."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from forms_support import ROOT, SECRET, HttpVisitor, forms_content_tree

NAME, PHONE, EMAIL = "كناريّةالتجربة", "0598765432", "canary.bird.4711@example.org"
NEEDLES = [NAME.encode(), b"598765432", b"canary.bird.4711"]
SLUG = "open-individuals"


def stored_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())


def test_canary_never_in_logs_and_gone_from_database_files_after_purge(tmp_path, live_server_factory):
    db = tmp_path / "canary.sqlite3"
    url = f"sqlite:///{db}"
    content = forms_content_tree(tmp_path / "content")
    server = live_server_factory(url, content)
    people = [HttpVisitor(server.url) for _ in range(4)]
    for person in people:
        person.open_form(SLUG)
    time.sleep(1.1)
    assert people[0].send(SLUG, name=NAME, contact=PHONE).status_code == 303
    assert people[1].send(SLUG, name=NAME, contact=EMAIL).status_code == 303
    assert people[2].send(SLUG, name=NAME, contact=PHONE, governorate="nowhere").status_code == 422
    assert people[3].send(SLUG, name=NAME, contact=PHONE).status_code == 303  # the same contact again (issue 11 §3)
    server.stop()

    log = server.log_path.read_bytes()
    assert b"POST /forms/events/open-individuals/register" in log  # the access log was on
    for needle in NEEDLES:
        assert needle not in log

    assert all(needle in stored_bytes(db) for needle in NEEDLES[:2])  # stored before the purge
    env = {**os.environ, "DATABASE_URL": url, "TAWASUL_CONTENT_ROOT": str(content), "SECRET_KEY": SECRET,
           "TAWASUL_TODAY": "2027-06-01"}
    purge = subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "forms_service",
                            "purge-registrations"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert purge.returncode == 0 and "purged 3 " in purge.stdout, purge.stderr
    for needle in NEEDLES:
        assert needle not in stored_bytes(db)
        assert needle.decode() not in purge.stdout + purge.stderr
