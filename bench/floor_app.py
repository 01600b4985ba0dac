"""The "floor POST" of bench/post_floor.py: the least a durable form POST can do on this service's
own stack, mounted beside the real routes of the real app (same create_app, same middleware,
same gunicorn, same threads), so its throughput is the best a registration could reach here.

    POST /forms/bench/floor           the body parsed, the CSRF token checked (Flask-WTF, by the
                                      service's own guard), one row INSERTed and committed through
                                      the service's group commit (SQLite: WAL, synchronous=FULL,
                                      the writer lock; PostgreSQL: its normal synchronous_commit),
                                      then 303
    POST /forms/bench/floor/no-write  the same without the database: what HTTP, Flask, the session
                                      cookie and the CSRF check cost alone

Bench-only: nothing in forms_service/ imports this, and the table lives only in the bench's own
throwaway databases. gunicorn loads it as `floor_app:serve()` with bench/ on its Python path.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone

from flask import Flask, redirect, request
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Text, func, insert, select

from forms_service.database import Prepared, group_commit

PATH, NO_WRITE_PATH = "/bench/floor", "/bench/floor/no-write"
FLOOR = Table("bench_floor", MetaData(), Column("id", Integer, primary_key=True),
              Column("name", Text, nullable=False), Column("contact", Text, nullable=False),
              Column("created_at", DateTime(timezone=True), nullable=False))
# The service's own fast path for a statement run per request (forms_service/database.py).
_INSERT = Prepared(insert(FLOOR), column_keys=["name", "contact", "created_at"])


def _stored(values: dict):
    return lambda session: _INSERT.rows(session.connection(), **values)


def floor():
    # The service's CSRF guard (security.py) has read the body and checked the token before this
    # view runs, as it does for every POST whose view does not check it in its form.
    form = request.form
    group_commit(_stored({"name": form.get("name", ""), "contact": form.get("contact", ""),
                          "created_at": datetime.now(timezone.utc)}))
    return redirect(request.script_root + PATH, code=303)


def floor_no_write():
    request.form.get("contact", "")
    return redirect(request.script_root + PATH, code=303)


def mount(app: Flask) -> Flask:
    """Before the app's first request (Flask refuses new routes after it)."""
    app.add_url_rule(PATH, "bench_floor", floor, methods=["POST"])
    app.add_url_rule(NO_WRITE_PATH, "bench_floor_no_write", floor_no_write, methods=["POST"])
    return app


def create_table(database_url: str) -> None:
    """In the bench's fresh database, beside the service's tables (made by `flask db upgrade`).
    Called by the bench driver, which has tests/ on its path (the server does not)."""
    from support.live import database

    with database(database_url) as connection:
        FLOOR.create(connection)
        connection.commit()


def count(database_url: str) -> int:
    from support.live import database

    with database(database_url) as connection:
        return connection.execute(select(func.count()).select_from(FLOOR)).scalar_one()


def serve():
    """The WSGI app of the mode under test, as its own entry point builds it (production's
    wsgi.py when FORMS_ENV=production, else make run's devserver.py), with the floor mounted."""
    if os.environ.get("FORMS_ENV") == "production":
        from forms_service import wsgi as entry
    else:
        from forms_service import devserver as entry
    mount(entry.application)
    return entry.app
