"""The ministry's forms over public content: awareness articles, campaigns, occasions, helplines
and the pictures of articles and campaigns.

The forms check only what a form can (present, not too long, the right shape); every rule of
the content itself is the content model's, met when the file is checked with the whole
catalogue before it is committed (editing.commit_or_explain puts those messages beside these
fields). Each form carries `base`, the blob the page was opened from, so a save over someone
else's newer one is caught.
"""
from __future__ import annotations

import re

from flask import request
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from tawasul.text import is_slug, western_digits

from .. import fields
from ..fields import ChoiceField, MaxLength, PlainText, Required, looks_like_code, strip
from ..base_forms import StrictForm

SLUG_HINT = ("اسم الصفحة في الرابط: حروف لاتينية صغيرة وأرقام وشرطات، مثل safe-at-home. يُختار مرة واحدة "
             "ولا يتغيّر بعدها. اتركيه فارغاً ليُصنع تلقائياً.")
BODY_HINT = "بصيغة Markdown: سطر فارغ بين الفقرات، و## قبل العنوان الفرعي، و- قبل كل بند."
_MONTH_DAY = re.compile(r"\d{1,2}-\d{1,2}", re.ASCII)


class Slug:
    """Empty (made for her), or a Latin kebab-case name."""

    def __call__(self, form, field):
        if field.data and not is_slug(field.data):
            raise ValidationError("حروف لاتينية صغيرة وأرقام وشرطات فقط، مثل safe-at-home")


class NoMarkup:
    """Markdown is the page's only markup: raw HTML in the body could carry a script onto the
    public site, so it is refused with a way out."""

    def __call__(self, form, field):
        if field.data and looks_like_code(field.data, one_line=False):
            raise ValidationError("لا تكتبي وسوم HTML في النص؛ استعملي تنسيق Markdown (## للعناوين، - للقوائم)")


class DayField(fields.DayField):
    """The shared date field; its example is the ministry's usual date, the 25 November campaign's."""
    message = "اكتبي التاريخ مثل 2026-11-25"


class MonthDayField(StringField):
    """An occasion's yearly day, «الشهر-اليوم» (11-25); `value` is what the file holds."""

    def __init__(self, label, **kwargs):
        super().__init__(label, filters=[strip], **kwargs)
        self.value: str | None = None

    def pre_validate(self, form):
        self.value = None
        text = western_digits(self.data or "")
        if not text:
            return
        if not _MONTH_DAY.fullmatch(text):
            raise ValidationError("اكتبي الشهر ثم اليوم بالأرقام، مثل 11-25 لـ25 تشرين الثاني")
        month, day = (int(part) for part in text.split("-"))
        self.value = f"{month:02d}-{day:02d}"


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {value for value, _label in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError("اختاري من القائمة")


def lines(text: str | None) -> list[str]:
    """A textarea of one item a line, as a list (blank lines dropped)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ContentForm(StrictForm):
    base = HiddenField()  # the blob she opened; empty when she creates the item
    action = HiddenField()  # the button she pressed: preview, save, or back from the preview (edit)

    def hidden_copy(self) -> list[tuple[str, str]]:
        """Her values as (name, value) pairs, carried unchanged through the preview page
        (admin/_preview_banner.html); a list of checkboxes gives one pair per ticked box."""
        pairs = []
        for f in self:
            if f.name in ("csrf_token", "action") or isinstance(f, FileField):
                continue
            if isinstance(f, BooleanField):
                pairs += [(f.name, "y")] if f.data else []
                continue
            pairs += [(f.name, value) for value in (f.data if isinstance(f.data, list) else [f.data])
                      if value not in (None, "")]
        return pairs

    def unexpected_input(self) -> bool:
        """As StrictForm's, except that a list of checkboxes sends its name once per box."""
        known = set(self._fields)
        return any(key not in known or (len(request.form.getlist(key)) > 1
                                         and not isinstance(self[key], SelectMultipleField))
                   for key in request.form.keys())


class ArticleForm(ContentForm):
    slug = StringField("اسم الصفحة في الرابط (بالإنجليزية)", [MaxLength(60), Slug()], filters=[strip],
                       description=SLUG_HINT)
    title = StringField("العنوان", [Required(), MaxLength(150), PlainText()], filters=[strip])
    category = ChoiceField("التصنيف", [Required("اختاري التصنيف")])
    summary = TextAreaField("الملخص", [Required(), MaxLength(400), PlainText(one_line=False)], filters=[strip],
                            description="جملة أو جملتان تظهران في القوائم وفي نتائج البحث.")
    date = DayField("تاريخ النشر", validators=[Required()])
    body = TextAreaField("نص المقال", [Required(), MaxLength(60_000), NoMarkup()], filters=[strip],
                         description=BODY_HINT)

    FIELDS = ("title", "category", "summary", "date")  # its front matter, as the page shows it

    def front_matter(self) -> dict:
        return {"title": self.title.data, "category": self.category.data, "summary": self.summary.data,
                "date": self.date.parsed}


class CampaignForm(ContentForm):
    slug = ArticleForm.slug
    title = StringField("اسم الحملة", [Required(), MaxLength(150), PlainText()], filters=[strip])
    summary = TextAreaField("الملخص", [Required(), MaxLength(400), PlainText(one_line=False)], filters=[strip])
    start = DayField("تبدأ في", validators=[Required()])
    end = DayField("تنتهي في", validators=[Required()])
    governorates = CheckboxesField("المحافظات", [Required("اختاري محافظة واحدة على الأقل")])
    goals = TextAreaField("الأهداف", [Required("اكتبي هدفاً واحداً على الأقل"), MaxLength(4000),
                                      PlainText(one_line=False)], filters=[strip],
                          description="هدف في كل سطر.")
    partners = TextAreaField("الشركاء", [MaxLength(4000), PlainText(one_line=False)], filters=[strip],
                             description="جهة في كل سطر (اختياري).")
    hashtag = StringField("الوسم", [MaxLength(60)], filters=[strip],
                          description="اختياري، يبدأ بـ# ودون مسافات، مثل #أمانك_الرقمي")
    occasion = ChoiceField("المناسبة")
    body = TextAreaField("نص الحملة", [Required(), MaxLength(60_000), NoMarkup()], filters=[strip],
                         description=BODY_HINT)

    FIELDS = ("title", "summary", "start", "end", "governorates", "goals", "partners", "hashtag", "occasion")

    def front_matter(self) -> dict:
        """None removes an emptied optional field from the file."""
        return {"title": self.title.data, "summary": self.summary.data, "start": self.start.parsed,
                "end": self.end.parsed, "governorates": list(self.governorates.data), "goals": lines(self.goals.data),
                "partners": lines(self.partners.data) or None, "hashtag": self.hashtag.data or None,
                "occasion": self.occasion.data or None}


class OccasionForm(ContentForm):
    slug = ArticleForm.slug
    name = StringField("اسم المناسبة", [Required(), MaxLength(150), PlainText()], filters=[strip])
    start = MonthDayField("يومها من كل عام", validators=[Required()],
                          description="الشهر ثم اليوم، مثل 11-25 لـ25 تشرين الثاني.")
    end = MonthDayField("آخر أيامها", description="لمناسبة تمتد أياماً (اختياري)، مثل 12-10.")
    description = TextAreaField("الوصف", [Required(), MaxLength(600), PlainText(one_line=False)], filters=[strip])

    FIELDS = ("name", "start", "end", "description")

    def values(self) -> dict:
        return {"name": self.name.data, "start": self.start.value, "end": self.end.value,
                "description": self.description.data}


class HelplineForm(ContentForm):
    slug = ArticleForm.slug
    name = StringField("اسم الخط", [Required(), MaxLength(120), PlainText()], filters=[strip],
                       description="ما قبل « – » يظهر على زر الاتصال، مثل «خط الحماية – مؤسسة سوا».")
    number = StringField("الرقم", [Required(), MaxLength(20)], filters=[strip],
                         description="كما يُطلب من الهاتف، مثل 121. الأرقام التجريبية تبدأ بـ000.")
    description = TextAreaField("الوصف", [Required(), MaxLength(400), PlainText(one_line=False)], filters=[strip])
    free = BooleanField("مجاني")
    always_open = BooleanField("على مدار الساعة")
    first_screen = BooleanField("زر اتصال في أعلى كل صفحة",
                                description="للرقمين الأهم فقط (121 و100)، كي يبقى عنوان الصفحة ظاهراً على الهاتف.")

    FIELDS = ("name", "number", "description", "free", "always_open", "first_screen")

    def values(self) -> dict:
        """A mark left off is removed from the file rather than written as false."""
        return {"name": self.name.data, "number": western_digits(self.number.data),
                "description": self.description.data, "free": self.free.data or None,
                "always_open": self.always_open.data or None, "first_screen": self.first_screen.data or None}


class ImageForm(ContentForm):
    image = FileField("الصورة", description="JPEG أو PNG أو WebP. تُصغَّر وتُحذف منها بيانات الكاميرا والموقع قبل النشر.")
    alt = TextAreaField("وصف الصورة لمن لا تراها", [Required("اكتبي وصفاً للصورة؛ تقرؤه قارئات الشاشة لمن لا ترى"),
                                                    MaxLength(300), PlainText(one_line=False)], filters=[strip],
                        description="ما تظهره الصورة في جملة، مثل «نساء في ورشة تدريب على الحاسوب». "
                                    "لا تذكري أسماء أو ما يعرّف بامرأة بعينها.")
