"""CPU milliseconds per request, in process and without HTTP: the trivial route, the registration
GET and the registration POST, each called straight through the WSGI app with a prepared
environ (no socket, no HTTP parsing, no load generator sharing the cores). On a shared, noisy
machine these figures are stable where wrk's are not; `--profile` adds cProfile's top costs.

    .venv/bin/python bench/forms_cpu.py [--requests 400] [--profile] [--database postgresql://…]
        [--ratelimit-storage redis://…]

forms_bench.py prints these figures beside its wrk figures. Each POST is a real registration in
a fresh SQLite file (synchronous=FULL, so it includes an fsync), with a real session cookie,
CSRF token and time token.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = "2026-11-29"


def _environ(method: str, path: str, cookie: str = "", body: bytes = b"") -> dict:
    return {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000", "HTTP_COOKIE": cookie,
            "CONTENT_TYPE": "application/x-www-form-urlencoded" if body else "", "CONTENT_LENGTH": str(len(body)),
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
            "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False, "wsgi.version": (1, 0)}


def _call(app, environ: dict) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(app(environ, start_response))
    return answer["status"], dict(answer["headers"]), body


class Measured:
    """A form-service app over a copy of the sample content with one large open event."""

    def __init__(self, work: Path, database: str | None = None, ratelimit_storage: str = "memory://"):
        from forms_bench import SLUG, content_copy  # one definition of the benchmark event

        os.environ["TAWASUL_TODAY"] = TODAY
        self.slug = SLUG
        root = content_copy(work / "content-root")
        from forms_service import create_app
        from forms_service.extensions import db

        self.app = create_app({"TESTING": False, "CONTENT_ROOT": str(root), "FORMS_MIN_SECONDS": 0,
                               "DATABASE_URL": database or f"sqlite:///{work / 'cpu.sqlite3'}",
                               "FORMS_POST_LIMIT": "1000000/minute", "RATELIMIT_STORAGE_URI": ratelimit_storage})
        with self.app.app_context():
            db.create_all()
        self.wsgi = self.app.wsgi_app
        self.path = f"/events/{SLUG}/register"
        status, headers, page = _call(self.wsgi, _environ("GET", self.path))
        self.cookie = headers["Set-Cookie"].split(";", 1)[0]
        hidden = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.decode())
                      + re.findall(r'<input[^>]*name="([^"]+)"[^>]*type="hidden"[^>]*value="([^"]*)"', page.decode()))
        self.fields = {**hidden, "website": "", "name": "سلمى", "governorate": "jenin", "consent": "y"}
        self.counter = 0
        self.bodies: list[bytes] = []
        from forms_service.serving import settle

        settle(self.app)  # as every server does once the app is loaded: no full collection of it mid-run

    def stock_time_tokens(self, count: int) -> None:
        """Each page load's time token is single-use: one per POST. The POST bodies, each with its
        token and its own phone number, are made before the clock starts: signing the token and
        encoding the body in the timed loop added the benchmark's own work to the POST's figure."""
        from forms_service.base_forms import new_time_token

        with self.app.app_context():
            for _ in range(count):
                self.counter += 1
                self.bodies.append(urlencode({**self.fields, "started": new_time_token(),
                                              "contact": f"0599{self.counter:06d}"}).encode())

    def trivial(self):
        return _call(self.wsgi, _environ("GET", "/health"))

    def get(self):
        return _call(self.wsgi, _environ("GET", self.path, self.cookie))

    def post(self):
        if not self.bodies:
            self.stock_time_tokens(1)
        return _call(self.wsgi, _environ("POST", self.path, self.cookie, self.bodies.pop()))

    def routes(self) -> dict:
        return {"trivial": (self.trivial, "200"), "register GET": (self.get, "200"),
                "register POST": (self.post, "303")}


def cpu_ms(measured: Measured, requests: int) -> dict[str, float]:
    """Median-free but warm: a few untimed calls first, then `requests` calls timed in CPU time."""
    figures = {}
    measured.stock_time_tokens(20 + requests)
    for name, (call, expected) in measured.routes().items():
        for _ in range(20):
            status, _headers, _body = call()
            if not status.startswith(expected):
                raise SystemExit(f"{name}: {status} instead of {expected}")
        started = time.process_time()
        for _ in range(requests):
            call()
        figures[name] = 1000 * (time.process_time() - started) / requests
    return figures


def profile(measured: Measured, requests: int, top: int = 18) -> None:
    measured.stock_time_tokens(requests)
    for name, (call, _expected) in measured.routes().items():
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            call()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
        text = re.sub(r"^.*?(?=\s+ncalls)", "", out.getvalue(), flags=re.S)
        print(f"\n--- {name}: top {top} by own time, {requests} requests ---{text}")


def measure(requests: int = 400, database: str | None = None, show_profile: bool = False,
            ratelimit_storage: str = "memory://") -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    work = Path(tempfile.mkdtemp(prefix="forms-cpu-"))
    try:
        measured = Measured(work, database, ratelimit_storage)
        figures = cpu_ms(measured, requests)
        if show_profile:
            profile(measured, requests // 2)
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures: dict[str, float]) -> str:
    trivial = figures["trivial"]
    return "\n".join(f"in process {name:14} {ms:6.3f} CPU ms/request  ({ms / trivial:4.1f}x trivial)"
                     for name, ms in figures.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--database", help="e.g. postgresql://… (default: a fresh SQLite file)")
    parser.add_argument("--ratelimit-storage", default="memory://", help="e.g. redis://… (production's)")
    args = parser.parse_args()
    print(report(measure(args.requests, args.database, args.profile, args.ratelimit_storage)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
