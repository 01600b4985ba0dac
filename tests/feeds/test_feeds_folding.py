"""The site's calendars fold their lines with tawasul.ical.folded, which works on the encoded line
instead of icalendar's character-by-character loop. It must give exactly what icalendar's
Contentline.to_ical() gives: for every line of the sample events' VEVENTs, for lines whose cut falls
inside a two-, three- or four-octet character or right after a `\\` or `^` escape, and for many
lines drawn at random from characters that make folding hard."""
from __future__ import annotations

import random
from datetime import datetime, timezone

from icalendar.parser import Contentline
from support import ROOT

from tawasul import ical
from tawasul.loader import load_catalogue


def _event_lines() -> list[str]:
    cat = load_catalogue(ROOT)
    stamp = datetime(2026, 11, 29, 8, 0, tzinfo=timezone.utc)
    lines = []
    for event in cat.events.values():
        component = ical.vevent(cat, event, stamp=stamp, summary=event.title, description=event.title * 3,
                                url=f"https://example.org/events/{event.slug}/", categories=["ورشة", "توعية"])
        lines += [str(line) for line in component.content_lines() if line]
    assert len(lines) > 100
    return lines


def _edges() -> list[str]:
    """Lines of 70 to 80 octets and twice that, ending a segment on each kind of character."""
    lines = []
    for filler in ("a", "ب", "€", "😀"):
        for tail in ("", "\\", "^", "\\,", "^n", "ب", "😀", "\\\\", "a\\"):
            for length in range(60, 160):
                line = (filler * length)[: length // len(filler.encode())] + tail
                lines += [line, "X" + line, line + "Y" * 3, "\\" + line, "^^" + line]
    return lines


def _random_lines(count: int = 20_000) -> list[str]:
    rnd = random.Random(2026)
    alphabet = ["a", "Z", " ", ",", ";", ":", "\\", "^", "ب", "ة", "\u064b", "\u0640", "€", "😀", "\u200f", "\t"]
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 320))) for _ in range(count)]


def test_folded_lines_are_what_icalendar_gives():
    lines = _event_lines() + _edges() + _random_lines()
    different = [line for line in lines if ical.folded(line) != Contentline(line).to_ical()]
    assert different == []
    assert sum(1 for line in lines if len(line.encode()) > 75) > 10_000  # folding was exercised
