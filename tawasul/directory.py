"""The referral directory: every place that offers a service (centres and coalition members),
seen the same way by the site, the finder's data, the open-data export and the coordinators.

The front-gate rule lives here and only here: a confidential member is published with its own
phone and its centre's address and position, never its own address or coordinates.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .catalogue import Catalogue
from .hours import Hours
from .schema import Access, Accessibility, Centre, Member, MemberType, Offer

# An entry not checked for this long is listed for its coordinator to check (issue 16).
STALE_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class Place:
    """A centre or a coalition member as the public may see it."""
    key: str                  # stable: "<centre>" or "<centre>/<n>", for ids and anchors
    name: str
    centre: Centre            # the centre of its governorate (a centre is its own)
    member: Member | None
    phone: str | None
    address: str | None       # the centre's (front gate) for a confidential member; None if unknown
    lat: float                # for distances; a member without its own position takes its centre's
    lon: float
    positioned: bool          # lat/lon are the place's own (or its front gate's): fit to publish
    hours: Hours | None
    access: Access
    accessibility: tuple[Accessibility, ...]
    offers: tuple[Offer, ...]
    verified: date | None

    @property
    def governorate(self) -> str:
        return self.centre.governorate

    @property
    def is_centre(self) -> bool:
        return self.member is None

    @property
    def confidential(self) -> bool:
        return bool(self.member and self.member.confidential)

    @property
    def member_type(self) -> MemberType | None:
        return self.member.type if self.member else None

    def access_for(self, service: str) -> Access:
        return next((o.access for o in self.offers if o.service == service and o.access), self.access)

    def offers_service(self, service: str) -> bool:
        return any(o.service == service for o in self.offers)

    def stale(self, today: date) -> bool:
        return self.verified is None or today - self.verified > STALE_AFTER


def _centre_place(centre: Centre) -> Place:
    return Place(centre.slug, centre.name, centre, None, centre.contact.phone, centre.address, centre.lat,
                 centre.lon, True, centre.hours, centre.access, tuple(centre.accessibility), tuple(centre.services),
                 centre.verified)


def _member_place(centre: Centre, index: int, member: Member) -> Place:
    if member.confidential:
        # The front gate: never the member's own address or position.
        address, lat, lon, positioned = centre.address, centre.lat, centre.lon, True
    elif member.lat is not None:
        address, lat, lon, positioned = member.address, member.lat, member.lon, True
    else:
        address, lat, lon, positioned = member.address, centre.lat, centre.lon, False
    return Place(f"{centre.slug}/{index}", member.name, centre, member, member.phone, address, lat, lon,
                 positioned, member.hours, member.access, tuple(member.accessibility), tuple(member.services), member.verified)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


class Directory:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Centres and their members, by governorate order; members without services are not places."""
        found = []
        for _, centres in self.catalogue.centres_by_governorate():
            for centre in centres:
                found.append(_centre_place(centre))
                found.extend(_member_place(centre, index, member)
                             for index, member in enumerate(centre.members, start=1) if member.services)
        return tuple(found)

    def in_governorate(self, governorate: str) -> list[Place]:
        return [p for p in self.places if p.governorate == governorate]

    def offering(self, service: str, governorate: str | None = None) -> list[Place]:
        return [p for p in self.places if p.offers_service(service) and governorate in (None, p.governorate)]

    def nearest_elsewhere(self, service: str, governorate: str, count: int = 3) -> list[tuple[Place, float]]:
        """Places offering `service` outside `governorate`, nearest to its seat first."""
        seat = self.catalogue.governorates[governorate]
        others = [(p, distance_km(seat.lat, seat.lon, p.lat, p.lon)) for p in self.offering(service)
                  if p.governorate != governorate]
        return sorted(others, key=lambda pair: pair[1])[:count]

    def stale(self, today: date, governorate: str | None = None) -> list[Place]:
        """Entries not verified within STALE_AFTER (or never), oldest first."""
        found = [p for p in self.places if p.stale(today) and governorate in (None, p.governorate)]
        return sorted(found, key=lambda p: (p.verified or date.min, p.key))
