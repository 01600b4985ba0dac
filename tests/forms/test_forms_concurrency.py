"""Capacity under real concurrency: a live gunicorn (3 worker processes × 4 threads) over real
HTTP, on SQLite and on PostgreSQL. The CSRF token, time token and rate limit stay on: each
person fetches her form first, and the server's minimum fill time (1 s here) is waited out."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from support.forms import HttpVisitor, forms_content_tree
from support.html import form_fields
from support.live import seats_by_state

RUSHES = 5
PEOPLE, CAPACITY = 50, 10
OPEN = {"capacity": CAPACITY, "opens": "2026-11-01", "closes": "2026-12-06"}


def simultaneously(pool: ThreadPoolExecutor, count: int, action) -> list:
    """Release `count` actions at the same instant."""
    barrier = threading.Barrier(count)

    def run(index):
        barrier.wait()
        return action(index)
    return list(pool.map(run, range(count)))


def ready_visitors(pool, base: str, slug: str, count: int) -> list[HttpVisitor]:
    visitors = [HttpVisitor(base) for _ in range(count)]
    list(pool.map(lambda v: v.open_form(slug), visitors))
    time.sleep(1.1)  # the server's minimum fill time
    return visitors


def test_fifty_people_at_once_for_ten_places_repeatedly(database_url, tmp_path, live_server_factory):
    content = forms_content_tree(tmp_path / "content", {f"rush-{n}": OPEN for n in range(RUSHES)})
    server = live_server_factory(database_url, content)
    with ThreadPoolExecutor(PEOPLE) as pool:
        for n in range(RUSHES):
            slug = f"rush-{n}"
            visitors = ready_visitors(pool, server.url, slug, PEOPLE)
            answers = simultaneously(pool, PEOPLE, lambda i: visitors[i].send(slug, contact=f"0599{n}{i:05d}"))
            assert [a.status_code for a in answers] == [303] * PEOPLE, [a.status_code for a in answers]
            assert seats_by_state(database_url, slug) == {"confirmed": CAPACITY, "waitlisted": PEOPLE - CAPACITY}
            pages = list(pool.map(lambda pair: pair[0].get(pair[0].link(pair[1])).text, zip(visitors, answers)))
            assert sum("تسجيلكِ مؤكَّد" in p for p in pages) == CAPACITY
            positions = sorted(int(p.split("ترتيبكِ في قائمة الانتظار: <strong>")[1].split("<")[0])
                               for p in pages if "قائمة الانتظار: <strong>" in p)
            assert positions == list(range(1, PEOPLE - CAPACITY + 1))


def test_cancellations_racing_registrations_never_exceed_capacity(database_url, tmp_path, live_server_factory):
    slug = "race"
    content = forms_content_tree(tmp_path / "content", {slug: OPEN})
    server = live_server_factory(database_url, content)
    with ThreadPoolExecutor(30) as pool:
        early = ready_visitors(pool, server.url, slug, 2 * CAPACITY)
        manage = []
        for i, visitor in enumerate(early):  # one by one: 10 confirmed, then 10 waiting in order
            answer = visitor.send(slug, contact=f"05981{i:05d}")
            assert answer.status_code == 303
            manage.append(visitor.link(answer))
        assert seats_by_state(database_url, slug) == {"confirmed": CAPACITY, "waitlisted": CAPACITY}
        cancel_forms = [form_fields(early[i].get(manage[i]).text) for i in range(CAPACITY)]
        late = ready_visitors(pool, server.url, slug, 20)

        over = []
        done = threading.Event()

        def watch():  # the invariant, sampled from outside the server all along the race
            while not done.is_set():
                confirmed = seats_by_state(database_url, slug).get("confirmed", 0)
                if confirmed > CAPACITY:
                    over.append(confirmed)

        watcher = threading.Thread(target=watch)
        watcher.start()

        def act(index):
            if index < CAPACITY:
                return early[index].post(manage[index] + "/cancel", cancel_forms[index])
            return late[index - CAPACITY].send(slug, contact=f"05982{index:05d}")
        try:
            answers = simultaneously(pool, 30, act)
        finally:
            done.set()
            watcher.join()
    assert [a.status_code for a in answers] == [303] * 30
    assert over == []
    assert seats_by_state(database_url, slug) == {"confirmed": CAPACITY, "waitlisted": 20, "cancelled": CAPACITY}
    # First in, first out: everyone who waited before the race now has a place.
    for i in range(CAPACITY, 2 * CAPACITY):
        assert "تسجيلكِ مؤكَّد" in early[i].get(manage[i]).text
