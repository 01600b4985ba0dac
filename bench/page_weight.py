"""First-view weight of site pages, as a phone browser downloads them (GUIDE.md §6: ≤ 60 KB gzip).

    .venv/bin/python bench/page_weight.py                     # builds the sample site, measures home + a centre
    .venv/bin/python bench/page_weight.py --site site centres/ safety/

Each page is loaded in Debian's Chromium over loopback HTTP with an empty cache; every response is
recorded and its body gzipped (level 6, a common server setting). The budget counts HTML, CSS,
JavaScript and fonts; images (the favicon) and data fetched later (the finder's town list, only
when she types) are listed but not counted. Exits 1 if a page is over budget.
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
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_KB = 60
COUNTED = {"document", "stylesheet", "script", "font"}
DEFAULT_PAGES = ["", "centres/jenin/"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(dest: Path) -> Path:
    env = {**os.environ, "TAWASUL_TODAY": os.environ.get("TAWASUL_TODAY", "2026-11-29"), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)], cwd=ROOT, env=env,
                   check=True)
    return dest


def measure(base: str, paths: list[str]) -> list[tuple[str, list[tuple[str, str, int, int]]]]:
    from playwright.sync_api import sync_playwright

    report = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for path in paths:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + path, wait_until="load")
            rows = []
            for response in responses:
                body = response.body()
                rows.append((response.request.resource_type, response.url[len(base):] or "/", len(body),
                             len(gzip.compress(body, 6))))
            report.append((path or "/", rows))
            context.close()
        browser.close()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="First-view page weight, gzip")
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the sample site)")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            report = measure(f"http://127.0.0.1:{server.server_address[1]}/", args.paths)
        finally:
            server.shutdown()
    over = False
    for path, rows in report:
        print(f"\n{path}")
        for kind, url, raw, packed in rows:
            mark = "" if kind in COUNTED else "   (not counted)"
            print(f"  {kind:<10} {raw / 1024:7.1f} KB raw {packed / 1024:6.1f} KB gzip  {url}{mark}")
        total = sum(packed for kind, _, _, packed in rows if kind in COUNTED) / 1024
        over |= total > BUDGET_KB
        print(f"  first view (HTML + CSS + JS + fonts): {total:.1f} KB gzip; budget {BUDGET_KB} KB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
