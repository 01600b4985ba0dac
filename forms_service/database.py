"""How the service talks to its database so that capacity is never oversold.

SQLite: WAL, synchronous=FULL, a busy timeout, secure_delete (purged rows are overwritten, not
left in free pages), and pysqlite's own transaction handling turned off so that a write
transaction starts with `BEGIN IMMEDIATE`: the write lock is taken *before* availability is
read. SQLAlchemy silently drops FOR UPDATE on SQLite, so without this, parallel requests would
each read "one seat left" (guide §5). PostgreSQL: the capacity row is locked with FOR UPDATE.
Connections stay pooled either way (opening one cost 2 of a 3 ms registration, guide §6).
"""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

SQLITE_BUSY_SECONDS = 30


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timezone-aware columns back naive (in UTC); PostgreSQL keeps the zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", f"busy_timeout={SQLITE_BUSY_SECONDS * 1000}",
                       "foreign_keys=ON", "secure_delete=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        immediate = connection.get_execution_options().get("tawasul_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# SQLite has one writer at a time. Left to SQLite's busy handler, waiting writers poll with
# sleeps of up to 100 ms, which gave a p99 of seconds under load. So writers queue on locks that
# wake the next one the moment the writer before commits: threads of one process on a Python
# lock, and processes (gunicorn workers) on an flock of a file beside the database. The flock is
# per open file, shared by a process's threads, hence both.
_sqlite_writer = threading.Lock()
_lock_files: dict[str, int] = {}


def _process_lock_fd(engine: Engine) -> int | None:
    path = engine.url.database
    if not path or path == ":memory:":
        return None
    if path not in _lock_files:
        _lock_files[path] = os.open(path + ".writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[path]


@contextmanager
def write_transaction():
    """One short write transaction on the request's session, committed on success.

    On SQLite it begins with BEGIN IMMEDIATE; on PostgreSQL the caller locks its rows FOR UPDATE.
    """
    session = db.session()  # the request's Session (db.session is its scoped proxy)
    if session.in_transaction():
        session.rollback()  # start clean, so the BEGIN below is ours
    sqlite = db.engine.dialect.name == "sqlite"
    lock_fd = None
    if sqlite:
        _sqlite_writer.acquire()
        lock_fd = _process_lock_fd(db.engine)
        if lock_fd is not None:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
    try:
        session.connection(execution_options={"tawasul_write": True})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        if lock_fd is not None:
            fcntl.flock(lock_fd, fcntl.LOCK_UN)
        if sqlite:
            _sqlite_writer.release()
