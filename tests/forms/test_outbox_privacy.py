"""Message bodies carry her private link and address: they are purged with the registration,
from the database file and its -wal too; the outbox keeps only counts."""
from __future__ import annotations

from pathlib import Path

from support.forms import Visitor, stored_bytes
from sqlalchemy import func, select
from support.outbox import outbox_rows, send

from forms_service.extensions import db
from forms_service.models import Registration
from forms_service.outbox.models import MessageKind, MessageState, OutboxTally

CANARY = "canary.outbox.5813@example.org"


def test_after_the_purge_no_message_body_remains_only_counts(outbox_app, inbox, database_url, monkeypatch):
    answer = Visitor(outbox_app.test_client()).register("open-individuals", notify="y", email=CANARY)
    token = answer.headers["Location"].rsplit("/", 1)[1]
    send(outbox_app)
    assert len(inbox.messages) == 1 and token in inbox.messages[0].get_body().get_content()
    with outbox_app.app_context():
        reference = db.session.scalar(select(Registration.reference))
    needles = [CANARY.encode(), token.encode(), reference.encode()]
    sqlite_file = Path(database_url.removeprefix("sqlite:///")) if database_url.startswith("sqlite") else None
    if sqlite_file:
        assert all(needle in stored_bytes(sqlite_file) for needle in needles[:2])  # stored before the purge

    monkeypatch.setenv("TAWASUL_TODAY", "2027-06-01")
    result = outbox_app.test_cli_runner().invoke(args=["purge-registrations"])
    assert result.exit_code == 0 and "purged 1 " in result.output, result.output

    assert outbox_rows(outbox_app) == []
    with outbox_app.app_context():
        tally = db.session.scalars(select(OutboxTally)).all()
        assert [(t.event_slug, t.kind, t.state, t.messages) for t in tally] == [
            ("open-individuals", MessageKind.confirmation, MessageState.sent, 1)]
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 0
    if sqlite_file:
        for needle in needles:
            assert needle not in stored_bytes(sqlite_file)
