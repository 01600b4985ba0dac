"""The site's settings, read once from mkdocs.yml (through MkDocs' own config, environment tags
resolved) into one typed object that the hook passes to every generator. Nothing else keeps a
copy of the site's name or address. Also the one reader of TAWASUL_TODAY (`today`), for the
build, the content model and the form service (forms_service/config.py) alike."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import dates, quick_exit

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def today() -> date:
    """`TAWASUL_TODAY=YYYY-MM-DD` when set (reproducible builds and tests, a server started as of
    another day), else today in Palestine. Read at each call: a running service turns to the
    next day at midnight, and a test may move its own day."""
    forced = os.environ.get("TAWASUL_TODAY", "").strip()
    return date.fromisoformat(forced) if forced else dates.palestine_today()


@dataclass(frozen=True)
class SiteSettings:
    site_name: str = "مراكز تواصل"
    # The public address (`site_url`): calendars, feeds and JSON-LD need absolute links.
    site_url: str = DEFAULT_SITE_URL
    # Where the form service answers, relative to the site's host (`extra.tawasul.forms_prefix`).
    forms_prefix: str = "/forms/"
    # Where «خروج سريع» takes her: one target for the site and the forms (tawasul/quick_exit.py).
    quick_exit_url: str = quick_exit.URL
    # The folder holding content/, campaigns/ and events/ (`extra.tawasul.content_root`).
    content_root: Path | None = None

    @classmethod
    def from_mkdocs(cls, config) -> "SiteSettings":
        extra = dict(config.extra.get("tawasul", {}))
        root = Path(config.config_file_path).parent / extra.get("content_root", ".")
        return cls(site_name=config.site_name, site_url=config.site_url or "", forms_prefix=extra["forms_prefix"],
                   content_root=root)
