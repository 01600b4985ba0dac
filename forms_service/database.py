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
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from datetime import datetime, timezone

from sqlalchemy import Table, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

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
def _the_writer(engine: Engine):
    """On SQLite, this thread becomes the one writer of all processes; elsewhere a no-op."""
    if engine.dialect.name != "sqlite":
        yield
        return
    with _sqlite_writer:
        lock_fd = _process_lock_fd(engine)
        if lock_fd is not None:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if lock_fd is not None:
                fcntl.flock(lock_fd, fcntl.LOCK_UN)


@contextmanager
def write_transaction():
    """One short write transaction on the request's session, committed on success.

    On SQLite it begins with BEGIN IMMEDIATE; on PostgreSQL the caller locks its rows FOR UPDATE.
    """
    session = db.session()  # the request's Session (db.session is its scoped proxy)
    if session.in_transaction():
        session.rollback()  # start clean, so the BEGIN below is ours
    with _the_writer(db.engine):
        try:
            session.connection(execution_options={"tawasul_write": True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# Group commit. With synchronous=FULL each commit waits for the disk (an fsync, ~10 ms here), and
# one writer at a time meant one fsync per registration: the disk, not the CPU, set the pace.
# So the writes that queue up while a commit is in flight share the next one: the first waiting
# thread (the leader) runs every queued piece of work, each in its own SAVEPOINT inside one
# BEGIN IMMEDIATE transaction, commits once, and hands each thread its own result or error.
# Nothing changes for the guarantees: each piece still reads and writes under the write lock,
# after the pieces before it (so capacity is checked against every seat taken before), and no
# thread answers before the commit holding its row has returned from the disk.
@dataclass
class _Job:
    work: Callable[[Session], Any]
    done: bool = False
    result: Any = None
    error: BaseException | None = None


_queue: list[_Job] = []
# Guards _queue and _leading; a leader's end wakes every waiting thread at once. (With a plain
# lock for the leadership, a thread whose job a batch had just committed could wait behind the
# next leader, a thread with a new job that had taken the lock first, for that leader's whole
# turn: the other worker's commit and its own.)
_changed = threading.Condition(threading.Lock())
_leading = False


def group_commit(work: Callable[[Session], Any]) -> Any:
    """Run `work(session)` in a write transaction shared with the writes queued meanwhile, and
    return its result once that transaction is committed (or raise what `work` raised; its
    changes are then rolled back, the others' kept). `work` must only use the session it gets."""
    global _leading
    job = _Job(work)
    with _changed:
        _queue.append(job)
        while _leading and not job.done:
            _changed.wait()
        lead = not job.done  # nobody took it along: lead the next batch, which holds it
        if lead:
            _leading = True
    if lead:
        try:
            engine = db.engine
            # The batch is taken once the writer lock is ours: what queued while another process
            # (gunicorn worker) was committing joins this commit instead of waiting for the next.
            with _the_writer(engine):
                with _changed:
                    batch = _queue[:]
                    _queue.clear()
                _run(batch, engine)
        finally:
            with _changed:
                _leading = False
                _changed.notify_all()
    if job.error is not None:
        raise job.error
    return job.result


def _run(batch: list[_Job], engine: Engine) -> None:
    """Under the writer lock."""
    try:
        with Session(engine, expire_on_commit=False) as session:
            session.connection(execution_options={"tawasul_write": True})
            if len(batch) == 1:  # alone in its transaction: a failure rolls all of it back, no savepoint needed
                _run_alone(batch[0], session)
                return
            for job in batch:
                try:
                    with session.begin_nested():
                        job.result = job.work(session)
                except Exception as exc:  # this piece only; the savepoint is rolled back
                    job.error = exc
            session.commit()
    except BaseException as exc:  # the commit (or BEGIN) failed: nothing of the batch is stored
        for job in batch:
            job.result, job.error = None, job.error or exc
        if not isinstance(exc, Exception):
            raise
    finally:
        for job in batch:
            job.done = True


def _run_alone(job: _Job, session: Session) -> None:
    try:
        job.result = job.work(session)
    except Exception as exc:
        session.rollback()
        job.error = exc
        return
    session.commit()


_insert_if_new: dict[tuple[str, str], Any] = {}


def insert_if_new(session: Session, table: Table, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on the session's connection: True when the row is new.
    A conflict is an answer here, not an error that would spoil the transaction (PostgreSQL
    waits for a concurrent insert of the same key to commit, then inserts nothing)."""
    connection = session.connection()
    key = (table.name, connection.dialect.name)
    if key not in _insert_if_new:  # built once per table: construction cost more than the insert
        _insert_if_new[key] = insert_if_new_statement(table, connection.dialect.name)
    return connection.execute(_insert_if_new[key], values).first() is not None


def insert_if_new_statement(table: Table, dialect_name: str):
    insert = pg_insert if dialect_name == "postgresql" else sqlite_insert
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT that SQLAlchemy runs with RETURNING
    return insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)


class Prepared:
    """A Core statement compiled once per dialect and run straight on the DBAPI cursor of the
    session's connection, inside its transaction. Through `Connection.execute` each statement
    cost about 0.1 ms of CPU (cache key, execution context, result object): more than SQLite's
    own work, and a registration runs several. Values go through the columns' bind processors as
    SQLAlchemy's own execute would send them (dates on SQLite, enums); rows come back as the driver
    gives them, so select only plain integers and text. Driver errors are not wrapped in
    SQLAlchemy's exceptions."""

    def __init__(self, statement, column_keys: list[str] | None = None):
        """`statement`: a Core statement, or a function of the dialect's name giving one (an
        INSERT … ON CONFLICT is written per dialect). `column_keys`: an INSERT's columns."""
        self.statement = statement
        self.column_keys = column_keys
        self._by_dialect: dict[tuple[str, str], tuple[str, tuple[str, ...] | None, dict, dict]] = {}

    def _compiled(self, dialect):
        key = (dialect.name, dialect.driver)
        if key not in self._by_dialect:
            statement = self.statement(dialect.name) if callable(self.statement) else self.statement
            compiled = statement.compile(dialect=dialect, column_keys=self.column_keys)
            if compiled.escaped_bind_names or compiled.post_compile_params or compiled.literal_execute_params:
                raise ValueError("a prepared statement takes plain named parameters only")
            processors = {name: processor for bind, name in compiled.bind_names.items()
                          if (processor := bind.type.bind_processor(dialect)) is not None}
            # The values written into the statement itself (a CASE's constants), sent as the driver takes them.
            fixed = {name: bind.effective_value for bind, name in compiled.bind_names.items() if not bind.required}
            fixed = {name: processors.pop(name)(value) if name in processors else value for name, value in fixed.items()}
            positions = tuple(compiled.positiontup) if compiled.positional else None
            self._by_dialect[key] = (compiled.string, positions, processors, fixed)
        return self._by_dialect[key]

    def rows(self, connection, **values) -> list[tuple]:
        """`connection`: the session's (`session.connection()`), taken once by a caller that runs several."""
        sql, positions, processors, fixed = self._compiled(connection.dialect)
        for name, processor in processors.items():
            values[name] = processor(values[name])
        values.update(fixed)
        cursor = connection.connection.driver_connection.cursor()
        try:
            cursor.execute(sql, values if positions is None else tuple(values[name] for name in positions))
            return cursor.fetchall() if cursor.description else []
        finally:
            cursor.close()
