"""Operator commands: accounts are made, disabled and reset only here, with the password read
from stdin or generated and shown once; there are no default accounts. Also the sample data
step of the README, and «publish» from the command line."""
from __future__ import annotations

import pytest
from support.admin import Staff, admin_app
from sqlalchemy import select

from forms_service.admin_models import Coordinator
from forms_service.extensions import db
from forms_service.models import ActivitySubmission, Registration


@pytest.fixture
def bare_app(database_url, content, tmp_path):
    """No accounts at all, as after installing."""
    app = admin_app(database_url, content, tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def login(app, username, password, code=""):
    person = Staff(app, app.test_client(), username)
    return person, person.login(password=password, code=code)


def test_no_accounts_exist_until_created(bare_app):
    result = run(bare_app, "coordinators", "list")
    assert result.exit_code == 0 and result.output == ""
    with bare_app.app_context():
        assert db.session.query(Coordinator).count() == 0


def test_create_reads_the_password_from_stdin(bare_app):
    result = run(bare_app, "coordinators", "create", "salma", "--name", "سلمى", "--governorate", "jenin",
                 input="a-long-enough-password\n")
    assert result.exit_code == 0, result.output
    assert "a-long-enough-password" not in result.output  # never echoed
    assert login(bare_app, "salma", "a-long-enough-password")[1].status_code == 303
    assert run(bare_app, "coordinators", "list").output.split("\t")[:3] == ["salma", "governorate", "jenin"]


@pytest.mark.parametrize("args,stdin,message", [
    (["--governorate", "jenin"], "short\n", "shorter than 12"),
    (["--governorate", "atlantis"], "a-long-enough-password\n", "unknown governorate"),
    ([], "a-long-enough-password\n", "needs --governorate"),
])
def test_create_refuses_bad_requests(bare_app, args, stdin, message):
    result = run(bare_app, "coordinators", "create", "salma", *args, input=stdin)
    assert result.exit_code != 0 and message in result.output
    with bare_app.app_context():
        assert db.session.query(Coordinator).count() == 0


def test_a_generated_password_is_shown_once_and_works(bare_app):
    result = run(bare_app, "coordinators", "create", "rana", "--governorate", "nablus", "--generate-password")
    assert result.exit_code == 0, result.output
    password = result.output.split("in person): ", 1)[1].split()[0]
    assert len(password) >= 20 and result.output.count(password) == 1
    assert login(bare_app, "rana", password)[1].status_code == 303
    assert run(bare_app, "coordinators", "create", "rana", "--governorate", "nablus",
               "--generate-password").exit_code != 0  # no duplicates


def test_a_ministry_account_always_gets_totp(bare_app):
    import pyotp

    result = run(bare_app, "coordinators", "create", "wizara", "--role", "ministry", "--generate-password")
    assert result.exit_code == 0, result.output
    password = result.output.split("in person): ", 1)[1].split()[0]
    secret = result.output.split("authenticator app): ", 1)[1].split()[0]
    assert "otpauth://totp/Tawasul:wizara?secret=" + secret in result.output
    assert login(bare_app, "wizara", password, code="")[1].status_code == 401
    assert login(bare_app, "wizara", password, code=pyotp.TOTP(secret).now())[1].status_code == 303


def test_disable_ends_sessions_and_reset_replaces_the_password(bare_app):
    run(bare_app, "coordinators", "create", "huda", "--governorate", "jenin", input="first-password-123\n")
    person, answer = login(bare_app, "huda", "first-password-123")
    assert answer.status_code == 303
    assert run(bare_app, "coordinators", "disable", "huda").exit_code == 0
    assert person.client.get("/admin/").status_code == 303
    assert login(bare_app, "huda", "first-password-123")[1].status_code == 401
    assert "disabled" in run(bare_app, "coordinators", "list").output
    run(bare_app, "coordinators", "enable", "huda")
    person, _ = login(bare_app, "huda", "first-password-123")
    assert run(bare_app, "coordinators", "reset", "huda", input="second-password-456\n").exit_code == 0
    assert person.client.get("/admin/").status_code == 303  # reset ended her session
    assert login(bare_app, "huda", "first-password-123")[1].status_code == 401
    assert login(bare_app, "huda", "second-password-456")[1].status_code == 303
    with bare_app.app_context():
        assert db.session.scalar(select(Coordinator.failed_logins).where(Coordinator.username == "huda")) == 0
    assert run(bare_app, "coordinators", "disable", "nobody").exit_code != 0


def test_seed_samples_for_the_readme_walk_through(bare_app):
    result = run(bare_app, "seed-samples")
    assert result.exit_code == 0, result.output
    with bare_app.app_context():
        names = [n for (n,) in db.session.execute(select(Registration.name))]
        submissions = db.session.query(ActivitySubmission).all()
    assert names and all("(عيّنة)" in n for n in names)
    assert submissions and all("(عيّنة)" in s.organisation for s in submissions)
    assert run(bare_app, "seed-samples").exit_code == 0  # a second run adds no duplicates
    with bare_app.app_context():
        assert db.session.query(Registration).count() == len(names)
        assert db.session.query(ActivitySubmission).count() == len(submissions)


def test_seed_samples_refuses_production(database_url, content, tmp_path):
    app = admin_app(database_url, content, tmp_path, PRODUCTION=True)
    result = run(app, "seed-samples")
    assert result.exit_code != 0 and "production" in result.output


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a build: any database
def test_publish_site_command(bare_app):
    from pathlib import Path

    result = run(bare_app, "publish-site")
    assert result.exit_code == 0, result.output
    assert (Path(bare_app.config["SITE_DIR"]) / "events" / "open-individuals" / "index.html").is_file()
