"""The validated content, and the questions pages and the form service ask of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property

from .schema import Article, Campaign, Category, Centre, Event, EventStatus, Governorate, Helpline, Locality, Occasion


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
    # Optional: a content tree without content/data/localities.yml simply has no gazetteer.
    localities: tuple[Locality, ...] = ()
    # Yearly figures (content/data/figures/<year>.yml), by year: aggregated and suppressed.
    figures: dict = field(default_factory=dict)

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
        events = self.sorted_events()
        governorate = match.pop("governorate", None)
        if governorate:
            events = [e for e in events if self.governorate_of(e).slug == governorate]
        return [e for e in events if all(getattr(e, k) == v for k, v in match.items())]

    def open_for_registration(self, event: Event, today: date) -> bool:
        reg = event.registration
        return bool(reg and event.status != EventStatus.cancelled and reg.opens <= today <= reg.closes
                    and event.start_date >= today)

    def centres_by_governorate(self) -> list[tuple[Governorate, list[Centre]]]:
        groups = []
        for gov in self.governorates.values():
            centres = [c for c in self.centres.values() if c.governorate == gov.slug]
            if centres:
                groups.append((gov, centres))
        return groups

    def active_campaigns(self, today: date) -> list[Campaign]:
        return sorted((c for c in self.campaigns.values() if c.status(today) != "ended"), key=lambda c: c.start)

    def latest_articles(self, count: int) -> list[Article]:
        return sorted(self.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)[:count]
