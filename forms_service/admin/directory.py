"""The referral directory's entries due for checking: centres and coalition members of her
governorate (all of them for the ministry) not verified for twelve months, oldest first.

Read-only for now: she updates `verified:` in the centre's file. Marking an entry as checked
in one click needs the web editor of content files («Centres publish…», issue 13)."""
from __future__ import annotations

from flask import render_template

from tawasul.directory import STALE_AFTER, Directory

from ..config import today
from . import scope


def to_check():
    cat, day = scope.catalogue(), today()
    entries = Directory(cat).stale(day, scope.governorate_filter())
    return render_template("admin/directory.html", catalogue=cat, entries=entries, today=day,
                           months=STALE_AFTER.days * 12 // 365)
