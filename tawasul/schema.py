"""The shape of every kind of content, with the rules a single item can check on its own.

Rules that need other items (references, unique slugs) live in `loader.py`. Every message a
rule raises is Arabic: it is read by the centre staff who write the content.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from . import dates
from .text import is_phone, is_slug, western_digits

TIMEZONES = {"west_bank": ZoneInfo("Asia/Hebron"), "gaza": ZoneInfo("Asia/Gaza")}

# Generous boxes around each region; a point outside is a typo (swapped lat/lon, a lost digit).
REGION_BOUNDS = {
    "west_bank": ((31.30, 32.60), (34.85, 35.60)),
    "gaza": ((31.20, 31.60), (34.20, 34.58)),
}


class FieldError(ValueError):
    """A rule over several fields that still names the field to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _text(value):
    if isinstance(value, str):
        return western_digits(value)
    return value


def _date(value):
    """Dates may come quoted from YAML; coerce here, never in templates."""
    if isinstance(value, datetime):
        raise ValueError("يُتوقَّع تاريخ دون وقت بصيغة YYYY-MM-DD")
    if isinstance(value, str):
        try:
            return date.fromisoformat(western_digits(value.strip()))
        except ValueError:
            raise ValueError(f"تاريخ غير صالح «{value}»؛ الصيغة المتوقعة YYYY-MM-DD") from None
    return value


_LOCAL_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$", re.ASCII)


def _date_or_datetime(value):
    """`2026-12-03` is an all-day event; `2026-12-03 10:00` a timed one, in local time."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError("اكتبي الوقت المحلي دون منطقة زمنية، مثل 2026-12-03 10:00")
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _LOCAL_RE.match(western_digits(value.strip()))
        try:
            if match and match.group(2):
                day = date.fromisoformat(match.group(1))
                return datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3)))
            if match:
                return date.fromisoformat(match.group(1))
        except ValueError:
            pass
        raise ValueError(f"تاريخ أو وقت غير صالح «{value}»؛ الصيغة المتوقعة YYYY-MM-DD أو YYYY-MM-DD HH:MM")
    return value


def _month_day(value):
    """Occasions recur every year: MM-DD."""
    text = western_digits(str(value)).strip()
    match = re.match(r"^(\d{2})-(\d{2})$", text, re.ASCII)
    if match:
        try:
            date(2024, int(match.group(1)), int(match.group(2)))  # a leap year admits 02-29
            return text
        except ValueError:
            pass
    raise ValueError(f"يوم غير صالح «{value}»؛ الصيغة المتوقعة MM-DD، مثل 03-08")


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Day = Annotated[date, BeforeValidator(_date)]
When = Annotated[date | datetime, BeforeValidator(_date_or_datetime)]
MonthDay = Annotated[str, BeforeValidator(_month_day)]


def _slug(value):
    if isinstance(value, str) and not is_slug(value):
        raise ValueError(f"المعرّف «{value}» يجب أن يكون بحروف لاتينية صغيرة وأرقام وشرطات، مثل jenin-workshop")
    return value


Slug = Annotated[str, BeforeValidator(_slug)]


def _phone(value):
    if isinstance(value, str) and not is_phone(value):
        raise ValueError(f"رقم هاتف غير صالح «{value}»")
    return _text(value)


Phone = Annotated[str, BeforeValidator(_phone)]


def _email(value):
    if isinstance(value, str) and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value.strip()):
        raise ValueError(f"بريد إلكتروني غير صالح «{value}»")
    return value


Email = Annotated[str, BeforeValidator(_email)]


class Region(str, Enum):
    west_bank = "west_bank"
    gaza = "gaza"


class Governorate(Model):
    slug: Slug
    name: Text
    region: Region
    lat: float
    lon: float

    @model_validator(mode="after")
    def _inside_region(self):
        check_point(self.lat, self.lon, self.region)
        return self

    @property
    def tz(self) -> ZoneInfo:
        return TIMEZONES[self.region.value]


def check_point(lat: float, lon: float, region: Region) -> None:
    (lat_min, lat_max), (lon_min, lon_max) = REGION_BOUNDS[region.value]
    if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
        raise FieldError("lat", f"الإحداثيات ({lat}، {lon}) خارج حدود المنطقة")


class Service(str, Enum):
    psychosocial_support = "psychosocial_support"
    legal_counselling = "legal_counselling"
    protection_referral = "protection_referral"
    economic_empowerment = "economic_empowerment"
    vocational_training = "vocational_training"
    awareness = "awareness"
    capacity_building = "capacity_building"
    advocacy = "advocacy"


SERVICE_NAMES = {
    Service.psychosocial_support: "الدعم النفسي والاجتماعي",
    Service.legal_counselling: "الاستشارات القانونية",
    Service.protection_referral: "التحويل إلى جهات الحماية وفق نظام التحويل الوطني",
    Service.economic_empowerment: "التمكين الاقتصادي والمشاريع المدرّة للدخل",
    Service.vocational_training: "التدريب المهني",
    Service.awareness: "اللقاءات التوعوية والإرشادية",
    Service.capacity_building: "بناء قدرات المؤسسات النسوية",
    Service.advocacy: "حملات الحشد والمناصرة",
}


class MemberType(str, Enum):
    governmental = "governmental"
    security = "security"
    ngo = "ngo"
    association = "association"
    union = "union"
    international = "international"


MEMBER_TYPE_NAMES = {
    MemberType.governmental: "مؤسسات حكومية",
    MemberType.security: "مؤسسات أمنية",
    MemberType.ngo: "مؤسسات أهلية",
    MemberType.association: "جمعيات",
    MemberType.union: "نقابات واتحادات",
    MemberType.international: "مؤسسات دولية",
}


class Member(Model):
    name: Text
    type: MemberType


class Report(Model):
    year: int = Field(ge=2008, le=2100)
    achievements: list[Text] = Field(min_length=1)
    obstacles: list[Text] = []


class Contact(Model):
    phone: Phone
    email: Email | None = None


class Centre(Model):
    slug: Slug
    name: Text
    governorate: Slug
    address: Text
    lat: float
    lon: float
    hours: Text
    contact: Contact
    services: list[Service] = Field(min_length=1)
    coordinator_role: Text
    members: list[Member] = []
    reports: list[Report] = []
    sample: bool = True


class Helpline(Model):
    slug: Slug
    name: Text
    number: Phone
    description: Text
    free: bool = False
    always_open: bool = False
    # A call button in the one-row bar at the top of every page (theme/partials/tw-safety-bar.html):
    # only the numbers she most needs at once, so the page's own name stays on a phone's first screen.
    first_screen: bool = False
    sample: bool = False

    @property
    def label(self) -> str:
        """The short form for tight spaces (the banner): the name before « – », if any."""
        return self.name.split(" – ")[0]


class Locality(Model):
    """A town, village or camp for the nearest-centre finder. Derived from GeoNames data
    (CC BY 4.0) by bench/gazetteer.py, never typed by hand; `id` is the GeoNames id."""
    id: int
    name: Text
    aliases: list[Text] = []
    governorate: Slug
    lat: float
    lon: float


class Occasion(Model):
    slug: Slug
    name: Text
    start: MonthDay
    end: MonthDay | None = None
    description: Text

    def next_dates(self, today: date) -> tuple[date, date]:
        """The next (or current) occurrence, ranges that cross a new year included."""
        for year in (today.year - 1, today.year, today.year + 1):
            start = _on(year, self.start)
            end = _on(year, self.end) if self.end else start
            if end < start:
                end = _on(year + 1, self.end)
            if end >= today:
                return start, end
        raise AssertionError("unreachable: some occurrence ends after today")


def _on(year: int, month_day: str) -> date:
    month, day = map(int, month_day.split("-"))
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


class Category(Model):
    slug: Slug
    name: Text
    description: Text


class Article(Model):
    slug: Slug
    title: Text
    category: Slug
    summary: Text
    date: Day
    body: str


class Campaign(Model):
    slug: Slug
    title: Text
    summary: Text
    start: Day
    end: Day
    governorates: list[Slug] = Field(min_length=1)
    goals: list[Text] = Field(min_length=1)
    partners: list[Text] = []
    hashtag: str | None = None
    occasion: Slug | None = None
    body: str

    @field_validator("hashtag")
    @classmethod
    def _hashtag(cls, value):
        if value is not None and not re.match(r"^#\w+$", value):
            raise ValueError(f"وسم غير صالح «{value}»؛ يبدأ بـ# ولا يحوي مسافات")
        return value

    @model_validator(mode="after")
    def _order(self):
        if self.end < self.start:
            raise FieldError("end", "تاريخ نهاية الحملة قبل تاريخ بدايتها")
        return self

    def status(self, today: date) -> str:
        if today < self.start:
            return "upcoming"
        return "active" if today <= self.end else "ended"


class EventType(str, Enum):
    workshop = "workshop"
    awareness_meeting = "awareness_meeting"
    training = "training"
    coordination_meeting = "coordination_meeting"
    occasion_event = "occasion_event"
    campaign_activity = "campaign_activity"


EVENT_TYPE_NAMES = {
    EventType.workshop: "ورشة عمل",
    EventType.awareness_meeting: "لقاء توعوي",
    EventType.training: "تدريب",
    EventType.coordination_meeting: "اجتماع تنسيقي",
    EventType.occasion_event: "إحياء مناسبة",
    EventType.campaign_activity: "نشاط ضمن حملة",
}


class EventStatus(str, Enum):
    scheduled = "scheduled"
    cancelled = "cancelled"
    postponed = "postponed"


class Audience(str, Enum):
    individuals = "individuals"
    organisations = "organisations"
    both = "both"


class Registration(Model):
    capacity: int = Field(gt=0, le=10000)
    opens: Day
    closes: Day
    audience: Audience = Audience.individuals
    waitlist: bool = True

    @model_validator(mode="after")
    def _window(self):
        if self.opens >= self.closes:
            raise FieldError("closes", "يجب أن يسبق تاريخ فتح التسجيل تاريخ إغلاقه")
        return self


class Venue(Model):
    name: Text
    address: Text

    @property
    def line(self) -> str:
        """«القاعة، العنوان»: how pages, calendars and her registration name the place."""
        return f"{self.name}، {self.address}"


class Event(Model):
    slug: Slug
    title: Text
    type: EventType
    start: When
    end: When | None = None
    centre: Slug | None = None
    governorate: Slug | None = None
    venue: Venue
    # Who organised it, when not the centre itself: a partner organisation (set on approval).
    organiser: Text | None = None
    audience: Text
    summary: Text
    description: str = ""
    campaign: Slug | None = None
    occasion: Slug | None = None
    status: EventStatus = EventStatus.scheduled
    previous_start: When | None = None
    registration: Registration | None = None

    @model_validator(mode="after")
    def _coherent(self):
        if self.centre is None and self.governorate is None:
            raise FieldError("governorate", "حدّدي المركز (centre) أو المحافظة (governorate) على الأقل")
        timed = isinstance(self.start, datetime)
        if self.end is None:
            if timed:
                raise FieldError("end", "للفعالية ذات الوقت يلزم وقت انتهاء (end)")
            object.__setattr__(self, "end", self.start)
        if isinstance(self.end, datetime) != timed:
            raise FieldError("end", "يجب أن يكون البدء والانتهاء كلاهما تاريخاً أو كلاهما تاريخاً مع وقت")
        if (self.end < self.start) if not timed else (self.end <= self.start):
            raise FieldError("end", "وقت الانتهاء يجب أن يأتي بعد وقت البدء")
        limit = dates.latest_event_day()
        if self.end_date > limit:
            raise FieldError("start" if self.start_date > limit else "end", dates.too_far_message(limit))
        if self.status == EventStatus.postponed and self.previous_start is None:
            raise FieldError("previous_start", "الفعالية المؤجلة تحتاج إلى الموعد السابق (previous_start)")
        if self.registration and self.registration.closes > self.start_date:
            raise FieldError("registration.closes", "يجب ألا يتأخر إغلاق التسجيل عن يوم بدء الفعالية")
        return self

    # The event's state, in one place: her page, the coordinator's lists and the calendars read these.
    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.cancelled

    @property
    def is_postponed(self) -> bool:
        """Moved to a new date (and not cancelled since): `previous_start` holds the old one."""
        return self.previous_start is not None and not self.is_cancelled

    def state_on(self, today: date) -> str:
        """One word for status lines and styling: scheduled, cancelled, postponed or past."""
        if self.is_cancelled:
            return "cancelled"
        if self.end_date < today:
            return "past"
        return self.status.value

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def start_date(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def end_date(self) -> date:
        return self.end.date() if isinstance(self.end, datetime) else self.end
