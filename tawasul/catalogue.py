"""The validated content, and the questions pages and the form service ask of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from functools import cached_property

from .hours import Holiday
from .schema import Article, Campaign, Category, Centre, Event, Governorate, Helpline, Locality, Occasion, ServiceKind
from .states import CampaignStatus, RegistrationWindow


def source_key(item) -> tuple[str, object]:
    """Items are frozen models without a path field; their files are looked up by kind and name."""
    return type(item).__name__, getattr(item, "slug", None) or getattr(item, "id", None)


def _sort_key(event: Event) -> tuple:
    start = event.start if isinstance(event.start, datetime) else datetime.combine(event.start, time.min)
    return (start, event.slug)


@dataclass(frozen=True)
class Catalogue:
    governorates: dict[str, Governorate]
    helplines: dict[str, Helpline]
    occasions: dict[str, Occasion]
    categories: dict[str, Category]
    centres: dict[str, Centre]
    articles: dict[str, Article]
    campaigns: dict[str, Campaign]
    events: dict[str, Event]
    services: dict[str, ServiceKind]
    # Optional (layout.LOCALITIES).
    localities: tuple[Locality, ...] = ()
    # Public holidays (layout.HOLIDAYS): every place with opening hours is closed.
    holidays: tuple[Holiday, ...] = ()
    # Yearly figures (content/data/figures/<year>.yml), by year: aggregated and suppressed.
    figures: dict = field(default_factory=dict)
    # The file each item was read from, relative to the content root (see `source`).
    sources: dict[tuple[str, object], str] = field(default_factory=dict, repr=False)

    def source(self, item) -> str:
        """The file `item` was read from, such as `events/2026/<slug>.yml`."""
        return self.sources[source_key(item)]

    def governorate_of(self, event: Event) -> Governorate:
        slug = event.governorate or self.centres[event.centre].governorate
        return self.governorates[slug]

    def aware(self, event: Event, value: datetime) -> datetime:
        """Content holds local wall-clock times; this attaches the governorate's zone."""
        return value.replace(tzinfo=self.governorate_of(event).tz)

    def sorted_events(self) -> list[Event]:
        return list(self._events_in_order)

    @cached_property
    def _events_in_order(self) -> tuple[Event, ...]:
        # Sorted once: every list page asks, and the catalogue never changes after loading.
        return tuple(sorted(self.events.values(), key=_sort_key))

    def upcoming(self, today: date) -> list[Event]:
        """Events not yet over, soonest first; cancelled ones stay listed, marked as such."""
        return [e for e in self.sorted_events() if e.end_date >= today]

    def past(self, today: date) -> list[Event]:
        return [e for e in reversed(self.sorted_events()) if e.end_date < today]

    def events_where(self, **match) -> list[Event]:
        if len(match) == 1 and all(match.values()):
            (key, value), = match.items()
            found = self._events_by(key).get(value) if isinstance(value, (str, Enum)) else None
            if found is not None:
                return list(found)
        events = self.sorted_events()
        governorate = match.pop("governorate", None)
        if governorate:
            events = [e for e in events if self.governorate_of(e).slug == governorate]
        return [e for e in events if all(getattr(e, k) == v for k, v in match.items())]

    @cached_property
    def _event_groups(self) -> dict[str, dict[object, list[Event]]]:
        return {}

    def _events_by(self, key: str) -> dict[object, list[Event]]:
        """Events by their value of `key`, in sorted_events() order, grouped once: the list pages of
        a large site asked for each governorate, type and campaign in turn, each time over all events."""
        if key not in self._event_groups:
            groups: dict[object, list[Event]] = {}
            for e in self.sorted_events():
                value = self.governorate_of(e).slug if key == "governorate" else getattr(e, key)
                if isinstance(value, (str, Enum)):
                    groups.setdefault(value, []).append(e)
            self._event_groups[key] = groups
        return self._event_groups[key]

    def open_for_registration(self, event: Event, today: date) -> bool:
        return event.registration_window(today) == RegistrationWindow.open

    def centres_by_governorate(self) -> list[tuple[Governorate, list[Centre]]]:
        groups = []
        for gov in self.governorates.values():
            centres = [c for c in self.centres.values() if c.governorate == gov.slug]
            if centres:
                groups.append((gov, centres))
        return groups

    def active_campaigns(self, today: date) -> list[Campaign]:
        return sorted((c for c in self.campaigns.values() if c.status(today) != CampaignStatus.ended), key=lambda c: c.start)

    def latest_articles(self, count: int) -> list[Article]:
        return sorted(self.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)[:count]
