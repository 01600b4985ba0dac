"""The registrations' group commit (forms_service.database.group_commit) on a real SQLite file:
a writer whose work a batch has committed answers at once, even when the next batch, led by a
writer who came later, is still running. Before, she could wait behind that whole batch, and
under load every thread of a worker sat waiting so (notes of issue 17, session 5).

The test plays the other gunicorn worker itself: it holds the writer flock beside the database,
as a worker in the middle of its commit does, while two writers queue up."""
from __future__ import annotations

import fcntl
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError

import pytest
from sqlalchemy import text

from support.forms import forms_content_tree, make_app

GUARD = 20  # seconds: only a guard against a hang, never a measure of speed


def until(condition) -> None:
    deadline = time.monotonic() + GUARD
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the writers never reached the expected state")
        time.sleep(0.005)


@pytest.fixture()
def app(tmp_path):
    return make_app(f"sqlite:///{tmp_path / 'forms.sqlite3'}", forms_content_tree(tmp_path / "content"))


def test_a_committed_writer_answers_while_a_later_writer_leads_the_next_batch(app, tmp_path):
    from forms_service import database

    first_running, release_first = threading.Event(), threading.Event()
    third_running, release_third = threading.Event(), threading.Event()

    def writer(running: threading.Event | None, release: threading.Event | None, answer: str):
        def work(session):
            session.execute(text("CREATE TABLE IF NOT EXISTS marks (who TEXT)"))
            session.execute(text("INSERT INTO marks VALUES (:who)"), {"who": answer})
            if running:
                running.set()
                release.wait(GUARD)
            return answer

        def run():
            with app.app_context():
                return database.group_commit(work)
        return run

    other_worker = os.open(str(tmp_path / "forms.sqlite3.writer-lock"), os.O_RDWR | os.O_CREAT, 0o600)
    with ThreadPoolExecutor(3) as pool:
        try:
            fcntl.flock(other_worker, fcntl.LOCK_EX)  # the other worker is committing
            first = pool.submit(writer(first_running, release_first, "first"))
            second = pool.submit(writer(None, None, "second"))
            until(lambda: len(database._queue) == 2)  # both wait for the same batch
        finally:
            fcntl.flock(other_worker, fcntl.LOCK_UN)
            os.close(other_worker)
        assert first_running.wait(GUARD)  # the batch of both runs, the first's work holding it open
        third = pool.submit(writer(third_running, release_third, "third"))
        until(lambda: len(database._queue) == 1)  # she came too late for that batch
        release_first.set()
        assert third_running.wait(GUARD)  # she leads the next batch, held open
        try:
            assert second.result(timeout=GUARD) == "second"  # committed, so answered now
            assert first.result(timeout=GUARD) == "first"
            assert not third.done()
        except TimeoutError:
            pytest.fail("a writer whose batch was committed waited behind the next batch")
        finally:
            release_third.set()
        assert third.result(timeout=GUARD) == "third"
    with app.app_context():
        rows = database.db.session.execute(text("SELECT who FROM marks ORDER BY rowid")).scalars().all()
    assert sorted(rows[:2]) == ["first", "second"] and rows[2:] == ["third"]
