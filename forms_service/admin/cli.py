"""Operator commands of the coordinator area.

    flask --app forms_service coordinators create NAME --role governorate --governorate jenin
    flask --app forms_service coordinators create NAME --role ministry         (TOTP always on)
    flask --app forms_service coordinators disable|enable NAME
    flask --app forms_service coordinators reset NAME [--new-totp]
    flask --app forms_service coordinators list

Passwords are read from stdin (typed twice, hidden, on a terminal; the first line when piped)
or, with --generate-password, made up and shown once. There are no default accounts.
"""
from __future__ import annotations

import sys
import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from ..admin_models import Role
from ..content import catalogue
from ..services import accounts, passwords, totp

CLI = "cli"  # the actor of the audit records these commands write (through the accounts service)
coordinators = AppGroup("coordinators", help="Create, disable, reset and list coordinator accounts.")


def init_app(app: Flask) -> None:
    app.cli.add_command(coordinators)


def _password(generate: bool) -> tuple[str, bool]:
    if generate:
        return passwords.generate(), True
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True), False
    return sys.stdin.readline().rstrip("\r\n"), False


def _show_secrets(username: str, password: str | None, totp_secret: str | None) -> None:
    if password:
        click.echo(f"Password (shown once, give it to {username} in person): {password}")
    if totp_secret:
        click.echo(f"TOTP secret (shown once; add it to an authenticator app): {totp_secret}")
        click.echo(f"TOTP setup URI (can be turned into a QR code): {totp.provisioning_uri(totp_secret, username)}")


def _fail(error: Exception):
    raise click.ClickException(str(error))


@coordinators.command("create")
@click.argument("username")
@click.option("--name", "display_name", help="The name shown in the coordinator area (default: USERNAME).")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.governorate.value, show_default=True)
@click.option("--governorate", help="The governorate's slug (content/data/governorates.yml), e.g. jenin.")
@click.option("--totp/--no-totp", "with_totp", default=False, help="Require a TOTP code at login (always on for the ministry).")
@click.option("--generate-password", is_flag=True, help="Make up a strong password and show it once.")
@with_appcontext
def create(username, display_name, role, governorate, with_totp, generate_password):
    """Create a coordinator account."""
    known = catalogue().governorates
    if governorate and governorate not in known:
        _fail(ValueError(f"unknown governorate {governorate!r}; one of: {', '.join(known)}"))
    password, generated = _password(generate_password)
    try:
        account = accounts.create(username, display_name or username, Role(role), governorate, password, with_totp,
                                  actor=CLI)
    except (accounts.AccountError, passwords.WeakPassword) as error:
        _fail(error)
    click.echo(f"Created {account.role.value} coordinator {username}"
               + (f" for {account.governorate}" if account.governorate else ""))
    _show_secrets(username, password if generated else None, account.totp_secret)


def _switch(username: str, disabled: bool) -> None:
    try:
        accounts.set_disabled(username, disabled, actor=CLI)
    except accounts.AccountError as error:
        _fail(error)


@coordinators.command("disable")
@click.argument("username")
@with_appcontext
def disable(username):
    """Disable an account and end its sessions at once."""
    _switch(username, True)
    click.echo(f"Disabled {username}; its sessions are ended.")


@coordinators.command("enable")
@click.argument("username")
@with_appcontext
def enable(username):
    """Enable a disabled account again."""
    _switch(username, False)
    click.echo(f"Enabled {username}.")


@coordinators.command("reset")
@click.argument("username")
@click.option("--new-totp", is_flag=True, help="Also issue a new TOTP secret (a lost phone).")
@click.option("--generate-password", is_flag=True, help="Make up a strong password and show it once.")
@with_appcontext
def reset(username, new_totp, generate_password):
    """Set a new password, clear the lockout and end the account's sessions."""
    password, generated = _password(generate_password)
    try:
        account = accounts.reset(username, password, new_totp, actor=CLI)
    except (accounts.AccountError, passwords.WeakPassword) as error:
        _fail(error)
    click.echo(f"Reset {username}; its sessions are ended.")
    _show_secrets(username, password if generated else None, account.totp_secret if new_totp else None)


@coordinators.command("list")
@with_appcontext
def list_accounts():
    """One line per account: name, role, governorate, TOTP, state."""
    for account in accounts.all_accounts():
        click.echo("\t".join([account.username, account.role.value, account.governorate or "-",
                              "totp" if account.totp_secret else "no-totp",
                              "disabled" if account.disabled else "active"]))
