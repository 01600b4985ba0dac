"""The coordinator area's migration upgrades a database that already holds registrations and
submissions (the form service's first schema): existing rows get `attended = false`, the new
tables are empty (no default accounts), and the result matches the models exactly."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from support.forms import SECRET
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from forms_service import create_app
from forms_service.extensions import db

FIRST = "b3e07537d340"


def test_upgrade_keeps_existing_rows(database_url, content):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": SECRET, "CONTENT_ROOT": str(content)})
    with app.app_context():
        upgrade(revision=FIRST)
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO registration (reference, event_slug, event_ends_on, state, seats, name, contact, "
                "governorate, created_at, updated_at) VALUES ('ABCDEFGH', 'open-both', '2026-12-08', 'confirmed', 1, "
                "'سلمى', '+970599123456', 'jenin', '2026-11-29 10:00:00', '2026-11-29 10:00:00')"))
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT attended FROM registration")).scalar_one() in (False, 0)
            assert connection.execute(text("SELECT count(*) FROM coordinator")).scalar_one() == 0
            assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
        assert {"coordinator", "admin_session", "audit_entry"} <= set(inspect(db.engine).get_table_names())
        downgrade(revision=FIRST)
        assert "coordinator" not in inspect(db.engine).get_table_names()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM registration")).scalar_one() == "سلمى"
        db.engine.dispose()
