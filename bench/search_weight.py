"""What a first search costs: build the sample site (python -m tawasul build), serve it on
127.0.0.1, open the search page in Debian's Chromium, run one query, and count every byte the
browser fetched — before searching and for the first search — raw and gzip-compressed.

    .venv/bin/python bench/search_weight.py [QUERY] [--site DIR]

Pagefind's index and fragment files are already gzip-compressed by Pagefind, so their gzip figure
barely moves; the HTML, CSS and JS figures are what a server with gzip on sends.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "tests"))
from support.browser import CHROMIUM, CHROMIUM_ARGS as ARGS  # noqa: E402  (one Chromium setup)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def kind(url: str) -> str:
    if "/pagefind/" in url:
        name = url.rsplit("/", 1)[-1].split("?")[0]
        return "pagefind " + (name if "." in name and not name.startswith("ar_") else url.split("/pagefind/")[1].split("/")[0])
    return url.rsplit(".", 1)[-1].split("?")[0] if "." in url.rsplit("/", 1)[-1] else "html"


def measure(site: Path, query: str) -> dict:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    phases: dict[str, dict[str, list[int]]] = {"page": defaultdict(lambda: [0, 0, 0]), "search": defaultdict(lambda: [0, 0, 0])}
    phase = "page"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()

            def record(response):
                body = response.body() if response.ok else b""
                row = phases[phase][kind(response.url)]
                row[0] += 1
                row[1] += len(body)
                row[2] += len(gzip.compress(body, 6))

            page.on("response", record)
            page.goto(base + "search/", wait_until="networkidle")
            phase = "search"
            page.fill("#tw-search-q", query)
            page.press("#tw-search-q", "Enter")
            page.wait_for_selector(f'[data-tw-search][data-state="done"][data-query="{query}"]', state="attached")
            page.wait_for_load_state("networkidle")
            results = page.locator(".tw-search__results li").count()
            browser.close()
    finally:
        server.shutdown()
    return {"phases": phases, "results": results}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("query", nargs="?", default="حقوق المرأة")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            env = {**os.environ, "TAWASUL_TODAY": os.environ.get("TAWASUL_TODAY", "2026-11-29")}
            subprocess.run([sys.executable, "-m", "tawasul", "build", str(site)], cwd=ROOT, env=env, check=True)
        report = measure(site, args.query)
    print(f"query «{args.query}»: {report['results']} results shown")
    for phase, title in (("page", "search page before searching"), ("search", "first search")):
        rows = report["phases"][phase]
        print(f"\n{title}:")
        for name, (count, raw, gz) in sorted(rows.items()):
            print(f"  {name:<34} {count:>3} file(s) {raw / 1024:8.1f} KB raw {gz / 1024:8.1f} KB gzip")
        total_raw = sum(r[1] for r in rows.values())
        total_gz = sum(r[2] for r in rows.values())
        print(f"  {'total':<34} {sum(r[0] for r in rows.values()):>3} file(s) {total_raw / 1024:8.1f} KB raw {total_gz / 1024:8.1f} KB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
