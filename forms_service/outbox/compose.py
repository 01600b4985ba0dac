"""The words of each message. The outside (sender name, subject, first line) is neutral: a day
and «موعد», never violence, protection, the event's topic or the centre's name, because a
locked phone shows exactly these in its notifications. The details come below a line."""
from __future__ import annotations

from dataclasses import dataclass

from tawasul.dates import clock, moment, weekday_day_month, when
from tawasul.schema import Event

from .models import MessageKind

RULE = "—" * 20


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str


@dataclass(frozen=True)
class Before:
    """The event as she registered for it, for messages about a change."""
    start: object
    venue: str


def _day(start) -> str:
    text = weekday_day_month(start.date() if hasattr(start, "date") else start)
    return f"{text}، {clock(start.time())}" if hasattr(start, "time") else text


# kind -> (subject and first line from the day, the inside's opening sentence)
_OUTSIDE = {
    MessageKind.confirmation: "موعدكِ يوم {day}",
    MessageKind.waitlisted: "طلبكِ لموعد يوم {day}",
    MessageKind.promoted: "موعدكِ يوم {day}",
    MessageKind.reminder: "تذكير بموعدكِ غداً، {day}",
    MessageKind.cancelled: "تغيير في موعدكِ يوم {day}",
    MessageKind.postponed: "تغيير في موعدكِ يوم {day}",
    MessageKind.changed: "تغيير في موعدكِ يوم {day}",
    MessageKind.broadcast: "رسالة عن موعدكِ يوم {day}",
}

_INSIDE = {
    MessageKind.confirmation: "سُجِّلتِ في هذه الفعالية، ومقعدكِ محجوز.",
    MessageKind.waitlisted: "المقاعد ممتلئة الآن، فأنتِ على قائمة الانتظار. سنرسل إليكِ إن صار لكِ مقعد.",
    MessageKind.promoted: "صار لكِ مقعد: انتقل تسجيلكِ من قائمة الانتظار إلى المؤكَّدين.",
    MessageKind.reminder: "نذكّركِ بموعد الفعالية غداً. إن لم تعودي قادرة على الحضور فألغي تسجيلكِ من الرابط أدناه ليحصل غيركِ على المقعد.",
    MessageKind.cancelled: "أُلغيت هذه الفعالية، فلا داعي للحضور. نعتذر عن ذلك.",
    MessageKind.postponed: "أُجِّلت هذه الفعالية إلى موعد جديد، وتسجيلكِ باقٍ للموعد الجديد.",
    MessageKind.changed: "تغيّر موعد هذه الفعالية أو مكانها. التفاصيل الجديدة أدناه.",
    MessageKind.broadcast: "رسالة من منسّقة الفعالية:",
}


def compose(kind: MessageKind, event: Event, reference: str, link: str, before: Before | None = None,
            note: str | None = None) -> Composed:
    # A change is named by the day she has in mind, the one she registered for.
    day = _day(before.start if before else event.start)
    outside = _OUTSIDE[kind].format(day=day)
    lines = [outside + ".", "", RULE, "", _INSIDE[kind], ""]
    if note:  # the coordinator's own words, plain text, below the line
        lines += [note, ""]
    lines += [f"الفعالية: {event.title}", f"الموعد: {when(event.start, event.end)}", f"المكان: {venue_line(event)}"]
    if before and kind in (MessageKind.postponed, MessageKind.changed):
        if before.start != event.start:
            lines.append(f"الموعد السابق: {moment(before.start)}")
        if before.venue != venue_line(event):
            lines.append(f"المكان السابق: {before.venue}")
    lines += ["", f"رقم التسجيل: {reference[:4]}-{reference[4:]}",
              "صفحة تسجيلكِ (رابط خاص بكِ، لا تشاركيه مع أحد):", link, "", RULE,
              "وصلتكِ هذه الرسالة لأنكِ طلبتِ رسائل عن هذا التسجيل، ولا يُقرأ الرد عليها. "
              "لإيقاف الرسائل اتصلي بالمركز واذكري رقم التسجيل."]
    return Composed(subject=outside, body="\n".join(lines) + "\n")


def venue_line(event: Event) -> str:
    return f"{event.venue.name}، {event.venue.address}"
