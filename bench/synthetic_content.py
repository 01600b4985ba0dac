"""Write a synthetic content tree, laid out like the repository, of any size.

    python bench/synthetic_content.py ROOT [--events 2000] [--articles 300] [--campaigns 30]
                                           [--centres 11] [--seed 2026]

The tree has the repository's shared data (governorates, helplines, occasions, categories)
copied as they are, centres cloned from the repository's centre files, and generated awareness
articles, campaigns and events whose text is real Arabic from the sample content (corpus.py),
at the lengths the real content has. Same arguments and repository state, same files.
It must pass `python -m tawasul check ROOT`: the benchmark measures valid sites only.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, Corpus  # noqa: E402

SHARED_DATA = ("governorates.yml", "helplines.yml", "occasions.yml", "categories.yml", "services.yml")
EVENT_TYPES = ("workshop", "awareness_meeting", "training", "coordination_meeting")
TYPE_WORDS = {"workshop": "ورشة عمل", "awareness_meeting": "لقاء توعوي", "training": "دورة تدريبية",
              "coordination_meeting": "اجتماع تنسيقي", "occasion_event": "فعالية", "campaign_activity": "نشاط"}
VENUES = ("قاعة البلدية", "مقر المركز", "قاعة الغرفة التجارية", "مركز الشباب والرياضة",
          "قاعة جمعية نسوية محلية", "قاعة مديرية التربية والتعليم", "المركز الثقافي")
AUDIENCES = ("النساء من أعضاء الجمعيات النسوية والتعاونيات", "طالبات الجامعات والكليات",
             "الخريجات الباحثات عن عمل", "الأمهات وأولياء الأمور", "العاملات في القطاع الخاص",
             "ممثلو المؤسسات الأعضاء في الائتلاف", "المرشدات التربويات والأخصائيات الاجتماعيات",
             "النساء الريفيات وصاحبات المشاريع الصغيرة")
# Events spread over past and future around the benchmark's fixed "today" (2026-11-29).
FIRST_DAY, LAST_DAY = date(2025, 1, 1), date(2027, 6, 30)


@dataclass(frozen=True)
class Sizes:
    events: int = 2000
    articles: int = 300
    campaigns: int = 30
    centres: int = 11


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as a `|` block, the way a person would write a description."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_yaml(data), encoding="utf-8")


def _front_matter(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = _yaml(meta)
    path.write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Writer:
    def __init__(self, root: Path, sizes: Sizes, seed: int, repo: Path):
        self.root, self.sizes, self.repo = root, sizes, repo
        self.rng = random.Random(seed)
        self.text = Corpus(self.rng, repo)
        data = repo / "content" / "data"
        self.governorates = _load(data / "governorates.yml")
        self.occasions = _load(data / "occasions.yml")
        self.categories = _load(data / "categories.yml")
        self.centres: list[dict] = []  # {"slug", "governorate"} of every written centre
        self.campaigns: list[dict] = []  # {"slug", "start", "end", "governorates"}

    def day(self, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def shared_data(self) -> None:
        target = self.root / "content" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for name in SHARED_DATA:
            shutil.copy(self.repo / "content" / "data" / name, target / name)

    def centre_files(self) -> None:
        """The repository's centres first, then clones of them when more are asked for."""
        sources = sorted((self.repo / "content" / "data" / "centres").glob("*.yml"))
        for index in range(self.sizes.centres):
            source = sources[index % len(sources)]
            data = _load(source)
            slug = source.stem if index < len(sources) else f"{source.stem}-{index // len(sources) + 1}"
            if slug != source.stem:
                data["name"] = f"{data['name']} – فرع {index // len(sources) + 1}"
            _dump(self.root / "content" / "data" / "centres" / f"{slug}.yml", data)
            self.centres.append({"slug": slug, "governorate": data["governorate"]})

    def article_files(self) -> None:
        for index in range(self.sizes.articles):
            sections = []
            for _ in range(self.rng.randint(3, 6)):
                section = f"## {self.text.phrase(2, 5)}\n\n{self.text.paragraphs(self.rng.randint(1, 3), 2, 5)}"
                if self.rng.random() < 0.3:
                    section += "\n\n" + "\n".join(f"- {self.text.sentence()}" for _ in range(self.rng.randint(3, 5)))
                sections.append(section)
            meta = {"title": self.text.phrase(3, 7), "category": self.rng.choice(self.categories)["slug"],
                    "summary": self.text.sentences_text(1, 2), "date": self.day(FIRST_DAY, date(2026, 11, 29))}
            body = self.text.paragraphs(1, 2, 3) + "\n\n" + "\n\n".join(sections)
            _front_matter(self.root / "content" / "awareness" / f"article-{index + 1:04d}.md", meta, body)

    def campaign_files(self) -> None:
        gov_slugs = sorted({c["governorate"] for c in self.centres})
        for index in range(self.sizes.campaigns):
            start = self.day()
            end = start + timedelta(days=self.rng.randint(7, 45))
            slug = f"campaign-{start.year}-{index + 1:03d}"
            governorates = sorted(self.rng.sample(gov_slugs, self.rng.randint(1, min(5, len(gov_slugs)))))
            meta = {"title": f"حملة «{self.text.phrase(2, 5)}» {start.year}", "summary": self.text.sentences_text(1, 2),
                    "start": start, "end": end, "governorates": governorates,
                    "goals": [self.text.sentence() for _ in range(self.rng.randint(2, 4))],
                    "partners": ["وزارة شؤون المرأة", "وزارة التنمية الاجتماعية"][: self.rng.randint(0, 2)]}
            if self.rng.random() < 0.5:
                meta["occasion"] = self.rng.choice(self.occasions)["slug"]
            if self.rng.random() < 0.5:
                meta["hashtag"] = f"#حملة_{index + 1}"
            _front_matter(self.root / "campaigns" / f"{slug}.md", meta, self.text.paragraphs(self.rng.randint(2, 4)))
            self.campaigns.append({"slug": slug, "start": start, "end": end, "governorates": governorates})

    def event_data(self) -> dict:
        rng = self.rng
        centre = rng.choice(self.centres) if rng.random() < 0.85 else None
        governorate = centre["governorate"] if centre else rng.choice(self.governorates)["slug"]
        campaign = rng.choice(self.campaigns) if self.campaigns and rng.random() < 0.25 else None
        day = self.day(campaign["start"], campaign["end"]) if campaign else self.day()
        kind = "campaign_activity" if campaign else rng.choice(EVENT_TYPES)
        data: dict = {"title": f"{TYPE_WORDS[kind]} «{self.text.phrase(2, 6)}»", "type": kind}
        if rng.random() < 0.1:
            data["start"], data["end"] = day, day + timedelta(days=rng.randint(0, 2))
        else:
            start = datetime(day.year, day.month, day.day, rng.choice((9, 10, 11, 13, 16)), rng.choice((0, 30)))
            end = start + timedelta(minutes=rng.choice((90, 120, 150, 180)))
            data["start"], data["end"] = start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M")
        if centre:
            data["centre"] = centre["slug"]
        if not centre or rng.random() < 0.3:
            data["governorate"] = governorate
        gov_name = next(g["name"] for g in self.governorates if g["slug"] == governorate)
        data["venue"] = {"name": f"{rng.choice(VENUES)} (مكان تجريبي)", "address": f"وسط البلد، {gov_name}"}
        data["audience"] = rng.choice(AUDIENCES)
        data["summary"] = self.text.sentences_text(1, 2)
        if rng.random() < 0.6:
            data["description"] = self.text.paragraphs(rng.randint(1, 3), 2, 4)
        if campaign:
            data["campaign"] = campaign["slug"]
        elif rng.random() < 0.05:
            data["occasion"] = rng.choice(self.occasions)["slug"]
        self._status_and_registration(data, day)
        return data

    def _status_and_registration(self, data: dict, day: date) -> None:
        roll = self.rng.random()
        if roll < 0.03:
            data["status"] = "cancelled"
        elif roll < 0.06:
            data["status"] = "postponed"
            earlier = day - timedelta(days=7)
            data["previous_start"] = earlier if isinstance(data["start"], date) else f"{earlier} 10:00"
        if self.rng.random() < 0.2:
            data["registration"] = {"capacity": self.rng.choice((15, 20, 25, 30, 40, 60)),
                                    "opens": day - timedelta(days=30), "closes": day - timedelta(days=1),
                                    "audience": self.rng.choice(("individuals", "organisations", "both"))}

    def event_files(self) -> None:
        for index in range(self.sizes.events):
            data = self.event_data()
            start = data["start"]
            year = start.year if isinstance(start, date) else int(start[:4])
            slug = f"{data.get('governorate') or data['centre']}-{data['type'].replace('_', '-')}-{index + 1:05d}"
            _dump(self.root / "events" / str(year) / f"{slug}.yml", data)


def generate(root: str | Path, sizes: Sizes = Sizes(), seed: int = 2026, repo: Path = REPO) -> Path:
    """Write the tree into `root` (emptied first) and return it."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    writer = _Writer(root, sizes, seed, repo)
    writer.shared_data()
    writer.centre_files()
    writer.article_files()
    writer.campaign_files()
    writer.event_files()
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    defaults = Sizes()
    for name in ("events", "articles", "campaigns", "centres"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    sizes = Sizes(args.events, args.articles, args.campaigns, args.centres)
    generate(args.root, sizes, args.seed)
    print(f"wrote {sizes} into {args.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
