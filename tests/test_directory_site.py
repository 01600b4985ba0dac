"""The referral directory in the built sample site: service pages that answer without JavaScript,
the governorate lists and their A4 print version, the HSDS 3.0 open data (validated against the
published schemas, vendored in tests/hsds/schema-3.0 with their licence), and the front-gate
rule: no confidential address anywhere in the site or the export."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import ROOT
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tawasul.directory import Directory
from tawasul.loader import load_catalogue
from tawasul.site.open_data import TABLES

CAT = load_catalogue(ROOT)
DIRECTORY = Directory(CAT)
SCHEMAS = Path(__file__).resolve().parent / "hsds" / "schema-3.0"
CONFIDENTIAL = [m for c in CAT.centres.values() for m in c.members if m.confidential]


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def validator(name: str) -> Draft202012Validator:
    """HSDS's schema files refer to each other by file name ("phone.json")."""
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
                 for path in SCHEMAS.glob("*.json")]
    registry = Registry().with_resources(resources)
    return Draft202012Validator(registry.contents(name), registry=registry, format_checker=FormatChecker())


def test_the_vendored_schema_is_hsds_3_0_with_its_licence():
    licence = (SCHEMAS / "LICENSE").read_text()
    assert "Human Services Data Specification" in licence and "Attribution-ShareAlike 4.0" in licence
    assert {"organization.json", "service.json", "location.json", "phone.json", "schedule.json"} <= {
        p.name for p in SCHEMAS.glob("*.json")}


@pytest.mark.parametrize("name, schema", [("organizations", "organization.json"), ("services", "service.json")])
def test_the_export_validates_against_the_hsds_schema(sample_site, name, schema):
    data = json.loads((sample_site / "open-data" / "hsds" / f"{name}.json").read_text(encoding="utf-8"))
    assert len(data) == (len(DIRECTORY.places) if name == "organizations"
                         else sum(len(p.offers) for p in DIRECTORY.places))
    check = validator(schema)
    errors = [f"{item['name']}: {error.message}" for item in data for error in check.iter_errors(item)]
    assert errors == []


def test_a_broken_record_fails_the_same_validation(sample_site):
    """The validation above can fail: an organisation without a name, a phone with a number
    that is not text, a schedule with an unknown frequency."""
    data = json.loads((sample_site / "open-data" / "hsds" / "organizations.json").read_text(encoding="utf-8"))
    broken = dict(data[0])
    del broken["name"]
    broken["phones"] = [{**broken["phones"][0], "number": 100}]
    broken["locations"] = [{**broken["locations"][0], "schedules": [{"id": broken["id"], "freq": "HOURLY"}]}]
    messages = [e.message for e in validator("organization.json").iter_errors(broken)]
    assert len(messages) == 3


def test_the_export_has_the_hours_services_and_last_verified(sample_site):
    data = json.loads((sample_site / "open-data" / "hsds" / "organizations.json").read_text(encoding="utf-8"))
    jenin = next(o for o in data if o["name"] == CAT.centres["jenin"].name)
    schedules = jenin["locations"][0]["schedules"]
    assert {"byday": "SU,MO,TU,WE,TH", "opens_at": "08:00", "closes_at": "15:00"}.items() <= schedules[0].items()
    ramadan = next(s for s in schedules if s.get("valid_from") == "2027-02-08")
    assert ramadan["opens_at"] == "09:00" and ramadan["valid_to"] == "2027-03-09"
    assert any(s["description"].startswith("مغلق: عيد الفطر") for s in schedules)
    services = {s["name"].split(" – ")[0] for s in jenin["services"]}
    assert services == {CAT.services[o.service].name for o in CAT.centres["jenin"].services}
    assert jenin["services"][0]["assured_date"] == CAT.centres["jenin"].verified.isoformat()


def test_the_csv_tables_hold_the_same_records(sample_site):
    folder = sample_site / "open-data" / "hsds"
    data = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    for table, columns in TABLES.items():
        raw = (folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Arabic only with the BOM
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0] == columns and len(rows) > 1
    services = list(csv.DictReader(io.StringIO((folder / "services.csv").read_bytes().decode("utf-8-sig"))))
    assert [row["id"] for row in services] == [s["id"] for s in data]


def test_no_confidential_address_anywhere_in_the_site_or_the_export(sample_site):
    assert len(CONFIDENTIAL) >= 2
    secrets = [m.address for m in CONFIDENTIAL]
    # Any fragment long enough to recognise: the street part before the first comma, too.
    secrets += [address.split("،")[0] for address in secrets]
    leaks = [(path.relative_to(sample_site).as_posix(), secret) for path in sample_site.rglob("*") if path.is_file()
             for secret in secrets if secret.encode("utf-8") in path.read_bytes()]
    assert leaks == []
    # …while the members themselves are listed, with their front-gate phone and the centre's address.
    for member in CONFIDENTIAL:
        centre = next(c for c in CAT.centres.values() if member in c.members)
        page = soup(sample_site, f"directory/{centre.governorate}").get_text()
        assert member.name in page and member.phone in page and centre.address in page


@pytest.mark.parametrize("service, governorate", [("family-protection-police", "hebron"), ("legal-counselling", "nablus"),
                                                  ("health", "jenin")])
def test_service_pages_answer_for_a_governorate(sample_site, service, governorate):
    page = soup(sample_site, f"services/{service}/{governorate}")
    assert page.h1.get_text(strip=True) == f"{CAT.services[service].name} في محافظة {CAT.governorates[governorate].name}"
    names = [p.select_one(".tw-card__title").get_text(" ", strip=True) for p in page.select(".tw-place")]
    here = [p.name for p in DIRECTORY.offering(service, governorate)]
    assert names[:len(here)] == here
    if not here:  # none in the governorate: said so, and the nearest elsewhere are given
        assert "لا نعرف بعد جهة تقدّم هذه الخدمة" in page.get_text()
        assert names and all(DIRECTORY.places[[p.name for p in DIRECTORY.places].index(n.split(" · ")[0])]
                             .offers_service(service) for n in names)


def test_generated_pages_stay_out_of_the_navigation(sample_site):
    nav = soup(sample_site, "services/health").select_one("nav.md-nav--primary")
    links = {a.get("href", "") for a in nav.select("a")} if nav else set()
    assert not any("services/" in href or "directory/" in href for href in links)


def test_the_print_version_is_a4_right_to_left_and_lists_every_service(sample_site):
    page = soup(sample_site, "directory/hebron/print")
    assert page.html["dir"] == "rtl" and page.html["lang"] == "ar"
    rows = page.select(".tw-directory-print tbody tr")
    offers = sum(len(p.offers) for p in DIRECTORY.in_governorate("hebron"))
    assert len(rows) == offers
    css = (sample_site / "assets" / "css" / "tawasul.css").read_text()
    assert "@page { size: A4;" in css
