"""The site and the form service on one origin for the safety tests: gunicorn running
forms_service.devserver over the built sample site, a fresh SQLite database, and one
registration made through the public flow's own service, so her manage page exists."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from site_build import SAMPLE_TODAY

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "safety-tests-secret-key-that-is-long-enough-0123456789"
# Open for registration on the sample's "today" (events/2026/…).
OPEN_EVENT = "ramallah-womens-digital-safety-workshop-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage_path(env: dict) -> str:
    """Her private page, from a registration made in this process with the server's settings."""
    from forms_service import create_app
    from forms_service.services import codes, registrations

    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "SECRET_KEY": SECRET})
    with app.app_context():
        event = app.extensions["tawasul_content"].get().events[OPEN_EVENT]
        made = registrations.register(event, registrations.Applicant(
            name="سلمى", contact="0599000111", governorate="ramallah", seats=1, organisation=None))
        return f"forms/r/{codes.sign(made.reference)}"


@contextmanager
def serve_site_and_forms(site: Path, work: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{work / 'forms.sqlite3'}", "TAWASUL_SITE_DIR": str(site),
           "TAWASUL_TODAY": SAMPLE_TODAY, "SECRET_KEY": SECRET}
    subprocess.run([str(BIN / "flask"), "--app", "forms_service", "db", "upgrade"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    previous = os.environ.get("TAWASUL_TODAY")
    os.environ["TAWASUL_TODAY"] = SAMPLE_TODAY  # this process registers as of the sample's today too
    try:
        manage = _manage_path(env)
    finally:
        os.environ.pop("TAWASUL_TODAY") if previous is None else os.environ.update(TAWASUL_TODAY=previous)
    port = _free_port()
    log = open(work / "server.log", "wb")
    server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "--threads", "4", "--worker-class", "gthread", "--no-control-socket",
                               "forms_service.devserver:app"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90  # a busy machine may be slow to start
        while True:
            assert server.poll() is None and time.monotonic() < deadline, (work / "server.log").read_text()
            try:
                if requests.get(base + "forms/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        yield base, manage
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
