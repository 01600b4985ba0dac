"""The coordinator area's forms (Flask-WTF: CSRF on every one). Submission fields are the
partner form's own field definitions, so the rules a partner met are the rules an edit meets."""
from __future__ import annotations

import re

from wtforms import BooleanField, PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ..admin_models import Role
from ..fields import ChoiceField, MaxLength, PersonName, PlainText, Required, options, strip
from ..forms import ActivityForm, EndsAfterStart
from ..base_forms import StrictForm


class LoginForm(StrictForm):
    username = StringField("اسم المستخدم", [Required(), MaxLength(60)], filters=[strip])
    password = PasswordField("كلمة المرور", [Required(), MaxLength(200)])
    code = StringField("رمز التحقق من تطبيق المصادقة", [MaxLength(10)], filters=[strip],
                       description="ستة أرقام. اتركيه فارغاً إن لم يكن التحقق بخطوتين مفعّلاً لحسابك.")


class SubmissionForm(EndsAfterStart, StrictForm):
    title = ActivityForm.title
    activity_type = ActivityForm.activity_type
    governorate = ActivityForm.governorate
    starts_at = ActivityForm.starts_at
    ends_at = ActivityForm.ends_at
    venue_name = ActivityForm.venue_name
    venue_address = ActivityForm.venue_address
    target_group = ActivityForm.target_group
    campaign = ActivityForm.campaign
    description = ActivityForm.description

    def changes(self) -> dict:
        return {"title": self.title.data, "activity_type": self.activity_type.data,
                "governorate": self.governorate.data, "starts_at": self.starts_at.moment,
                "ends_at": self.ends_at.moment, "venue_name": self.venue_name.data,
                "venue_address": self.venue_address.data, "target_group": self.target_group.data,
                "campaign": self.campaign.data or None, "description": self.description.data}


def submission_form(submission, governorates: list[tuple[str, str]], campaigns: list[tuple[str, str]],
                    formdata=None) -> SubmissionForm:
    form = SubmissionForm(formdata=formdata) if formdata is not None else SubmissionForm(obj=submission)
    form.governorate.choices = options(governorates)
    form.campaign.choices = options([("", "ليس ضمن حملة")] + campaigns)
    if formdata is None:
        form.starts_at.data = submission.starts_at.strftime("%Y-%m-%dT%H:%M")
        form.ends_at.data = submission.ends_at.strftime("%Y-%m-%dT%H:%M")
        form.campaign.data = submission.campaign or ""
    return form


class RejectForm(StrictForm):
    reason = TextAreaField("سبب الرفض", [Required("اكتبي سبب الرفض"), MaxLength(500), PlainText(one_line=False)],
                           filters=[strip], description="يُحفظ مع الطلب ليُبلَّغ للمؤسسة عند التواصل معها.")


class AttendanceForm(StrictForm):
    attended = StringField()

    def wanted(self) -> bool:
        return self.attended.data == "1"


class BroadcastForm(StrictForm):
    text = TextAreaField("نص الرسالة", [Required("اكتبي نص الرسالة"), MaxLength(1000), PlainText(one_line=False)],
                         filters=[strip],
                         description="نص عادي فقط، دون مرفقات. يظهر تحت خط الفصل؛ عنوان الرسالة وسطرها الأول "
                                     "لا يذكران إلا الموعد. لا تكتبي فيه اسم أحد أو تفاصيل شخصية.")



_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,39}")


def username_rule(form, field):
    if field.data and not _USERNAME.fullmatch(field.data):
        raise ValidationError("اسم المستخدم: من 3 إلى 40 حرفاً لاتينياً صغيراً أو رقماً أو . _ -، يبدأ بحرف")


class AccountForm(StrictForm):
    """A new coordinator account (the ministry's page). No password field: the service makes one
    up and the page shows it once."""
    username = StringField("اسم المستخدم", [Required(), username_rule], filters=[strip, lambda v: v.lower() if v else v],
                           description="بالحروف اللاتينية، مثل: huda.jenin. تكتبه عند الدخول.")
    display_name = StringField("الاسم كما يظهر في منطقة المنسّقات", [Required(), MaxLength(80), PersonName()],
                               filters=[strip])
    role = RadioField("الدور", [Required("اختاري الدور")],
                      choices=options([(Role.governorate.value, "منسّقة محافظة: ترى محافظتها فقط"),
                                       (Role.ministry.value, "الوزارة: كل المحافظات والحسابات وسجل العمليات")]),
                      default=Role.governorate.value)
    governorate = ChoiceField("المحافظة", description="لمنسّقة المحافظة فقط.")
    totp = BooleanField("التحقق بخطوتين (رمز من تطبيق المصادقة عند الدخول)",
                        description="مفعّل دائماً لحسابات الوزارة.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.role.data == Role.governorate.value and not self.governorate.data:
            self.governorate.errors = ["اختاري محافظة المنسّقة"]
            valid = False
        return valid

    def governorate_or_none(self) -> str | None:
        return self.governorate.data if self.role.data == Role.governorate.value else None
