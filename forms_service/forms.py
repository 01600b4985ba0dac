"""The public forms. Labels, hints and every message are Arabic and address her in the feminine."""
from __future__ import annotations

from wtforms import BooleanField, RadioField, StringField, TextAreaField

from tawasul import dates
from tawasul.schema import EVENT_TYPE_NAMES, MEMBER_TYPE_NAMES, Audience, Event

from .fields import (ChoiceField, options, ContactField, CountField, EmailField, LocalDateTimeField, MaxLength,
                     PeopleList, PersonName, PlainText, Required, strip)
from .base_forms import GuardedForm, StrictForm
from .config import today
from wtforms.fields.choices import SelectChoice

CONTACT_HINT = "رقم هاتف (مثل 0599123456) أو بريد إلكتروني، لنبلغك بأي تغيير في موعد الفعالية."


def consent_text(retention_days: int) -> str:
    return (f"أوافق على حفظ هذه البيانات لغرض تنظيم هذه الفعالية والتواصل معي بشأنها فقط. "
            f"لا تُشارَك مع أي جهة أخرى، وتُحذف بعد {retention_days} يوماً من انتهاء الفعالية.")


# «هل من الآمن أن نتواصل معكِ؟» (models.ContactPreference). Not answering is allowed: then
# nobody calls her, and she gets messages only if she asked for them.
SAFE_CONTACT_CHOICES = [
    ("any", "نعم، بأي وسيلة"),
    ("messages_only", "رسائل فقط، دون اتصال"),
    ("calls_only", "اتصال فقط، في الأوقات التي أكتبها"),
    ("none", "أرجو ألا تتواصلوا معي"),
]
SAFE_CONTACT_VALUES = tuple(value for value, _label in SAFE_CONTACT_CHOICES)

# «للإحصاءات فقط»: the four groups of the yearly figures (tawasul.figures.aggregate.PEOPLE_GROUPS),
# asked as a group, never as a birth date or an exact age. Not answering changes nothing: she is
# then counted as attending, in no group.
PEOPLE_GROUP_CHOICES = [
    ("female_adult", "امرأة (18 سنة فأكثر)"),
    ("female_under_18", "فتاة (دون 18 سنة)"),
    ("male_adult", "رجل (18 سنة فأكثر)"),
    ("male_under_18", "فتى (دون 18 سنة)"),
]
PEOPLE_GROUP_VALUES = tuple(value for value, _label in PEOPLE_GROUP_CHOICES)
PEOPLE_GROUP_HINT = ("سؤال اختياري لأرقامنا السنوية فقط: إن حضرتِ عُددتِ في مجموع لا يذكر أحداً، "
                     "ولا تُنشر الأعداد الأقل من 5. يمكنكِ تركه دون إجابة.")


class RegistrationForm(GuardedForm):
    name = StringField("الاسم", [Required(), MaxLength(80), PersonName()], filters=[strip],
                       description="يكفي الاسم الأول أو اسم تختارينه.")
    contact = ContactField("وسيلة التواصل", [Required(), MaxLength(254)], filters=[strip],
                           description=CONTACT_HINT)
    governorate = ChoiceField("المحافظة", [Required()])
    access_needs = TextAreaField("ما يسهّل مشاركتكِ (اختياري)", [MaxLength(300), PlainText(one_line=False)], filters=[strip],
                                 description="مثل مدخل مناسب للكرسي المتحرك أو مكان لطفل مرافق. "
                                             "لا تكتبي هنا قصصاً أو تفاصيل شخصية.")
    # Messages are opt-in and go only to an address given for them (README «Messages»).
    notify = BooleanField("أرسلوا لي رسائل عن هذا التسجيل")
    email = EmailField("البريد الإلكتروني للرسائل (اختياري)", [MaxLength(254)], filters=[strip],
                       description="تصلكِ عليه رسالة عند التسجيل وعند أي تغيير في الموعد، وتذكير قبله بيوم. "
                                   "عنوان الرسالة وسطرها الأول لا يذكران إلا الموعد. "
                                   "يكفي بريد وسيلة التواصل أعلاه إن كانت بريداً.")
    contact_preference = RadioField("هل من الآمن أن نتواصل معكِ؟", choices=options(SAFE_CONTACT_CHOICES),
                                    validate_choice=False)
    call_times = StringField("أوقات يناسبكِ فيها الاتصال", [MaxLength(120), PlainText()], filters=[strip],
                             description="مثل: صباحاً بين 9 و11.")
    people_group = RadioField("للإحصاءات فقط: أيّ هذه الفئات تنطبق عليكِ؟", choices=options(PEOPLE_GROUP_CHOICES),
                              validate_choice=False, description=PEOPLE_GROUP_HINT)
    consent = BooleanField("الموافقة على حفظ البيانات", [Required("يلزم أن توافقي على حفظ البيانات لإتمام التسجيل")])

    def seats(self) -> int:
        return 1

    def group_answer(self) -> str | None:
        """Her group, kept only when the registration is for herself alone."""
        if self.people_group is None or self.seats() > 1 or self.organisation_name():
            return None
        return self.people_group.data or None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        contact_email = "@" in (self.contact.normalised or "")
        if self.notify.data and not (self.email.normalised or contact_email) and not self.email.errors:
            self.email.errors = ["اكتبي بريدكِ الإلكتروني لنرسل إليه الرسائل، أو ألغي اختيار «أرسلوا لي رسائل»"]
            valid = False
        preference = self.contact_preference.data
        if preference not in (None, "", *SAFE_CONTACT_VALUES):
            self.contact_preference.errors = ["اختاري واحدة من الإجابات"]
            valid = False
        if self.people_group is not None and self.people_group.data not in (None, "", *PEOPLE_GROUP_VALUES):
            self.people_group.errors = ["اختاري واحدة من الإجابات، أو اتركي السؤال دون إجابة"]
            valid = False
        if preference == "calls_only" and not self.call_times.data and not self.call_times.errors:
            self.call_times.errors = ["اكتبي الأوقات التي يناسبكِ فيها الاتصال"]
            valid = False
        return valid

    def message_address(self) -> str | None:
        return self.email.normalised

    def organisation_name(self) -> str | None:
        return None

    def people(self) -> list[tuple[str, str | None]]:
        return []


PEOPLE_HINT = ("اسم في كل سطر، ويمكن كتابة الدور بعد فاصلة، مثل: سلمى، منسّقة المشروع. "
               "يمكنكِ ترك الأسماء الآن وإضافتها لاحقاً من صفحة تسجيلكِ.")


class _OrganisationFields:
    """Shared by the two variants that take organisations; each declares its own fields."""
    names = TextAreaField("أسماء المشاركين والمشاركات (اختياري)", [MaxLength(4000), PeopleList()], filters=[strip],
                          description=PEOPLE_HINT)

    def seats(self) -> int:
        return self.attendees.number or 1

    def people(self) -> list[tuple[str, str | None]]:
        return getattr(self.names, "people", [])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and len(self.people()) > self.seats():
            self.names.errors.append(f"الأسماء أكثر من عدد المشاركين ({self.seats()}); زيدي العدد أو احذفي أسماء")
            return False
        return valid

    def organisation_name(self) -> str | None:
        return self.organisation.data or None

    def process(self, *args, **kwargs):
        super().process(*args, **kwargs)
        if self.attendees.data in (None, ""):
            self.attendees.data = "1"


class OrganisationRegistrationForm(_OrganisationFields, RegistrationForm):
    organisation = StringField("اسم المؤسسة", [Required(), MaxLength(120), PlainText()], filters=[strip])
    attendees = CountField("عدد المشاركين والمشاركات", minimum=1, validators=[Required()],
                           description="كل مشارك أو مشاركة يشغل مقعداً.")
    people_group = None  # asked of a person registering herself, not of an organisation

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An organisation's booking is in the name of whoever answers for it, not a pseudonym.
        self.name.description = "اسم الشخص المسؤول عن التسجيل."


class OpenRegistrationForm(_OrganisationFields, RegistrationForm):
    """Audience "both": an individual leaves the organisation empty; more than one attendee
    needs the organisation's name."""
    organisation = StringField("اسم المؤسسة (إن كنتِ تسجّلين باسم مؤسسة)", [MaxLength(120), PlainText()], filters=[strip])
    attendees = CountField("عدد المشاركين والمشاركات", minimum=1,
                           description="اتركيه 1 إن كنتِ تسجّلين لنفسكِ. كل مشارك أو مشاركة يشغل مقعداً.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.seats() > 1 and not self.organisation.data:
            self.organisation.errors.append("اكتبي اسم المؤسسة عند تسجيل أكثر من مشاركة واحدة")
            return False
        return valid


FORM_BY_AUDIENCE = {Audience.individuals: RegistrationForm, Audience.organisations: OrganisationRegistrationForm,
                    Audience.both: OpenRegistrationForm}


def registration_form(event: Event, governorates: list[tuple[str, str]], max_attendees: int,
                      **form_args) -> RegistrationForm:
    """`form_args`: FlaskForm's (`formdata=None` for a prototype, base_forms.posted_copy)."""
    form = FORM_BY_AUDIENCE[event.registration.audience](**form_args)
    form.governorate.choices = options([("", "اختاري المحافظة")] + governorates)
    if hasattr(form, "attendees"):
        form.attendees.maximum = min(max_attendees, event.registration.capacity)
    return form


class EndsAfterStart:
    """For the partner's activity form and the coordinator's edit of it: the end follows the start,
    and neither is further ahead than the content model accepts (tawasul.dates)."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.starts_at.moment, self.ends_at.moment
        limit = dates.latest_event_day(today())
        for field in (self.starts_at, self.ends_at):
            if field.moment and field.moment.date() > limit:
                field.errors.append(dates.too_far_message(limit))
                valid = False
        if start and end and end <= start:
            self.ends_at.errors.append("يجب أن تأتي النهاية بعد البداية")
            return False
        return valid


class ActivityForm(EndsAfterStart, GuardedForm):
    organisation = StringField("اسم المؤسسة", [Required(), MaxLength(120), PlainText()], filters=[strip])
    organisation_type = ChoiceField("نوع المؤسسة", [Required()],
                                    choices=options([("", "اختاري النوع")] + [(k.value, v) for k, v in MEMBER_TYPE_NAMES.items()]))
    contact_name = StringField("اسم الشخص المسؤول عن التواصل", [Required(), MaxLength(80), PersonName()], filters=[strip])
    contact = ContactField("وسيلة التواصل", [Required(), MaxLength(254)], filters=[strip],
                           description="رقم هاتف أو بريد إلكتروني للمؤسسة أو للمسؤولة عن النشاط.")
    partners = TextAreaField("المؤسسات الشريكة (اختياري)", [MaxLength(500), PlainText(one_line=False)], filters=[strip],
                             description="مؤسسة في كل سطر.")
    activity_type = ChoiceField("نوع النشاط", [Required()],
                                choices=options([("", "اختاري النوع")] + [(k.value, v) for k, v in EVENT_TYPE_NAMES.items()]))
    title = StringField("عنوان النشاط", [Required(), MaxLength(150), PlainText()], filters=[strip])
    description = TextAreaField("وصف النشاط", [Required(), MaxLength(3000), PlainText(one_line=False)], filters=[strip],
                                description="ما الذي سيجري، ولمن، وما الهدف منه. السطر الأول يُستخدم ملخصاً.")
    target_group = StringField("الفئة المستهدفة", [Required(), MaxLength(200), PlainText()], filters=[strip],
                               description="مثل: النساء العاملات في القطاع الزراعي.")
    expected_participants = CountField("العدد المتوقع للمشاركين والمشاركات", minimum=1, maximum=100000,
                                       validators=[Required()], description="عدد إجمالي فقط، دون أسماء.")
    campaign = ChoiceField("ضمن حملة (اختياري)")
    # Filled once the activity has happened (5W: for whom). Counts only, never names.
    reached_female_adult = CountField("نساء (18 سنة فأكثر)", minimum=0, maximum=100000)
    reached_female_under_18 = CountField("فتيات (دون 18 سنة)", minimum=0, maximum=100000)
    reached_male_adult = CountField("رجال (18 سنة فأكثر)", minimum=0, maximum=100000)
    reached_male_under_18 = CountField("فتيان (دون 18 سنة)", minimum=0, maximum=100000)
    governorate = ChoiceField("المحافظة", [Required()])
    # From the gazetteer (content/data/localities.yml), grouped by governorate: a plain <select>
    # with one <optgroup> each, so it works without JavaScript; the value is the GeoNames id.
    locality = ChoiceField("البلدة أو القرية أو المخيّم (اختياري)",
                           description="من قائمة محافظة النشاط. اتركيها على «غير محدّدة» إن لم تجديها، واكتبي المكان في العنوان.")
    venue_name = StringField("مكان النشاط", [Required(), MaxLength(150), PlainText()], filters=[strip])
    venue_address = StringField("العنوان", [Required(), MaxLength(200), PlainText()], filters=[strip])
    starts_at = LocalDateTimeField("البداية", validators=[Required()])
    ends_at = LocalDateTimeField("النهاية", validators=[Required()])


    def __init__(self, *args, localities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {str(place.id): place for place in localities}

    def place(self):
        """The chosen locality (tawasul.schema.Locality), or None."""
        return self.places.get(self.locality.data or "")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        place = self.place()
        if place and self.governorate.data and place.governorate != self.governorate.data and not self.locality.errors:
            self.locality.errors.append(f"«{place.name}» ليست في المحافظة المختارة؛ اختاري من قائمة محافظة النشاط "
                                        "أو اتركي الخانة على «غير محدّدة»")
            return False
        return valid


def activity_form(governorates: list[tuple[str, str]], campaigns: list[tuple[str, str]], localities=()) -> ActivityForm:
    """`localities`: the catalogue's, in its governorates' order (tawasul.schema.Locality)."""
    form = ActivityForm(localities=localities)
    form.governorate.choices = options([("", "اختاري المحافظة")] + governorates)
    form.campaign.choices = options([("", "ليس ضمن حملة")] + campaigns)
    names = dict(governorates)
    form.locality.choices = [SelectChoice("", "غير محدّدة")] + [
        SelectChoice(str(place.id), place.name, optgroup=names[place.governorate])
        for place in sorted(localities, key=lambda p: (list(names).index(p.governorate), p.name))
        if place.governorate in names]
    return form


class CancelForm(StrictForm):
    """CSRF only: the signed token in the URL already says whose registration it is. Also the form
    of «remove» beside each participant of an organisation's registration."""


class AddPeopleForm(StrictForm):
    """From her private link: more participants for the organisation's registration."""
    people = TextAreaField("أضيفي مشاركين ومشاركات", [Required(), MaxLength(4000), PeopleList()], filters=[strip],
                           description="اسم في كل سطر، ويمكن كتابة الدور بعد فاصلة. إن لم تكفِ المقاعد "
                                       "انتقل الباقون إلى قائمة الانتظار بالترتيب.")
