"""Scope: what the signed-in coordinator may see. Every admin query goes through here; an
object of another governorate answers 404, exactly like one that does not exist."""
from __future__ import annotations

from flask import abort, g, url_for
from sqlalchemy import select

from tawasul.catalogue import Catalogue
from tawasul.schema import Centre, Event

from ..admin_models import Coordinator
from ..content import catalogue
from ..extensions import db
from ..models import ActivitySubmission, Registration


def me() -> Coordinator:
    return g.coordinator


def back_to(url: str) -> None:
    """The page an action returns her to, done or refused (the blueprint's Refused handler)."""
    g.admin_back = url


def back() -> str:
    return g.get("admin_back") or url_for("admin.dashboard")


def governorate_filter() -> str | None:
    """The governorate a query must be limited to; None for the ministry (all)."""
    return None if me().is_ministry else me().governorate


def governorate_choices(cat: Catalogue) -> list[tuple[str, str]]:
    return [(g.slug, g.name) for g in cat.governorates.values() if me().sees(g.slug)]


def sees_event(cat: Catalogue, event: Event | None) -> bool:
    return event is not None and me().sees(cat.governorate_of(event).slug)


def events(cat: Catalogue) -> list[Event]:
    return [e for e in cat.sorted_events() if sees_event(cat, e)]


def event_or_404(cat: Catalogue, slug: str) -> Event:
    event = cat.events.get(slug)
    if not sees_event(cat, event):
        abort(404)
    return event


def centres(cat: Catalogue) -> list[Centre]:
    return [c for c in cat.centres.values() if me().sees(c.governorate)]


def centre_or_404(cat: Catalogue, slug: str) -> Centre:
    centre = cat.centres.get(slug)
    if centre is None or not me().sees(centre.governorate):
        abort(404)
    return centre


def registration_or_404(cat: Catalogue, reference: str) -> tuple[Registration, Event]:
    registration = db.session.scalar(select(Registration).where(Registration.reference == reference))
    event = cat.events.get(registration.event_slug) if registration else None
    if registration is None or not sees_event(cat, event):
        abort(404)
    return registration, event


def submission_or_404(submission_id: int) -> ActivitySubmission:
    submission = db.session.get(ActivitySubmission, submission_id)
    if submission is None or not me().sees(submission.governorate):
        abort(404)
    return submission
