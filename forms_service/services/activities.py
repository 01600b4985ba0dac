"""Partner activity submissions ("4W"), stored as pending until a coordinator reviews them."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from ..database import write_transaction
from ..models import ActivitySubmission
from . import form_tokens
from .codes import new_reference
from .errors import PageUsed


@dataclass(frozen=True)
class Activity:
    organisation: str
    organisation_type: str
    contact_name: str
    contact: str
    partners: str | None
    activity_type: str
    title: str
    description: str
    target_group: str
    expected_participants: int
    campaign: str | None
    governorate: str
    venue_name: str
    venue_address: str
    starts_at: datetime
    ends_at: datetime
    # people who took part (None: not reported, e.g. the activity has not happened yet)
    reached_female_under_18: int | None = None
    reached_female_adult: int | None = None
    reached_male_under_18: int | None = None
    reached_male_adult: int | None = None
    locality: str | None = None  # a name of content/data/localities.yml in `governorate`


def submit(activity: Activity, page: form_tokens.Page | None = None) -> ActivitySubmission:
    """Stored as pending. With the form `page` it came from, that page is used up in the same
    transaction (PageUsed, and nothing stored, when it was already)."""
    with write_transaction() as session:
        if page is not None and not form_tokens.claim_in(session, page):
            raise PageUsed()
        submission = ActivitySubmission(reference=new_reference(), **activity.__dict__)
        session.add(submission)
        session.flush()
    return submission


def event_data(submission: ActivitySubmission, centre: str | None = None) -> dict:
    """The events/<year>/<slug>.yml mapping an approved submission becomes; it validates against
    `tawasul.schema.Event` (a test holds this), so review only has to choose a slug and publish."""
    first_line = submission.description.strip().splitlines()[0]
    # Event descriptions are Markdown that may hold HTML; a partner's text is escaped, never trusted.
    description = html.escape(submission.description)
    if submission.partners:
        description += "\n\nبالشراكة مع: " + html.escape("، ".join(submission.partners.splitlines()))
    data = {
        "title": submission.title,
        "type": submission.activity_type,
        "start": submission.starts_at.strftime("%Y-%m-%d %H:%M"),
        "end": submission.ends_at.strftime("%Y-%m-%d %H:%M"),
        "governorate": submission.governorate,
        "organiser": submission.organisation,
        "venue": {"name": submission.venue_name, "address": submission.venue_address},
        "audience": submission.target_group,
        "summary": first_line[:300],
        "description": description,
    }
    if submission.campaign:
        data["campaign"] = submission.campaign
    if submission.locality:
        data["locality"] = submission.locality
    if centre:  # the governorate's centre: the event then shows on its page and in its calendar
        data["centre"] = centre
    return data
