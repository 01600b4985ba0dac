"""The shape of every kind of content, with the rules a single item can check on its own.

Rules that need other items (references, unique slugs) live in `loader.py`. Every message a
rule raises is Arabic: it is read by the centre staff who write the content. The value types
live in `fields.py`, opening hours in `hours.py`.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, field_validator, model_validator

from . import dates, settings
from .fields import Day, Email, FieldError, Model, MonthDay, Phone, Slug, Text, When  # noqa: F401  (re-exported)
from .hours import Hours
from .states import CampaignStatus, EventState, RegistrationWindow


TIMEZONES = {"west_bank": ZoneInfo("Asia/Hebron"), "gaza": ZoneInfo("Asia/Gaza")}

# Generous boxes around each region; a point outside is a typo (swapped lat/lon, a lost digit).
REGION_BOUNDS = {
    "west_bank": ((31.30, 32.60), (34.85, 35.60)),
    "gaza": ((31.20, 31.60), (34.20, 34.58)),
}


def _named(name: str, names: dict[str, str]) -> tuple[type[StrEnum], dict]:
    """An enum of the values content files use, and the Arabic name of each, declared together."""
    kind = StrEnum(name, list(names))
    return kind, {kind[value]: arabic for value, arabic in names.items()}


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


class ServiceKind(Model):
    """One term of the services vocabulary (content/data/services.yml): what a woman can ask for."""
    slug: Slug
    name: Text
    description: Text


Access, ACCESS_NAMES = _named("Access", {
    "walk_in": "دون موعد مسبق",
    "appointment": "بموعد مسبق",
    "phone_first": "اتصلي أولاً",
})


Accessibility, ACCESSIBILITY_NAMES = _named("Accessibility", {
    "step_free": "مدخل دون درج",
    "lift": "مصعد",
    "accessible_toilet": "دورة مياه مهيّأة للكراسي المتحركة",
    "sign_language": "ترجمة بلغة الإشارة عند الطلب",
})


class Offer(Model):
    """A service a place carries; `access` overrides the place's usual way in for this one."""
    service: Slug
    access: Access | None = None


def _offers(value):
    """`[legal_counselling, {service: health, access: appointment}]`: a slug alone is the usual case."""
    if isinstance(value, list):
        return [{"service": item} if isinstance(item, str) else item for item in value]
    return value


Offers = Annotated[list[Offer], BeforeValidator(_offers)]


MemberType, MEMBER_TYPE_NAMES = _named("MemberType", {
    "governmental": "مؤسسات حكومية",
    "security": "مؤسسات أمنية",
    "ngo": "مؤسسات أهلية",
    "association": "جمعيات",
    "union": "نقابات واتحادات",
    "international": "مؤسسات دولية",
})


class Member(Model):
    """A coalition member. With services it is listed in the referral directory; `confidential`
    (a shelter, a safe house) publishes only its front gate: its phone and the centre's address,
    never `address` or a position, which stay in the file for the coalition's own use."""
    name: Text
    type: MemberType
    services: Offers = []
    access: Access = Access.phone_first
    accessibility: list[Accessibility] = []
    phone: Phone | None = None
    address: Text | None = None
    lat: float | None = None
    lon: float | None = None
    hours: Hours | None = None
    confidential: bool = False
    verified: Day | None = None

    @model_validator(mode="after")
    def _front_gate(self):
        if (self.lat is None) != (self.lon is None):
            raise FieldError("lon" if self.lon is None else "lat", "اكتبي lat وlon معاً أو احذفيهما معاً")
        if self.confidential:
            if self.phone is None:
                raise FieldError("phone", "الجهة السرية تُنشر برقم هاتف للتواصل فقط؛ أضيفي phone")
            if self.lat is not None:
                raise FieldError("lat", "لا تُكتب إحداثيات جهة سرية: موقعها يكشف عنوانها")
        return self


class Report(Model):
    year: int = Field(ge=2008, le=2100)
    achievements: list[Text] = Field(min_length=1)
    obstacles: list[Text] = []


class Contact(Model):
    phone: Phone
    email: Email | None = None


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
    hours: Hours
    contact: Contact
    services: Offers = Field(min_length=1)
    access: Access = Access.walk_in
    accessibility: list[Accessibility] = []
    verified: Day | None = None
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
    (CC BY 4.0) by tools/gazetteer.py, never typed by hand; `id` is the GeoNames id."""
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


# An image's file name as the ministry's editor writes it: <slug>-<digest>.<webp|jpg|png>.
IMAGE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\.(webp|jpg|png)$")


class Image(Model):
    """A picture of an article or campaign: the file beside the content (layout.image_file) and
    the text a screen reader says instead; without it the picture is refused."""
    file: str
    alt: Text

    @field_validator("file")
    @classmethod
    def _file(cls, value):
        if not IMAGE_NAME_RE.match(value):
            raise ValueError(f"اسم ملف الصورة «{value}» غير صالح؛ حروف لاتينية صغيرة وأرقام وشرطات، "
                             "بامتداد webp أو jpg أو png")
        return value


class Article(Model):
    slug: Slug
    title: Text
    category: Slug
    summary: Text
    date: Day
    image: Image | None = None
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
    image: Image | None = None
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

    def status(self, today: date) -> CampaignStatus:
        if today < self.start:
            return CampaignStatus.upcoming
        return CampaignStatus.active if today <= self.end else CampaignStatus.ended


EventType, EVENT_TYPE_NAMES = _named("EventType", {
    "workshop": "ورشة عمل",
    "awareness_meeting": "لقاء توعوي",
    "training": "تدريب",
    "coordination_meeting": "اجتماع تنسيقي",
    "occasion_event": "إحياء مناسبة",
    "campaign_activity": "نشاط ضمن حملة",
})


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


class PeopleReached(Model):
    """Who took part in a held event, counts only, never names (4W/5W: by sex and age band).
    The same four groups as the partner activity form and the yearly figures."""
    female_under_18: int = Field(0, ge=0, le=100_000)
    female_adult: int = Field(0, ge=0, le=100_000)
    male_under_18: int = Field(0, ge=0, le=100_000)
    male_adult: int = Field(0, ge=0, le=100_000)

    @property
    def total(self) -> int:
        return self.female_under_18 + self.female_adult + self.male_under_18 + self.male_adult


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
    # Why it was cancelled, in a sentence the site shows under «أُلغيت هذه الفعالية».
    cancellation_reason: Text | None = None
    previous_start: When | None = None
    # How many times the date moved, when more than once (the editor writes it from the second
    # postponement): calendars must see each move as a new SEQUENCE.
    postponements: int = Field(default=0, ge=0, le=100)
    registration: Registration | None = None
    # The 4W/5W record of the event once held, written by its coordinator (README «Achievements
    # and obstacles»): people who took part, partner organisations, and the locality (a name from
    # content/data/localities.yml in the event's governorate). `flask export-figures` counts it.
    reached: PeopleReached | None = None
    partners: list[Text] = []
    locality: Text | None = None

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
        limit = dates.latest_event_day(settings.today())
        if self.end_date > limit:
            raise FieldError("start" if self.start_date > limit else "end", dates.too_far_message(limit))
        if self.cancellation_reason and self.status != EventStatus.cancelled:
            raise FieldError("cancellation_reason", "سبب الإلغاء يُكتب للفعالية الملغاة فقط")
        if self.postponements and self.previous_start is None:
            raise FieldError("postponements", "عدد مرات التأجيل يُكتب مع الموعد السابق (previous_start) فقط")
        if self.status == EventStatus.postponed and self.previous_start is None:
            raise FieldError("previous_start", "الفعالية المؤجلة تحتاج إلى الموعد السابق (previous_start)")
        if self.registration and self.registration.closes > self.start_date:
            raise FieldError("registration.closes", "يجب ألا يتأخر إغلاق التسجيل عن يوم بدء الفعالية")
        if self.reached is not None and self.is_cancelled:
            raise FieldError("reached", "الفعالية ملغاة فلا يُسجَّل لها عدد المشاركين؛ احذفي reached")
        return self

    # The event's state, in one place: her page, the coordinator's lists and the calendars read these.
    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.cancelled

    @property
    def times_postponed(self) -> int:
        """0, or how many times the date moved (a hand-written `previous_start` counts as one)."""
        return max(self.postponements, int(self.previous_start is not None))

    @property
    def is_postponed(self) -> bool:
        """Moved to a new date (and not cancelled since): `previous_start` holds the old one."""
        return self.previous_start is not None and not self.is_cancelled

    def state(self, today: date) -> EventState:
        """What a visitor is told today: a cancellation stays news even after the day."""
        if self.is_cancelled:
            return EventState.cancelled
        if self.end_date < today:
            return EventState.past
        return EventState(self.status.value)

    def registration_window(self, today: date) -> RegistrationWindow:
        """Whether registration is open today, and if not, why (the first reason that applies)."""
        reg = self.registration
        if reg is None:
            return RegistrationWindow.no_registration
        if self.is_cancelled:
            return RegistrationWindow.cancelled
        if self.start_date < today:
            return RegistrationWindow.past
        if today < reg.opens:
            return RegistrationWindow.not_open
        if today > reg.closes:
            return RegistrationWindow.closed
        return RegistrationWindow.open

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def start_date(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def end_date(self) -> date:
        return self.end.date() if isinstance(self.end, datetime) else self.end
