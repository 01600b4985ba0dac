"""What the management side stores: coordinator accounts, their server-side sessions, and the
audit log. Kept apart from models.py, which holds what the public submitted."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models import _enum, utcnow


class Role(str, enum.Enum):
    governorate = "governorate"  # one governorate's coordinator
    ministry = "ministry"        # every governorate, the audit log and the accounts


class Coordinator(db.Model):
    __tablename__ = "coordinator"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[Role] = mapped_column(_enum(Role))
    governorate: Mapped[str | None] = mapped_column(String(40))  # None for the ministry
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last TOTP time step accepted: a code is never accepted twice (replay).
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_ministry(self) -> bool:
        return self.role == Role.ministry

    def sees(self, governorate: str | None) -> bool:
        """The one scope rule: the ministry sees everything, a coordinator her governorate only."""
        return self.is_ministry or (governorate is not None and governorate == self.governorate)


class AdminSession(db.Model):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
    of the database does not hand out live sessions. Deleting the row ends the session."""
    __tablename__ = "admin_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("coordinator.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(db.Model):
    """Who did what to which object, and when; never the personal data itself."""
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # The account name is copied so the log still reads after an account is gone.
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(20))
    object_id: Mapped[str | None] = mapped_column(String(120))
    governorate: Mapped[str | None] = mapped_column(String(40))
    # The content commit a web edit made (git log shows what changed); None for other actions.
    commit: Mapped[str | None] = mapped_column(String(40))
