"""The referral directory as open data, shaped by Open Referral's Human Services Data
Specification (HSDS) 3.0, so other referral platforms can take it in.

    open-data/hsds/organizations.json   every organisation, its services, locations and phones nested
    open-data/hsds/services.json        every service, its schedules… nested (HSDS "service" objects)
    open-data/hsds/<table>.csv          the same as HSDS tables: organizations, services, locations,
                                        addresses, phones, schedules, service_at_locations, accessibility

Everything comes from `tawasul.directory`, so a confidential member is exported with its front
gate only (its phone, the centre's address and position), exactly as the site shows it.
Ids are UUIDs derived from stable keys: the same entry keeps its id from one build to the next.
"""
from __future__ import annotations

import json
import uuid
from datetime import date

from ..directory import Place
from ..hours import DAY_ORDER, Holiday, Hours, clock_text
from ..schema import ACCESS_NAMES, ACCESSIBILITY_NAMES, MEMBER_TYPE_NAMES
from ..spreadsheets import csv_bytes
from .render import GeneratedFile, SiteContext

HSDS_VERSION = "3.0"
FOLDER = "open-data/hsds"
_NAMESPACE = uuid.UUID("6f1d7a52-6a4e-4f0e-9c56-2f3f1b0e7a16")  # this project's; never change it
_RRULE_DAY = {0: "MO", 1: "TU", 2: "WE", 3: "TH", 4: "FR", 5: "SA", 6: "SU"}

# The columns of each CSV table: the HSDS fields this export fills, in the specification's order.
TABLES = {
    "organizations": ["id", "name", "description", "email"],
    "services": ["id", "organization_id", "name", "description", "status", "application_process", "assured_date"],
    "locations": ["id", "location_type", "organization_id", "name", "description", "latitude", "longitude"],
    "addresses": ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    "phones": ["id", "organization_id", "location_id", "service_id", "number", "type", "description"],
    "schedules": ["id", "location_id", "valid_from", "valid_to", "freq", "wkst", "byday", "opens_at", "closes_at",
                  "description"],
    "service_at_locations": ["id", "service_id", "location_id"],
    "accessibility": ["id", "location_id", "description"],
}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _hhmm(minutes: int) -> str:
    return "23:59" if minutes >= 24 * 60 else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _week_rows(week: dict, location_id: str, key: str, valid: tuple[date, date] | None, label: str) -> list[dict]:
    """One weekly RRULE per distinct span, its days in BYDAY (Saturday first, as the week is read)."""
    by_span: dict = {}
    for day in DAY_ORDER:
        for span in week.get(day, ()):
            by_span.setdefault(span, []).append(day)
    rows = []
    for (start, end), days in by_span.items():
        row = {"id": _id("schedule", key, label, str(start), str(end)), "location_id": location_id,
               "freq": "WEEKLY", "wkst": "SA", "byday": ",".join(_RRULE_DAY[d] for d in days),
               "opens_at": _hhmm(start), "closes_at": _hhmm(end),
               "description": f"{label}: {clock_text(start)} – {clock_text(end)} (توقيت فلسطين المحلي)"}
        if valid:
            row.update(valid_from=valid[0].isoformat(), valid_to=valid[1].isoformat())
        rows.append(row)
    return rows


def _schedules(hours: Hours, holidays: tuple[Holiday, ...], today: date, location_id: str, key: str) -> list[dict]:
    rows = _week_rows(hours.week, location_id, key, None, "ساعات العمل")
    for exception in (*hours.exceptions, *holidays):
        if exception.end < today:
            continue
        week = getattr(exception, "week", None)
        if week:
            rows += _week_rows(week, location_id, key, (exception.start, exception.end), exception.name)
        else:  # closed: a dated entry with no opening time
            rows.append({"id": _id("schedule", key, "closed", exception.start.isoformat()), "location_id": location_id,
                         "valid_from": exception.start.isoformat(), "valid_to": exception.end.isoformat(),
                         "description": f"مغلق: {exception.name}"})
    return rows


class _Export:
    def __init__(self, ctx: SiteContext):
        self.ctx = ctx
        self.cat = ctx.catalogue
        self.tables: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.organizations: list[dict] = []
        self.services: list[dict] = []

    def place(self, place: Place) -> None:
        key = place.key
        org_id, loc_id = _id("organization", key), _id("location", key)
        gov = self.cat.governorates[place.governorate]
        description = (f"مركز تواصل في محافظة {gov.name}" if place.is_centre
                       else f"عضو في ائتلاف مركز تواصل – {gov.name} ({MEMBER_TYPE_NAMES[place.member_type]})")
        organization = {"id": org_id, "name": place.name, "description": description}
        if place.is_centre and place.centre.contact.email:
            organization["email"] = place.centre.contact.email
        phones = []
        if place.phone:
            phones.append({"id": _id("phone", key), "organization_id": org_id, "location_id": loc_id,
                           "number": place.phone, "type": "voice",
                           "description": "هاتف للتواصل (مدخل آمن)" if place.confidential else "الهاتف"})
        addresses = [{"id": _id("address", key), "location_id": loc_id, "address_1": place.address, "city": gov.name,
                      "state_province": gov.name, "postal_code": "", "country": "PS", "address_type": "physical"}
                     ] if place.address else []
        location = {"id": loc_id, "location_type": "physical", "organization_id": org_id,
                    "name": f"{place.centre.name} (للتواصل)" if place.confidential else place.name,
                    "addresses": addresses, "phones": phones}
        if place.positioned:
            location.update(latitude=place.lat, longitude=place.lon)
        if place.confidential:
            location["description"] = "عنوان هذه الجهة لا يُنشر؛ هذا عنوان مركز تواصل في المحافظة."
        location["accessibility"] = [{"id": _id("accessibility", key, a.value), "location_id": loc_id,
                                      "description": ACCESSIBILITY_NAMES[a]} for a in place.accessibility]
        location["schedules"] = _schedules(place.hours, self.cat.holidays, self.ctx.today, loc_id, key) \
            if place.hours else []
        services = [self.service(place, offer.service, org_id, loc_id) for offer in place.offers]
        organization.update(phones=phones, locations=[location], services=services)
        self.organizations.append(organization)
        self.services.extend(services)
        self.rows("organizations", [organization])
        self.rows("locations", [location])
        self.rows("addresses", addresses)
        self.rows("phones", phones)
        self.rows("accessibility", location["accessibility"])
        self.rows("schedules", location["schedules"])

    def service(self, place: Place, slug: str, org_id: str, loc_id: str) -> dict:
        kind = self.cat.services[slug]
        service_id = _id("service", place.key, slug)
        service = {"id": service_id, "organization_id": org_id, "name": f"{kind.name} – {place.name}",
                   "description": kind.description, "status": "active",
                   "application_process": ACCESS_NAMES[place.access_for(slug)],
                   "url": self.ctx.absolute(f"services/{slug}/{place.governorate}/"),
                   "service_at_locations": [{"id": _id("service_at_location", place.key, slug),
                                             "service_id": service_id, "location_id": loc_id}]}
        if place.verified:
            service["assured_date"] = place.verified.isoformat()
        self.rows("services", [service])
        self.rows("service_at_locations", service["service_at_locations"])
        return service

    def rows(self, table: str, items: list[dict]) -> None:
        self.tables[table].extend({column: item.get(column, "") for column in TABLES[table]} for item in items)


def export(ctx: SiteContext) -> _Export:
    result = _Export(ctx)
    for place in ctx.directory.places:
        result.place(place)
    return result


def files(ctx: SiteContext):
    result = export(ctx)
    for name, data in (("organizations", result.organizations), ("services", result.services)):
        text = json.dumps(data, ensure_ascii=False, indent=1)
        yield GeneratedFile(f"{FOLDER}/{name}.json", text.encode("utf-8"))
    for name, columns in TABLES.items():
        rows = [[row[c] for c in columns] for row in result.tables[name]]
        yield GeneratedFile(f"{FOLDER}/{name}.csv", csv_bytes(columns, rows))
