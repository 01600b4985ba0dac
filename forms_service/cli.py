"""Commands for operators: `flask --app forms_service purge-registrations`."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from tawasul.dates import today


def init_app(app: Flask) -> None:
    app.cli.add_command(purge_registrations)


@click.command("purge-registrations")
@click.option("--days", type=int, default=None,
              help="Delete registrations this many days after their event (default: FORMS_RETENTION_DAYS, 90).")
@with_appcontext
def purge_registrations(days: int | None) -> None:
    """Delete old registrations, keeping only per-event counts."""
    from .services.retention import purge

    days = current_app.config["RETENTION_DAYS"] if days is None else days
    deleted = purge(today(), days)
    click.echo(f"purged {deleted} registrations of events that ended more than {days} days ago")
