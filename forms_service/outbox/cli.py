"""`flask --app forms_service send-outbox [--once]`: the outbox worker (deploy/systemd runs it)."""
from __future__ import annotations

import logging

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from ..config import today


def init_app(app: Flask) -> None:
    app.cli.add_command(send_outbox)


@click.command("send-outbox")
@click.option("--once", is_flag=True, help="Send what is due now, then exit (cron, tests).")
@with_appcontext
def send_outbox(once: bool) -> None:
    """Send queued messages, and queue those that event changes and tomorrow's events call for."""
    from .worker import run_forever, run_once

    source = current_app.extensions["tawasul_content"]
    if once:
        result = run_once(source.get(), today())
        click.echo(f"queued {result.queued}, sent {result.sent}, to retry {result.retried}, failed {result.failed}")
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    where = current_app.config["OUTBOX_SMTP_HOST"] or current_app.config["OUTBOX_FOLDER"]
    click.echo(f"outbox worker: sending to {where}")
    run_forever(source, today)
