"""Helpers of the form-service tests: content trees, a private PostgreSQL cluster's tools, the
app factory, a `Visitor` that fills forms as a browser would, and live gunicorn servers."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry
from bs4 import BeautifulSoup

from . import ROOT, SAMPLE_TODAY
from .content_cases import content_tree
from .html import form_fields
from .local_services import free_port
from .store import commit_tree

SECRET = "test-secret-" + "x" * 40

# Events laid over the small valid content tree, one per outcome the forms must show.
EVENTS = {
    "open-individuals": {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06"},
    "open-organisations": {"capacity": 5, "opens": "2026-11-01", "closes": "2026-12-06", "audience": "organisations"},
    "open-both": {"capacity": 4, "opens": "2026-11-01", "closes": "2026-12-06", "audience": "both"},
    "no-waitlist": {"capacity": 1, "opens": "2026-11-01", "closes": "2026-12-06", "waitlist": False},
    "not-yet-open": {"capacity": 5, "opens": "2026-12-01", "closes": "2026-12-06"},
    "registration-closed": {"capacity": 5, "opens": "2026-11-01", "closes": "2026-11-20"},
    "cancelled-event": {"capacity": 5, "opens": "2026-11-01", "closes": "2026-12-06", "status": "cancelled"},
    "past-event": {"capacity": 5, "opens": "2026-10-01", "closes": "2026-11-09", "start": "2026-11-10 10:00",
                   "end": "2026-11-10 12:00"},
    "no-registration": None,
}


def event_yaml(slug: str, spec: dict | None, title: str | None = None) -> str:
    spec = dict(spec or {})
    start, end = spec.pop("start", "2026-12-08 10:00"), spec.pop("end", "2026-12-08 13:00")
    status = spec.pop("status", "scheduled")
    lines = [f"title: {title or 'فعالية ' + slug}", "type: workshop", f"start: {start}", f"end: {end}",
             "centre: jenin", "venue: {name: قاعة الاختبار, address: جنين}", "audience: النساء",
             "summary: ملخص الفعالية.", f"status: {status}"]
    if spec:
        lines.append("registration: {" + ", ".join(f'{k}: "{v}"' if k in ("opens", "closes") else f"{k}: {str(v).lower()}"
                                               for k, v in spec.items()) + "}")
    return "\n".join(lines) + "\n"


def forms_content_tree(dest: Path, extra: dict | None = None) -> Path:
    root = content_tree(dest)
    for slug, spec in {**EVENTS, **(extra or {})}.items():
        year = (spec or {}).get("start", "2026")[:4]
        (root / "events" / year).mkdir(parents=True, exist_ok=True)
        (root / "events" / year / f"{slug}.yml").write_text(event_yaml(slug, spec), encoding="utf-8")
    return commit_tree(root)


# --- PostgreSQL: a private throwaway cluster on loopback -------------------------------------



# --- The app in-process ------------------------------------------------------------------------

def make_app(database_url: str, content: Path, **overrides):
    from forms_service import create_app
    from forms_service.extensions import db

    config = {"DATABASE_URL": database_url, "SECRET_KEY": SECRET, "CONTENT_ROOT": str(content),
              "FORMS_MIN_SECONDS": 0, "FORMS_POST_LIMIT": "1000/minute", "CONTENT_CHECK_SECONDS": 0, **overrides}
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app


GOOD = {"name": "سلمى", "contact": "0599 123 456", "governorate": "jenin", "consent": "y"}


class Visitor:
    """She opens a form, fills it in and sends it, in the tests' own words."""

    def __init__(self, client):
        self.client = client

    def open(self, url: str):
        return self.client.get(url)

    def submit(self, url: str, **values):
        page = self.open(url)
        assert page.status_code == 200, page.status_code
        data = {**form_fields(page.get_data(as_text=True)), **values}
        return self.client.post(url, data={k: v for k, v in data.items() if v is not None})

    def register(self, slug: str, **values):
        return self.submit(f"/events/{slug}/register", **{**GOOD, **values})

    def cancel(self, manage_url: str):
        page = self.client.get(manage_url)
        return self.client.post(manage_url + "/cancel", data=form_fields(page.get_data(as_text=True)))

    def follow(self, response):
        assert response.status_code == 303, (response.status_code, response.get_data(as_text=True)[:400])
        return self.client.get(response.headers["Location"])


# --- Live servers over real HTTP ---------------------------------------------------------------

class LiveServer:
    """gunicorn running the production entry point (forms_service.wsgi:app) in its own process
    group, so a test can kill -9 all of it at once."""

    def __init__(self, database_url: str, content: Path, log: Path, workers: int = 3, threads: int = 4, **env):
        self.database_url, self.content, self.log_path = database_url, content, log
        self.workers, self.threads, self.extra_env = workers, threads, env
        self.process = None
        self.url = None

    def env(self) -> dict:
        return {**os.environ, "DATABASE_URL": self.database_url, "TAWASUL_CONTENT_ROOT": str(self.content),
                "TAWASUL_TODAY": SAMPLE_TODAY, "SECRET_KEY": SECRET, "FORMS_ENV": "production",
                "FORMS_SECURE_COOKIES": "0", "FORMS_MIN_SECONDS": "1", "FORMS_POST_LIMIT": "100000/minute",
                "FORMS_DB_POOL_SIZE": "5", **self.extra_env}

    def start(self) -> "LiveServer":
        bin_dir = Path(sys.executable).parent
        subprocess.run([str(bin_dir / "flask"), "--app", "forms_service", "db", "upgrade"], env=self.env(),
                       check=True, capture_output=True, cwd=ROOT)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/forms"
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
             "--workers", str(self.workers), "--threads", str(self.threads), "--error-logfile", "-",
             "--access-logfile", "-", "--no-control-socket", "forms_service.wsgi:app"],
            env=self.env(), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90  # generous: CI machines may be busy
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text(errors="replace")
            try:
                if requests.get(self.url + "/health", timeout=5).status_code == 200:
                    return self
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.1)
        raise AssertionError("the live server did not start")

    def kill_hard(self) -> None:
        os.killpg(self.process.pid, 9)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 2)  # SIGINT: gunicorn's quick shutdown
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                # A gthread worker occasionally lingers at exit (gunicorn would SIGKILL it after
                # graceful_timeout); the tests do not wait for that.
                os.killpg(self.process.pid, 9)
                self.process.wait()
        if self.process:
            self.log.close()


class HttpVisitor:
    """One person with her own browser session (cookies) against a live server."""

    def __init__(self, base: str):
        self.base, self.session = base, requests.Session()
        # A browser asks again for a page when a kept-alive socket turns out closed by the server;
        # requests would report a reset instead. Only GETs are asked again: a POST is never re-sent.
        retry = Retry(total=2, connect=2, read=2, status=0, allowed_methods=frozenset({"GET"}))
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.fields: dict = {}

    def open_form(self, slug: str) -> None:
        page = self.session.get(f"{self.base}/events/{slug}/register", timeout=30)
        assert page.status_code == 200, page.status_code
        self.fields = form_fields(page.text)

    def link(self, answer: requests.Response) -> str:
        """The absolute URL a 303 answer points to."""
        return urljoin(self.base + "/", answer.headers["Location"])

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, timeout=30)

    def post(self, url: str, data: dict) -> requests.Response:
        """A POST on a fresh connection: the one that fetched the form may have idled past the
        server's keep-alive while the others got ready, and a browser re-sends on a new socket
        when a reused one turns out closed; requests would report it as a reset instead.
        A success may clear the session cookie (a browser would open the form again), so the
        client keeps its own."""
        kept = self.session.cookies.get("tawasul_forms")
        self.session.close()
        answer = self.session.post(url, data=data, allow_redirects=False, timeout=60)
        if kept and "tawasul_forms" not in self.session.cookies:
            self.session.cookies.set("tawasul_forms", kept)
        return answer

    def send(self, slug: str, **values) -> requests.Response:
        """Post the opened form again and again, like the benchmark's clients."""
        return self.post(f"{self.base}/events/{slug}/register", {**self.fields, **GOOD, **values})


def stored_bytes(db: Path) -> bytes:
    """Every byte SQLite keeps of a database: the file and its write-ahead log."""
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())
