"""The states events, registrations and campaigns pass through, as enums, with the one table of
their Arabic wording. Rules that decide a state live on the model (`Event.state`,
`Event.registration_window`, `Campaign.status`); pages, feeds, calendars and the form service
compare these members and print `label(...)`, never strings of their own.
"""
from __future__ import annotations

from enum import Enum, StrEnum


# What a visitor is told about an event today: the content's `status`, plus «past».
EventState = StrEnum("EventState", ["scheduled", "cancelled", "postponed", "past"])
# Whether an event takes registrations today, and if not, why. Only the form service, which
# counts the seats, knows «full».
RegistrationWindow = StrEnum("RegistrationWindow", ["open", "not_open", "closed", "full", "past", "cancelled",
                                                    "no_registration"])
CampaignStatus = StrEnum("CampaignStatus", ["upcoming", "active", "ended"])
# A stored registration's state (forms_service.models keeps it in the database).
RegistrationState = StrEnum("RegistrationState", ["confirmed", "waitlisted", "cancelled"])


# Per enum (members of different enums may share a value), per member, per place it is shown:
# `tag` in lists and tables, `page` on the item's own page, `prefix` before a feed entry's title.
LABELS: dict[type[Enum], dict[Enum, dict[str, str]]] = {
    EventState: {
        EventState.scheduled: {"tag": "في موعدها", "page": "الفعالية قائمة في موعدها.", "prefix": ""},
        EventState.cancelled: {"tag": "أُلغيت", "page": "أُلغيت هذه الفعالية.", "prefix": "أُلغيت: "},
        EventState.postponed: {"tag": "أُجّلت إلى موعد جديد", "prefix": "أُجّلت: ",
                               "page": "أُجّلت هذه الفعالية إلى الموعد المذكور أدناه (كانت مقررة في {previous})."},
        EventState.past: {"tag": "انتهت", "page": "انتهت هذه الفعالية.", "prefix": ""},
    },
    RegistrationWindow: {
        RegistrationWindow.open: {"tag": "التسجيل مفتوح", "page": "سجّلي الآن"},
        RegistrationWindow.not_open: {"tag": "لم يُفتح التسجيل بعد", "page": "لم يبدأ التسجيل بعد؛ يُفتح في {opens}."},
        RegistrationWindow.closed: {"tag": "أُغلق التسجيل", "page": "أُغلق التسجيل في هذه الفعالية."},
        RegistrationWindow.full: {"tag": "اكتمل العدد", "page": "اكتمل العدد في هذه الفعالية."},
        RegistrationWindow.past: {"tag": "انتهت هذه الفعالية", "page": "أُغلق التسجيل في هذه الفعالية."},
        RegistrationWindow.cancelled: {"tag": "أُلغيت هذه الفعالية", "page": "أُلغيت هذه الفعالية."},
        RegistrationWindow.no_registration: {"tag": "لا تسجيل لهذه الفعالية", "page": "لا تسجيل لهذه الفعالية."},
    },
    CampaignStatus: {
        CampaignStatus.upcoming: {"tag": "قادمة", "page": "حملة قادمة"},
        CampaignStatus.active: {"tag": "جارية", "page": "الحملة جارية الآن"},
        CampaignStatus.ended: {"tag": "انتهت", "page": "انتهت الحملة"},
    },
    RegistrationState: {
        RegistrationState.confirmed: {"tag": "مؤكَّد"},
        RegistrationState.waitlisted: {"tag": "قائمة الانتظار"},
        RegistrationState.cancelled: {"tag": "ملغى"},
    },
}


def label(state: Enum, form: str = "tag", **values) -> str:
    """The Arabic wording of `state` for one place (`tag`, `page`, `prefix`), with `{…}` filled."""
    text = LABELS[type(state)][state][form]
    return text.format(**values) if values else text
