"""The worker against servers that misbehave: 4xx twice then accept, a dropped connection, a
permanent refusal, and the worker itself killed with kill -9 mid-batch. Each message arrives
once, or at most once more with the same Message-ID, and none is lost."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

from support import ROOT, SAMPLE_TODAY
from support.forms import SECRET, Visitor
from sqlalchemy import select
from support.outbox import OPT_IN, outbox_rows, send

from forms_service.extensions import db
from forms_service.outbox.models import MessageState, OutboxMessage
from forms_service.services.registrations import Applicant, register


def sent_after_rounds(app, inbox, rounds: int = 20) -> None:
    """Run the worker until the outbox is empty of due work (retries wait 0.05 s here)."""
    for _ in range(rounds):
        send(app)
        if all(row.state in (MessageState.sent, MessageState.failed) for row in outbox_rows(app)):
            return
        time.sleep(0.06)


def test_a_server_that_answers_4xx_twice_then_accepts_gets_the_message_once(outbox_app, inbox):
    inbox.busy = 2
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    sent_after_rounds(outbox_app, inbox)
    assert inbox.refused == 2 and len(inbox.messages) == 1
    [row] = outbox_rows(outbox_app)
    assert row.state == MessageState.sent and row.attempts == 3 and row.last_error is None


def test_a_dropped_connection_is_retried_and_the_message_arrives_once(outbox_app, inbox):
    inbox.drops = 1
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    Visitor(outbox_app.test_client()).register("open-individuals", contact="0599000333", notify="y",
                                               email="second@example.org")
    sent_after_rounds(outbox_app, inbox)
    assert inbox.drops == 0  # the connection was in fact dropped
    assert sorted(m["To"] for m in inbox.messages) == ["salma.test@example.org", "second@example.org"]
    assert all(row.state == MessageState.sent for row in outbox_rows(outbox_app))


def test_a_permanent_refusal_is_marked_failed_with_the_reason_and_not_retried(outbox_app, inbox):
    async def refuse(server, session, envelope):
        return "550 5.1.1 no such mailbox"
    inbox.handle_DATA = refuse
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    send(outbox_app)
    send(outbox_app)
    [row] = outbox_rows(outbox_app)
    assert row.state == MessageState.failed and row.attempts == 1 and row.last_error.startswith("550")


def test_retries_back_off_and_then_give_up(outbox_app, inbox):
    from forms_service.outbox.worker import backoff

    outbox_app.config.update(OUTBOX_RETRY_BASE_SECONDS=30)
    inbox.busy = 1000
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    send(outbox_app)
    [row] = outbox_rows(outbox_app)
    assert row.state == MessageState.retry and row.attempts == 1 and row.last_error.startswith("451")
    assert 30 <= (row.next_attempt_at - row.claimed_at).total_seconds() < 90  # BASE after the first failure
    with outbox_app.app_context():  # seconds to hours: ×4 each time, at most 6 h
        assert [backoff(n).total_seconds() for n in range(1, 8)] == [30, 120, 480, 1920, 7680, 21600, 21600]

    outbox_app.config.update(OUTBOX_RETRY_BASE_SECONDS=0.05, OUTBOX_MAX_ATTEMPTS=3)
    Visitor(outbox_app.test_client()).register("open-individuals", contact="0599000444", notify="y",
                                               email="second@example.org")
    for _ in range(40):
        send(outbox_app)
        second = outbox_rows(outbox_app)[1]
        if second.state == MessageState.failed:
            break
        time.sleep(0.06)
    assert second.state == MessageState.failed and second.attempts == 3 and inbox.messages == []
    assert outbox_rows(outbox_app)[0].attempts == 1  # still waiting its 30 s


def test_worker_killed_mid_batch_loses_nothing_and_duplicates_at_most_one(outbox_app, inbox, database_url,
                                                                         own_content):
    with outbox_app.app_context():
        event = outbox_app.extensions["tawasul_content"].get().events["open-organisations"]
        for n in range(40):
            register(event, Applicant(name="مشاركة", contact=f"05990{n:05d}", governorate="jenin", seats=1,
                                      organisation="جمعية", notify=True, email=f"p{n}@example.org"))
        expected = set(db.session.scalars(select(OutboxMessage.message_id)))
    assert len(expected) == 40
    inbox.delay = 0.05  # slow enough to catch the worker in the middle of its batch
    env = {**os.environ, "DATABASE_URL": database_url, "TAWASUL_CONTENT_ROOT": str(own_content),
           "SECRET_KEY": SECRET, "TAWASUL_TODAY": SAMPLE_TODAY, "OUTBOX_LEASE_SECONDS": "1",
           "OUTBOX_SMTP_HOST": outbox_app.config["OUTBOX_SMTP_HOST"],
           "OUTBOX_SMTP_PORT": str(outbox_app.config["OUTBOX_SMTP_PORT"]), "OUTBOX_SMTP_SECURITY": "none"}
    flask = [str(sys.executable).replace("/python", "/flask"), "--app", "forms_service", "send-outbox"]
    worker = subprocess.Popen(flask, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    inbox.wait_for(10, seconds=90)  # a busy machine may take a while to start the worker
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    got_before = len(inbox.messages)
    assert 10 <= got_before < 40, got_before  # killed mid-batch

    time.sleep(1.2)  # the dead worker's lease runs out
    done = subprocess.run(flask + ["--once"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    counts = Counter(inbox.message_ids())
    assert set(counts) == expected  # none lost
    assert max(counts.values()) <= 2 and sum(1 for c in counts.values() if c == 2) <= 1
    assert all(row.state == MessageState.sent for row in outbox_rows(outbox_app))
