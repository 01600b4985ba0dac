"""The event editor's forms: every field of an event file (tawasul/schema.py `Event`), in Arabic,
with native date and time inputs. They check only the shape of what she typed (a date, a number);
the content rules are the model's, applied when the file is checked with the whole catalogue, and
their messages come back beside these fields (services/event_editor.FIELD_OF)."""
from __future__ import annotations

from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from tawasul.schema import EVENT_TYPE_NAMES, Audience

from ..fields import ChoiceField, ClockField, CountField, DayField, MaxLength, PlainText, Required, options, strip
from ..base_forms import StrictForm
from ..forms import PEOPLE_GROUP_VALUES, ActivityForm

AUDIENCE_NAMES = {Audience.individuals: "أفراد", Audience.organisations: "مؤسسات", Audience.both: "أفراد ومؤسسات"}
NONE = ""


def _text(label: str, limit: int, required: bool = True, **kwargs):
    rules = ([Required()] if required else []) + [MaxLength(limit), PlainText()]
    return StringField(label, rules, filters=[strip], **kwargs)


class EventForm(StrictForm):
    # The version of the file she opened (its blob id): a save over a newer one is refused as stale.
    base = HiddenField()
    # Which button she pressed: «معاينة», «حفظ», or «رجوع إلى التعديل» from the preview.
    action = HiddenField()
    title = _text("عنوان الفعالية", 150)
    type = ChoiceField("نوع الفعالية", [Required()],
                       choices=options([(NONE, "اختاري النوع")] + [(k.value, v) for k, v in EVENT_TYPE_NAMES.items()]))
    start_date = DayField("تاريخ البدء", validators=[Required()])
    start_time = ClockField("وقت البدء (اختياري)", description="اتركيه فارغاً لفعالية تستمر اليوم كله.")
    end_date = DayField("تاريخ الانتهاء (اختياري)", description="لفعالية تمتد أكثر من يوم، أو إن اختلف عن يوم البدء.")
    end_time = ClockField("وقت الانتهاء", description="مطلوب إذا حدّدتِ وقت البدء.")
    governorate = ChoiceField("المحافظة", [Required()])
    centre = ChoiceField("المركز المنظِّم (اختياري)")
    venue_name = _text("اسم المكان", 150, description="مثل: قاعة البلدية.")
    venue_address = _text("عنوان المكان", 200)
    organiser = _text("الجهة المنظِّمة إن لم تكن المركز (اختياري)", 150, required=False)
    audience = _text("الفئة المستهدفة", 200, description="مثل: النساء العاملات في القطاع الزراعي.")
    summary = TextAreaField("ملخص قصير", [Required(), MaxLength(400), PlainText(one_line=False)], filters=[strip],
                            description="جملة أو جملتان تظهران في القوائم وفي أعلى صفحة الفعالية.")
    description = TextAreaField("التفاصيل (اختياري)", [MaxLength(5000)], filters=[strip],
                                description="البرنامج والمتحدثات وما تحتاج المشاركات معرفته. سطر فارغ بين الفقرات.")
    campaign = ChoiceField("ضمن حملة (اختياري)")
    occasion = ChoiceField("المناسبة (اختياري)")
    registration = BooleanField("تُقبل التسجيلات لهذه الفعالية عبر الموقع")
    capacity = CountField("عدد المقاعد", minimum=1, maximum=10000)
    opens = DayField("يُفتح التسجيل في")
    closes = DayField("يُغلق التسجيل في", description="في يوم الفعالية أو قبله.")
    registration_audience = ChoiceField("من يسجّل", choices=options([(k.value, v) for k, v in AUDIENCE_NAMES.items()]))
    waitlist = BooleanField("قائمة انتظار بعد اكتمال العدد")
    # The record once it has been held (4W/5W), with the partner form's own fields, so the yearly
    # figures count an event and a partner's report the same way. Counts only, never names.
    reached_female_adult = ActivityForm.reached_female_adult
    reached_female_under_18 = ActivityForm.reached_female_under_18
    reached_male_adult = ActivityForm.reached_male_adult
    reached_male_under_18 = ActivityForm.reached_male_under_18
    partners = ActivityForm.partners
    locality = ChoiceField("البلدة أو القرية أو المخيّم (اختياري)", default=NONE,
                           description="من قائمة محافظة الفعالية، إن لم تكن في مدينة المركز.")

    def reached_fields(self):
        return [getattr(self, f"reached_{group}") for group in PEOPLE_GROUP_VALUES]

    def with_choices(self, governorates, centres, campaigns, occasions, localities=()) -> "EventForm":
        """`localities`: (governorate name, locality name) pairs, grouped in the list by governorate."""
        self.locality.choices = [SelectChoice(NONE, "غير محدّدة")] + [
            SelectChoice(name, name, optgroup=group) for group, name in localities]
        self.governorate.choices = options(governorates)
        self.centre.choices = options([(NONE, "لا مركز بعينه")] + centres)
        self.campaign.choices = options([(NONE, "ليست ضمن حملة")] + campaigns)
        self.occasion.choices = options([(NONE, "لا مناسبة")] + occasions)
        return self

    def validate(self, extra_validators=None) -> bool:
        """The registration block's fields are required only when she asks for registration."""
        if self.registration.data:
            extra_validators = {name: [Required()] for name in ("capacity", "opens", "closes")}
        return super().validate(extra_validators)

    def hidden_copy(self) -> list[tuple[str, str]]:
        """Her values as (name, value) pairs, to carry through the preview page unchanged."""
        return [(f.name, "y" if isinstance(f, BooleanField) else (f.data or "")) for f in self
                if f.name not in ("csrf_token", "action") and not (isinstance(f, BooleanField) and not f.data)]


class CancelForm(StrictForm):
    base = HiddenField()
    step = HiddenField()
    reason = TextAreaField("سبب الإلغاء", [Required("اكتبي سبب الإلغاء"), MaxLength(300), PlainText(one_line=False)],
                           filters=[strip], description="يظهر على صفحة الفعالية في الموقع، مثل: بسبب الأحوال الجوية.")


class PostponeForm(StrictForm):
    base = HiddenField()
    step = HiddenField()
    start_date = DayField("الموعد الجديد: التاريخ", validators=[Required()])
    start_time = ClockField("الموعد الجديد: وقت البدء", description="تبقى مدة الفعالية كما هي.")
