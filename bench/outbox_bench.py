"""Outbox worker throughput: messages per second from `flask send-outbox --once` to a local SMTP
server (aiosmtpd on 127.0.0.1, accepting everything), and to the folder sink of `make run`.

N confirmations are queued through the registration service itself (opt-in e-mails, a fresh
SQLite database, the sample content plus forms_bench's 500-place event); then the worker runs
as operators run it, in its own process, and its wall time is measured (start-up included, and
reported apart from the sending).
    .venv/bin/python bench/outbox_bench.py [--messages 500]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms_bench import BIN, ROOT, SLUG, TODAY, content_copy, free_port  # noqa: E402


class Counter:
    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def queue_messages(env: dict, count: int) -> None:
    os.environ.update(env)
    from forms_service import create_app
    from forms_service.extensions import db
    from forms_service.services.registrations import Applicant, register

    app = create_app()
    with app.app_context():
        db.create_all()
        event = app.extensions["tawasul_content"].get().events[SLUG]
        for n in range(count):
            register(event, Applicant(name="مشاركة", contact=f"05990{n:05d}", governorate="jenin", notify=True,
                                      email=f"bench{n}@example.org"))
        db.engine.dispose()


def run_worker(env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "flask"), "--app", "forms_service", "send-outbox", "--once"], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout.strip()


def startup_seconds(env: dict) -> float:
    """The same command with nothing to send: interpreter, app and catalogue start-up."""
    seconds, _ = run_worker(env)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content_copy(work / "content-root")
        counter = Counter()
        port = free_port()
        controller = Controller(counter, hostname="127.0.0.1", port=port)
        controller.start()
        results = {}
        for sink in ("smtp", "folder"):
            env = {**os.environ, "TAWASUL_TODAY": TODAY, "TAWASUL_CONTENT_ROOT": str(work / "content-root"),
                   "DATABASE_URL": f"sqlite:///{work / sink}.sqlite3", "OUTBOX_FOLDER": str(work / "outbox"),
                   "OUTBOX_BATCH": "100", "OUTBOX_SMTP_HOST": ""}
            if sink == "smtp":
                env.update(OUTBOX_SMTP_HOST="127.0.0.1", OUTBOX_SMTP_PORT=str(port), OUTBOX_SMTP_SECURITY="none")
            queue_messages(env, args.messages)
            seconds, output = run_worker(env)
            idle = startup_seconds(env)
            results[sink] = (seconds, idle, output)
        controller.stop()
        assert counter.received == args.messages, counter.received
        assert len(list((work / "outbox").glob("*.eml"))) == args.messages
    for sink, (seconds, idle, output) in results.items():
        sending = max(seconds - idle, 1e-9)
        print(f"{sink:6}: {args.messages} messages in {seconds:.2f} s wall ({args.messages / seconds:.0f}/s); "
              f"without the {idle:.2f} s start-up: {args.messages / sending:.0f}/s  [{output}]")


if __name__ == "__main__":
    main()
