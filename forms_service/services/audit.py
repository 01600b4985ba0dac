"""The audit log: who did what to which object and when. Only identifiers go in (a reference,
a slug, an id), never a name, a contact or free text someone typed."""
from __future__ import annotations

from sqlalchemy import select

from ..admin_models import AuditEntry
from ..database import write_transaction
from ..extensions import db


# What the log shows the ministry, in Arabic; the stored codes stay short and stable.
ACTION_NAMES = {
    "login": "دخول", "login_failed": "محاولة دخول فاشلة", "logout": "خروج",
    "account_create": "إنشاء حساب", "account_enable": "إعادة تفعيل حساب", "account_disable": "إيقاف حساب",
    "account_reset": "إعادة تعيين كلمة المرور", "account_totp_reset": "إعادة تعيين التحقق بخطوتين",
    "publish": "نشر الموقع",
    "submission_approve": "اعتماد نشاط", "submission_edit": "تعديل طلب نشاط", "submission_reject": "رفض طلب نشاط",
    "attended": "تسجيل حضور", "absent": "إزالة علامة الحضور", "cancel": "إلغاء تسجيل",
    "move_up": "نقل من قائمة الانتظار", "export_csv": "تنزيل قائمة CSV", "export_xlsx": "تنزيل قائمة Excel",
    "export_sheet": "تنزيل كشف الحضور PDF", "broadcast": "رسالة إلى المسجَّلات",
    "content_edit": "تعديل محتوى", "content_restore": "استعادة نسخة سابقة", "content_reapply": "إعادة تطبيق تعديل",
    "figures_export": "تصدير الأرقام السنوية",
    "event_create": "إنشاء فعالية", "event_edit": "تعديل فعالية", "event_cancel": "إلغاء فعالية",
    "event_postpone": "تأجيل فعالية",
}
OBJECT_NAMES = {"account": "حساب", "site": "الموقع", "event": "فعالية", "submission": "طلب نشاط",
                "registration": "تسجيل", "file": "ملف محتوى", "article": "مقال توعوي", "campaign": "حملة",
                "occasion": "مناسبة", "helpline": "رقم مساعدة"}


def action_name(code: str) -> str:
    return ACTION_NAMES.get(code, code)


def object_name(code: str | None) -> str:
    return OBJECT_NAMES.get(code, code) if code else ""


def entry(actor: str, action: str, object_type: str | None = None, object_id: str | int | None = None,
          governorate: str | None = None, commit: str | None = None) -> AuditEntry:
    """An entry to add to the session of the change it records (one transaction: both or neither);
    `commit`: the content commit a web edit made."""
    return AuditEntry(actor=actor, action=action, object_type=object_type,
                      object_id=None if object_id is None else str(object_id), governorate=governorate,
                      commit=commit)


def record(actor: str, action: str, object_type: str | None = None, object_id: str | int | None = None,
           governorate: str | None = None, commit: str | None = None) -> None:
    with write_transaction() as session:
        session.add(entry(actor, action, object_type, object_id, governorate, commit))


def latest(limit: int = 200) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
