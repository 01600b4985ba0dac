"""The Alembic migrations build, on an empty database of each kind, exactly the models' schema."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from forms_service import create_app
from forms_service.extensions import db


def test_upgrade_an_empty_database_matches_the_models(database_url, forms_content):
    from support.forms import SECRET
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": SECRET, "CONTENT_ROOT": str(forms_content)})
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == []
        assert {"registration", "event_seats", "registration_tally", "activity_submission"} <= set(
            inspect(db.engine).get_table_names())
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        db.engine.dispose()
