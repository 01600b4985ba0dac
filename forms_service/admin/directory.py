"""The referral directory's entries due for checking: centres and coalition members of her
governorate (all of them for the ministry) not verified for twelve months, oldest first.

Each entry links to its «آخر تحقّق» field in the centre editor (centre.py), where she records the check."""
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
