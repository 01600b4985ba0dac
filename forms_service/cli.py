"""Commands for operators: `flask --app forms_service purge-registrations`, `db-backup PATH`,
`db-restore PATH` (SQLite; PostgreSQL uses pg_dump and pg_restore, README "Backup and restore"),
`publish-site` (build the public site now from the newest commit), `seed-samples` (development data) and
`export-figures YEAR` (the year's published figures, README "Achievements and obstacles").
Coordinator accounts have their own group (admin/cli.py)."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


from .config import today
from .content import catalogue
from .services import audit


def init_app(app: Flask) -> None:
    app.cli.add_command(purge_registrations)
    app.cli.add_command(db_backup)
    app.cli.add_command(db_restore)
    app.cli.add_command(publish_site)
    app.cli.add_command(seed_samples)
    app.cli.add_command(export_figures)


def _sqlite_file() -> Path:
    from sqlalchemy.engine import make_url

    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException("db-backup and db-restore are for SQLite; for PostgreSQL use pg_dump and "
                                   "pg_restore (README, «Backup and restore»)")
    return Path(url.database)


@click.command("db-backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def db_backup(destination: Path) -> None:
    """Copy the SQLite database to DESTINATION while the service runs (SQLite backup API)."""
    from .services.backup import backup

    backup(_sqlite_file(), destination)
    click.echo(f"backed up to {destination}")


@click.command("db-restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Restore even though registrations made since the backup will be lost.")
@with_appcontext
def db_restore(source: Path, force: bool) -> None:
    """Put the database back to the backup in SOURCE. Stop the service first."""
    from .services.backup import NotABackup, RestoreRefused, restore

    try:
        lost = restore(source, _sqlite_file(), force)
    except RestoreRefused as refused:
        raise click.ClickException(
            f"registrations made after this backup, which restoring loses: {refused.lost}. "
            "Take a backup of the current database first (db-backup), then run db-restore --force") from None
    except NotABackup as exc:
        raise click.ClickException(f"{source}: {exc}") from None
    click.echo(f"restored from {source}; registrations lost: {lost}")


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


@click.command("publish-site")
@with_appcontext
def publish_site():
    """This year's figures brought up to date from the records (a commit when they changed),
    then the public site built now from the newest commit of the content branch (when the
    publish worker runs, it is asked to, as the «نشر الموقع الآن» button does)."""
    from .content import publisher, writer
    from .services.figures_export import before_publishing

    for problem in before_publishing(writer()):
        click.echo(f"figures not updated: {problem}", err=True)

    outcome = publisher().publish_now()
    if outcome is None:
        click.echo("the publish worker is running; it was asked to build the newest commit")
    elif outcome.error:
        raise click.ClickException(f"the build failed; the published site is unchanged:\n{outcome.error}")
    else:
        audit.record("cli", "publish", "site", None)
        click.echo(f"Published {current_app.config['SITE_DIR']}: {outcome.label}")


@click.command("seed-samples")
@with_appcontext
def seed_samples():
    """Add clearly-marked sample registrations and partner submissions (development only)."""
    from .services.samples import seed

    if current_app.config["PRODUCTION"]:
        raise click.ClickException("refusing to add sample data in production (FORMS_ENV=production)")
    registrations, submissions = seed(catalogue())
    click.echo(f"Added {registrations} sample registrations and {submissions} sample submissions.")


@click.command("export-figures")
@click.argument("year", type=int)
@click.option("--sample", is_flag=True, help="Mark the figures as sample (made-up records, e.g. after seed-samples).")
@with_appcontext
def export_figures(year: int, sample: bool) -> None:
    """Commit content/data/figures/YEAR.yml from the year's activity records: approved partner
    reports, events' own records, attendance (aggregated, small counts suppressed)."""
    from tawasul.git_store import RemoteRefused
    from tawasul.writer import WriteRefused

    from .content import writer
    from .services.figures_export import export, export_author

    try:
        path, counted, saved = export(year, writer(), export_author(), sample=sample)
    except WriteRefused as refused:
        raise click.ClickException("\n".join(refused.problems)) from None
    except RemoteRefused as refused:
        raise click.ClickException(f"{refused.message}\n{refused.detail}") from None
    click.echo(f"committed {path} ({saved.commit[:10]}) from {counted.summary()}"
               if saved.changed else f"{path} unchanged, from {counted.summary()}")
