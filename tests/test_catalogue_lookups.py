"""Catalogue.events_where answers a one-field question from groups made once per field. Each
answer must be what going through every event gives, in the same order, for every value the
content uses, for values no event has, and for questions the groups do not answer."""
from __future__ import annotations

from support import ROOT

from tawasul.loader import load_catalogue
from tawasul.schema import EventType


def _scan(cat, **match):
    events = cat.sorted_events()
    governorate = match.pop("governorate", None)
    if governorate:
        events = [e for e in events if cat.governorate_of(e).slug == governorate]
    return [e for e in events if all(getattr(e, k) == v for k, v in match.items())]


def test_events_where_gives_what_a_pass_over_every_event_gives():
    cat = load_catalogue(ROOT)
    questions = [{"governorate": g} for g in [*cat.governorates, "nowhere", None, ""]]
    questions += [{"type": t} for t in [*EventType, "workshop", "no-such-type"]]
    questions += [{"campaign": c} for c in [*cat.campaigns, "no-such-campaign", None]]
    questions += [{"centre": c} for c in [*cat.centres, "no-such-centre"]]
    questions += [{"governorate": g, "type": t} for g in cat.governorates for t in EventType]
    answered = 0
    for question in questions * 2:  # asked again: the groups are kept
        found = cat.events_where(**dict(question))
        assert [e.slug for e in found] == [e.slug for e in _scan(cat, **dict(question))], question
        answered += bool(found)
    assert answered > 20
