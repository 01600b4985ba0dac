"""The rate limiter's in-process store (`memory://`) under requests that arrive at once.

`limits` 5.8.0's MemoryStorage restarted a timer thread from whichever request found it
stopped; two at once could start the same thread, which gave one 500 in a PostgreSQL run of
test_forms_concurrency.py ("threads can only be started once"), or left a request hanging.
These tests drive the app's own limiter and store, with the interpreter switching threads
far more often than usual so that such a race shows within seconds.
"""
from __future__ import annotations

import sys
import threading
import time

import pytest
from support.forms import make_app

THREADS = 32
HITS_PER_ROUND = 2
ROUNDS_FOR = 4.0  # seconds of rounds, each after the store has been idle long enough to "expire"


@pytest.fixture
def limiter(tmp_path, forms_content):
    from forms_service.extensions import db, limiter

    app = make_app(f"sqlite:///{tmp_path / 'forms.sqlite3'}", forms_content)
    with app.app_context():
        yield limiter
        db.engine.dispose()


def hit_at_once(limiter, limit, rounds_for: float) -> tuple[list[str], int, int]:
    """THREADS threads hit `limit` together, round after round; returns the errors, the hits
    allowed and the hits made. A hit that never returns breaks the barrier (an error too)."""
    errors: list[str] = []
    allowed = [0] * THREADS
    made = [0] * THREADS
    start, done = threading.Barrier(THREADS + 1, timeout=5), threading.Barrier(THREADS + 1, timeout=5)
    stop = threading.Event()

    def client(n: int) -> None:
        while True:
            try:
                start.wait()
            except threading.BrokenBarrierError:
                return
            if stop.is_set():
                return
            for _ in range(HITS_PER_ROUND):
                try:
                    allowed[n] += limiter.limiter.hit(limit, "the same client")
                    made[n] += 1
                except Exception as error:  # what a request would have turned into a 500
                    errors.append(repr(error))
            try:
                done.wait()
            except threading.BrokenBarrierError:
                return

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(THREADS)]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + rounds_for
        while not errors and time.monotonic() < deadline:
            time.sleep(0.015)  # longer than the old store's timer (10 ms): it has stopped
            start.wait()
            done.wait()
        stop.set()
        start.wait()
    except threading.BrokenBarrierError:
        errors.append("a hit never returned")
    finally:
        sys.setswitchinterval(switching)
    for thread in threads:
        thread.join(5)
    return errors, sum(allowed), sum(made)


def test_hits_at_once_never_fail_and_count_exactly(limiter):
    from limits import parse

    limit = parse("1000/hour")
    errors, allowed, made = hit_at_once(limiter, limit, ROUNDS_FOR)
    assert errors == []
    assert made > 1000  # the limit was reached within the rounds, so the count below means something
    assert allowed == 1000  # as strict under a crowd as one by one: no hit lost, none counted twice


def test_the_store_starts_no_thread(limiter):
    """The old store's race came from the thread it started to expire keys; none is needed."""
    from limits import parse

    before = set(threading.enumerate())
    for n in range(50):
        limiter.limiter.hit(parse("10/second"), f"client {n}")
        time.sleep(0.001)
    time.sleep(0.02)
    limiter.limiter.hit(parse("10/second"), "one more")
    assert set(threading.enumerate()) - before == set()
