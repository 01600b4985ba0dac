"""Helpers of the live-server tests: read the database the server writes, outside the server."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import create_engine, text

from forms_service.config import database_url as normalise_url


@contextmanager
def database(url: str):
    engine = create_engine(normalise_url(url, ""))
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def seats_by_state(url: str, slug: str) -> dict[str, int]:
    with database(url) as db:
        rows = db.execute(text("SELECT state, SUM(seats) FROM registration WHERE event_slug = :slug GROUP BY state"),
                          {"slug": slug}).all()
    return {state: int(total) for state, total in rows}


def contacts(url: str) -> set[str]:
    with database(url) as db:
        return {row[0] for row in db.execute(text("SELECT contact FROM registration"))}
