"""kill -9 in the middle of a registration load: every acknowledged registration survives."""
from __future__ import annotations

import sqlite3
import threading
import time

import requests
from forms_support import HttpVisitor, forms_content_tree
from live_helpers import contacts

SLUG = "big-event"
CLIENTS = 8


def test_every_acknowledged_registration_survives_kill_9(database_url, tmp_path, live_server_factory):
    content = forms_content_tree(tmp_path / "content",
                                 {SLUG: {"capacity": 5000, "opens": "2026-11-01", "closes": "2026-12-06"}})
    # Each registration needs a page load of its own (single-use time token), so no fill time here.
    server = live_server_factory(database_url, content, FORMS_MIN_SECONDS="0")
    visitors = [HttpVisitor(server.url) for _ in range(CLIENTS)]

    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(index: int):
        for n in range(10_000):  # bounded; ends long before this when the server dies
            if stop.is_set():
                return
            phone = f"0597{index}{n:05d}"
            try:
                visitors[index].open_form(SLUG)
                answer = visitors[index].send(SLUG, contact=phone)
            except requests.RequestException:
                return  # the server is gone
            if answer.status_code == 303:
                with lock:
                    acknowledged.append("+970" + phone[1:])

    threads = [threading.Thread(target=load, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 60 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill_hard()  # SIGKILL to the master and every worker at once, requests in flight
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) >= 60

    stored = contacts(database_url)
    assert set(acknowledged) <= stored
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    restarted = live_server_factory(database_url, content)
    again = HttpVisitor(restarted.url)
    again.open_form(SLUG)
    time.sleep(1.1)
    assert again.send(SLUG, contact="0597999999").status_code == 303
    assert set(acknowledged) | {"+970597999999"} <= contacts(database_url)
