"""Coordinator accounts: creation, disabling and resets (from the CLI and from the ministry's
pages), each with its audit record in the same transaction, and the login decision.

Passwords and TOTP secrets are handed back to the caller to show once; only the Argon2id hash
is stored, and nothing here logs or audits a secret.

A login fails with one reason for the log and one generic message for the person. Failures
lock the account progressively (after ADMIN_LOCKOUT_AFTER of them: 1 min, 2, 4… up to an
hour); the per-address rate limit sits on the login route itself.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from ..admin_models import AdminSession, AuditEntry, Coordinator, Role
from ..database import aware, write_transaction
from ..extensions import db
from ..models import utcnow
from . import audit, passwords, totp
from .errors import Refused


UNKNOWN_ACTOR = "(اسم غير معروف)"


class AccountError(ValueError):
    """A request that cannot be done (unknown account, duplicate name…); the message is the CLI's."""


class UsernameTaken(AccountError):
    pass


class LoginFailed(Exception):
    """`reason` is for the server log only; the person sees one generic message."""

    def __init__(self, reason: str, account: Coordinator | None = None):
        super().__init__(reason)
        self.reason = reason
        self.account = account


def find(username: str) -> Coordinator | None:
    return db.session.scalar(select(Coordinator).where(Coordinator.username == username))


def _existing(username: str) -> Coordinator:
    account = find(username)
    if account is None:
        raise AccountError(f"no coordinator named {username!r}")
    return account


def create(username: str, display_name: str, role: Role, governorate: str | None, password: str,
           with_totp: bool, *, actor: str) -> Coordinator:
    if role == Role.governorate and not governorate:
        raise AccountError("a governorate coordinator needs --governorate")
    if role == Role.ministry:
        governorate, with_totp = None, True  # the ministry always signs in with a second factor
    if find(username) is not None:
        raise UsernameTaken(f"a coordinator named {username!r} already exists")
    account = Coordinator(username=username, display_name=display_name, role=role, governorate=governorate,
                          password_hash=passwords.hash_password(password),
                          totp_secret=totp.new_secret() if with_totp else None)
    with write_transaction() as session:
        session.add(account)
        session.add(audit.entry(actor, "account_create", "account", username))
    return account


def _not_her_own(username: str, actor: str, refusal: str) -> None:
    """From the web she cannot lock herself out: her own account changes only from the CLI."""
    if username == actor:
        raise Refused(refusal)


def set_disabled(username: str, disabled: bool, *, actor: str) -> Coordinator:
    """Disabling ends every session of the account at once."""
    account = _existing(username)
    _not_her_own(username, actor, "لا يمكنك إيقاف حسابك أنتِ.")
    with write_transaction() as session:
        session.execute(update(Coordinator).where(Coordinator.id == account.id).values(disabled=disabled))
        if disabled:
            session.execute(delete(AdminSession).where(AdminSession.coordinator_id == account.id))
        session.add(audit.entry(actor, "account_disable" if disabled else "account_enable", "account", username))
    return _existing(username)


def _start_over(account: Coordinator, values: dict, action: str, actor: str) -> Coordinator:
    """Store the new credentials, clear the lockout and end every session of the account."""
    values.update(failed_logins=0, locked_until=None)
    with write_transaction() as session:
        session.execute(update(Coordinator).where(Coordinator.id == account.id).values(**values))
        session.execute(delete(AdminSession).where(AdminSession.coordinator_id == account.id))
        session.add(audit.entry(actor, action, "account", account.username))
    return _existing(account.username)


def reset(username: str, password: str, new_totp: bool, *, actor: str) -> Coordinator:
    """A new password (and, if asked, a new TOTP secret); lockout cleared, sessions ended."""
    account = _existing(username)
    _not_her_own(username, actor, "لا يمكنك إعادة تعيين كلمة مرور حسابك أنتِ من هنا.")
    values = {"password_hash": passwords.hash_password(password)}
    if new_totp or account.is_ministry and not account.totp_secret:
        values.update(totp_secret=totp.new_secret(), totp_last_step=None)
    return _start_over(account, values, "account_reset", actor)


def reset_totp(username: str, *, actor: str) -> Coordinator:
    """A new TOTP secret alone (a lost phone): her password stays; lockout cleared, sessions ended.
    On an account without TOTP this turns it on."""
    account = _existing(username)
    _not_her_own(username, actor, "لا يمكنك إعادة تعيين التحقق بخطوتين لحسابك أنتِ من هنا.")
    return _start_over(account, {"totp_secret": totp.new_secret(), "totp_last_step": None}, "account_totp_reset",
                       actor)


def all_accounts() -> list[Coordinator]:
    return list(db.session.scalars(select(Coordinator).order_by(Coordinator.role, Coordinator.governorate,
                                                                Coordinator.username)))


def authenticate(username: str, password: str, code: str | None) -> Coordinator:
    account = find(username)
    if account is None or account.disabled or _locked(account):
        passwords.burn(password)
        _failure(account, counts=False)
        raise LoginFailed("unknown_account" if account is None else "disabled" if account.disabled else "locked",
                          account)
    matches, new_hash = passwords.check(account.password_hash, password)
    if not matches:
        _failure(account, counts=True)
        raise LoginFailed("bad_password", account)
    if account.is_ministry and not account.totp_secret:
        _failure(account, counts=False)
        raise LoginFailed("totp_not_set_up", account)
    if account.totp_secret:
        step = totp.matching_step(account.totp_secret, code)
        if step is None or not _claim_step(account, step):
            _failure(account, counts=True)
            raise LoginFailed("bad_code" if step is None else "replayed_code", account)
    values = {"failed_logins": 0, "locked_until": None, "last_login_at": utcnow()}
    if new_hash:
        values["password_hash"] = new_hash
    with write_transaction() as session:
        session.execute(update(Coordinator).where(Coordinator.id == account.id).values(**values))
    return account


def _locked(account: Coordinator) -> bool:
    return account.locked_until is not None and aware(account.locked_until) > utcnow()


def lock_seconds(failures: int) -> int:
    cfg = current_app.config
    over = failures - cfg["ADMIN_LOCKOUT_AFTER"]
    if over < 0:
        return 0
    return min(cfg["ADMIN_LOCKOUT_BASE_SECONDS"] * 2 ** min(over, 20), cfg["ADMIN_LOCKOUT_MAX_SECONDS"])


def _failure(account: Coordinator | None, counts: bool) -> None:
    """Every failed login does the same work, so its timing tells nothing: one write transaction
    with the audit entry (an unknown name is recorded without the name: people type their password
    into it by mistake) and, when the failure counts towards the lockout, the account's strike."""
    with write_transaction() as session:
        session.add(AuditEntry(actor=account.username if account else UNKNOWN_ACTOR, action="login_failed",
                               object_type="account", object_id=account.username if account else None))
        row = session.scalar(select(Coordinator).where(Coordinator.id == (account.id if account else None))
                             .with_for_update())
        if row is not None and counts:
            row.failed_logins += 1
            seconds = lock_seconds(row.failed_logins)
            if seconds:
                row.locked_until = utcnow() + timedelta(seconds=seconds)


def _claim_step(account: Coordinator, step: int) -> bool:
    """Accept this time step only if it is later than the last one accepted: one atomic UPDATE,
    so two requests racing with the same code cannot both win."""
    with write_transaction() as session:
        claimed = session.execute(
            update(Coordinator)
            .where(Coordinator.id == account.id,
                   (Coordinator.totp_last_step.is_(None)) | (Coordinator.totp_last_step < step))
            .values(totp_last_step=step)).rowcount
    return claimed == 1
