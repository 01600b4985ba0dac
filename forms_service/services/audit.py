"""The audit log: who did what to which object and when. Only identifiers go in (a reference,
a slug, an id), never a name, a contact or free text someone typed."""
from __future__ import annotations

from sqlalchemy import select

from ..admin_models import AuditEntry
from ..database import write_transaction
from ..extensions import db


def record(actor: str, action: str, object_type: str | None = None, object_id: str | int | None = None,
           governorate: str | None = None) -> None:
    with write_transaction() as session:
        session.add(AuditEntry(actor=actor, action=action, object_type=object_type,
                               object_id=None if object_id is None else str(object_id), governorate=governorate))


def latest(limit: int = 200) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
