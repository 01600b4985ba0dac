"""Online backup and restore of an SQLite database with SQLite's own backup API: a consistent
copy page by page while the service keeps running (WAL readers and writers are not stopped).

A restore puts the database back to the moment of the backup. Registrations made since are
gone (their confirmation links answer "not found" and their places are free again), so the
restore refuses when the live database holds registrations the backup lacks, unless forced.
PostgreSQL uses pg_dump / pg_restore instead (README, "Backup and restore").
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class RestoreRefused(Exception):
    def __init__(self, lost: int):
        super().__init__(lost)
        self.lost = lost


class NotABackup(Exception):
    pass


def _copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup API: a consistent copy even while the service writes."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        with sqlite3.connect(target_path) as target:
            source.backup(target)
        target.close()
    finally:
        source.close()


def backup(database: Path, destination: Path) -> None:
    """Copy `database` into `destination` (replaced atomically, readable by its owner only)."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(database, partial)
    os.chmod(partial, 0o600)  # it holds personal data
    os.replace(partial, destination)


def _check(backup_file: Path) -> None:
    with sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True) as conn:
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise NotABackup(str(exc)) from None
    if not ok or "registration" not in tables:
        raise NotABackup("not a backup of this service's database (or damaged)")


def registrations_lost(database: Path, backup_file: Path) -> int:
    """Registrations in the live database that the backup does not have."""
    if not database.exists():
        return 0
    with sqlite3.connect(database) as conn:
        conn.execute("ATTACH DATABASE ? AS restored", (f"file:{backup_file}?mode=ro",))
        return conn.execute("SELECT COUNT(*) FROM main.registration WHERE reference NOT IN "
                            "(SELECT reference FROM restored.registration)").fetchone()[0]


def restore(backup_file: Path, database: Path, force: bool = False) -> int:
    """Replace the contents of `database` with the backup's; returns the registrations lost."""
    _check(backup_file)
    lost = registrations_lost(database, backup_file)
    if lost and not force:
        raise RestoreRefused(lost)
    _copy(backup_file, database)
    return lost
