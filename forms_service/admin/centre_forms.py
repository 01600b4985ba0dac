"""The centre editor's forms: her centre's page, and one year of its report.

Each value is checked with the content model's own types (services/centre_edit.py), so the
message beside a field is the one `make check` would print for the file. Coalition members are
rows of one form: a few blank rows under the filled ones, and «إضافة صفوف أخرى» sends the form
back with more, her input kept, so the list grows without JavaScript.
"""
from __future__ import annotations

from flask import request
from wtforms import BooleanField, Form, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import FieldList, FormField
from wtforms.validators import ValidationError

from tawasul.fields import Day, Email, FieldError, Phone
from tawasul.hours import DAY_NAMES, DAYS
from tawasul.schema import ACCESS_NAMES, ACCESSIBILITY_NAMES, MEMBER_TYPE_NAMES, Member

from ..fields import ChoiceField, MaxLength, PlainText, Required, options, strip
from ..base_forms import StrictForm
from ..services import centre_edit as rules

BLANK_ROWS = 2  # empty member rows under the filled ones
MORE_ROWS = 3  # added by «إضافة صفوف أخرى»
MAX_MEMBERS = 60
MAX_EXCEPTIONS = 30


class ModelValue:
    """The content model's check of one value (`Phone`, `Email`, `Day`); empty passes."""

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, form, field):
        if field.data:
            problem = rules.problem_of(self.kind, field.data)
            if problem:
                raise ValidationError(problem)


class DayHours:
    """A day's hours as hours.py reads them; `field.spans` holds them after validation."""

    def __init__(self, key: str):
        self.key = key

    def __call__(self, form, field):
        field.spans = ()
        try:
            field.spans = rules.day_spans(field.data or "", self.key)
        except FieldError as exc:
            raise ValidationError(str(exc)) from None


class Checkboxes(SelectMultipleField):
    """Several choices, each a checkbox (the template draws them in a fieldset)."""

    def pre_validate(self, form):
        known = {value for value, _label in self.choices}
        if any(value not in known for value in self.data or []):
            raise ValidationError("اختاري من القائمة فقط")


# One text field a day, Saturday first: «08:00-15:00», several spans with a comma, empty = closed.
WeekForm = type("WeekForm", (Form,), {
    key: StringField(DAY_NAMES[DAYS[key]], [MaxLength(60), DayHours(key)], filters=[strip])
    for key in rules.DAY_KEYS})


class MemberForm(Form):
    row = HiddenField()
    name = StringField("اسم الجهة", [MaxLength(150), PlainText()], filters=[strip])
    type = ChoiceField("نوع الجهة", default="")  # "": not chosen (a blank row, or left out of a preview's copy)
    services = Checkboxes("الخدمات التي تقدّمها")
    access = ChoiceField("طريقة الوصول إلى خدماتها", default="")
    phone = StringField("الهاتف", [MaxLength(30), ModelValue(Phone)], filters=[strip])
    verified = StringField("آخر تحقّق", [MaxLength(10), ModelValue(Day)], filters=[strip])
    confidential = BooleanField("جهة سرية (مأوى، بيت آمن): يُنشر هاتفها فقط، لا عنوانها ولا موقعها")
    remove = BooleanField("احذفي هذه الجهة من القائمة")

    def is_blank(self) -> bool:
        return not (self.name.data or self.phone.data or self.services.data or self.type.data)


class ExceptionForm(Form):
    row = HiddenField()
    name = StringField("المناسبة أو السبب", [MaxLength(100), PlainText()], filters=[strip],
                       description="مثل «ساعات شهر رمضان» أو «يوم تدريب الموظفات».")
    start = StringField("من يوم", [MaxLength(10), ModelValue(Day)], filters=[strip])
    end = StringField("إلى يوم", [MaxLength(10), ModelValue(Day)], filters=[strip],
                      description="اتركيه فارغاً إن كان يوماً واحداً.")
    closed = BooleanField("المركز مغلق في هذه الأيام")
    hours = StringField("أو ساعات العمل في هذه الأيام", [MaxLength(60), DayHours("hours")], filters=[strip],
                        description="مثل 09:00-13:30، في أيام الدوام المعتادة.")
    remove = BooleanField("احذفي هذا الاستثناء")

    def is_blank(self) -> bool:
        return not (self.name.data or self.start.data or self.end.data or self.hours.data or self.closed.data)


class Carried:
    """A form whose values go through the preview page unchanged, as hidden fields
    (admin/_preview_banner.html)."""

    def hidden_copy(self) -> list[tuple[str, str]]:
        pairs = []
        for f in _leaves(self):
            if f.name in ("csrf_token", "action", "more"):
                continue
            if isinstance(f, SelectMultipleField):
                pairs.extend((f.name, value) for value in f.data or [])
            elif isinstance(f, BooleanField):
                pairs.extend([(f.name, "y")] if f.data else [])
            elif f.data not in (None, ""):
                pairs.append((f.name, f.data))
        return pairs


class CentreForm(Carried, StrictForm):
    base = HiddenField()
    action = HiddenField()  # «معاينة» / «حفظ» / back from the preview: the button she pressed
    address = StringField("العنوان", [Required("اكتبي عنوان المركز"), MaxLength(300), PlainText()], filters=[strip])
    phone = StringField("هاتف المركز", [Required("اكتبي رقم هاتف المركز"), MaxLength(30), ModelValue(Phone)],
                        filters=[strip],
                        description="يُنشر في صفحة المركز. اكتبيه كما يُتصل به، مع رمز المنطقة (مثل 04 لجنين).")
    email = StringField("البريد الإلكتروني للمركز", [MaxLength(120), ModelValue(Email)], filters=[strip],
                        description="اختياري.")
    week = FormField(WeekForm, "ساعات العمل في الأسبوع")
    hours_note = StringField("ملاحظة عن الساعات", [MaxLength(200), PlainText()], filters=[strip],
                             description="اختياري: ما لا يقوله الجدول، مثل «يُفضَّل تحديد موعد مسبق».")
    services = Checkboxes("خدمات المركز")
    access = ChoiceField("كيف تصل إليه النساء عادةً", default="")
    accessibility = Checkboxes("إمكانية الوصول للنساء ذوات الإعاقة")
    verified = StringField("آخر تحقّق من هذه البيانات", [MaxLength(10), ModelValue(Day)], filters=[strip],
                           description="اليوم الذي راجع فيه أحدٌ كل هذه البيانات.")
    exceptions = FieldList(FormField(ExceptionForm), max_entries=MAX_EXCEPTIONS)
    members = FieldList(FormField(MemberForm), max_entries=MAX_MEMBERS)
    more = StringField()  # the «إضافة صفوف أخرى» button's name

    def unexpected_input(self) -> bool:
        """Known names only, each sent once, except the checkbox lists (one name, many values)."""
        single, multiple = set(), set()
        for f in _leaves(self):
            (multiple if isinstance(f, SelectMultipleField) else single).add(f.name)
        return any(key not in single | multiple or (key in single and len(request.form.getlist(key)) > 1)
                   for key in request.form.keys())

    # The editing kit puts a problem the content model finds beside `form[name]`; members' fields
    # are nested (`members-2-phone`), so names are looked up among all the leaves.
    def __contains__(self, name) -> bool:
        return any(f.name == name for f in _leaves(self))

    def __getitem__(self, name):
        found = [f for f in _leaves(self) if f.name == name]
        return found[0] if found else super().__getitem__(name)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(f.spans for f in self.week.form):
            self.week.form.sun.errors = list(self.week.form.sun.errors) + [
                "اكتبي ساعات يوم واحد على الأقل؛ المركز يُنشر بساعات عمله"]
            valid = False
        if not self.services.data:
            self.services.errors = list(self.services.errors) + ["اختاري خدمة واحدة على الأقل"]
            valid = False
        for entry in self.members:
            valid = _member_valid(entry.form) and valid
        rows = [entry.form for entry in self.exceptions if not entry.form.is_blank() and not entry.form.remove.data]
        sound = [row for row in rows if _exception_valid(row, self.written_weeks)]
        return _no_overlap(sound) and valid and len(sound) == len(rows)

    def changes(self) -> rules.CentreChanges:
        rows = [_member_row(entry) for entry in self.members if not entry.form.is_blank() and not entry.form.remove.data]
        exceptions = [_exception_row(entry) for entry in self.exceptions
                      if not entry.form.is_blank() and not entry.form.remove.data]
        return rules.CentreChanges(
            address=self.address.data, phone=self.phone.data, email=self.email.data,
            week=rules.week_of_form({f.short_name: f.spans for f in self.week.form}),
            hours_note=self.hours_note.data, services=list(self.services.data or []),
            access=self.access.data, accessibility=list(self.accessibility.data or []),
            verified=_day(self.verified), members=rows,
            exceptions=exceptions)


class Summary:
    """The form as the error summary (_form.html) reads it: every leaf field, members' too."""

    def __init__(self, form):
        self._form = form

    def __iter__(self):
        return iter(list(_leaves(self._form)))

    def __getattr__(self, name):
        return getattr(self._form, name)


def _leaves(form):
    for f in form:
        if isinstance(f, FieldList):
            for entry in f:
                yield from _leaves(entry)
        elif isinstance(f, FormField):
            yield from _leaves(f)
        else:
            yield f


def _member_valid(member: MemberForm) -> bool:
    """A filled row is checked as the content model checks a member; blank rows are ignored."""
    if member.is_blank() or member.remove.data:
        return True
    if any(f.errors for f in member):
        return False
    if not member.name.data:
        member.name.errors = ["اكتبي اسم الجهة، أو اتركي الصف كله فارغاً"]
        return False
    if not member.type.data:
        member.type.errors = ["اختاري نوع الجهة"]
        return False
    try:
        Member.model_validate({"name": member.name.data, "type": member.type.data,
                               "services": list(member.services.data or []), "phone": member.phone.data or None,
                               "confidential": member.confidential.data})
    except Exception as exc:  # pydantic's ValidationError: the model's own Arabic message
        error = exc.errors()[0]
        found = (error.get("ctx") or {}).get("error")
        target = getattr(member, getattr(found, "field", "") or str(error["loc"][0]), member.name)
        target.errors = [str(found) if found is not None else "قيمة غير صالحة"]
        return False
    return True


def _day(field):
    return rules.checked(Day, field.data) if field.data else None


def _row_number(hidden) -> int | None:
    return int(hidden.data) if hidden.data and hidden.data.isdigit() else None


def _exception_valid(row: ExceptionForm, written_weeks: set[int]) -> bool:
    """A filled exception: named, dated, and either closed or with hours (a row whose hours the
    file writes day by day may leave them empty: they stay as written)."""
    if any(f.errors for f in row):
        return False
    problem = None
    if not row.name.data:
        problem = (row.name, "اكتبي اسم المناسبة أو سببها")
    elif not row.start.data:
        problem = (row.start, "اكتبي يوم البداية")
    elif row.end.data and _day(row.end) < _day(row.start):
        problem = (row.end, "يوم النهاية قبل يوم البداية")
    elif row.closed.data and row.hours.data:
        problem = (row.hours, "اختاري واحداً: «مغلق» أو ساعات أخرى، لا كليهما")
    elif not row.closed.data and not row.hours.data and _row_number(row.row) not in written_weeks:
        problem = (row.hours, "اكتبي ساعات العمل في هذه الأيام، أو اختاري «المركز مغلق في هذه الأيام»")
    if problem:
        problem[0].errors = [problem[1]]
    return problem is None


def _no_overlap(rows: list[ExceptionForm]) -> bool:
    """Two exceptions may not share a day (hours.py's rule), said beside the later one."""
    spans = sorted(((_day(row.start), _day(row.end) or _day(row.start), index, row) for index, row in enumerate(rows)),
                   key=lambda item: item[:3])
    spans = [(start, end, row) for start, end, _index, row in spans]
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        if start <= end:
            second.start.errors = [f"يتداخل مع «{first.name.data}»؛ لا يجتمع استثناءان في يوم واحد"]
            return False
    return True


def _exception_row(entry) -> rules.ExceptionRow:
    row = entry.form
    return rules.ExceptionRow(entry=entry.name, row=_row_number(row.row), name=row.name.data, start=_day(row.start),
                              end=_day(row.end),
                              closed=bool(row.closed.data), spans=row.hours.spans)


def _member_row(entry) -> rules.MemberRow:
    member = entry.form
    return rules.MemberRow(entry=entry.name, row=_row_number(member.row), name=member.name.data,
                           type=member.type.data, services=list(member.services.data or []),
                           access=member.access.data or "", phone=member.phone.data,
                           verified=_day(member.verified),
                           confidential=bool(member.confidential.data))


def centre_form(cat, centre, raw: dict, base: str | None, formdata=None, extra_rows: int = 0) -> CentreForm:
    """The form, filled from the centre (GET) or from what she sent (POST)."""
    if formdata is None:
        form = CentreForm(formdata=None, data=_initial(centre, raw, base))
    else:
        form = CentreForm(formdata=formdata)
    form.services.choices = [(s.slug, s.name) for s in cat.services.values()]
    form.access.choices = options(_names(ACCESS_NAMES))
    form.accessibility.choices = _names(ACCESSIBILITY_NAMES)
    # Exceptions whose hours the file writes day by day (not one span for all its days).
    form.written_weeks = {index for index, e in enumerate(centre.hours.exceptions)
                          if e.week and len(set(e.week.values())) > 1}
    _grow(form.members, (BLANK_ROWS if formdata is None else 0) + extra_rows, MAX_MEMBERS)
    _grow(form.exceptions, (1 if formdata is None else 0) + (1 if extra_rows else 0), MAX_EXCEPTIONS)
    for entry in form.members:
        entry.form.services.choices = form.services.choices
        entry.form.type.choices = options([("", "اختاري")] + _names(MEMBER_TYPE_NAMES))
        entry.form.access.choices = options([("", "كالمعتاد (اتصلي أولاً)")] + list(_names(ACCESS_NAMES)))
    return form


def _names(names: dict) -> list[tuple[str, str]]:
    """(value, Arabic name) pairs of one of the schema's named enums."""
    return [(kind.value, arabic) for kind, arabic in names.items()]


def _grow(rows: FieldList, more: int, limit: int) -> None:
    while more > 0 and len(rows.entries) < limit:
        rows.append_entry()
        more -= 1


def _initial(centre, raw: dict, base: str | None) -> dict:
    members = []
    for index, member in enumerate(raw.get("members") or []):
        members.append({"row": str(index), "name": member.get("name", ""), "type": member.get("type", ""),
                        "services": [o["service"] if isinstance(o, dict) else o
                                     for o in member.get("services") or []],
                        "access": member.get("access", ""), "phone": member.get("phone", ""),
                        "verified": str(member.get("verified") or ""), "confidential": bool(member.get("confidential"))})
    return {"base": base or "", "address": centre.address, "phone": centre.contact.phone,
            "email": centre.contact.email or "", "hours_note": centre.hours.note or "",
            "week": {key: rules.spans_field(centre.hours.week.get(DAYS[key], ())) for key in rules.DAY_KEYS},
            "services": [o.service for o in centre.services], "access": centre.access.value,
            "accessibility": [a.value for a in centre.accessibility],
            "verified": centre.verified.isoformat() if centre.verified else "", "members": members,
            "exceptions": [_exception_initial(index, e) for index, e in enumerate(centre.hours.exceptions)]}


def _exception_initial(index: int, e) -> dict:
    spans = set(e.week.values()) if e.week else set()
    return {"row": str(index), "name": e.name, "start": e.start.isoformat(),
            "end": e.end.isoformat() if e.end != e.start else "", "closed": e.closed,
            "hours": rules.spans_field(next(iter(spans))) if len(spans) == 1 else ""}


class ReportForm(Carried, StrictForm):
    base = HiddenField()
    action = HiddenField()
    achievements = TextAreaField("الإنجازات", [Required("اكتبي إنجازاً واحداً على الأقل"), MaxLength(6000),
                                               PlainText(one_line=False)], filters=[strip],
                                 description="إنجاز في كل سطر.")
    obstacles = TextAreaField("المعوقات", [MaxLength(6000), PlainText(one_line=False)], filters=[strip],
                              description="معوّق في كل سطر. اختياري.")


class NewReportForm(StrictForm):
    year = StringField("السنة", [Required("اكتبي السنة"), MaxLength(4)], filters=[strip])
