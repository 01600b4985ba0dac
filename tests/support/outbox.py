"""Helpers of the outbox tests: her opt-in answers, one run of the worker, the outbox's rows."""
from __future__ import annotations

from sqlalchemy import select

from forms_service.extensions import db
from forms_service.outbox.models import OutboxMessage

OPT_IN = {"notify": "y", "email": "salma.test@example.org"}


def send(app) -> str:
    result = app.test_cli_runner().invoke(args=["send-outbox", "--once"])
    assert result.exit_code == 0, result.output
    return result.output


def outbox_rows(app) -> list[OutboxMessage]:
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return rows
