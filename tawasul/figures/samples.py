"""Sample activity records for the repository's sample figures (2025, 2026): made up, seeded,
the same every run. They stand in for what coordinators record in the form service, and
`python -m tawasul sample-figures` writes content/data/figures/<year>.yml from them exactly
as `flask export-figures` writes the real ones: aggregated, then suppressed.

Small governorates get few activities of some kinds and few boys, so the suppression shows.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from ..catalogue import Catalogue
from .aggregate import ActivityRecord, governorates_with_centres, publishable
from .files import figures_text

YEARS = (2025, 2026)
# The sample covers up to the day its export ran.
LAST_DAY = {2025: date(2025, 12, 31), 2026: date(2026, 11, 25)}
# Activities a year, roughly: the larger governorates do more.
SIZE = {"hebron": 34, "nablus": 30, "ramallah": 28, "jenin": 24, "bethlehem": 20, "tulkarm": 18,
        "jerusalem": 14, "qalqilya": 12, "salfit": 9, "tubas": 8, "jericho": 7}
KIND_WEIGHTS = {"awareness_meeting": 9, "workshop": 6, "training": 3, "coordination_meeting": 3,
                "occasion_event": 2, "campaign_activity": 4}
# (sex, age) -> (chance that the group comes at all, fewest, most) per kind of activity
PEOPLE = {
    "awareness_meeting": {("female", "adult"): (1, 12, 35), ("female", "under_18"): (0.4, 3, 15),
                          ("male", "adult"): (0.3, 1, 6), ("male", "under_18"): (0.05, 1, 3)},
    "workshop": {("female", "adult"): (1, 10, 22), ("female", "under_18"): (0.2, 2, 8), ("male", "adult"): (0.15, 1, 3)},
    "training": {("female", "adult"): (1, 8, 18)},
    "coordination_meeting": {("female", "adult"): (1, 4, 10), ("male", "adult"): (0.7, 1, 5)},
    "occasion_event": {("female", "adult"): (1, 25, 70), ("female", "under_18"): (0.6, 5, 25),
                       ("male", "adult"): (0.6, 3, 15), ("male", "under_18"): (0.2, 1, 6)},
    "campaign_activity": {("female", "adult"): (1, 15, 45), ("female", "under_18"): (0.5, 4, 18),
                          ("male", "adult"): (0.5, 2, 10), ("male", "under_18"): (0.1, 1, 4)},
}


def _people(rng: random.Random, kind: str) -> dict[tuple[str, str], int]:
    return {group: rng.randint(low, high) for group, (chance, low, high) in PEOPLE[kind].items()
            if rng.random() < chance}


def _organisations(cat: Catalogue, governorate: str) -> list[str]:
    members = [m.name for c in cat.centres.values() if c.governorate == governorate for m in c.members]
    return members or [f"مؤسسة شريكة – {cat.governorates[governorate].name} (اسم تجريبي)"]


def sample_records(cat: Catalogue, year: int) -> list[ActivityRecord]:
    rng = random.Random(f"tawasul-sample-figures-{year}")
    first, last = date(year, 1, 1), LAST_DAY[year]
    records = []
    for governorate in governorates_with_centres(cat):
        pool = _organisations(cat, governorate)
        campaigns = [c for c in cat.campaigns.values() if governorate in c.governorates
                     and c.start <= last and c.end >= first]
        count = max(3, round(SIZE.get(governorate, 10) * rng.uniform(0.85, 1.15)))
        for _ in range(count):
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            campaign = None
            if kind == "campaign_activity":
                if not campaigns:
                    kind = "awareness_meeting"  # no campaign ran here that year
                else:
                    campaign = rng.choice(campaigns).slug
            window = (first, last)
            if campaign:
                c = cat.campaigns[campaign]
                window = (max(first, c.start), min(last, c.end))
            day = window[0] + timedelta(days=rng.randint(0, (window[1] - window[0]).days))
            organisations = tuple(rng.sample(pool, k=min(len(pool), rng.randint(1, 2))))
            records.append(ActivityRecord(governorate, kind, day, _people(rng, kind), organisations, campaign))
    return records


def sample_figures_text(cat: Catalogue, year: int) -> str:
    governorates = governorates_with_centres(cat)
    published, campaigns = publishable(sample_records(cat, year), year, governorates)
    return figures_text(year, published, campaigns, governorates, sample=True,
                        note="Sample figures (عيّنة): made up by tawasul/figures/samples.py, not real.")


def write_samples(root: Path, cat: Catalogue, check: bool = False) -> list[Path]:
    """Write (or with `check`, list the out-of-date) sample figures files."""
    stale = []
    for year in YEARS:
        path = root / "content" / "data" / "figures" / f"{year}.yml"
        text = sample_figures_text(cat, year)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale
